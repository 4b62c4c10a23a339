package io.github.bart4j.examples.bench;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ResultFiles;
import io.github.bart4j.core.ResultSinks;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.agents.ScriptedParticipants;
import io.github.bart4j.core.analysis.Analysis;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code analyze-scale}: writes a combined CSV of {@code models × balloons} simulated balloons (72 ×
 * 20,000 by default, the size of a large model comparison), then times what {@code bart analyze
 * --file FILE} does by default: read the file, find the design, compute the summary with bootstrap
 * intervals and the paired comparisons behind the findings, and format the text. Prints the file
 * size, the read and analysis times, and the peak heap; run it with {@code BART_JAVA_OPTS=-Xmx1g}
 * to check the one-gigabyte target ({@code -Dbart.bench.balloons=N} sets the balloons per model;{@code -Dbart.bench.keep=true} keeps the file and prints its path).
 */
public final class AnalyzeScaleBenchmark {

    private AnalyzeScaleBenchmark() {
    }

    public static void run(PrintWriter out, int models, int balloons) throws IOException {
        Path dir = Files.createTempDirectory("bart-analyze-scale");
        Path csv = dir.resolve("BART_combined.csv");
        try {
            long t0 = System.nanoTime();
            Experiment.Builder b = Experiment.builder().schedule(Schedule.uniform(1, 64, balloons, 0.05, 42))
                    .sink(ResultSinks.csv(csv)).retainResults(false);
            for (int m = 0; m < models; m++) {
                double gamma = -1.0 + 3.0 * m / Math.max(1, models - 1);
                b.participant(ScriptedParticipants.crra(gamma, 1.0, 0.02, m + 1));
            }
            b.build().run();
            long written = System.nanoTime();
            out.printf(Locale.ROOT, "analyze-scale.file: %d models x %d balloons, %.1f MB, written in %.1f s%n", models,
                    balloons, Files.size(csv) / 1e6, (written - t0) / 1e9);
            out.flush();
            resetPeaks();
            long r0 = System.nanoTime();
            List<BalloonResult> results = ResultFiles.readOutcomes(List.of(csv)); // as analyze reads
            long r1 = System.nanoTime();
            Analysis a = Analysis.of(results);
            String text = a.toText();
            long r2 = System.nanoTime();
            out.printf(Locale.ROOT, "analyze-scale.read: %.1f s%n", (r1 - r0) / 1e9);
            out.printf(Locale.ROOT, "analyze-scale.analyse: %.1f s (design, summary, %d comparisons, findings; %d lines)%n",
                    (r2 - r1) / 1e9, a.comparisons().size(), text.lines().count());
            out.printf(Locale.ROOT, "analyze-scale.total: %.1f s%n", (r2 - r0) / 1e9);
            out.printf(Locale.ROOT, "analyze-scale.peak_heap: %.0f MB (max heap %.0f MB)%n", peakHeap() / 1e6,
                    Runtime.getRuntime().maxMemory() / 1e6);
        } finally {
            if (Boolean.getBoolean("bart.bench.keep")) {
                out.println("analyze-scale.kept: " + csv);
            } else {
                Files.deleteIfExists(csv);
                Files.deleteIfExists(dir);
            }
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
