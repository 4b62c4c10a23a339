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
        long start = System.nanoTime();
        sampler.start();
        int code = BartCli.execute(new String[] {"run", "--quiet", "--config", config.toString(), "--run-dir",
                dir.toString()}, Map.of());
        synchronized (done) {
            done[0] = true;
        }
        sampler.join();
        double wall = (System.nanoTime() - start) / 1e9;
        long finalBytes = Files.size(journal);
        double after = usedAfterGc();
        int total = 8 * Math.max(1, balloons / 8);
        for (int pct : new int[] {10, 50, 100}) {
            Sample best = null;
            for (Sample s : samples) {
                if (best == null || Math.abs(s.journalBytes() * 100.0 / finalBytes - pct)
                        < Math.abs(best.journalBytes() * 100.0 / finalBytes - pct)) {
                    best = s;
                }
            }
            out.printf(Locale.ROOT, "memory_cli_heap_after_gc_at_%d_percent: %.1f MB (sample at %.0f %% of the"
                    + " journal)%n", pct, best.heapMb(), best.journalBytes() * 100.0 / finalBytes);
        }
        double writing = samples.stream().filter(s -> s.journalBytes() == finalBytes).mapToDouble(Sample::heapMb)
                .max().orElse(Double.NaN);
        out.printf(Locale.ROOT, "memory_cli_heap_after_gc_writing_files: %.1f MB (largest sample after the last"
                + " balloon)%n", writing);
        out.printf(Locale.ROOT, "memory_cli_run: exit %d, %d balloons, %.1f s wall with a full GC every 250 ms,"
                + " journal %.0f MB, heap after GC at the end %.1f MB%n", code, total, wall, finalBytes / 1e6, after);
        try (Stream<Path> files = Files.walk(tmp)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static double usedAfterGc() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / 1e6;
    }
}
