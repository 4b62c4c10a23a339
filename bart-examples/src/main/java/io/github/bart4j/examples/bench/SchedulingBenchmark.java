package io.github.bart4j.examples.bench;

import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ExperimentResult;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.SchedulingSimulation;
import io.github.bart4j.langchain4j.ChatModels;
import io.github.bart4j.langchain4j.LlmParticipant;
import io.github.bart4j.langchain4j.RetryPolicy;
import io.github.bart4j.langchain4j.testkit.FakeLlmServer;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scheduling cases of {@code bench efficiency}: six models whose balloons take 3, 5, .., 13
 * calls (policies {@code fixed:2} .. {@code fixed:12} on balloons of threshold 20), each model at
 * its own latency, against a {@link FakeLlmServer}. Efficiency is the bound
 * max(longest balloon, total call time ÷ cap) divided by the wall time; no schedule can beat the bound.
 * Each case also replays the run's calls per balloon through {@link SchedulingSimulation} (play order,
 * and the order before it: largest threshold first), so the real run and both orders are measured
 * against the same bound in one run.
 */
final class SchedulingBenchmark {

    static final List<String> MODELS = List.of("fixed:2", "fixed:4", "fixed:6", "fixed:8", "fixed:10", "fixed:12");

    private SchedulingBenchmark() {
    }

    /** Heterogeneous latencies: 50 ms per call for the model with the shortest balloons .. 400 ms for the longest. */
    static void heterogeneous(PrintWriter out) {
        long[] millis = {50, 120, 190, 260, 330, 400};
        Map<String, Duration> latency = new LinkedHashMap<>();
        for (int i = 0; i < MODELS.size(); i++) {
            latency.put(MODELS.get(i), Duration.ofMillis(millis[i]));
        }
        run(out, "efficiency_heterogeneous", latency, 24, 16);
    }

    /** Equal latency: 200 ms per call for every model; then the same case resumed half-way. */
    static void equalLatency(PrintWriter out) {
        Map<String, Duration> latency = new LinkedHashMap<>();
        MODELS.forEach(m -> latency.put(m, Duration.ofMillis(200)));
        Measured full = run(out, "efficiency_equal_latency", latency, 30, 64);
        resumed(out, "efficiency_equal_latency", latency, 30, 64, full);
    }

    /** One run of the case: its results, wall time and the bound, from the calls the server answered. */
    private record Measured(ExperimentResult result, double wall, double bound, double longestBalloon,
                            double totalCallSeconds, double lastArmStart, Map<String, Integer> callsPerBalloon) {

        double efficiency() {
            return bound / wall;
        }
    }

    private static Measured measure(Map<String, Duration> latency, Schedule schedule, int cap,
                                    List<BalloonResult> completed) {
        FakeLlmServer.Builder sb = FakeLlmServer.builder();
        latency.forEach(sb::latency);
        try (FakeLlmServer server = sb.start()) {
            Experiment.Builder b = Experiment.builder()
                    .schedule(schedule)
                    .maxConcurrency(cap).maxConcurrencyPerParticipant(cap).retainResults(true)
                    .completed(completed);
            for (String m : latency.keySet()) {
                b.participant(LlmParticipant.builder()
                        .chatModel(ChatModels.openAiCompatible().baseUrl(server.openAiBaseUrl()).modelName(m)
                                .timeout(Duration.ofSeconds(60)).build())
                        .retryPolicy(RetryPolicy.none()).maxConcurrency(cap).build());
            }
            Experiment experiment = b.build();
            long start = System.nanoTime();
            ExperimentResult result = experiment.run();
            double wall = (System.nanoTime() - start) / 1e9;
            double totalCallSeconds = 0;
            double longestBalloon = 0;
            for (Map.Entry<String, Integer> e : server.requestCounts().entrySet()) {
                String model = e.getKey().substring(0, e.getKey().lastIndexOf('#'));
                double seconds = e.getValue() * latency.get(model).toNanos() / 1e9;
                totalCallSeconds += seconds;
                longestBalloon = Math.max(longestBalloon, seconds);
            }
            Map<String, Long> firstRequest = new HashMap<>();
            for (FakeLlmServer.Request r : server.requests()) {
                firstRequest.merge(r.model(), r.nanoTime(), Math::min);
            }
            double lastArmStart = firstRequest.values().stream().mapToLong(t -> t - start).max().orElse(0) / 1e9;
            return new Measured(result, wall, Math.max(longestBalloon, totalCallSeconds / cap), longestBalloon,
                    totalCallSeconds, lastArmStart, server.requestCounts());
        }
    }

    private static Measured run(PrintWriter out, String name, Map<String, Duration> latency, int balloons, int cap) {
        Schedule schedule = Schedule.explicit(Collections.nCopies(balloons, 20), 1, 20, 0.10);
        Measured m = measure(latency, schedule, cap, List.of());
        List<BalloonResult> errored = errored(m.result());
        out.printf(Locale.ROOT, "%s: %.3f bound/actual (actual %.2f s, bound %.2f s = max(longest balloon %.2f s,"
                        + " %.1f s of calls / cap %d); %d models x %d balloons, %d results, %d errors)%n", name,
                m.efficiency(), m.wall(), m.bound(), m.longestBalloon(), m.totalCallSeconds(), cap, latency.size(),
                balloons, m.result().results().size(), errored.size());
        out.printf(Locale.ROOT, "%s_last_model_first_request: %.2f s (%.0f %% into the run)%n", name, m.lastArmStart(),
                100 * m.lastArmStart() / m.wall());
        simulated(out, name, schedule, latency, m.callsPerBalloon(), cap, m.bound(), "bound", m.wall());
        warnOnErrors(out, name, errored, m.result().results().size());
        out.flush();
        return m;
    }

    /**
     * The second half of {@code full}'s balloons, twice on the same work: resumed from the first half's
     * recorded results (the dispatch rule starts from their times), and as a fresh run of as many
     * balloons (nothing known until balloons finish).
     */
    private static void resumed(PrintWriter out, String name, Map<String, Duration> latency, int balloons, int cap,
                                Measured full) {
        int half = balloons / 2;
        List<BalloonResult> firstHalf = full.result().results().stream()
                .filter(r -> r.balloon().id() <= half).toList();
        Measured resumed = measure(latency, Schedule.explicit(Collections.nCopies(balloons, 20), 1, 20, 0.10), cap,
                firstHalf);
        Measured fresh = measure(latency, Schedule.explicit(Collections.nCopies(balloons - half, 20), 1, 20, 0.10),
                cap, List.of());
        out.printf(Locale.ROOT, "%s_resumed: %.3f bound/actual for the last %d balloons of each model resumed from the"
                        + " first %d's results (actual %.2f s, bound %.2f s), %.3f for the same work in a fresh run"
                        + " (actual %.2f s, bound %.2f s)%n", name, resumed.efficiency(), balloons - half, half,
                resumed.wall(), resumed.bound(), fresh.efficiency(), fresh.wall(), fresh.bound());
        warnOnErrors(out, name + "_resumed", errored(resumed.result()), resumed.result().results().size());
        warnOnErrors(out, name + "_resumed_fresh", errored(fresh.result()), fresh.result().results().size());
        out.flush();
    }

    private static List<BalloonResult> errored(ExperimentResult result) {
        return result.results().stream().filter(BalloonResult::isError).toList();
    }

    private static void warnOnErrors(PrintWriter out, String name, List<BalloonResult> errored, int balloons) {
        warnOnErrors(out, name, errored.size(), balloons, errored.isEmpty() ? null
                : errored.get(0).participant() + " balloon " + errored.get(0).balloon().id() + ": "
                + errored.get(0).error());
    }

    /**
     * Replays a run's calls per balloon (keyed {@code "model#balloon id"}, each call taking its model's
     * latency) through {@link SchedulingSimulation} under play order and under the old order, and prints
     * both against {@code boundSeconds} next to the real run's figure.
     */
    static void simulated(PrintWriter out, String name, Schedule schedule, Map<String, Duration> latency,
                          Map<String, Integer> callsPerBalloon, int cap, double boundSeconds, String boundName,
                          double realSeconds) {
        List<List<Integer>> calls = new ArrayList<>();
        for (String model : latency.keySet()) {
            List<Integer> arm = new ArrayList<>();
            for (Balloon balloon : schedule.balloons()) {
                arm.add(callsPerBalloon.getOrDefault(model + "#" + balloon.id(), 0));
            }
            calls.add(arm);
        }
        List<Duration> latencies = List.copyOf(latency.values());
        double play = SchedulingSimulation.makespan(SchedulingSimulation.Order.PLAY_ORDER, schedule, calls, latencies,
                cap, cap).toNanos() / 1e9;
        double old = SchedulingSimulation.makespan(SchedulingSimulation.Order.LARGEST_THRESHOLD_FIRST, schedule,
                calls, latencies, cap, cap).toNanos() / 1e9;
        out.printf(Locale.ROOT, "%s_simulated: %.3f play order (the rule), %.3f largest threshold first (the old order),"
                        + " %.3f real; %s/wall time (simulated %.2f s and %.2f s, real %.2f s; this run's calls per"
                        + " balloon replayed on a simulated clock, no client overhead)%n", name, boundSeconds / play,
                boundSeconds / old, boundSeconds / realSeconds, boundName, play, old, realSeconds);
    }

    /** A loud line when balloons errored: their wall time is not that of the work the figures assume. */
    static void warnOnErrors(PrintWriter out, String name, int errors, int balloons, String firstError) {
        if (errors > 0) {
            out.printf(Locale.ROOT, "WARNING: %s: %d of %d balloons ERRORED, its figures are not comparable (first: %s)%n",
                    name, errors, balloons, firstError);
        }
    }

    /** The machine's 1-minute load average (the figures above are only comparable on a quiet machine). */
    static void load(PrintWriter out, String name) {
        var os = ManagementFactory.getOperatingSystemMXBean();
        out.printf(Locale.ROOT, "%s: %.2f (1-minute load average, %d cores)%n", name, os.getSystemLoadAverage(),
                os.getAvailableProcessors());
        out.flush();
    }
}
