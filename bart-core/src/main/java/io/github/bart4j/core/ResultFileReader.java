package io.github.bart4j.core;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads bart4j's and the seed's result files; see {@code io.github.bart4j.core.ResultFiles}. */
final class ResultFileReader {

    private static final Logger LOG = LoggerFactory.getLogger(ResultFileReader.class);

    /** The longest CSV record or JSON line accepted (characters); longer ones are refused, not loaded. */
    public static final int MAX_RECORD_CHARS = 16 * 1024 * 1024;

    private static final char BOM = '\uFEFF';
    private static final int SNIFF_BYTES = 4096;
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,10}");
    private static final Pattern STARTLINE = Pattern.compile("^\\(startline \\d+\\)\\s*");

    private ResultFileReader() {
    }

    /**
     * Reads any supported result file, detected by its content. A CSV or JSON result file holding
     * a balloon twice is refused (see {@link Duplicates}).
     */
    public static List<BalloonResult> read(Path file) {
        Duplicates.Layout layout = layout(file);
        switch (layout) {
            case JOURNAL:
                return readJournal(file);
            case JSON: {
                List<BalloonResult> results = readJsonDocument(file);
                Duplicates.refuseWithin(file, layout, results);
                return results;
            }
            default: {
                List<BalloonResult> results = readCsv(file, UnaryOperator.identity());
                Duplicates.refuseWithin(file, layout, results);
                return results;
            }
        }
    }

    /**
     * Reads any supported result file as {@link #read(Path)} does, passing each result through
     * {@code each} as soon as it is decoded (a CSV that records its reward per pump is decoded row
     * by row, so only what {@code each} returns is kept: e.g. results without their decisions for
     * a large analysis).
     */
    public static List<BalloonResult> read(Path file, UnaryOperator<BalloonResult> each) {
        Duplicates.Layout layout = layout(file);
        if (layout == Duplicates.Layout.CSV) {
            List<BalloonResult> results = readCsv(file, each);
            Duplicates.refuseWithin(file, layout, results);
            return results;
        }
        List<BalloonResult> all = read(file);
        List<BalloonResult> out = new ArrayList<>(all.size());
        all.forEach(r -> out.add(each.apply(r)));
        return out;
    }

    /** How {@code file} holds results, recognised by its name and first bytes. */
    public static Duplicates.Layout layout(Path file) {
        String head = sniff(file);
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl")) {
            return Duplicates.Layout.JOURNAL;
        }
        int start = 0;
        while (start < head.length() && (Character.isWhitespace(head.charAt(start)) || head.charAt(start) == BOM)) {
            start++;
        }
        if (start == head.length()) {
            throw new ResultFileException(file, 0, "the file is empty; expected a result file "
                    + "(BART_combined CSV, BART_results JSON, the seed's JSON log or journal.jsonl)");
        }
        if (head.charAt(start) == '{') {
            int eol = head.indexOf('\n', start);
            String firstLine = (eol < 0 ? head.substring(start) : head.substring(start, eol)).strip();
            if (firstLine.equals("{") || name.endsWith(".json")) {
                return Duplicates.Layout.JSON;
            }
            return Duplicates.Layout.JOURNAL;
        }
        return Duplicates.Layout.CSV;
    }

    private static Reader open(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        PushbackReader in = new PushbackReader(new InputStreamReader(Files.newInputStream(file), decoder), 1);
        int first = in.read();
        if (first >= 0 && first != BOM) {
            in.unread(first);
        }
        return in;
    }

    /** The file's first bytes as text, for recognising the format; strict decoding comes later. */
    private static String sniff(Path file) {
        if (Files.isDirectory(file)) {
            throw new ResultFileException(file, 0, "this is a directory; expected a result file");
        }
        byte[] head = new byte[SNIFF_BYTES];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while (n < head.length && (r = in.read(head, n, head.length - n)) > 0) {
                n += r;
            }
        } catch (NoSuchFileException e) {
            throw new ResultFileException(file, 0, "the file does not exist", e);
        } catch (IOException e) {
            throw new ResultIoException("cannot read " + file + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) {
                throw new ResultFileException(file, 0, "the file holds NUL bytes; expected a text result file, "
                        + "but this looks binary");
            }
        }
        return new String(head, 0, n, StandardCharsets.UTF_8);
    }

    private static ResultFileException notText(Path file, long line, Exception e) {
        return new ResultFileException(file, line, "the file is not UTF-8 text (" + e.getClass().getSimpleName()
                + "); expected a CSV or JSON result file, but this looks binary", e);
    }

    /**
     * Counts characters and refuses to read more than {@link #MAX_RECORD_CHARS} past the start of
     * the last record returned, so a huge field fails fast instead of filling the heap.
     */
    private static final class LimitedReader extends FilterReader {
        private long read;
        private long recordStart;

        LimitedReader(Reader in) {
            super(in);
        }

        void recordStartsAt(long position) {
            recordStart = position;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count(1);
            }
            return c;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            int n = super.read(cbuf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws RecordTooLong {
            read += n;
            if (read - recordStart > MAX_RECORD_CHARS) {
                throw new RecordTooLong();
            }
        }
    }

    private static final class RecordTooLong extends IOException {
        private static final long serialVersionUID = 1L;

        RecordTooLong() {
            super("record too long");
        }
    }

    private static String tooLong() {
        return "a record is longer than " + MAX_RECORD_CHARS + " characters (the limit); this is not a result file";
    }

    // ---------------------------------------------------------------- CSV

    private static List<BalloonResult> readCsv(Path file, UnaryOperator<BalloonResult> each) {
        List<BalloonResult> out = new ArrayList<>();
        long lineBefore = 0;
        try (LimitedReader in = new LimitedReader(open(file));
             CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get().parse(in)) {
            Iterator<CSVRecord> records = parser.iterator();
            try {
                if (!records.hasNext()) {
                    throw new ResultFileException(file, 0, "the file is empty");
                }
                CSVRecord header = records.next();
                List<String> columns = header.toList();
                CsvLayout layout = CsvLayout.of(file, columns);
                List<Row> rows = new ArrayList<>();
                lineBefore = parser.getCurrentLineNumber();
                while (records.hasNext()) {
                    CSVRecord record = records.next();
                    long line = lineBefore + 1;
                    in.recordStartsAt(record.getCharacterPosition());
                    if (record.size() != columns.size()) {
                        throw new ResultFileException(file, line, "expected " + columns.size() + " fields as in the header, "
                                + "but found " + record.size());
                    }
                    if (layout.recordsReward()) { // nothing to infer: decode as we go
                        try {
                            out.add(each.apply(layout.decode(record.values(), SeedRows.SEED_REWARD))); // as inferReward gives
                        } catch (FormatProblem e) {
                            throw new ResultFileException(file, line, e.getMessage());
                        }
                    } else {
                        rows.add(new Row(line, record.values()));
                    }
                    lineBefore = parser.getCurrentLineNumber();
                }
                double reward = inferReward(layout, rows);
                for (Row row : rows) {
                    try {
                        out.add(each.apply(layout.decode(row.values, reward)));
                    } catch (FormatProblem e) {
                        throw new ResultFileException(file, row.line, e.getMessage());
                    }
                }
            } catch (UncheckedIOException e) {
                throw csvProblem(file, lineBefore + 1, e.getCause() != null ? e.getCause() : e);
            }
        } catch (IOException e) {
            throw csvProblem(file, lineBefore + 1, e);
        }
        return out;
    }

    private static RuntimeException csvProblem(Path file, long line, Throwable e) {
        if (e instanceof RecordTooLong) {
            return new ResultFileException(file, line, tooLong(), e);
        }
        if (e instanceof CharacterCodingException) {
            return notText(file, line, (Exception) e);
        }
        if (e instanceof org.apache.commons.csv.CSVException) {
            return new ResultFileException(file, line, "not valid CSV: "
                    + STARTLINE.matcher(String.valueOf(e.getMessage())).replaceFirst(""), e);
        }
        return new ResultIoException("cannot read " + file + ": " + e.getMessage(),
                e instanceof IOException io ? io : new IOException(e));
    }

    private record Row(long line, String[] values) {
    }

    /** The reward of the first cashed-out row with pumps, for files that do not record it. */
    private static double inferReward(CsvLayout layout, List<Row> rows) {
        for (Row row : rows) {
            Double r = layout.rewardHint(row.values);
            if (r != null) {
                return r;
            }
        }
        return SeedRows.SEED_REWARD;
    }

    /** Which columns a CSV has and how a row becomes a result. */
    private static final class CsvLayout {
        private final boolean bart4j;
        private final Map<String, Integer> index = new HashMap<>();

        private CsvLayout(boolean bart4j, List<String> columns) {
            this.bart4j = bart4j;
            for (int i = 0; i < columns.size(); i++) {
                index.putIfAbsent(columns.get(i), i);
            }
        }

        static CsvLayout of(Path file, List<String> columns) {
            if (columns.equals(CombinedCsv.SEED_COLUMNS)) {
                return new CsvLayout(false, columns);
            }
            if (columns.size() > CombinedCsv.SEED_COLUMNS.size()
                    && columns.subList(0, CombinedCsv.SEED_COLUMNS.size()).equals(CombinedCsv.SEED_COLUMNS)
                    && columns.contains("status")) {
                return new CsvLayout(true, columns);
            }
            String shown = String.join(",", columns);
            throw new ResultFileException(file, 1, "unknown header: expected the seed's columns '"
                    + String.join(",", CombinedCsv.SEED_COLUMNS) + "' (then bart4j's, starting with 'status'), "
                    + "but is: '" + SeedRows.abbreviate(shown) + "'");
        }

        private String cell(String[] row, String column) {
            Integer i = index.get(column);
            return i == null ? null : row[i];
        }

        /** Whether every row records its reward per pump (no inference over the rows needed). */
        boolean recordsReward() {
            return bart4j && index.containsKey("reward_per_pump");
        }

        Double rewardHint(String[] row) {
            if (bart4j && index.containsKey("reward_per_pump")) {
                return null;
            }
            try {
                int pumps = integer(row, "pumps_attempted");
                String burst = cell(row, "burst");
                double earnings = decimal(row, "earnings");
                String responses = cell(row, "full_responses");
                if ("False".equals(burst) && pumps > 0 && earnings > 0 && !responses.startsWith("ERROR")) {
                    return SeedRows.inferReward(earnings, pumps);
                }
            } catch (FormatProblem e) {
                // reported with its line when the row is decoded
            }
            return null;
        }

        BalloonResult decode(String[] row, double inferredReward) {
            String model = cell(row, "model");
            if (model.isEmpty()) {
                throw new FormatProblem("model must not be empty");
            }
            int id = integer(row, "balloon_id");
            int threshold = integer(row, "threshold_pumps");
            int pumps = integer(row, "pumps_attempted");
            boolean burst = bool(row, "burst");
            double earnings = decimal(row, "earnings");
            List<Decision> choices = SeedRows.choices(cell(row, "choices"));
            String responses = cell(row, "full_responses");
            return bart4j ? decodeBart4j(row, model, id, threshold, pumps, burst, earnings, choices, responses,
                    inferredReward)
                    : decodeSeed(model, id, threshold, pumps, burst, earnings, choices, responses, inferredReward);
        }

        private static BalloonResult decodeSeed(String model, int id, int threshold, int pumps, boolean burst,
                                                double earnings, List<Decision> choices, String responses,
                                                double reward) {
            Balloon balloon = balloon(id, "", SeedRows.SEED_MIN_PUMPS, Math.max(SeedRows.SEED_MAX_PUMPS, threshold),
                    threshold, reward);
            if (responses.startsWith("ERROR")) {
                return result(model, "", 1, balloon, pumps, burst, earnings, List.of(),
                        BalloonResult.Status.ERROR, ResultJson.errorText(responses));
            }
            List<String> answers = SeedRows.split(responses, CombinedCsv.RESPONSE_SEPARATOR);
            List<Turn> records = SeedRows.records(choices, answers, responses, List.of(),
                    TokenUsage.UNKNOWN, 0);
            return result(model, "", 1, balloon, pumps, burst, earnings, records, BalloonResult.Status.OK, null);
        }

        private BalloonResult decodeBart4j(String[] row, String model, int id, int threshold, int pumps,
                                           boolean burst, double earnings, List<Decision> choices, String responses,
                                           double inferredReward) {
            BalloonResult.Status status = status(cell(row, "status"));
            String error = emptyToNull(cell(row, "error"));
            int epoch = optionalInt(row, "epoch", 1);
            String persona = orEmpty(cell(row, "persona"));
            String type = orEmpty(cell(row, "balloon_type"));
            int min = optionalInt(row, "min_pumps", Math.min(SeedRows.SEED_MIN_PUMPS, threshold));
            int max = optionalInt(row, "max_pumps", Math.max(SeedRows.SEED_MAX_PUMPS, threshold));
            String rewardCell = cell(row, "reward_per_pump");
            double reward = rewardCell == null || rewardCell.isEmpty() ? inferredReward : decimal(row, "reward_per_pump");
            List<String> invalid = SeedRows.split(cell(row, "invalid_responses"), CombinedCsv.RESPONSE_SEPARATOR);
            Integer in = optionalInteger(row, "input_tokens");
            Integer out = optionalInteger(row, "output_tokens");
            String costCell = cell(row, "cost_usd");
            Double cost = costCell == null || costCell.isEmpty() ? null : decimal(row, "cost_usd");
            TokenUsage usage = in == null && out == null && cost == null ? TokenUsage.UNKNOWN
                    : new TokenUsage(in, out, cost);
            String latencyCell = cell(row, "latency_ms");
            long latency = latencyCell == null || latencyCell.isEmpty() ? 0 : longValue(latencyCell, "latency_ms");

            String answersText = responses;
            List<String> answers = SeedRows.split(responses, CombinedCsv.RESPONSE_SEPARATOR);
            if (status == BalloonResult.Status.ERROR) {
                // "ERROR: <cause>", then " | " and the valid answers when there were any
                String prefix = CombinedCsv.ERROR_PREFIX + (error == null ? "" : error) + CombinedCsv.RESPONSE_SEPARATOR;
                if (responses.startsWith(prefix)) {
                    answersText = responses.substring(prefix.length());
                    answers = answersText.isEmpty() ? List.of("")
                            : SeedRows.split(answersText, CombinedCsv.RESPONSE_SEPARATOR);
                } else if (responses.startsWith("ERROR")) {
                    if (error == null) {
                        error = ResultJson.errorText(responses);
                    }
                    answersText = "";
                    answers = List.of();
                }
            }
            List<Turn> records = SeedRows.records(choices, answers, answersText, invalid, usage, latency);
            Balloon balloon = balloon(id, type, min, max, threshold, reward);
            return result(model, persona, epoch, balloon, pumps, burst, earnings, records, status, error);
        }

        private int integer(String[] row, String column) {
            String v = cell(row, column);
            if (v == null || !INTEGER.matcher(v).matches()) {
                throw new FormatProblem(column + " must be a whole number, but is: '" + SeedRows.abbreviate(v) + "'");
            }
            long value = Long.parseLong(v);
            if (value != (int) value) {
                throw new FormatProblem(column + " must be a whole number up to " + Integer.MAX_VALUE + ", but is: " + v);
            }
            return (int) value;
        }

        private int optionalInt(String[] row, String column, int fallback) {
            String v = cell(row, column);
            return v == null || v.isEmpty() ? fallback : integer(row, column);
        }

        private Integer optionalInteger(String[] row, String column) {
            String v = cell(row, column);
            return v == null || v.isEmpty() ? null : integer(row, column);
        }

        private static long longValue(String v, String column) {
            if (!Pattern.matches("[-+]?\\d{1,18}", v)) {
                throw new FormatProblem(column + " must be a whole number, but is: '" + SeedRows.abbreviate(v) + "'");
            }
            return Long.parseLong(v);
        }

        private double decimal(String[] row, String column) {
            String v = cell(row, column);
            if (v == null || !DECIMAL.matcher(v).matches()) {
                throw new FormatProblem(column + " must be a number, but is: '" + SeedRows.abbreviate(v) + "'");
            }
            return Double.parseDouble(v);
        }

        private boolean bool(String[] row, String column) {
            String v = cell(row, column);
            if ("True".equals(v)) {
                return true;
            }
            if ("False".equals(v)) {
                return false;
            }
            throw new FormatProblem(column + " must be True or False, but is: '" + SeedRows.abbreviate(v) + "'");
        }

        private static BalloonResult.Status status(String v) {
            for (BalloonResult.Status s : BalloonResult.Status.values()) {
                if (s.label().equals(v)) {
                    return s;
                }
            }
            throw new FormatProblem("status must be ok or error, but is: '" + SeedRows.abbreviate(v) + "'");
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Balloon balloon(int id, String type, int min, int max, int threshold, double reward) {
        try {
            return new Balloon(id, type, min, max, threshold, reward);
        } catch (IllegalArgumentException e) {
            throw new FormatProblem(e.getMessage());
        }
    }

    private static BalloonResult result(String model, String persona, int epoch, Balloon balloon, int pumps,
                                        boolean burst, double earnings, List<Turn> records,
                                        BalloonResult.Status status, String error) {
        try {
            return new BalloonResult(model, persona, epoch, balloon, pumps, burst, earnings, records, status, error);
        } catch (IllegalArgumentException e) {
            throw new FormatProblem(e.getMessage());
        }
    }

    // ---------------------------------------------------------------- JSON Lines

    /**
     * Reads a journal: one result object per line. Blank lines are skipped; a last line that is
     * not complete JSON or not complete UTF-8 (a crash mid-write) is ignored; any other bad line
     * is an error. A balloon recorded twice (asked again after an error) counts once, as its later record.
     */
    public static List<BalloonResult> readJournal(Path file) {
        List<BalloonResult> out = new ArrayList<>();
        readJournal(file, out::add);
        return latestPerBalloon(out);
    }

    /** Every record of a journal in file order (none dropped as repeated), ignoring an incomplete last line. */
    public static void readJournal(Path file, java.util.function.Consumer<BalloonResult> out) {
        ResultJson.Defaults defaults = new ResultJson.Defaults(null, SeedRows.SEED_MIN_PUMPS,
                SeedRows.SEED_MAX_PUMPS, SeedRows.SEED_REWARD);
        long lineNumber = 0;
        try (InputStream in = Files.newInputStream(file)) {
            LineSource lines = new LineSource(in);
            byte[] bytes;
            ResultFileException pending = null;
            long pendingLength = 0;
            int[] next = new int[1];
            while (true) {
                if (pending == null) { // bart4j's own layout, decoded where it lies in the buffer
                    lines.fill();
                    BalloonResult ours = JournalLineDecoder.decodeTerminated(lines.buf, lines.pos, lines.end, next);
                    if (ours != null) {
                        lines.pos = next[0];
                        lineNumber++;
                        out.accept(ours);
                        continue;
                    }
                }
                if ((bytes = lines.next()) == null) {
                    break;
                }
                lineNumber++;
                if (pending != null) {
                    if (isBlank(bytes)) {
                        continue;
                    }
                    throw pending;
                }
                BalloonResult ours = JournalLineDecoder.decode(bytes, 0, bytes.length);
                if (ours != null) { // bart4j's own layout, read fast; any other line as below
                    out.accept(ours);
                    continue;
                }
                String line;
                try {
                    line = utf8(bytes, lineNumber == 1);
                } catch (CharacterCodingException e) {
                    pending = notText(file, lineNumber, e);
                    pendingLength = bytes.length;
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = ResultJson.MAPPER.readTree(line);
                } catch (JsonProcessingException e) {
                    pending = new ResultFileException(file, lineNumber, "not a JSON object: " + e.getOriginalMessage(), e);
                    pendingLength = bytes.length;
                    continue;
                }
                BalloonResult decoded;
                try {
                    decoded = ResultJson.decode(node, defaults);
                } catch (FormatProblem e) {
                    throw new ResultFileException(file, lineNumber, e.getMessage());
                }
                out.accept(decoded);
            }
            if (pending != null) {
                LOG.warn("{} line {}: ignored an incomplete last line ({} bytes), left by an interrupted write",
                        file, pending.line(), pendingLength);
            }
        } catch (RecordTooLong e) {
            throw new ResultFileException(file, lineNumber + 1, "a line is longer than " + MAX_RECORD_CHARS
                    + " bytes (the limit); this is not a journal", e);
        } catch (NoSuchFileException e) {
            throw new ResultFileException(file, 0, "the file does not exist", e);
        } catch (IOException e) {
            throw new ResultIoException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Keeps the last record of each (participant, persona, epoch, balloon), in the order of those records. */
    private static List<BalloonResult> latestPerBalloon(List<BalloonResult> records) {
        java.util.Map<BalloonResult.Key, BalloonResult> latest = new java.util.LinkedHashMap<>();
        for (BalloonResult r : records) {
            latest.remove(r.key());
            latest.put(r.key(), r);
        }
        return latest.size() == records.size() ? records : new ArrayList<>(latest.values());
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String utf8(byte[] bytes, boolean first) throws CharacterCodingException {
        String s = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        return first && !s.isEmpty() && s.charAt(0) == BOM ? s.substring(1) : s;
    }

    /** Lines of a byte stream split at LF (which never occurs inside a UTF-8 sequence), each at most the limit. */
    private static final class LineSource {
        private final InputStream in;
        private final byte[] buf = new byte[1 << 18];
        private int pos;
        private int end;
        private boolean eof;

        LineSource(InputStream in) {
            this.in = in;
        }

        /** Keeps at least 64 KiB ahead in the buffer unless the stream ends first, so that lines mostly lie whole in it. */
        void fill() throws IOException {
            if (eof || end - pos >= 1 << 16) {
                return;
            }
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            pos = 0;
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        }

        byte[] next() throws IOException {
            ByteArrayOutputStream line = null;
            while (true) {
                if (pos == end) {
                    if (eof) {
                        return line == null ? null : line.toByteArray();
                    }
                    end = in.read(buf, 0, buf.length);
                    pos = 0;
                    if (end <= 0) {
                        end = 0;
                        eof = true;
                        continue;
                    }
                }
                int start = pos;
                while (pos < end && buf[pos] != '\n') {
                    pos++;
                }
                if (line == null && pos < end && pos - start <= MAX_RECORD_CHARS) { // a whole line in the buffer
                    pos++;
                    return java.util.Arrays.copyOfRange(buf, start, pos - 1);
                }
                if (line == null) {
                    line = new ByteArrayOutputStream(Math.max(64, pos - start));
                }
                line.write(buf, start, pos - start);
                if (line.size() > MAX_RECORD_CHARS) {
                    throw new RecordTooLong();
                }
                if (pos < end) {
                    pos++;
                    return line.toByteArray();
                }
            }
        }
    }

    // ---------------------------------------------------------------- JSON documents

    private static List<BalloonResult> readJsonDocument(Path file) {
        JsonNode root;
        try (Reader in = open(file)) {
            root = ResultJson.MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ResultFileException(file, at == null ? 0 : Math.max(0, at.getLineNr()),
                    "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (CharacterCodingException e) {
            throw notText(file, 0, e);
        } catch (IOException e) {
            throw new ResultIoException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ResultFileException(file, 0, "expected a JSON object with \"results\", but the file holds "
                    + ResultJson.kind(root));
        }
        if (!root.has("results")) {
            if (root.has("balloon_id")) {
                try {
                    return List.of(ResultJson.decode(root, new ResultJson.Defaults(null, SeedRows.SEED_MIN_PUMPS,
                            SeedRows.SEED_MAX_PUMPS, SeedRows.SEED_REWARD)));
                } catch (FormatProblem e) {
                    throw new ResultFileException(file, 0, e.getMessage());
                }
            }
            throw new ResultFileException(file, 0, "unknown JSON layout: expected a \"results\" list "
                    + "(BART_results.json or the seed's JSON log), but the keys are " + keys(root));
        }
        JsonNode results = root.get("results");
        if (!results.isArray()) {
            throw new ResultFileException(file, 0, "\"results\" must be a list, but is: " + ResultJson.kind(results));
        }
        ResultJson.Defaults defaults = defaults(root, results);
        List<BalloonResult> out = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            try {
                out.add(ResultJson.decode(results.get(i), defaults));
            } catch (FormatProblem e) {
                throw new ResultFileException(file, 0, "results[" + i + "]: " + e.getMessage());
            }
        }
        return out;
    }

    private static String keys(JsonNode root) {
        List<String> names = new ArrayList<>();
        root.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }

    /**
     * The seed's per-model log keeps the model at the top and the range and reward in
     * {@code config}; bart4j's keeps them in {@code parameters} (and in each result).
     */
    private static ResultJson.Defaults defaults(JsonNode root, JsonNode results) {
        String model = root.path("model").isTextual() ? root.get("model").asText() : null;
        JsonNode config = root.path("config").isObject() ? root.get("config") : root.path("parameters");
        int min = config.path("min_pumps").canConvertToInt() ? config.get("min_pumps").intValue()
                : SeedRows.SEED_MIN_PUMPS;
        int max = config.path("max_pumps").canConvertToInt() ? config.get("max_pumps").intValue()
                : SeedRows.SEED_MAX_PUMPS;
        double reward;
        if (config.path("reward_per_pump").isNumber()) {
            reward = config.get("reward_per_pump").doubleValue();
        } else {
            reward = SeedRows.SEED_REWARD;
            for (JsonNode r : results) {
                if (r.path("burst").isBoolean() && !r.get("burst").booleanValue()
                        && r.path("pumps_attempted").canConvertToInt() && r.get("pumps_attempted").intValue() > 0
                        && r.path("earnings").isNumber() && r.get("earnings").doubleValue() > 0) {
                    reward = SeedRows.inferReward(r.get("earnings").doubleValue(), r.get("pumps_attempted").intValue());
                    break;
                }
            }
        }
        return new ResultJson.Defaults(model, Math.max(1, min), Math.max(1, max), reward);
    }
}
