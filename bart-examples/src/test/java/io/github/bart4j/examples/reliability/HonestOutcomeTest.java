package io.github.bart4j.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.ResultFiles;
import io.github.bart4j.langchain4j.testkit.FakeLlmServer;
import io.github.bart4j.langchain4j.testkit.FakeLlmServer.Fault;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run says exactly what happened: exit 0 and status {@code complete} only when every planned
 * balloon was played without error; errored balloons and models that cannot be reached are not a
 * clean run.
 */
class HonestOutcomeTest {

    @TempDir
    Path tmp;

    private static String last(String text) {
        return text.strip().lines().reduce((a, b) -> b).orElse("");
    }

    /** A port on 127.0.0.1 nobody listens on. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void every_balloon_errored_by_timeouts_is_exit_1_with_the_count_per_model_and_status_complete_with_errors()
            throws IOException {
        try (FakeLlmServer server = FakeLlmServer.builder().faults(r -> Fault.TIMEOUT)
                .slowDelay(Duration.ofSeconds(4)).start()) {
            Path config = Cli.config(tmp, "c.yaml", server.openAiBaseUrl(), "model_list: ['fixed:3', 'fixed:2']",
                    "thresholds: [20, 20]", "seed: 1", "max_retries: 0", "request_timeout_seconds: 1",
                    "max_concurrency: 4");
            Path dir = tmp.resolve("run");
            Cli.Outcome o = Cli.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir",
                    dir.toString(), "--no-preflight");

            assertThat(o.exitCode()).as(o.err()).isEqualTo(1);
            assertThat(last(o.err())).isEqualTo("bart: 4 balloons errored (fixed:3: 2, fixed:2: 2); rerun with"
                    + " --retry-errors: ./bart run --config " + config + " --run-dir " + dir + " --retry-errors");
            String manifest = Files.readString(dir.resolve("manifest.json"));
            assertThat(manifest).contains("\"status\" : \"complete_with_errors\"", "\"errored\" : 2");
            assertThat(o.out()).doesNotContain("PARTIAL");
        }
    }

    @Test
    void a_server_nobody_answers_fails_each_model_for_good_with_one_warning_naming_the_url() throws IOException {
        String url = "http://127.0.0.1:" + closedPort() + "/v1";
        Path config = Cli.config(tmp, "c.yaml", url, "model_list: ['fixed:3', 'fixed:2']", "num_balloons: 5",
                "seed: 1", "max_retries: 2", "max_concurrency: 4");
        Path dir = tmp.resolve("run");
        Cli.Outcome o = Cli.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir",
                dir.toString(), "--no-preflight");

        assertThat(o.exitCode()).as(o.err()).isEqualTo(1);
        assertThat(o.err().lines().filter(l -> l.contains("WARN") && l.contains("fixed:3"))).singleElement()
                .asString().contains("cannot connect to openai at " + url + " (connection refused)");
        assertThat(o.err()).doesNotContain("retry 1 of 2");
        assertThat(o.err()).contains("bart: fixed:3 failed: cannot connect to openai at " + url);
        assertThat(last(o.err())).isEqualTo("bart: PARTIAL: 0 of 10 balloons (a model failed); 10 balloons not"
                + " run; fix the cause and resume with: ./bart run --config " + config + " --run-dir " + dir);
        assertThat(o.out()).contains("PARTIAL: 0 of 10 balloons (a model failed)");
        List<BalloonResult> journal = Files.exists(dir.resolve("journal.jsonl"))
                ? ResultFiles.readJournal(dir.resolve("journal.jsonl")) : List.of();
        assertThat(journal).as("no column of errored balloons").isEmpty();
        assertThat(Files.readString(dir.resolve("manifest.json"))).contains("\"status\" : \"failed\"",
                "\"planned\" : 5", "\"played\" : 0");
    }
}
