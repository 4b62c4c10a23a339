package io.github.bart4j.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ResultFileException;
import io.github.bart4j.core.ResultFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * A run's journal in the stable order of its result files (participants and personas in config
 * order, then epoch, then balloon id; a balloon recorded more than once as its last record), read
 * in bounded memory: one pass splits the journal into bucket files of at most {@value #CHUNK}
 * balloons of one (participant, persona, epoch), copying each line as it is (only the keys that
 * place it are read), and each iteration reads the buckets back one at a time, decoding them with
 * {@link ResultFiles#readJournal}, which checks every record. Memory holds one bucket, whatever the
 * size of the run. Iterable any number of times; {@link #close()} deletes the buckets.
 */
final class SortedJournal implements Iterable<BalloonResult>, AutoCloseable {

    static final int CHUNK = 5_000;
    private static final int OPEN_WRITERS = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path journal;
    private final Path dir;
    private final int buckets;
    /** Bucket files per bucket: one per part of the journal sorted at the same time. */
    private int parts = 1;
    private long size;

    private SortedJournal(Path journal, Path dir, int buckets) {
        this.journal = journal;
        this.dir = dir;
        this.buckets = buckets;
    }

    /**
     * Sorts {@code journal} (which may be missing: no results) into a temporary directory.
     *
     * @throws IllegalStateException if a record belongs to no arm, epoch or balloon of the run
     * @throws ResultFileException if a line is not a JSON object (an incomplete last line, left by
     *     a crash mid-write, is ignored as {@link ResultFiles#readJournal} ignores it)
     */
    static SortedJournal sort(Path journal, List<Experiment.Arm> arms, int epochs, int scheduleSize) {
        int chunks = Math.max(1, (scheduleSize + CHUNK - 1) / CHUNK);
        Map<String, Integer> armIndex = new HashMap<>();
        for (int i = 0; i < arms.size(); i++) {
            armIndex.putIfAbsent(arms.get(i).participant().name() + "\u0000" + arms.get(i).persona(), i);
        }
        try {
            SortedJournal sorted = new SortedJournal(journal, Files.createTempDirectory("bart4j-sort-"),
                    Math.multiplyExact(Math.multiplyExact(arms.size(), epochs), chunks));
            if (!Files.exists(journal)) {
                return sorted;
            }
            long size = Files.size(journal);
            long half = size < SPLIT_FROM ? size : afterLineBreak(journal, size / 2);
            Part first = new Part(sorted, 0, 0, half, armIndex, epochs, chunks, scheduleSize);
            Part second = new Part(sorted, 1, half, size, armIndex, epochs, chunks, scheduleSize);
            if (half < size) { // the second half in a second thread: each line goes to its part's bucket files
                sorted.parts = 2;
                Thread t = new Thread(second, "bart-sort-journal");
                t.setDaemon(true);
                t.start();
                try {
                    first.run();
                } finally {
                    Outputs.joinUninterruptibly(t);
                }
            } else {
                first.run();
            }
            first.rethrow(0);
            second.rethrow(first.lines); // its line numbers follow the first part's
            sorted.size = first.records + second.records;
            return sorted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sort " + journal + " in the temporary directory: " + e.getMessage(),
                    e);
        }
    }

    /** Journals at least this long are split in two parts, sorted at the same time. */
    static final long SPLIT_FROM = 8L << 20;

    /** The offset just after the first line break at or after {@code from}, or {@code size} if there is none. */
    private static long afterLineBreak(Path journal, long from) throws IOException {
        try (java.nio.channels.FileChannel in = java.nio.channels.FileChannel.open(journal)) {
            java.nio.ByteBuffer block = java.nio.ByteBuffer.allocate(1 << 16);
            for (long at = from; at < in.size(); ) {
                block.clear();
                int n = in.read(block, at);
                if (n <= 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if (block.get(i) == '\n') {
                        return at + i + 1;
                    }
                }
                at += n;
            }
            return in.size();
        }
    }

    /** The lines of the journal in {@code [from, to)} (whole lines), copied to this part's bucket files. */
    private static final class Part implements Runnable {
        private final SortedJournal sorted;
        private final int part;
        private final long from;
        private final long to;
        private final Map<String, Integer> armIndex;
        private final int epochs;
        private final int chunks;
        private final int scheduleSize;
        long lines;
        long records;
        private Throwable failure;

        Part(SortedJournal sorted, int part, long from, long to, Map<String, Integer> armIndex, int epochs,
             int chunks, int scheduleSize) {
            this.sorted = sorted;
            this.part = part;
            this.from = from;
            this.to = to;
            this.armIndex = armIndex;
            this.epochs = epochs;
            this.chunks = chunks;
            this.scheduleSize = scheduleSize;
        }

        @Override
        public void run() {
            if (from >= to) {
                return;
            }
            try {
                copy();
            } catch (Throwable e) {
                failure = e;
            }
        }

        /** Throws what went wrong in this part; a line number counts {@code linesBefore} more. */
        void rethrow(long linesBefore) throws IOException {
            if (failure instanceof ResultFileException e && linesBefore > 0) {
                throw new ResultFileException(e.file(), e.line() + linesBefore, e.problem(), e.getCause());
            }
            if (failure instanceof IOException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        }

        private void copy() throws IOException {
            Path journal = sorted.journal;
            Map<Integer, OutputStream> open = new LinkedHashMap<>(16, 0.75f, true);
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(journal);
                 InputStream in = limited(java.nio.channels.Channels.newInputStream(channel.position(from)),
                         to - from)) {
                Lines reader = new Lines(in);
                for (Lines.Line line = reader.next(); line != null; line = reader.next()) {
                    lines++;
                    boolean fileStart = part == 0 && lines == 1;
                    int skip = fileStart && line.length() >= 3 && line.bytes()[0] == (byte) 0xEF
                            && line.bytes()[1] == (byte) 0xBB && line.bytes()[2] == (byte) 0xBF ? 3 : 0; // a BOM
                    // an unterminated last line may be torn by a crash: only a complete JSON object counts
                    Key key = line.last() || skip > 0 ? null : Key.of(line.bytes(), line.length());
                    if (key == null) {
                        key = Key.parse(journal, lines, line);
                        if (key == null) {
                            continue; // blank, or the incomplete last line of a crash
                        }
                    }
                    Integer arm = armIndex.get(key.participant() + "\u0000" + key.persona());
                    int id = key.id();
                    if (arm == null || key.epoch() < 1 || key.epoch() > epochs || id < 1 || id > scheduleSize) {
                        throw new IllegalStateException(journal + ": balloon " + id + " of " + key.participant()
                                + " (persona '" + key.persona() + "', epoch " + key.epoch()
                                + ") is not part of this run");
                    }
                    int bucket = (arm * epochs + key.epoch() - 1) * chunks + (id - 1) / CHUNK;
                    OutputStream out = writer(sorted, open, bucket, part);
                    out.write(line.bytes(), skip, line.length() - skip);
                    out.write('\n');
                    records++;
                }
            } finally {
                for (OutputStream w : open.values()) {
                    w.close();
                }
            }
        }
    }

    /** {@code in} ending after {@code length} bytes. */
    private static InputStream limited(InputStream in, long length) {
        return new java.io.FilterInputStream(in) {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
    }

    private static OutputStream writer(SortedJournal sorted, Map<Integer, OutputStream> open, int bucket, int part)
            throws IOException {
        OutputStream w = open.get(bucket);
        if (w == null) {
            if (open.size() >= OPEN_WRITERS) {
                Iterator<Map.Entry<Integer, OutputStream>> eldest = open.entrySet().iterator();
                eldest.next().getValue().close();
                eldest.remove();
            }
            w = new BufferedOutputStream(Files.newOutputStream(sorted.bucket(bucket, part), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND), 1 << 16);
            open.put(bucket, w);
        }
        return w;
    }

    /** What places a record: its participant, persona, epoch and balloon id. */
    private record Key(String participant, String persona, int epoch, int id) {

        private static final byte[] MODEL = "{\"model\":\"".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] ID = ",\"balloon_id\":".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] EPOCH = ",\"epoch\":".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] PERSONA = ",\"persona\":\"".getBytes(StandardCharsets.US_ASCII);

        /**
         * The key of a line in the layout bart4j writes ({@code {"model":"..","balloon_id":N,
         * "epoch":N,"persona":"..",}, plain ASCII names), or {@code null} for any other line.
         */
        static Key of(byte[] b, int length) {
            int[] at = {0};
            if (!skip(b, length, at, MODEL)) {
                return null;
            }
            String model = plain(b, length, at);
            if (model == null || !skip(b, length, at, ID)) {
                return null;
            }
            int id = number(b, length, at);
            if (id < 0 || !skip(b, length, at, EPOCH)) {
                return null;
            }
            int epoch = number(b, length, at);
            if (epoch < 0 || !skip(b, length, at, PERSONA)) {
                return null;
            }
            String persona = plain(b, length, at);
            if (persona == null || at[0] >= length || b[at[0]] != ',') {
                return null;
            }
            return new Key(model, persona, epoch, id);
        }

        /** The key of any other line, read as JSON; {@code null} for a blank line or an incomplete last line. */
        static Key parse(Path journal, long number, Lines.Line line) {
            String text = new String(line.bytes(), 0, line.length(), StandardCharsets.UTF_8);
            if (text.isBlank()) {
                return null;
            }
            JsonNode node;
            try {
                node = JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
            } catch (IOException e) {
                if (line.last()) {
                    return null; // as ResultFiles.readJournal: a crash mid-write
                }
                throw new ResultFileException(journal, number, "not a JSON object: " + e.getMessage(), e);
            }
            if (node == null || !node.isObject()) {
                throw new ResultFileException(journal, number, "a result must be a JSON object");
            }
            return new Key(node.path("model").asText(""), node.path("persona").asText(""),
                    node.path("epoch").asInt(1), node.path("balloon_id").asInt(0));
        }

        private static boolean skip(byte[] b, int length, int[] at, byte[] expected) {
            if (at[0] + expected.length > length) {
                return false;
            }
            for (int i = 0; i < expected.length; i++) {
                if (b[at[0] + i] != expected[i]) {
                    return false;
                }
            }
            at[0] += expected.length;
            return true;
        }

        /** Text up to the closing quote, printable ASCII without escapes; {@code null} otherwise. */
        private static String plain(byte[] b, int length, int[] at) {
            int start = at[0];
            for (int i = start; i < length; i++) {
                if (b[i] == '"') {
                    at[0] = i + 1;
                    return new String(b, start, i - start, StandardCharsets.ISO_8859_1);
                }
                if (b[i] < 0x20 || b[i] == '\\') {
                    return null;
                }
            }
            return null;
        }

        /** A whole number of at most 9 digits; -1 otherwise. */
        private static int number(byte[] b, int length, int[] at) {
            int v = 0;
            int start = at[0];
            int i = start;
            while (i < length && b[i] >= '0' && b[i] <= '9' && i - start < 9) {
                v = v * 10 + b[i] - '0';
                i++;
            }
            if (i == start || (i < length && b[i] >= '0' && b[i] <= '9')) {
                return -1;
            }
            at[0] = i;
            return v;
        }
    }

    /** The lines of a byte stream, split at LF (which never occurs inside a UTF-8 sequence). */
    private static final class Lines {
        private final InputStream in;
        private byte[] buf = new byte[1 << 16];
        private int pos;
        private int end;
        private boolean eof;
        private byte[] line = new byte[1 << 12];

        /** A line's bytes are valid until the next call of {@link #next()}. */
        record Line(byte[] bytes, int length, boolean last) {
        }

        Lines(InputStream in) {
            this.in = in;
        }

        Line next() throws IOException {
            int length = 0;
            while (true) {
                if (pos == end) {
                    if (eof || (end = in.read(buf, 0, buf.length)) <= 0) {
                        eof = true;
                        end = 0;
                        pos = 0;
                        return length == 0 ? null : new Line(line, length, true);
                    }
                    pos = 0;
                }
                int start = pos;
                while (pos < end && buf[pos] != '\n') {
                    pos++;
                }
                int n = pos - start;
                if (length + n > line.length) {
                    line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, length + n));
                }
                System.arraycopy(buf, start, line, length, n);
                length += n;
                if (pos < end) {
                    pos++;
                    return new Line(line, length, false);
                }
            }
        }
    }

    private Path bucket(int index, int part) {
        return dir.resolve(index + "." + part + ".jsonl");
    }

    /** Records in the journal (a balloon recorded twice counts twice). */
    long records() {
        return size;
    }

    @Override
    public Iterator<BalloonResult> iterator() {
        return new Iterator<>() {
            int next;
            Iterator<BalloonResult> current = List.<BalloonResult>of().iterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && next < buckets) {
                    int index = next++;
                    // one (participant, persona, epoch): a balloon recorded again counts as its last record
                    Map<Integer, BalloonResult> latest = new LinkedHashMap<>();
                    for (int part = 0; part < parts; part++) {
                        Path file = bucket(index, part);
                        if (Files.exists(file)) {
                            try {
                                for (BalloonResult r : ResultFiles.readJournal(file)) {
                                    latest.put(r.balloon().id(), r);
                                }
                            } catch (ResultFileException e) { // name the journal, not the temporary bucket
                                throw new ResultFileException(journal, 0, e.problem(), e);
                            }
                        }
                    }
                    List<BalloonResult> chunk = new java.util.ArrayList<>(latest.values());
                    chunk.sort(Comparator.comparingInt(r -> r.balloon().id()));
                    current = chunk.iterator();
                }
                return current.hasNext();
            }

            @Override
            public BalloonResult next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
