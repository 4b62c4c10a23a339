package io.github.bart4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Task;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The per-provider builders: defaults, validation messages naming Java parameters, options on the wire. */
class ChatModelsTest {

    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        server.setServerSocketFactory(new NoDelaySockets());
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void defaults_are_the_documented_ones() {
        ProviderChatModel local = ChatModels.ollama().modelName(" llama3.2 ").build();
        ProviderChatModel router = ChatModels.openRouter().modelName("x").apiKey("k").build();
        ProviderChatModel openai = ChatModels.openAiCompatible().modelName("gpt-4o-mini").build();

        assertThat(local.backend()).isEqualTo(ProviderChatModel.Backend.OLLAMA);
        assertThat(local.baseUrl()).isEqualTo("http://localhost:11434");
        assertThat(local.modelName()).isEqualTo("llama3.2");
        assertThat(local.timeout()).isEqualTo(Duration.ofSeconds(60)).isEqualTo(ChatModels.DEFAULT_TIMEOUT);
        assertThat(local.hasApiKey()).isFalse();
        assertThat(local.defaultRequestParameters().modelName()).isEqualTo("llama3.2");
        assertThat(router.baseUrl()).isEqualTo("https://openrouter.ai/api/v1");
        assertThat(router.hasApiKey()).isTrue();
        assertThat(openai.baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(LlmParticipants.create(local).name()).isEqualTo("llama3.2");
    }

    @Test
    void a_base_url_loses_its_trailing_slash() {
        assertThat(ChatModels.ollama().modelName("m").baseUrl("http://gpu-box:11434/").build().baseUrl())
                .isEqualTo("http://gpu-box:11434");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "modelName        | modelName must not be blank, but is ' '",
        "temperature      | temperature must be between 0 and 2, but is 3.0",
        "maxTokens        | maxTokens must be >= 1, but is 0",
        "timeout          | timeout must be > 0, but is PT0S",
        "maxResponseBytes | maxResponseBytes must be >= 1024, but is 100",
        "baseUrl          | baseUrl must start with http:// or https://, but is 'localhost:11434'",
        "numCtx           | numCtx must be >= 1, but is 0"})
    void invalid_values_are_rejected_naming_the_java_parameter_the_value_and_the_rule(String parameter,
                                                                                       String message) {
        ChatModels.OllamaBuilder b = ChatModels.ollama().modelName("llama3.2");
        switch (parameter) {
            case "modelName" -> b.modelName(" ");
            case "temperature" -> b.temperature(3.0);
            case "maxTokens" -> b.maxTokens(0);
            case "timeout" -> b.timeout(Duration.ZERO);
            case "maxResponseBytes" -> b.maxResponseBytes(100);
            case "baseUrl" -> b.baseUrl("localhost:11434");
            default -> b.numCtx(0);
        }

        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void every_provider_checks_the_shared_parameters_and_openrouter_needs_a_key() {
        for (Supplier<ChatModels.Builder<?>> provider : java.util.List.<Supplier<ChatModels.Builder<?>>>of(
                ChatModels::openRouter, ChatModels::ollama, ChatModels::openAiCompatible)) {
            assertThatThrownBy(() -> provider.get().apiKey("k").build())
                    .hasMessage("modelName must not be blank, but is null");
            assertThatThrownBy(() -> provider.get().apiKey("k").modelName("m").temperature(-0.1).build())
                    .hasMessage("temperature must be between 0 and 2, but is -0.1");
        }
        assertThatThrownBy(() -> ChatModels.openRouter().modelName("m").apiKey(" ").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("apiKey must be given for OpenRouter (apiKey(...), or apiKeyFromEnvironment() with"
                        + " OPENROUTER_API_KEY set), model m");
        assertThatThrownBy(() -> ChatModels.ollama().customHeader(" ", "v"))
                .hasMessage("name must not be blank, but is ' '");
    }

    @Test
    void a_provider_model_hides_its_key() {
        ProviderChatModel m = ChatModels.openAiCompatible().modelName("m").apiKey("sk-very-secret").build();

        assertThat(m.toString()).contains("apiKey=***").doesNotContain("sk-very-secret");
        assertThat(LlmParticipants.create(m).toString()).doesNotContain("sk-very-secret");
    }

    @Test
    void an_openai_compatible_server_receives_every_option_the_builder_was_given() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(OpenRouterWireTest.completion("Cash Out")).build());
        ProviderChatModel model = ChatModels.openAiCompatible()
                .baseUrl("http://127.0.0.1:" + server.getPort() + "/v1/")
                .modelName("qwen2.5-7b")
                .apiKey("sk-local")
                .temperature(0.3)
                .seed(11)
                .maxTokens(24)
                .timeout(Duration.ofSeconds(30))
                .customHeader("X-Lab", "bart")
                .build();

        BalloonResult r = Task.classic().play(LlmParticipants.create(model), new Balloon(1, "", 1, 20, 10, 0.10));

        assertThat(r.isError()).as(r.error()).isFalse();
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer sk-local");
        assertThat(request.getHeaders().get("X-Lab")).isEqualTo("bart");
        JsonNode body = new ObjectMapper().readTree(request.getBody().utf8());
        assertThat(body.path("model").asText()).isEqualTo("qwen2.5-7b");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.path("seed").asInt()).isEqualTo(11);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(24);
    }
}
