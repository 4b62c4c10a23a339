package io.github.bart4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.ChatModel;
import io.github.bart4j.core.Answer;
import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.ParticipantException;
import io.github.bart4j.core.Task;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.BalloonState;
import io.github.bart4j.core.spi.Participant;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenRouterWireTest {

    static final String KEY = "sk-or-v1-TESTKEY-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer server = new MockWebServer();
    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        server.setServerSocketFactory(new NoDelaySockets());
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ChatModels.OpenRouterBuilder model() {
        return ChatModels.openRouter()
                .modelName("openai/gpt-4o")
                .apiKey(KEY)
                .baseUrl("http://127.0.0.1:" + server.getPort() + "/api/v1")
                .httpReferer("https://bart4j.example")
                .appTitle("bart4j tests")
                .temperature(0.7)
                .seed(42)
                .maxTokens(16);
    }

    /** A participant on {@code model} retrying 3 times, its waits recorded. */
    private LlmParticipant.Builder participant(ChatModel model) {
        return LlmParticipant.builder().chatModel(model).retryPolicy(retries(3).build()).sleeper(waits::add);
    }

    private static RetryPolicy.Builder retries(int n) {
        return RetryPolicy.builder().maxRetries(n);
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    static String completion(String content) {
        return "{\"id\":\"gen-1\",\"provider\":\"Test\",\"model\":\"openai/gpt-4o\",\"object\":\"chat.completion\","
                + "\"created\":1732300000,\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":"
                + "{\"role\":\"assistant\",\"content\":" + JSON.valueToTree(content) + "}}],"
                + "\"usage\":{\"prompt_tokens\":90,\"completion_tokens\":2,\"total_tokens\":92}}";
    }

    private static BalloonSession session(Participant p) {
        Balloon b = new Balloon(1, "", 1, 20, 10, 0.10);
        return p.open(Task.contextFor(b, 1, "", 0, 1, List.of()));
    }

    private static Answer first(Participant p) {
        return session(p).decide(new BalloonState(0, 0.0, 0, null));
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).as("request received").isNotNull();
        return r;
    }

    private static JsonNode body(RecordedRequest r) throws IOException {
        return JSON.readTree(r.getBody().utf8());
    }

    @Test
    void a_request_carries_path_model_seed_messages_headers_and_sampling() throws Exception {
        server.enqueue(json(200, TestData.wire("openrouter_chat_completion.json")));
        Participant p = participant(model().build()).build();

        Answer reply = first(p);

        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/api/v1/chat/completions");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(r.getHeaders().get("HTTP-Referer")).isEqualTo("https://bart4j.example");
        assertThat(r.getHeaders().get("X-Title")).isEqualTo("bart4j tests");
        JsonNode body = body(r);
        assertThat(body.path("model").asText()).isEqualTo("openai/gpt-4o");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(body.path("seed").asInt()).isEqualTo(42);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(16);
        assertThat(body.has("response_format")).isFalse();
        assertThat(body.path("messages")).hasSize(2);
        assertThat(body.path("messages").path(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").path(0).path("content").asText()).isEqualTo(BartPromptsTest.SEED_SYSTEM);
        assertThat(body.path("messages").path(1).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").path(1).path("content").asText())
                .isEqualTo(BartPromptsTest.SEED_FIRST.replace("#3", "#1"));
        assertThat(Parsed.decision(reply)).isEqualTo(Decision.PUMP);
        assertThat(reply.raw()).isEqualTo("Pump");
        assertThat(reply.usage().inputTokens()).isEqualTo(96);
        assertThat(reply.usage().outputTokens()).isEqualTo(2);
        assertThat(reply.usage().cost()).isEqualTo(0.00026);
        assertThat(reply.reasoning()).isNull();
    }

    @Test
    void the_second_request_of_a_balloon_carries_the_seed_conversation() throws Exception {
        server.enqueue(json(200, completion("Pump")));
        server.enqueue(json(200, completion("Cash Out")));
        Participant p = participant(model().build()).build();

        BalloonResult result = Task.classic().play(p, new Balloon(1, "", 1, 20, 10, 0.10));

        take();
        JsonNode messages = body(take()).path("messages");
        assertThat(result.choices()).containsExactly(Decision.PUMP, Decision.CASH_OUT);
        assertThat(messages).hasSize(4);
        assertThat(messages.path(2).path("role").asText()).isEqualTo("assistant");
        assertThat(messages.path(2).path("content").asText()).isEqualTo("Pump");
        assertThat(messages.path(3).path("content").asText())
                .isEqualTo(BartPromptsTest.SEED_AFTER_2.replace("$0.20", "$0.10"));
    }

    @Test
    void structured_output_sends_a_named_strict_json_schema() throws Exception {
        server.enqueue(json(200, completion("{\"decision\":\"cash_out\"}")));
        Participant p = participant(model().build()).structuredOutput(true).build();

        Answer reply = first(p);

        JsonNode format = body(take()).path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asText()).isEqualTo("bart_decision");
        assertThat(format.path("json_schema").path("schema").path("properties").path("decision").path("enum"))
                .extracting(JsonNode::asText).containsExactly("pump", "cash_out");
        assertThat(Parsed.decision(reply)).isEqualTo(Decision.CASH_OUT);
    }

    @Test
    void openrouter_reasoning_and_cost_are_read_from_the_raw_body() {
        server.enqueue(json(200, TestData.wire("openrouter_reasoning_completion.json")));
        Participant p = participant(model().build()).build();

        Answer reply = first(p);

        assertThat(Parsed.decision(reply)).isEqualTo(Decision.CASH_OUT);
        assertThat(reply.reasoning()).startsWith("The burst point is uniform on 1..20");
        assertThat(reply.usage().cost()).isEqualTo(0.0036);
        assertThat(reply.usage().outputTokens()).isEqualTo(212);
    }

    @Test
    void empty_content_with_reasoning_is_an_invalid_answer_not_a_crash() {
        server.enqueue(json(200, TestData.wire("openrouter_reasoning_completion.json")
                .replace("\"content\": \"Cash Out\"", "\"content\": \"\"")));
        Participant p = participant(model().build()).build();

        Answer reply = first(p);

        assertThat(reply.isValid()).isFalse();
        assertThat(Parsed.reason(reply)).isEqualTo("empty content (reasoning only)");
        assertThat(reply.reasoning()).isNotBlank();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void an_http_200_error_body_is_retried_then_succeeds() {
        server.enqueue(json(200, TestData.wire("openrouter_200_error.json")));
        server.enqueue(json(200, completion("Pump")));
        Participant p = participant(model().build()).build();

        Answer reply = first(p);

        assertThat(Parsed.decision(reply)).isEqualTo(Decision.PUMP);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(waits).hasSize(1);
    }

    @Test
    void a_429_is_retried_no_sooner_than_its_retry_after_seconds() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7")
                .body(TestData.wire("openrouter_429.json")).build());
        server.enqueue(json(200, completion("Pump")));
        Participant p = participant(model().build())
                .retryPolicy(retries(3).backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build()).build();

        Answer reply = first(p);

        assertThat(Parsed.decision(reply)).isEqualTo(Decision.PUMP);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void a_429_retry_after_http_date_is_honoured_against_the_injected_clock() {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");
        server.enqueue(new MockResponse.Builder().code(429)
                .addHeader("Retry-After", "Mon, 23 Nov 2026 12:00:30 GMT").body("{}").build());
        server.enqueue(json(200, completion("Pump")));
        Participant p = participant(model().clock(Clock.fixed(now, ZoneOffset.UTC)).build())
                .retryPolicy(retries(3).backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build()).build();

        first(p);

        assertThat(waits).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void server_errors_500_and_503_are_retried_with_growing_backoff() {
        server.enqueue(json(500, "{\"error\":{\"message\":\"internal\"}}"));
        server.enqueue(json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
        server.enqueue(json(200, completion("Cash Out")));
        Participant p = participant(model().build())
                .retryPolicy(retries(3).backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)).build()).build();

        Answer reply = first(p);

        assertThat(Parsed.decision(reply)).isEqualTo(Decision.CASH_OUT);
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(waits.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "401 | openrouter rejected the API key (HTTP 401)",
        "403 | openrouter rejected the API key (HTTP 403)",
        "402 | out of credits (HTTP 402)",
        "404 | model 'openai/gpt-4o' not found (HTTP 404)",
        "400 | openrouter rejected the request (HTTP 400)"})
    void client_errors_are_not_retried_and_are_fatal(int status, String message) {
        server.enqueue(json(status, "{\"error\":{\"code\":" + status + ",\"message\":\"nope\"}}"));
        Participant p = participant(model().build()).build();

        assertThatThrownBy(() -> first(p))
                .isInstanceOfSatisfying(ParticipantException.class, e -> assertThat(e.isFatal()).isTrue())
                .hasMessageStartingWith(message);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void a_long_provider_message_is_kept_whole_on_one_line() {
        String message = "This endpoint's maximum context length is 128000 tokens. However, you requested about"
                + " 140213 tokens (139213 of text input, 1000 in the output).\\nPlease reduce the length of either"
                + " one, or use the \\\"middle-out\\\" transform to compress your prompt automatically.";
        server.enqueue(json(400, "{\"error\":{\"code\":400,\"message\":\"" + message + "\"}}"));
        Participant p = participant(model().build()).build();

        assertThatThrownBy(() -> first(p)).hasMessageContaining("you requested about 140213 tokens")
                .hasMessageContaining("transform to compress your prompt automatically.")
                .hasMessageNotContaining("...").hasMessageNotContaining("\n");
    }

    @Test
    void a_fatal_failure_ends_the_balloon_with_status_error_and_the_cause() {
        server.enqueue(json(401, "{\"error\":{\"code\":401,\"message\":\"No auth credentials found\"}}"));
        Participant p = participant(model().build()).build();

        BalloonResult r = Task.classic().play(p, new Balloon(1, "", 1, 20, 10, 0.10));

        assertThat(r.isError()).isTrue();
        assertThat(r.error()).isEqualTo("openrouter rejected the API key (HTTP 401)");
        assertThat(r.earnings()).isZero();
    }

    @Test
    void malformed_json_is_retried() {
        server.enqueue(json(200, "{\"id\": \"gen-1\", \"choices\": [ {"));
        server.enqueue(json(200, completion("Pump")));
        Participant p = participant(model().build()).build();

        Answer reply = first(p);

        assertThat(Parsed.decision(reply)).isEqualTo(Decision.PUMP);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void an_empty_completion_is_retried() {
        server.enqueue(json(200, completion("")));
        server.enqueue(json(200, completion("Pump")));
        Participant p = participant(model().build()).build();

        Answer reply = first(p);

        assertThat(Parsed.decision(reply)).isEqualTo(Decision.PUMP);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void a_dropped_connection_is_retried() {
        server.enqueue(new MockResponse.Builder()
                .onRequestStart(new SocketEffect.CloseSocket(true, false, false)).build());
        server.enqueue(json(200, completion("Pump")));
        Participant p = participant(model().build()).build();

        Answer reply = first(p);

        assertThat(Parsed.decision(reply)).isEqualTo(Decision.PUMP);
        assertThat(waits).hasSize(1);
    }

    @Test
    void a_timeout_is_retried() {
        server.enqueue(new MockResponse.Builder().headersDelay(8000, TimeUnit.MILLISECONDS)
                .body(completion("Cash Out")).build());
        server.enqueue(json(200, completion("Pump")));
        // a 4 s deadline: the first answer (8 s late) misses it by far, the second meets it even on a loaded machine
        Participant p = participant(model().timeout(Duration.ofSeconds(4)).build()).build();

        Answer reply = first(p);

        assertThat(Parsed.decision(reply)).isEqualTo(Decision.PUMP);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(waits).hasSize(1);
    }

    @Test
    void retries_are_bounded_and_then_the_failure_is_not_fatal() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
        }
        Participant p = participant(model().build()).retryPolicy(retries(2).build()).build();

        BalloonResult r = Task.classic().play(p, new Balloon(1, "", 1, 20, 10, 0.10));

        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(r.isError()).isTrue();
        assertThat(r.error()).contains("HTTP 503").contains("gave up after 3 attempts");
        assertThatThrownBy(() -> {
            server.enqueue(json(503, "{}"));
            server.enqueue(json(503, "{}"));
            server.enqueue(json(503, "{}"));
            first(p);
        }).isInstanceOfSatisfying(ParticipantException.class, e -> assertThat(e.isFatal()).isFalse());
    }

    @Test
    void an_openai_compatible_server_gets_requests_under_its_v1_base_url_without_a_key() throws Exception {
        server.enqueue(json(200, completion("Pump")));
        Participant p = participant(ChatModels.openAiCompatible().modelName("local-model")
                .baseUrl("http://127.0.0.1:" + server.getPort() + "/v1/").build()).build();

        first(p);

        RecordedRequest r = take();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(body(r).path("model").asText()).isEqualTo("local-model");
        assertThat(r.getHeaders().get("Authorization")).isNull();
    }

    @Test
    void an_http_200_error_body_with_a_credits_code_is_fatal_and_not_retried() {
        server.enqueue(json(200, "{\"error\":{\"code\":402,\"message\":\"Insufficient credits\"}}"));
        Participant p = participant(model().build()).build();

        assertThatThrownBy(() -> first(p))
                .isInstanceOfSatisfying(ParticipantException.class, e -> assertThat(e.isFatal()).isTrue())
                .hasMessage("out of credits (code 402) in HTTP 200 body: Insufficient credits");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void langchain4j_does_not_retry_on_its_own() {
        server.enqueue(json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
        server.enqueue(json(200, completion("Pump")));
        Participant p = participant(model().build()).retryPolicy(RetryPolicy.none()).build();

        assertThatThrownBy(() -> first(p)).isInstanceOf(ParticipantException.class)
                .hasMessageContaining("gave up after 1 attempt");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void a_user_built_model_gets_the_same_retries_for_its_null_pointer_and_status_errors() {
        server.enqueue(json(200, TestData.wire("openrouter_200_error.json")));
        server.enqueue(json(429, TestData.wire("openrouter_429.json")));
        server.enqueue(json(200, completion("Pump")));
        dev.langchain4j.model.openai.OpenAiChatModel own = dev.langchain4j.model.openai.OpenAiChatModel.builder()
                .baseUrl("http://127.0.0.1:" + server.getPort() + "/api/v1").apiKey("k").modelName("m")
                .maxRetries(0).build();
        Participant p = LlmParticipant.builder().chatModel(own).name("m").sleeper(waits::add).build();

        Answer reply = first(p);

        assertThat(Parsed.decision(reply)).isEqualTo(Decision.PUMP);
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(waits).hasSize(2);
    }
}
