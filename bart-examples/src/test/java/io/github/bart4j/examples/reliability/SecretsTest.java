package io.github.bart4j.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.langchain4j.testkit.FakeLlmServer;
import io.github.bart4j.langchain4j.testkit.FakeLlmServer.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With debug_mode on and the API keys set, the key appears in no file of the run directory, no
 * console output and no log line, also when requests fail and are retried.
 */
class SecretsTest {

    private static final String KEY = "sk-or-v1-RELIABILITY-5ecret-9f3a7c1e";

    @TempDir
    Path tmp;

    private static Map<String, String> env() {
        return Map.of("OPENROUTER_API_KEY", KEY, "OPENAI_API_KEY", KEY);
    }

    private static FakeLlmServer server() {
        return FakeLlmServer.builder().retryAfterSeconds(0)
                .faults(r -> r.balloon() == 2 && r.conversationRequest() == 1 ? Fault.RATE_LIMITED
                        : r.balloon() == 3 && r.conversationRequest() == 1 ? Fault.ERROR_BODY : null).start();
    }

    private Path config(String backend, FakeLlmServer server) throws IOException {
        String baseUrl = backend.equals("openrouter") ? server.ollamaBaseUrl() + "/api/v1" : server.openAiBaseUrl();
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, "backend: " + backend + "\nbase_url: '" + baseUrl + "'\n"
                + "model_list: ['fixed:2', 'crra:1']\nnum_balloons: 3\nseed: 4\ndebug_mode: true\nmax_retries: 2\n");
        return config;
    }

    private void assertNoKeyIn(Path dir, String... outputs) throws IOException {
        List<Path> files = Cli.filesUnder(dir);
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .as("file %s", f).doesNotContain(KEY).doesNotContain(KEY.substring(0, 20));
        }
        for (String o : outputs) {
            assertThat(o).doesNotContain(KEY).doesNotContain(KEY.substring(0, 20));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"openrouter", "openai"})
    void the_key_is_in_no_file_and_no_console_output(String backend) throws IOException {
        try (FakeLlmServer server = server()) {
            Path dir = tmp.resolve("run");
            Cli.Outcome o = Cli.run(env(), "run", "--config", config(backend, server).toString(), "--run-dir",
                    dir.toString());
            assertThat(o.exitCode()).as(o.err()).isZero();
            assertThat(server.requestCount("fixed:2", 2)).as("the 429 was retried").isEqualTo(4);
            assertNoKeyIn(dir, o.out(), o.err());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"openrouter", "openai"})
    void the_key_is_in_no_debug_log_line(String backend) throws Exception {
        try (FakeLlmServer server = server()) {
            Path dir = tmp.resolve("run");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-cp", classPath, // debug_mode: true in the config turns DEBUG on
                    "io.github.bart4j.examples.cli.BartCli", "run", "--config", config(backend, server).toString(),
                    "--run-dir", dir.toString()));
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(tmp.resolve("out").toFile())
                    .redirectError(tmp.resolve("err").toFile());
            pb.environment().putAll(env());
            Process p = pb.start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(tmp.resolve("out"));
            String err = Files.readString(tmp.resolve("err"));
            assertThat(p.exitValue()).as(err).isZero();
            assertThat(err).as("debug logging printed the requests").contains("Balloon #2").contains("DEBUG");
            assertNoKeyIn(dir, out, err);
        }
    }
}
