package io.github.bart4j.examples.cli;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ResultFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
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
 * balloons of one (participant, persona, epoch), and each iteration reads the buckets back one at
 * a time. Memory holds one bucket, whatever the size of the run. Iterable any number of times;
 * {@link #close()} deletes the buckets.
 */
final class SortedJournal implements Iterable<BalloonResult>, AutoCloseable {

    static final int CHUNK = 5_000;
    private static final int OPEN_WRITERS = 64;

    private final Path dir;
    private final int buckets;
    private long size;

    private SortedJournal(Path dir, int buckets) {
        this.dir = dir;
        this.buckets = buckets;
    }

    /**
     * Sorts {@code journal} (which may be missing: no results) into a temporary directory.
     *
     * @throws IllegalStateException if a record belongs to no arm, epoch or balloon of the run
     */
    static SortedJournal sort(Path journal, List<Experiment.Arm> arms, int epochs, int scheduleSize) {
        int chunks = Math.max(1, (scheduleSize + CHUNK - 1) / CHUNK);
        Map<String, Integer> armIndex = new HashMap<>();
        for (int i = 0; i < arms.size(); i++) {
            armIndex.putIfAbsent(arms.get(i).participant().name() + "\u0000" + arms.get(i).persona(), i);
        }
        try {
            SortedJournal sorted = new SortedJournal(Files.createTempDirectory("bart4j-sort-"),
                    Math.multiplyExact(Math.multiplyExact(arms.size(), epochs), chunks));
            if (!Files.exists(journal)) {
                return sorted;
            }
            Map<Integer, Writer> open = new LinkedHashMap<>(16, 0.75f, true);
            try {
                ResultFiles.readJournal(journal, r -> {
                    Integer arm = armIndex.get(r.participant() + "\u0000" + r.persona());
                    int id = r.balloon().id();
                    if (arm == null || r.epoch() < 1 || r.epoch() > epochs || id < 1 || id > scheduleSize) {
                        throw new IllegalStateException(journal + ": balloon " + id + " of " + r.participant()
                                + " (persona '" + r.persona() + "', epoch " + r.epoch() + ") is not part of this run");
                    }
                    int bucket = (arm * epochs + r.epoch() - 1) * chunks + (id - 1) / CHUNK;
                    try {
                        writer(sorted, open, bucket).write(ResultFiles.journalLine(r));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    sorted.size++;
                });
            } finally {
                for (Writer w : open.values()) {
                    w.close();
                }
            }
            return sorted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sort " + journal + " in the temporary directory: " + e.getMessage(),
                    e);
        }
    }

    private static Writer writer(SortedJournal sorted, Map<Integer, Writer> open, int bucket) throws IOException {
        Writer w = open.get(bucket);
        if (w == null) {
            if (open.size() >= OPEN_WRITERS) {
                Iterator<Map.Entry<Integer, Writer>> eldest = open.entrySet().iterator();
                eldest.next().getValue().close();
                eldest.remove();
            }
            w = Files.newBufferedWriter(sorted.bucket(bucket), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            open.put(bucket, w);
        }
        return w;
    }

    private Path bucket(int index) {
        return dir.resolve(index + ".jsonl");
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
                    Path file = bucket(next++);
                    if (Files.exists(file)) {
                        List<BalloonResult> chunk = new java.util.ArrayList<>(ResultFiles.readJournal(file));
                        chunk.sort(Comparator.comparingInt(r -> r.balloon().id()));
                        current = chunk.iterator();
                    }
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
