package io.github.bart4j.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.ResultFiles;
import io.github.bart4j.langchain4j.testkit.FakeLlmServer;
import io.github.bart4j.langchain4j.testkit.FakeLlmServer.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a provider outage, {@code run --retry-errors} on the same run directory asks the errored
 * balloons again, and only those; a plain resume does not.
 */
class RetryErrorsTest {

    @TempDir
    Path tmp;

    @Test
    void errored_balloons_are_asked_again_only_on_request() throws Exception {
        AtomicBoolean outage = new AtomicBoolean(true);
        try (FakeLlmServer server = FakeLlmServer.builder()
                .faults(r -> outage.get() && r.balloon() == 2 ? Fault.UNAVAILABLE : null).start()) {
            Path config = Cli.config(tmp, "c.yaml", server.openAiBaseUrl(), "model_list: ['fixed:3']",
                    "thresholds: [20, 20, 20]", "seed: 1", "max_retries: 0");
            String dir = tmp.resolve("run").toString();
            Cli.Outcome first = Cli.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir", dir);
            assertThat(first.exitCode()).as("an errored balloon is not a clean run: " + first.err()).isEqualTo(1);
            assertThat(first.err().strip().lines().reduce((a, b) -> b).orElseThrow()).isEqualTo("bart: 1 balloon"
                    + " errored (fixed:3: 1); rerun with --retry-errors: ./bart run --config " + config
                    + " --run-dir " + dir + " --retry-errors");
            assertThat(Files.readString(tmp.resolve("run/manifest.json")))
                    .contains("\"status\" : \"complete_with_errors\"");
            List<BalloonResult> before = ResultFiles.read(tmp.resolve("run/BART_combined.csv"));
            assertThat(before).filteredOn(BalloonResult::isError).extracting(r -> r.balloon().id()).containsExactly(2);

            outage.set(false);
            int requests = server.requestCount();
            Cli.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir", dir);
            assertThat(server.requestCount()).as("a plain resume asks nothing").isEqualTo(requests);

            Cli.Outcome retry = Cli.run(Map.of(), "run", "--quiet", "--retry-errors", "--config", config.toString(),
                    "--run-dir", dir);
            assertThat(retry.exitCode()).as(retry.err()).isZero();
            assertThat(retry.out()).contains("asking 1 errored balloons again");
            assertThat(server.requestCount() - requests).as("fixed:3 asks 4 times on one balloon").isEqualTo(4);
            List<BalloonResult> after = ResultFiles.read(tmp.resolve("run/BART_combined.csv"));
            assertThat(after).hasSize(3).noneMatch(BalloonResult::isError);
            assertThat(after.get(1).pumps()).isEqualTo(3);
            assertThat(Files.readAllLines(tmp.resolve("run/journal.jsonl"))).as("both records kept").hasSize(4);
            assertThat(ResultFiles.read(tmp.resolve("run/journal.jsonl"))).as("the later record counts")
                    .hasSize(3).noneMatch(BalloonResult::isError);
        }
    }
}
