package io.github.bart4j.langchain4j;

import static io.github.bart4j.langchain4j.OpenRouterWireTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.ChatModel;
import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.ParticipantException;
import io.github.bart4j.core.Task;
import io.github.bart4j.core.spi.BalloonState;
import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.core.spi.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OllamaWireTest {

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

    private ChatModels.OllamaBuilder model() {
        return ChatModels.ollama()
                .modelName("llama3.2")
                .baseUrl("http://127.0.0.1:" + server.getPort() + "/")
                .temperature(0.5)
                .seed(7)
                .maxTokens(8)
                .numCtx(4096);
    }

    private LlmParticipant.Builder participant(ChatModel model) {
        return LlmParticipant.builder().chatModel(model).sleeper(waits::add);
    }

    static String chat(String content, String thinking) {
        return "{\"model\":\"llama3.2\",\"created_at\":\"2026-11-23T12:00:00Z\",\"message\":{\"role\":\"assistant\","
                + "\"content\":" + JSON.valueToTree(content)
                + (thinking == null ? "" : ",\"thinking\":" + JSON.valueToTree(thinking))
                + "},\"done_reason\":\"stop\",\"done\":true,\"prompt_eval_count\":50,\"eval_count\":2}";
    }

    private static Reply first(Participant p) {
        Balloon b = new Balloon(1, "", 1, 20, 10, 0.10);
        return p.open(Task.contextFor(b, 1, "", 0, 1, List.of())).decide(new BalloonState(0, 0.0, 0, null));
    }

    private JsonNode takeBody() throws Exception {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/api/chat");
        return JSON.readTree(r.getBody().utf8());
    }

    @Test
    void a_request_goes_to_api_chat_with_the_seed_messages_and_explicit_options() throws Exception {
        server.enqueue(json(200, TestData.wire("ollama_chat.json")));
        Participant p = participant(model().build()).build();

        Reply reply = first(p);

        JsonNode body = takeBody();
        assertThat(body.path("model").asText()).isEqualTo("llama3.2");
        assertThat(body.path("stream").asBoolean(true)).isFalse();
        assertThat(body.path("messages").path(0).path("content").asText()).isEqualTo(BartPromptsTest.SEED_SYSTEM);
        assertThat(body.path("messages").path(1).path("content").asText())
                .isEqualTo(BartPromptsTest.SEED_FIRST.replace("#3", "#1"));
        JsonNode o = body.path("options");
        assertThat(o.path("temperature").asDouble()).isEqualTo(0.5);
        assertThat(o.path("seed").asInt()).isEqualTo(7);
        assertThat(o.path("num_predict").asInt()).isEqualTo(8);
        assertThat(o.path("num_ctx").asInt()).isEqualTo(4096);
        assertThat(body.has("format")).isFalse();
        assertThat(reply.decision()).isEqualTo(Decision.PUMP);
        assertThat(reply.usage().inputTokens()).isEqualTo(88);
        assertThat(reply.usage().outputTokens()).isEqualTo(3);
        assertThat(reply.usage().cost()).isNull();
    }

    @Test
    void num_ctx_is_sent_even_when_not_configured() throws Exception {
        server.enqueue(json(200, chat("Pump", null)));
        Participant p = LlmParticipants.create(ChatModels.ollama().modelName("llama3.2")
                .baseUrl("http://127.0.0.1:" + server.getPort() + "/").build());

        first(p);

        assertThat(takeBody().path("options").path("num_ctx").asInt()).isEqualTo(ChatModels.DEFAULT_NUM_CTX);
    }

    @Test
    void structured_output_sends_the_json_schema_as_format() throws Exception {
        server.enqueue(json(200, chat("{\"decision\": \"cash_out\"}", null)));
        Participant p = participant(model().build()).structuredOutput(true).build();

        Reply reply = first(p);

        JsonNode format = takeBody().path("format");
        assertThat(format.path("type").asText()).isEqualTo("object");
        assertThat(format.path("properties").path("decision").path("enum"))
                .extracting(JsonNode::asText).containsExactly("pump", "cash_out");
        assertThat(reply.decision()).isEqualTo(Decision.CASH_OUT);
    }

    @Test
    void thinking_is_kept_as_reasoning() {
        server.enqueue(json(200, chat("Cash Out", "Ten pumps is the plan.")));
        Participant p = participant(model().build()).build();

        Reply reply = first(p);

        assertThat(reply.reasoning()).isEqualTo("Ten pumps is the plan.");
        assertThat(reply.decision()).isEqualTo(Decision.CASH_OUT);
    }

    @Test
    void a_whole_balloon_plays_through_the_wire() {
        server.enqueue(json(200, chat("Pump", null)));
        server.enqueue(json(200, chat("Pump", null)));
        server.enqueue(json(200, chat("Cash Out", null)));
        Participant p = participant(model().build()).build();

        BalloonResult r = Task.classic().play(p, new Balloon(1, "", 1, 20, 10, 0.10));

        assertThat(r.pumps()).isEqualTo(2);
        assertThat(r.earnings()).isEqualTo(0.2);
        assertThat(r.usage().inputTokens()).isEqualTo(150);
    }

    @Test
    void a_server_error_and_an_empty_answer_are_retried() {
        server.enqueue(json(500, "{\"error\":\"model runner crashed\"}"));
        server.enqueue(json(200, chat("", null)));
        server.enqueue(json(200, chat("Pump", null)));
        Participant p = participant(model().build()).build();

        Reply reply = first(p);

        assertThat(reply.decision()).isEqualTo(Decision.PUMP);
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(waits).hasSize(2);
    }

    @Test
    void an_unknown_model_is_fatal_and_not_retried() {
        server.enqueue(json(404, "{\"error\":\"model \\\"llama3.2\\\" not found, try pulling it first\"}"));
        Participant p = participant(model().build()).build();

        assertThatThrownBy(() -> first(p))
                .isInstanceOfSatisfying(ParticipantException.class, e -> assertThat(e.isFatal()).isTrue())
                .hasMessage("model 'llama3.2' not found (HTTP 404)");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
