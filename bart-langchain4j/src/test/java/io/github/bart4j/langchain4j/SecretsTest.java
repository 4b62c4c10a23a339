package io.github.bart4j.langchain4j;

import static io.github.bart4j.langchain4j.OpenRouterWireTest.completion;
import static io.github.bart4j.langchain4j.OpenRouterWireTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.ParticipantException;
import io.github.bart4j.core.Task;
import io.github.bart4j.core.spi.BalloonState;
import io.github.bart4j.core.spi.Participant;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API key never shows: not in DEBUG logs of full requests and responses, not in exception
 * messages (even when the server echoes the key back), not in {@code toString()}.
 * DEBUG output goes to the file named by {@code org.slf4j.simpleLogger.logFile} (set in the pom).
 */
class SecretsTest {

    private final String key = "sk-or-v1-" + UUID.randomUUID().toString().replace("-", "");
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

    private static String log() throws IOException {
        String file = System.getProperty("org.slf4j.simpleLogger.logFile");
        assertThat(file).as("org.slf4j.simpleLogger.logFile (set by surefire)").isNotNull();
        return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    }

    private ProviderChatModel openRouter() {
        return ChatModels.openRouter().modelName("openai/gpt-4o").apiKey(key)
                .baseUrl("http://127.0.0.1:" + server.getPort() + "/api/v1")
                .appTitle("secret-free title").logRequestsAndResponses(true).build();
    }

    private static Participant participant(ProviderChatModel model) {
        return LlmParticipant.builder().chatModel(model).debug(true)
                .retryPolicy(RetryPolicy.builder().maxRetries(1).build()).sleeper(d -> { }).build();
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void debug_logging_shows_full_bodies_but_never_the_key() throws Exception {
        server.enqueue(json(200, completion("Pump")));
        server.enqueue(json(400, "{\"error\":{\"code\":400,\"message\":\"bad key " + key + " in request\"}}"));
        Participant p = participant(openRouter());
        Balloon balloon = new Balloon(1, "", 1, 20, 10, 0.10);

        BalloonResult r = Task.classic().play(p, balloon);

        String log = log();
        assertThat(log).contains("request POST").contains("\"model\":\"openai/gpt-4o\"")
                .contains("Authorization=***").contains("bad key *** in request");
        assertThat(log).doesNotContain(key);
        assertThat(r.error()).contains("bad key *** in request").doesNotContain(key);
    }

    @Test
    void exception_messages_and_causes_never_contain_the_key() {
        server.enqueue(json(401, "{\"error\":{\"code\":401,\"message\":\"key " + key + " is invalid\"}}"));
        Participant p = participant(openRouter());

        ParticipantException e = catchThrowableOfType(ParticipantException.class, () -> p.open(
                Task.contextFor(new Balloon(1, "", 1, 20, 10, 0.10), 1, "", 0, 1, List.of()))
                .decide(new BalloonState(0, 0, 0, null)));

        assertThat(e.getMessage()).isEqualTo("openrouter rejected the API key (HTTP 401)");
        assertThat(stackTrace(e)).doesNotContain(key);
    }

    @Test
    void ollama_authorization_is_masked_in_debug_logs() throws Exception {
        server.enqueue(json(200, OllamaWireTest.chat("Pump", null)));
        ProviderChatModel o = ChatModels.ollama().modelName("llama3.2").apiKey(key)
                .baseUrl("http://127.0.0.1:" + server.getPort() + "/").logRequestsAndResponses(true).build();

        Task.classic().play(LlmParticipants.create(o), new Balloon(1, "", 1, 20, 1, 0.10));

        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + key);
        assertThat(log()).contains("/api/chat").doesNotContain(key);
    }

    @Test
    void to_string_of_options_and_participants_hides_the_key() {
        ProviderChatModel o = openRouter();
        Participant p = participant(o);

        assertThat(o.toString()).contains("apiKey=***").doesNotContain(key);
        assertThat(p.toString()).doesNotContain(key);
        assertThat(o.hasApiKey()).isTrue();
        assertThat(String.valueOf(Secret.of(key))).isEqualTo("***");
    }

    @Test
    void openrouter_without_a_key_is_rejected_naming_the_variable() {
        Throwable t = catchThrowableOfType(IllegalArgumentException.class,
                () -> ChatModels.openRouter().modelName("openai/gpt-4o").build());

        assertThat(t).hasMessageStartingWith("apiKey must be given").hasMessageContaining("OPENROUTER_API_KEY");
    }
}
