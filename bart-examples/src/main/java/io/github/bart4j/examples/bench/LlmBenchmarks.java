package io.github.bart4j.examples.bench;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ExperimentResult;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.langchain4j.ConversationMode;
import io.github.bart4j.langchain4j.ChatModels;
import io.github.bart4j.langchain4j.FakeChatModel;
import io.github.bart4j.langchain4j.LlmParticipant;
import io.github.bart4j.langchain4j.RetryPolicy;
import io.github.bart4j.langchain4j.testkit.FakeLlmServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/** The benchmarks of the LLM path: {@code chat-fake}, {@code efficiency} and {@code tokens}. */
final class LlmBenchmarks {

    static final List<String> EFFICIENCY_MODELS = List.of("crra:2", "crra:0", "crra:-1", "fixed:5", "random:0.8",
            "ev-optimal");

    private LlmBenchmarks() {
    }

    static void chatFake(PrintWriter out) throws RunnerException {
        var options = new OptionsBuilder().include(ChatFakeBenchmark.class.getName() + ".*")
                .verbosity(VerboseMode.SILENT).build();
        Map<String, double[]> scores = new LinkedHashMap<>();
        List<Double> scripted = new ArrayList<>();
        for (RunResult r : new Runner(options).run()) {
            String label = r.getParams().getBenchmark();
            label = label.substring(label.lastIndexOf('.') + 1);
            double score = r.getPrimaryResult().getScore();
            double error = r.getPrimaryResult().getScoreError();
            if (label.equals("scripted")) {
                scripted.add(score);
            } else {
                scores.put(r.getParams().getParam("mode"), new double[] {score, Double.isNaN(error) ? 0 : error});
            }
        }
        double baseline = scripted.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        out.printf(Locale.ROOT, "chat_fake_scripted_baseline_decisions_per_second_one_core: %.0f decisions/s (best"
                + " of %d JMH runs)%n", baseline, scripted.size());
        for (Map.Entry<String, double[]> e : scores.entrySet()) {
            double[] chat = e.getValue();
            out.printf(Locale.ROOT, "chat_fake_%s_decisions_per_second_one_core: %.0f decisions/s (± %.0f, JMH"
                    + " 99.9%%)%n", e.getKey(), chat[0], chat[1]);
            out.printf(Locale.ROOT, "chat_fake_%s_overhead_per_decision: %.2f µs (chat path minus scripted; goal"
                    + " < 20)%n", e.getKey(), 1e6 / chat[0] - 1e6 / baseline);
        }
    }

    /**
     * One end-to-end run against the fake server: figures for one scheduling.
     *
     * @param callsPerBalloon this run's requests per balloon at the server, keyed {@code "model#balloon id"}
     * @param firstError the first errored balloon's error, or {@code null}
     */
    record Run(double wallSeconds, int calls, int longestBalloonCalls, int balloons, int errors,
            double meanCallGapMillis, Map<String, Integer> callsPerBalloon, String firstError) {
        double idealSeconds(int cap, Duration latency) {
            return Math.max(longestBalloonCalls, Math.ceil((double) calls / cap)) * latency.toNanos() / 1e9;
        }
    }

    /** The schedule of the efficiency runs: thresholds differ per balloon (uniform 1..20, seed 42). */
    static Schedule efficiencySchedule(int balloons) {
        return Schedule.uniform(1, 20, balloons, 0.10, 42);
    }

    /**
     * Runs {@code models} × {@code balloons} against {@code server}; calls are counted at the server,
     * as the difference over this run (a server may serve several runs).
     */
    static Run efficiencyRun(FakeLlmServer server, List<String> models, int balloons, int cap, int perModel) {
        int callsBefore = server.requestCount();
        int seenBefore = server.requests().size();
        Map<String, Integer> before = server.requestCounts();
        Experiment.Builder b = Experiment.builder().schedule(efficiencySchedule(balloons))
                .maxConcurrency(cap).maxConcurrencyPerParticipant(perModel).retainResults(true);
        for (String m : models) {
            b.participant(LlmParticipant.builder()
                    .chatModel(ChatModels.openAiCompatible().baseUrl(server.openAiBaseUrl()).modelName(m)
                            .timeout(Duration.ofSeconds(30)).build())
                    .retryPolicy(RetryPolicy.none()).maxConcurrency(cap).build());
        }
        Experiment experiment = b.build();
        long start = System.nanoTime();
        ExperimentResult result = experiment.run();
        double wall = (System.nanoTime() - start) / 1e9;
        int longest = 0;
        Map<String, Integer> perBalloon = new HashMap<>();
        for (Map.Entry<String, Integer> e : server.requestCounts().entrySet()) {
            int calls = e.getValue() - before.getOrDefault(e.getKey(), 0);
            if (calls > 0) {
                perBalloon.put(e.getKey(), calls);
            }
            longest = Math.max(longest, calls);
        }
        Map<String, Long> last = new HashMap<>();
        double gaps = 0;
        int n = 0;
        List<FakeLlmServer.Request> requests = server.requests();
        for (FakeLlmServer.Request r : requests.subList(seenBefore, requests.size())) {
            Long previous = last.put(r.model() + "#" + r.balloon(), r.nanoTime());
            if (previous != null) {
                gaps += (r.nanoTime() - previous) / 1e6;
                n++;
            }
        }
        List<BalloonResult> errored = result.results().stream().filter(BalloonResult::isError).toList();
        return new Run(wall, server.requestCount() - callsBefore, longest, result.results().size(), errored.size(),
                n == 0 ? 0 : gaps / n, perBalloon, errored.isEmpty() ? null : errored.get(0).participant()
                + " balloon " + errored.get(0).balloon().id() + ": " + errored.get(0).error());
    }

    /**
     * Each run gets a server of its own: the JDK's HttpServer keeps at most 200 idle connections
     * ({@code sun.net.httpserver.maxIdleConnections}) and closes any further one after its response
     * without telling the client, whose next request on it then fails ("header parser received no
     * bytes"). Connections of an earlier run's clients stay open at a shared server, so a later run
     * got such errors.
     */
    static void efficiency(PrintWriter out) {
        Duration latency = Duration.ofMillis(200);
        int cap = 64;
        SchedulingBenchmark.load(out, "efficiency_load_average_at_start");
        try (FakeLlmServer server = FakeLlmServer.builder().latency(latency).start()) {
            efficiencyRun(server, EFFICIENCY_MODELS, 30, cap, cap); // warm-up: JIT
        }
        Run run;
        try (FakeLlmServer server = FakeLlmServer.builder().latency(latency).start()) {
            run = efficiencyRun(server, EFFICIENCY_MODELS, 30, cap, cap);
        }
        report(out, "efficiency", run, cap, latency);
        Map<String, Duration> latencies = new LinkedHashMap<>();
        EFFICIENCY_MODELS.forEach(m -> latencies.put(m, latency));
        SchedulingBenchmark.simulated(out, "efficiency", efficiencySchedule(30), latencies, run.callsPerBalloon(),
                cap, run.idealSeconds(cap, latency), "ideal", run.wallSeconds());
        Run seed;
        try (FakeLlmServer server = FakeLlmServer.builder().latency(latency).start()) {
            seed = efficiencyRun(server, EFFICIENCY_MODELS, 30, cap, 1);
        }
        report(out, "efficiency_seed_scheduling", seed, cap, latency);
        out.printf(Locale.ROOT, "efficiency_speedup_over_seed_scheduling: %.1f x%n",
                seed.wallSeconds() / run.wallSeconds());
        SchedulingBenchmark.heterogeneous(out);
        SchedulingBenchmark.equalLatency(out);
        SchedulingBenchmark.load(out, "efficiency_load_average_at_end");
    }

    private static void report(PrintWriter out, String name, Run r, int cap, Duration latency) {
        double ideal = r.idealSeconds(cap, latency);
        out.printf(Locale.ROOT, "%s: %.3f ideal/actual (actual %.2f s, ideal %.2f s; %d balloons, %d calls, longest"
                + " balloon %d calls, %d errors; %d models x 30 balloons, %d ms per call, cap %d%s)%n", name,
                ideal / r.wallSeconds(), r.wallSeconds(), ideal, r.balloons(), r.calls(), r.longestBalloonCalls(),
                r.errors(), EFFICIENCY_MODELS.size(), latency.toMillis(), cap,
                name.contains("seed") ? ", max_concurrency_per_model 1" : "");
        out.printf(Locale.ROOT, "%s_call_to_call_ms: %.1f ms (mean time between a balloon's successive requests at"
                + " the server; latency %d ms)%n", name, r.meanCallGapMillis(), latency.toMillis());
        SchedulingBenchmark.warnOnErrors(out, name, r.errors(), r.balloons(), r.firstError());
        out.flush();
    }

    static final int[] TOKEN_PUMPS = {1, 5, 10, 15, 19};
    static final int SERIES = 5;

    /** Prompt tokens of each balloon of a series of {@link #SERIES} (threshold 20) played by fixed:K. */
    static List<Integer> promptTokens(ConversationMode mode, int pumps) {
        Participant p = LlmParticipant.builder().chatModel(ChatModels.simulated("fixed:" + pumps, 0L))
                .conversationMode(mode).build();
        List<Integer> thresholds = Collections.nCopies(SERIES, 20);
        ExperimentResult result = Experiment.builder().schedule(Schedule.explicit(thresholds, 1, 20, 0.10))
                .participant(p).maxConcurrency(1).build().run();
        List<Integer> tokens = new ArrayList<>();
        for (BalloonResult r : result.results()) {
            if (r.isError() || r.pumps() != pumps) {
                throw new IllegalStateException("fixed:" + pumps + " under " + mode + " played " + r.pumps()
                        + " pumps" + (r.isError() ? ": " + r.error() : ""));
            }
            tokens.add(r.usage().inputTokens());
        }
        return tokens;
    }

    static void tokens(PrintWriter out) {
        ConversationMode[] modes = {ConversationMode.parse("per_balloon"), ConversationMode.parse("across_balloons"),
                ConversationMode.parse("stateless")};
        Map<String, int[][]> table = new LinkedHashMap<>();
        for (ConversationMode mode : modes) {
            int[][] rows = new int[TOKEN_PUMPS.length][];
            for (int i = 0; i < TOKEN_PUMPS.length; i++) {
                rows[i] = promptTokens(mode, TOKEN_PUMPS[i]).stream().mapToInt(Integer::intValue).toArray();
            }
            table.put(mode.label(), rows);
        }
        out.println("prompt tokens per balloon (simulated backend, fixed:K on balloons of threshold 20; series of "
                + SERIES + " balloons;");
        out.println("across_balloons shows its 1st and " + SERIES + "th balloon; ratio = tokens at K / tokens at K=1)");
        out.printf(Locale.ROOT, "%8s %12s %6s %16s %16s %6s %12s %6s%n", "pumps K", "per_balloon", "ratio",
                "across (1st)", "across (" + SERIES + "th)", "ratio", "stateless", "ratio");
        int[][] per = table.get("per_balloon");
        int[][] across = table.get("across_balloons");
        int[][] stateless = table.get("stateless");
        for (int i = 0; i < TOKEN_PUMPS.length; i++) {
            out.printf(Locale.ROOT, "%8d %12d %6.1f %16d %16d %6.1f %12d %6.1f%n", TOKEN_PUMPS[i], per[i][0],
                    (double) per[i][0] / per[0][0], across[i][0], across[i][SERIES - 1],
                    (double) across[i][SERIES - 1] / across[0][SERIES - 1], stateless[i][0],
                    (double) stateless[i][0] / stateless[0][0]);
        }
        for (Map.Entry<String, int[][]> e : table.entrySet()) {
            for (int i = 0; i < TOKEN_PUMPS.length; i++) {
                int[] series = e.getValue()[i];
                out.printf(Locale.ROOT, "prompt_tokens_per_balloon_%s_k%d: %d tokens%s%n", e.getKey(), TOKEN_PUMPS[i],
                        series[0], e.getKey().startsWith("across") ? " (1st; " + SERIES + "th: " + series[SERIES - 1]
                                + ")" : "");
            }
        }
        // growth exponent between K=5 and K=19 (K+1 decisions): ~2 quadratic, ~1 linear; across_balloons
        // on the series' last balloon, whose prompts carry the earlier balloons too
        for (Map.Entry<String, int[][]> e : table.entrySet()) {
            int[][] rows = e.getValue();
            int at = e.getKey().startsWith("across") ? SERIES - 1 : 0;
            double exponent = Math.log((double) rows[4][at] / rows[1][at]) / Math.log(20.0 / 6.0);
            out.printf(Locale.ROOT, "prompt_tokens_growth_exponent_%s: %.2f (log tokens / log decisions, K=5..19%s;"
                    + " 2 = quadratic, 1 = linear)%n", e.getKey(), exponent, at == 0 ? "" : ", " + SERIES + "th balloon");
        }
    }
}
