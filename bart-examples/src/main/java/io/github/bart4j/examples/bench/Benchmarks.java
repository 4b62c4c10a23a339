package io.github.bart4j.examples.bench;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ExperimentListener;
import io.github.bart4j.core.Progress;
import io.github.bart4j.core.ResultSink;
import io.github.bart4j.core.ResultSinks;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.Statistics;
import io.github.bart4j.core.Summary;
import io.github.bart4j.core.Task;
import io.github.bart4j.core.agents.ScriptedParticipants;
import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.langchain4j.testkit.FakeLlmServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The benchmarks behind {@code ./bart bench NAME}. Each prints its figures as {@code name: value unit}
 * lines. They measure; they never fail on a threshold (machines here are shared and noisy).
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    /** {@code simulate}: pump decisions per second on one core (JMH, one fork). */
    public static void simulate(PrintWriter out) throws RunnerException {
        var options = new OptionsBuilder().include(SimulateBenchmark.class.getName() + ".*")
                .verbosity(VerboseMode.SILENT).build();
        for (RunResult r : new Runner(options).run()) {
            double score = r.getPrimaryResult().getScore();
            double error = r.getPrimaryResult().getScoreError();
            out.printf(Locale.ROOT, "simulate_decisions_per_second_one_core: %.0f decisions/s (± %.0f, JMH 99.9%%)%n",
                    score, Double.isNaN(error) ? 0.0 : error);
        }
    }

    /**
     * {@code chat-fake}: decisions per second through the full chat path (LLM participant on a
     * {@code FakeChatModel}) and the per-decision overhead over the scripted participant (JMH, one fork).
     */
    public static void chatFake(PrintWriter out) throws RunnerException {
        LlmBenchmarks.chatFake(out);
    }

    /**
     * {@code efficiency}: 6 models × 30 balloons against a {@link FakeLlmServer} answering in 200 ms,
     * at most 64 calls in flight: ideal ÷ actual wall time, where ideal = max(the longest balloon's
     * calls, total calls ÷ 64) × 200 ms; then the same with each model's balloons one after another
     * (the seed's scheduling).
     */
    public static void efficiency(PrintWriter out) {
        LlmBenchmarks.efficiency(out);
    }

    /**
     * {@code tokens}: prompt tokens per balloon against the number of pumps, for each conversation
     * mode (simulated backend), as a table and as {@code name: value unit} lines.
     */
    public static void tokens(PrintWriter out) {
        LlmBenchmarks.tokens(out);
    }

    /** {@code stats}: summary statistics over one million balloons. */
    public static void stats(PrintWriter out) {
        int n = 1_000_000;
        List<BalloonResult> results = new ArrayList<>(n);
        Schedule schedule = Schedule.uniform(1, 20, 1000, 0.10, 1);
        Participant[] agents = {ScriptedParticipants.crra(2.0), ScriptedParticipants.crra(0.0),
                ScriptedParticipants.random(0.8, 3), ScriptedParticipants.fixed(5)};
        Task task = Task.classic();
        for (int i = 0; i < n; i++) {
            results.add(task.play(agents[i % agents.length], schedule.balloons().get(i % 1000)));
        }
        List<Summary> summary = null;
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            summary = Statistics.summarize(results);
            best = Math.min(best, System.nanoTime() - start);
        }
        out.printf(Locale.ROOT, "stats_summarize_1m_balloons: %.0f ms (best of 5; %d summary rows)%n", best / 1e6,
                summary.size());
    }

    /**
     * {@code memory}: one million simulated balloons through an {@link Experiment} into a CSV file
     * sink, with results not retained; heap in use after a full GC at 10%, 50% and 100%, and the
     * peak heap. Flat means the figures do not grow with the number of balloons.
     */
    public static void memory(PrintWriter out, int balloons) throws IOException {
        Path dir = Files.createTempDirectory("bart4j-memory");
        Path csv = dir.resolve("BART_combined.csv");
        int scheduleSize = 1000;
        int epochs = Math.max(1, balloons / (scheduleSize * 4));
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        List<String> lines = new ArrayList<>();
        int total = 4 * epochs * scheduleSize;
        int[] checkpoints = {total / 10, total / 2, total};
        long start = System.nanoTime();
        try (ResultSink sink = ResultSinks.csv(csv)) {
            Experiment.builder().schedule(Schedule.uniform(1, 20, scheduleSize, 0.10, 7))
                    .participant(ScriptedParticipants.crra(2.0)).participant(ScriptedParticipants.crra(0.0))
                    .participant(ScriptedParticipants.random(0.8, 3)).participant(ScriptedParticipants.fixed(5))
                    .epochs(epochs).maxConcurrency(2).retainResults(false).sink(sink)
                    .listener(new ExperimentListener() {
                        @Override
                        public void balloonFinished(BalloonResult result, Progress p) {
                            for (int c : checkpoints) {
                                if (p.done() == c) {
                                    lines.add(String.format(Locale.ROOT,
                                            "memory_heap_after_gc_at_%d_balloons: %.1f MB", c, usedAfterGc()));
                                }
                            }
                        }
                    }).build().run();
        }
        long elapsed = System.nanoTime() - start;
        lines.forEach(out::println);
        out.printf(Locale.ROOT, "memory_peak_heap: %.1f MB (%d balloons, CSV file %.0f MB, %.1f s)%n", peakHeap(), total,
                Files.size(csv) / 1e6, elapsed / 1e9);
        Files.deleteIfExists(csv);
        Files.deleteIfExists(dir);
    }

    static double usedAfterGc() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / 1e6;
    }

    static double peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1e6;
    }
}
