package io.github.bart4j.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.examples.cli.BartCli;
import io.github.bart4j.langchain4j.ConversationMode;
import io.github.bart4j.langchain4j.testkit.FakeLlmServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmarks' building blocks at a small scale (their speed is measured by {@code ./bart bench}, not here). */
class LlmBenchmarksTest {

    /** Tokens added per extra pump between K=1 and K=5, and between K=5 and K=10: their ratio. */
    private static double growthOfIncrements(ConversationMode mode) {
        int t1 = LlmBenchmarks.promptTokens(mode, 1).get(0);
        int t5 = LlmBenchmarks.promptTokens(mode, 5).get(0);
        int t10 = LlmBenchmarks.promptTokens(mode, 10).get(0);
        return ((t10 - t5) / 5.0) / ((t5 - t1) / 4.0);
    }

    @Test
    void prompt_tokens_grow_quadratically_per_balloon_and_linearly_when_stateless() {
        assertThat(growthOfIncrements(ConversationMode.STATELESS)).as("constant increments").isBetween(0.8, 1.25);
        assertThat(growthOfIncrements(ConversationMode.PER_BALLOON)).as("growing increments").isGreaterThan(1.5);
        List<Integer> stateless = LlmBenchmarks.promptTokens(ConversationMode.STATELESS, 10);
        assertThat(stateless).as("stateless balloons cost the same at any position").containsOnly(stateless.get(0));
        List<Integer> across = LlmBenchmarks.promptTokens(ConversationMode.ACROSS_BALLOONS, 5);
        assertThat(across).hasSize(LlmBenchmarks.SERIES).isSorted();
        assertThat(across.get(LlmBenchmarks.SERIES - 1)).isGreaterThan(across.get(0));
    }

    @Test
    void an_efficiency_run_counts_every_call_at_the_server() {
        try (FakeLlmServer server = FakeLlmServer.builder().latency(Duration.ofMillis(1)).start()) {
            LlmBenchmarks.Run first = LlmBenchmarks.efficiencyRun(server, List.of("fixed:3", "fixed:1"), 3, 4, 4);
            assertThat(first.balloons()).isEqualTo(6);
            assertThat(first.errors()).isZero();
            // a balloon of fixed:K asks K+1 times unless it bursts first
            assertThat(first.calls()).isBetween(6, 3 * 4 + 3 * 2).isEqualTo(server.requestCount());
            assertThat(first.longestBalloonCalls()).isBetween(1, 4);
            LlmBenchmarks.Run second = LlmBenchmarks.efficiencyRun(server, List.of("fixed:3", "fixed:1"), 3, 4, 1);
            assertThat(second.calls()).as("counted per run").isEqualTo(first.calls());
            assertThat(second.longestBalloonCalls()).isEqualTo(first.longestBalloonCalls());
            assertThat(first.idealSeconds(4, Duration.ofMillis(100)))
                    .isEqualTo(Math.max(first.longestBalloonCalls(), Math.ceil(first.calls() / 4.0)) * 0.1);
        }
    }

    @Test
    void an_efficiency_run_that_errors_says_so_loudly_and_replays_its_calls_in_the_simulation() {
        try (FakeLlmServer server = FakeLlmServer.builder().latency(Duration.ofMillis(1))
                .faultOn(FakeLlmServer.Fault.UNAVAILABLE, 1).start()) {
            LlmBenchmarks.Run run = LlmBenchmarks.efficiencyRun(server, List.of("fixed:3", "fixed:1"), 3, 4, 4);
            assertThat(run.errors()).isEqualTo(1);
            assertThat(run.callsPerBalloon().values().stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo(run.calls());
            StringWriter text = new StringWriter();
            PrintWriter out = new PrintWriter(text, true);
            SchedulingBenchmark.warnOnErrors(out, "efficiency", run.errors(), run.balloons(), run.firstError());
            Map<String, Duration> latency = new java.util.LinkedHashMap<>();
            latency.put("fixed:3", Duration.ofMillis(100));
            latency.put("fixed:1", Duration.ofMillis(100));
            SchedulingBenchmark.simulated(out, "efficiency", LlmBenchmarks.efficiencySchedule(3), latency,
                    run.callsPerBalloon(), 1, run.calls() * 0.1, "ideal", run.calls() * 0.2);
            // one slot: every call one after another, whatever the order
            assertThat(text.toString()).contains("WARNING: efficiency: 1 of 6 balloons ERRORED")
                    .contains("efficiency_simulated: 1.000 play order (the rule), 1.000 largest threshold first"
                            + " (the old order), 0.500 real");
        }
    }

    @Test
    void the_tokens_benchmark_prints_name_value_unit_lines() {
        StringWriter text = new StringWriter();
        LlmBenchmarks.tokens(new PrintWriter(text, true));
        assertThat(text.toString()).contains("prompt_tokens_per_balloon_stateless_k19: ")
                .contains("prompt_tokens_growth_exponent_per_balloon: ").contains("pumps K");
    }

    @Test
    void an_unknown_benchmark_is_bad_input_naming_the_new_ones() {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setErr(e);
            code = BartCli.execute(new String[] {"bench", "warp-speed"}, Map.of());
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("warp-speed").contains("chat-fake")
                .contains("efficiency").contains("tokens");
    }
}
