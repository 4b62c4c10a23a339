package io.github.bart4j.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.bart4j.langchain4j.testkit.FakeLlmServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Before the first balloon {@code run} checks once that the backend answers: a server nobody runs,
 * an Ollama model that is not pulled or a rejected key ends the command with exit 2 and one line,
 * before any balloon is asked.
 */
class PreflightTest {

    @TempDir
    Path tmp;

    private Path config(String backend, String url, String... lines) throws IOException {
        Path file = tmp.resolve(backend + ".yaml");
        Files.writeString(file, "backend: " + backend + "\nbase_url: '" + url + "'\nmodel_list: ['fixed:3', 'fixed:2']\n"
                + "num_balloons: 3\nseed: 1\n" + String.join("\n", lines) + "\n");
        return file;
    }

    private Cli.Outcome run(Path config, Map<String, String> env, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--quiet", "--config", config.toString(),
                "--run-dir", tmp.resolve(config.getFileName() + ".run").toString()));
        args.addAll(List.of(more));
        return Cli.run(env, args.toArray(String[]::new));
    }

    @Test
    void ollama_with_nothing_listening_is_exit_2_before_any_balloon_with_one_line_saying_what_to_do()
            throws IOException {
        String url = "http://127.0.0.1:" + HonestOutcomeTest.closedPort();
        Cli.Outcome o = run(config("ollama", url), Map.of());

        assertThat(o.exitCode()).as(o.err()).isEqualTo(2);
        assertThat(o.err().strip()).isEqualTo("bart: backend ollama: connection refused at " + url + " (GET " + url
                + "/api/tags); start Ollama (the desktop app, or `ollama serve`) or fix base_url; --no-preflight"
                + " skips this check");
        assertThat(tmp.resolve("ollama.yaml.run/journal.jsonl")).doesNotExist();
    }

    @Test
    void an_openai_compatible_server_nobody_runs_and_an_unknown_host_are_exit_2() throws IOException {
        String url = "http://127.0.0.1:" + HonestOutcomeTest.closedPort() + "/v1";
        Cli.Outcome refused = run(config("openai", url), Map.of());
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err().strip()).startsWith("bart: backend openai: connection refused at " + url)
                .endsWith("start the server or fix base_url; --no-preflight skips this check").doesNotContain("\n");

        Cli.Outcome unknown = run(config("openai", "http://no-such-host.invalid/v1"), Map.of());
        assertThat(unknown.exitCode()).as(unknown.err()).isEqualTo(2);
        assertThat(unknown.err().strip()).startsWith("bart: backend openai: unknown host at http://no-such-host.invalid/v1");
    }

    @Test
    void an_ollama_model_that_is_not_pulled_is_named_with_the_pull_command_and_nothing_is_asked() throws IOException {
        try (FakeLlmServer server = FakeLlmServer.builder().ollamaModels("fixed:3").start()) {
            Cli.Outcome o = run(config("ollama", server.ollamaBaseUrl()), Map.of());

            assertThat(o.exitCode()).as(o.err()).isEqualTo(2);
            assertThat(o.err().strip()).isEqualTo("bart: model 'fixed:2' is not pulled in Ollama at "
                    + server.ollamaBaseUrl() + ": run `ollama pull fixed:2` (it has: fixed:3)");
            assertThat(server.requestCount()).as("no balloon asked").isZero();
        }
    }

    @Test
    void pulled_ollama_models_and_an_answering_openai_server_pass_the_check() throws IOException {
        try (FakeLlmServer server = FakeLlmServer.builder().ollamaModels("fixed:3", "fixed:2").start()) {
            Cli.Outcome o = run(config("ollama", server.ollamaBaseUrl()), Map.of());
            assertThat(o.exitCode()).as(o.err()).isZero();
        }
        try (FakeLlmServer server = FakeLlmServer.start()) {
            Cli.Outcome o = run(config("openai", server.openAiBaseUrl()), Map.of());
            assertThat(o.exitCode()).as(o.err()).isZero();
            assertThat(o.err()).doesNotContain("warning");
        }
    }

    @Test
    void openrouter_rejecting_the_key_is_exit_2_before_any_balloon_and_the_key_is_not_printed() throws IOException {
        List<String> paths = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            paths.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " "
                    + ex.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"error\":{\"message\":\"User not found.\",\"code\":401}}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(401, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
            Cli.Outcome o = run(config("openrouter", url), Map.of("OPENROUTER_API_KEY", "sk-or-v1-secret123"));

            assertThat(o.exitCode()).as(o.err()).isEqualTo(2);
            assertThat(o.err().strip()).isEqualTo("bart: backend openrouter: OpenRouter rejected the API key (HTTP 401"
                    + " on GET " + url + "/key): check OPENROUTER_API_KEY (https://openrouter.ai/keys)");
            assertThat(paths).containsExactly("GET /api/v1/key Bearer sk-or-v1-secret123");
            assertThat(o.out() + o.err()).doesNotContain("secret123");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void no_preflight_skips_the_check() throws IOException {
        try (FakeLlmServer server = FakeLlmServer.builder().ollamaModels().start()) {
            Path config = config("ollama", server.ollamaBaseUrl(), "model_list: ['fixed:1']");
            Files.writeString(config, Files.readString(config).replace("model_list: ['fixed:3', 'fixed:2']\n", ""));
            assertThat(run(config, Map.of()).exitCode()).isEqualTo(2);
            Cli.Outcome skipped = run(config, Map.of(), "--no-preflight");
            assertThat(skipped.exitCode()).as(skipped.err()).isZero();
            assertThat(server.requestCount()).as("fixed:1 asks twice per balloon").isEqualTo(6);
        }
    }
}
