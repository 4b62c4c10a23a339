package io.github.bart4j.examples.bench;

import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ExperimentResult;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.langchain4j.ChatModels;
import io.github.bart4j.langchain4j.LlmParticipant;
import io.github.bart4j.langchain4j.RetryPolicy;
import io.github.bart4j.langchain4j.testkit.FakeLlmServer;
import java.io.PrintWriter;
import java.time.Duration;
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

    /** Equal latency: 200 ms per call for every model. */
    static void equalLatency(PrintWriter out) {
        Map<String, Duration> latency = new LinkedHashMap<>();
        MODELS.forEach(m -> latency.put(m, Duration.ofMillis(200)));
        run(out, "efficiency_equal_latency", latency, 30, 64);
    }

    private static void run(PrintWriter out, String name, Map<String, Duration> latency, int balloons, int cap) {
        FakeLlmServer.Builder sb = FakeLlmServer.builder();
        latency.forEach(sb::latency);
        try (FakeLlmServer server = sb.start()) {
            Experiment.Builder b = Experiment.builder()
                    .schedule(Schedule.explicit(Collections.nCopies(balloons, 20), 1, 20, 0.10))
                    .maxConcurrency(cap).maxConcurrencyPerParticipant(cap).retainResults(true);
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
            double bound = Math.max(longestBalloon, totalCallSeconds / cap);
            long errors = result.results().stream().filter(r -> r.isError()).count();
            out.printf(Locale.ROOT, "%s: %.3f bound/actual (actual %.2f s, bound %.2f s = max(longest balloon %.2f s,"
                            + " %.1f s of calls / cap %d); %d models x %d balloons, %d results, %d errors)%n", name,
                    bound / wall, wall, bound, longestBalloon, totalCallSeconds, cap, latency.size(), balloons,
                    result.results().size(), errors);
            out.printf(Locale.ROOT, "%s_last_model_first_request: %.2f s (%.0f %% into the run)%n", name, lastArmStart,
                    100 * lastArmStart / wall);
            out.flush();
        }
    }
}
