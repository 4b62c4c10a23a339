package io.github.bart4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Preflight} against local servers: what it accepts, what it refuses, and what it returns. */
class PreflightTest {

    private HttpServer server;

    /** Serves {@code routes} (path to status and body); anything else is 404. */
    private String serve(Map<String, String> routes, int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String body = routes.get(ex.getRequestURI().getPath());
            byte[] bytes = (body == null ? "{\"error\":\"not found\"}" : body).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(body == null ? 404 : status, bytes.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(bytes);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static ProviderChatModel ollama(String url, String model) {
        return ChatModels.ollama().modelName(model).baseUrl(url).build();
    }

    @Test
    void ollama_model_names_match_as_ollama_matches_them() throws IOException {
        String url = serve(Map.of("/api/tags", "{\"models\":[{\"name\":\"llama3.2:latest\"},{\"name\":\"qwen2.5:3b\"},"
                + "{\"name\":\"hf.co/User/Repo:Q4_K_M\"},{\"name\":\"me/tuned:v1\"}]}"), 200);

        List<Preflight.ServerInfo> info = Preflight.check(List.of(ollama(url, "llama3.2"), ollama(url, "LLAMA3.2:latest"),
                ollama(url, "library/llama3.2"), ollama(url, "registry.ollama.ai/library/llama3.2:latest"),
                ollama(url, "qwen2.5:3b"), ollama(url, "hf.co/user/repo:q4_k_m"), ollama(url, "me/tuned:v1")));

        assertThat(info).singleElement().satisfies(s -> {
            assertThat(s.baseUrl()).isEqualTo(url);
            assertThat(s.listedModels()).contains("llama3.2:latest", "qwen2.5:3b");
        });
        assertThatThrownBy(() -> Preflight.check(List.of(ollama(url, "qwen2.5"))))
                .isInstanceOf(Preflight.PreflightException.class)
                .hasMessage("model 'qwen2.5' is not pulled in Ollama at " + url + ": run `ollama pull qwen2.5` (it has:"
                        + " llama3.2:latest, qwen2.5:3b, hf.co/User/Repo:Q4_K_M, me/tuned:v1)");
        assertThatThrownBy(() -> Preflight.check(List.of(ollama(url, "tuned:v1"))))
                .isInstanceOf(Preflight.PreflightException.class);
    }

    @Test
    void an_openai_compatible_listing_is_returned_and_a_model_missing_from_it_is_only_a_warning() throws IOException {
        String url = serve(Map.of("/v1/models", "{\"object\":\"list\",\"data\":[{\"id\":\"qwen\"},{\"id\":\"phi\"}]}"),
                200);
        List<Preflight.ServerInfo> info = Preflight.check(List.of(
                ChatModels.openAiCompatible().modelName("qwen").baseUrl(url + "/v1").build(),
                ChatModels.openAiCompatible().modelName("llama").baseUrl(url + "/v1").build()));

        assertThat(info).singleElement().satisfies(s -> {
            assertThat(s.listedModels()).containsExactly("qwen", "phi");
            assertThat(s.warnings()).containsExactly("model 'llama' is not among the 2 models " + url
                    + "/v1/models lists; the run asks it anyway");
        });
    }

    @Test
    void an_openai_compatible_server_without_a_models_route_passes_and_lists_nothing() throws IOException {
        String url = serve(Map.of(), 200); // every path: 404

        assertThat(Preflight.check(List.of(ChatModels.openAiCompatible().modelName("m").baseUrl(url + "/v1")
                .build()))).singleElement().satisfies(s -> {
                    assertThat(s.listedModels()).isEmpty();
                    assertThat(s.warnings()).isEmpty();
                });
    }

    @Test
    void openrouter_key_info_is_returned_and_simulated_models_are_not_probed() throws IOException {
        String key = "{\"data\":{\"label\":\"sk-or-v1-abc...xyz\",\"limit\":5,\"usage\":0.1,\"limit_remaining\":4.9}}";
        String url = serve(Map.of("/api/v1/key", key), 200);

        List<Preflight.ServerInfo> info = Preflight.check(List.of(
                ChatModels.openRouter().modelName("openai/gpt-4o-mini").baseUrl(url + "/api/v1")
                        .apiKey("k").build(),
                FakeChatModel.policy("crra:1")));

        assertThat(info).singleElement().satisfies(s -> assertThat(s.body()).isEqualTo(key));
        assertThat(Preflight.check(List.of(FakeChatModel.policy("crra:1"))))
                .isEmpty();
    }

    @Test
    void a_server_that_answers_badly_is_left_to_the_run_but_an_ollama_url_that_is_not_ollama_is_refused()
            throws IOException {
        String url = serve(Map.of("/v1/models", "oops", "/api/tags", "oops"), 500);

        assertThat(Preflight.check(List.of(ChatModels.openAiCompatible().modelName("m").baseUrl(url + "/v1")
                .build()))).singleElement().satisfies(s -> assertThat(s.listedModels()).isEmpty());
        assertThatThrownBy(() -> Preflight.check(List.of(ollama(url, "llama3.2"))))
                .isInstanceOf(Preflight.PreflightException.class)
                .hasMessageStartingWith("backend ollama: GET " + url + "/api/tags answered HTTP 500");
    }

    @Test
    void a_server_nobody_runs_is_unreachable_and_the_message_names_the_java_setting() throws IOException {
        String url;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            url = "http://127.0.0.1:" + closed.getLocalPort() + "/v1"; // closed again before the probe
        }
        String refused = url;

        assertThatThrownBy(() -> Preflight.check(List.of(ChatModels.openAiCompatible().modelName("m").baseUrl(refused)
                .build())))
                .isInstanceOfSatisfying(Preflight.PreflightException.class,
                        e -> assertThat(e.serverUnreachable()).isTrue())
                .hasMessageStartingWith("backend openai: connection refused at " + refused)
                .hasMessageEndingWith("; start the server or fix baseUrl")
                .message().doesNotContain("base_url").doesNotContain("--no-preflight");
    }

    @Test
    void a_model_that_is_not_pulled_is_not_an_unreachable_server() throws IOException {
        String url = serve(Map.of("/api/tags", "{\"models\":[]}"), 200);

        assertThatThrownBy(() -> Preflight.check(List.of(ollama(url, "qwen2.5"))))
                .isInstanceOfSatisfying(Preflight.PreflightException.class,
                        e -> assertThat(e.serverUnreachable()).isFalse());
    }
}
