package io.github.bart4j.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.ResultFiles;
import io.github.bart4j.langchain4j.testkit.FakeLlmServer;
import io.github.bart4j.langchain4j.testkit.FakeLlmServer.Fault;
import io.github.bart4j.langchain4j.testkit.FakeLlmServer.Request;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults from the fake server through the real {@code run} command: a fault once is retried and the
 * balloon ends as the policy dictates; a fault on every attempt ends that balloon with status error
 * and its cause. No balloon is lost or recorded twice.
 */
class FaultInjectionTest {

    /** Four balloons that never burst before 20 pumps: fixed:3 asks 4 times, fixed:2 three times per balloon. */
    private static final String[] RUN = {"model_list: ['fixed:3', 'fixed:2']", "min_pumps: 1", "max_pumps: 20",
            "thresholds: [20, 20, 20, 20]", "num_balloons: 4", "seed: 5", "max_retries: 1",
            "max_concurrency: 4", "log_json: false"};

    /** The faults that only the client's request timeout ends. */
    private static final Set<Fault> TIMEOUTS = EnumSet.of(Fault.TIMEOUT, Fault.STALL_BODY, Fault.TRICKLE_BODY);

    /**
     * The request timeout when a fault waits for it: short for a quick test, yet far above the time a
     * normal answer takes on a busy machine (a normal answer timed out at 2 s under load). Elsewhere the
     * default, 60 s, so that no normal answer times out.
     */
    private static final int SHORT_TIMEOUT_SECONDS = 8;

    /** What the recorded cause says for each fault. */
    private static final Map<Fault, String> CAUSES = Map.of(Fault.RATE_LIMITED, "rate limited (HTTP 429)",
            Fault.SERVER_ERROR, "server error (HTTP 500)", Fault.UNAVAILABLE, "server error (HTTP 503)",
            Fault.ERROR_BODY, "provider error (code 502) in HTTP 200 body", Fault.EMPTY_CONTENT, "empty completion",
            Fault.TRUNCATED_JSON, "malformed JSON", Fault.CONNECTION_RESET, "connection to openai failed",
            Fault.TIMEOUT, "timed out", Fault.STALL_BODY, "timed out", Fault.TRICKLE_BODY, "timed out");

    @TempDir
    Path tmp;

    private Cli.Outcome run(FakeLlmServer server) {
        return run(server, RUN);
    }

    private Cli.Outcome run(FakeLlmServer server, String... lines) {
        Path config = Cli.config(tmp, "c.yaml", server.openAiBaseUrl(), lines);
        return Cli.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir",
                tmp.resolve("run").toString());
    }

    /** fixed:3's balloon 2 fails once (its second request); fixed:3's balloon 3 fails on every request. */
    private static Function<Request, Fault> onceAndAlways(Fault fault) {
        return r -> r.model().equals("fixed:3") && (r.balloon() == 2 && r.conversationRequest() == 2
                || r.balloon() == 3) ? fault : null;
    }

    @ParameterizedTest
    // OVERSIZED and UNREADABLE are answers, not transport faults: see OversizeTest and the test kit's contracts
    @EnumSource(value = Fault.class, mode = EnumSource.Mode.EXCLUDE, names = {"OVERSIZED", "UNREADABLE"})
    void a_fault_once_is_retried_and_a_fault_every_time_errors_only_that_balloon(Fault fault) throws IOException {
        try (FakeLlmServer server = FakeLlmServer.builder().faults(onceAndAlways(fault)).retryAfterSeconds(0)
                .slowDelay(Duration.ofMinutes(10)).start()) { // a TIMEOUT answer comes after the test
            Cli.Outcome o = TIMEOUTS.contains(fault)
                    ? run(server, Stream.concat(Stream.of(RUN), Stream.of("request_timeout_seconds: "
                            + SHORT_TIMEOUT_SECONDS)).toArray(String[]::new))
                    : run(server);
            assertThat(o.exitCode()).as(o.err()).isEqualTo(1);
            assertThat(o.err()).contains("bart: 1 balloon errored (fixed:3: 1); rerun with --retry-errors");
            Path dir = tmp.resolve("run");
            List<BalloonResult> journal = ResultFiles.readJournal(dir.resolve("journal.jsonl"));
            assertThat(journal.stream().map(r -> r.participant() + "#" + r.balloon().id()))
                    .as("each (model, balloon) journaled exactly once").doesNotHaveDuplicates().hasSize(8);
            List<BalloonResult> csv = ResultFiles.read(dir.resolve("BART_combined.csv"));
            assertThat(csv).hasSize(8);
            for (BalloonResult r : csv) {
                boolean broken = r.participant().equals("fixed:3") && r.balloon().id() == 3;
                if (broken) {
                    assertThat(r.isError()).as("balloon 3 of fixed:3 under %s", fault).isTrue();
                    assertThat(r.error()).contains(CAUSES.get(fault)).contains("gave up after 2 attempts");
                } else {
                    assertThat(r.isError()).as("%s#%d: %s", r.participant(), r.balloon().id(), r.error()).isFalse();
                    assertThat(r.pumps()).isEqualTo(r.participant().equals("fixed:3") ? 3 : 2);
                    assertThat(r.burst()).isFalse();
                }
            }
            Map<String, Integer> counts = server.requestCounts();
            assertThat(counts).containsEntry("fixed:3#1", 4).containsEntry("fixed:3#2", 5)
                    .containsEntry("fixed:3#3", 2).containsEntry("fixed:2#3", 3);
        }
    }

    @Test
    void a_429_retry_waits_at_least_retry_after() throws IOException {
        try (FakeLlmServer server = FakeLlmServer.builder().retryAfterSeconds(2)
                .faults(r -> r.model().equals("fixed:2") && r.balloon() == 1 && r.conversationRequest() == 1
                        ? Fault.RATE_LIMITED : null).start()) {
            Cli.Outcome o = run(server);
            assertThat(o.exitCode()).as(o.err()).isZero();
            List<Request> conversation = server.requests().stream()
                    .filter(r -> r.model().equals("fixed:2") && r.balloon() == 1).collect(Collectors.toList());
            assertThat(conversation.get(0).fault()).isEqualTo(Fault.RATE_LIMITED);
            long waitedNanos = conversation.get(1).nanoTime() - conversation.get(0).nanoTime();
            assertThat(Duration.ofNanos(waitedNanos)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(ResultFiles.read(tmp.resolve("run/BART_combined.csv"))).hasSize(8)
                    .noneMatch(BalloonResult::isError);
        }
    }

    @Test
    void the_ollama_backend_retries_a_server_error_and_plays_on() throws IOException {
        try (FakeLlmServer server = FakeLlmServer.builder()
                .faults(r -> r.balloon() == 1 && r.conversationRequest() == 1 ? Fault.SERVER_ERROR : null).start()) {
            Path config = tmp.resolve("o.yaml");
            java.nio.file.Files.writeString(config, "backend: ollama\nbase_url: '" + server.ollamaBaseUrl() + "'\n"
                    + String.join("\n", RUN) + "\n");
            Cli.Outcome o = Cli.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir",
                    tmp.resolve("run").toString());
            assertThat(o.exitCode()).as(o.err()).isZero();
            List<BalloonResult> csv = ResultFiles.read(tmp.resolve("run/BART_combined.csv"));
            assertThat(csv).hasSize(8).noneMatch(BalloonResult::isError);
            assertThat(csv).allSatisfy(r -> assertThat(r.pumps()).isEqualTo(r.participant().equals("fixed:3") ? 3 : 2));
            assertThat(server.requestCounts()).containsEntry("fixed:3#1", 5).containsEntry("fixed:2#1", 4)
                    .containsEntry("fixed:3#2", 4);
        }
    }
}
