package io.github.bart4j.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bench memory-cli}: {@code bart run} in this JVM on the simulated backend, 8 models ×
 * {@code balloons / 8}, every file written. A sampler thread forces a full GC every 250 ms and
 * records the heap in use with the journal's size; afterwards each sample's progress is its journal
 * size over the final one. Prints the heap after GC nearest 10 %, 50 % and 100 % of the balloons, the
 * largest while the final files are written, and the wall time. Flat means the figures do not grow.
 * Then the same run stopped half-way is resumed (the first half of the journal's records, in their
 * completion order, with the run's manifest): the heap after GC while the journal is read and at
 * 10 %, 50 % and 100 % of the balloons left. A resume in flat memory keeps these at the fresh run's level.
 */
final class CliMemoryBenchmark {

    private record Sample(long journalBytes, double heapMb, boolean running) {
    }

    private CliMemoryBenchmark() {
    }

    static void run(PrintWriter out, int balloons) throws IOException, InterruptedException {
        Path tmp = Files.createTempDirectory("bart4j-memory-cli");
        Path config = tmp.resolve("memory.yaml");
        Files.writeString(config, "backend: simulated\nmodel_list: ['crra:2', 'crra:0', 'crra:-1', 'crra:1', 'fixed:5',"
                + " 'fixed:8', 'random:0.8', 'ev-optimal']\nnum_balloons: " + Math.max(1, balloons / 8)
                + "\nseed: 7\nmax_concurrency: 4\n");
        Path dir = tmp.resolve("run");
        Path journal = dir.resolve(RunDirectory.JOURNAL);
        long start = System.nanoTime();
        Sampled fresh = sampled(config, dir);
        double wall = (System.nanoTime() - start) / 1e9;
        long finalBytes = Files.size(journal);
        double after = usedAfterGc();
        int total = 8 * Math.max(1, balloons / 8);
        report(out, "memory_cli_heap_after_gc_at_", fresh.samples(), 0, finalBytes);
        double writing = fresh.samples().stream().filter(s -> s.journalBytes() == finalBytes)
                .mapToDouble(Sample::heapMb).max().orElse(Double.NaN);
        out.printf(Locale.ROOT, "memory_cli_heap_after_gc_writing_files: %.1f MB (largest sample after the last"
                + " balloon)%n", writing);
        out.printf(Locale.ROOT, "memory_cli_run: exit %d, %d balloons, %.1f s wall with a full GC every 250 ms,"
                + " journal %.0f MB, heap after GC at the end %.1f MB%n", fresh.code(), total, wall, finalBytes / 1e6,
                after);

        // a run stopped half-way, resumed: the first half of the journal's records (completion order,
        // as a stopped run leaves them) with the run's manifest, then `bart run` on that directory
        Path stopped = tmp.resolve("stopped");
        Files.createDirectories(stopped);
        Files.copy(dir.resolve(RunDirectory.MANIFEST), stopped.resolve(RunDirectory.MANIFEST));
        long half = halfOfJournal(journal, stopped.resolve(RunDirectory.JOURNAL), total / 2);
        start = System.nanoTime();
        Sampled resumed = sampled(config, stopped);
        wall = (System.nanoTime() - start) / 1e9;
        long resumedBytes = Files.size(stopped.resolve(RunDirectory.JOURNAL));
        double reading = resumed.samples().stream().filter(s -> s.journalBytes() <= half)
                .mapToDouble(Sample::heapMb).max().orElse(Double.NaN);
        out.printf(Locale.ROOT, "memory_cli_resume_heap_after_gc_before_playing: %.1f MB (largest sample while the"
                + " journal of %d recorded balloons, %.0f MB, was read)%n", reading, total / 2, half / 1e6);
        report(out, "memory_cli_resume_heap_after_gc_at_", resumed.samples(), half, resumedBytes);
        out.printf(Locale.ROOT, "memory_cli_resume: exit %d, %d of %d balloons recorded, the rest played, %.1f s wall,"
                + " heap after GC at the end %.1f MB%n", resumed.code(), total / 2, total, wall, usedAfterGc());
        try (Stream<Path> files = Files.walk(tmp)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private record Sampled(int code, List<Sample> samples) {
    }

    /** Runs {@code bart run} on {@code dir} while a sampler records the heap after GC and the journal's size. */
    private static Sampled sampled(Path config, Path dir) throws InterruptedException {
        Path journal = dir.resolve(RunDirectory.JOURNAL);
        List<Sample> samples = new ArrayList<>();
        boolean[] done = {false};
        Thread sampler = new Thread(() -> {
            while (true) {
                synchronized (done) {
                    if (done[0]) {
                        return;
                    }
                }
                long bytes;
                try {
                    bytes = Files.exists(journal) ? Files.size(journal) : 0;
                } catch (IOException e) {
                    bytes = 0;
                }
                double heap = usedAfterGc();
                synchronized (samples) {
                    samples.add(new Sample(bytes, heap, true));
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-sampler");
        sampler.start();
        int code = BartCli.execute(new String[] {"run", "--quiet", "--config", config.toString(), "--run-dir",
                dir.toString()}, Map.of());
        synchronized (done) {
            done[0] = true;
        }
        sampler.join();
        return new Sampled(code, samples);
    }

    /** Prints the sample nearest 10, 50 and 100 % of the journal's growth from {@code from} to {@code to} bytes. */
    private static void report(PrintWriter out, String name, List<Sample> samples, long from, long to) {
        for (int pct : new int[] {10, 50, 100}) {
            Sample best = null;
            for (Sample s : samples) {
                if (best == null || Math.abs(progress(s, from, to) - pct) < Math.abs(progress(best, from, to) - pct)) {
                    best = s;
                }
            }
            out.printf(Locale.ROOT, "%s%d_percent: %.1f MB (sample at %.0f %% of the journal)%n", name, pct,
                    best.heapMb(), progress(best, from, to));
        }
    }

    private static double progress(Sample s, long from, long to) {
        return (s.journalBytes() - from) * 100.0 / Math.max(1, to - from);
    }

    /** Copies the first {@code records} lines of {@code journal} to {@code to}; returns the bytes copied. */
    private static long halfOfJournal(Path journal, Path to, int records) throws IOException {
        long bytes = 0;
        try (java.io.BufferedReader in = Files.newBufferedReader(journal);
             java.io.BufferedWriter w = Files.newBufferedWriter(to)) {
            String line;
            for (int i = 0; i < records && (line = in.readLine()) != null; i++) {
                w.write(line);
                w.write('\n');
                bytes += line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
            }
        }
        return bytes;
    }

    private static double usedAfterGc() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / 1e6;
    }
}
