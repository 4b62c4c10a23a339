package io.github.bart4j.langchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Task;
import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.langchain4j.ChatModels;
import io.github.bart4j.langchain4j.LlmParticipant;
import io.github.bart4j.langchain4j.RetryPolicy;
import io.github.bart4j.langchain4j.testkit.FakeLlmServer.Fault;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FakeLlmServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ASK = "{\"model\":\"fixed:3\",\"messages\":[{\"role\":\"system\",\"content\":\"You play.\"},"
            + "{\"role\":\"user\",\"content\":\"Balloon #4. Pump or Cash Out?\"}]}";

    private static HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return client.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answers_openai_requests_with_the_policy_and_token_usage() throws Exception {
        try (FakeLlmServer server = FakeLlmServer.start()) {
            HttpResponse<String> r = post(server.openAiBaseUrl() + "/chat/completions", ASK);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Pump");
            assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
            assertThat(body.at("/usage/prompt_tokens").asInt()).isPositive();
            assertThat(body.path("model").asText()).isEqualTo("fixed:3");
            assertThat(server.requestCount("fixed:3", 4)).isEqualTo(1);
        }
    }

    @Test
    void answers_the_openrouter_path_and_ollama_chat() throws Exception {
        try (FakeLlmServer server = FakeLlmServer.start()) {
            assertThat(post(server.ollamaBaseUrl() + "/api/v1/chat/completions", ASK).statusCode()).isEqualTo(200);
            HttpResponse<String> r = post(server.ollamaBaseUrl() + "/api/chat", ASK);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.at("/message/content").asText()).isEqualTo("Pump");
            assertThat(body.path("done").asBoolean()).isTrue();
            assertThat(body.path("prompt_eval_count").asInt()).isPositive();
            assertThat(server.requestCounts()).containsEntry("fixed:3#4", 2);
        }
    }

    @Test
    void a_model_that_is_no_policy_gets_404() throws Exception {
        try (FakeLlmServer server = FakeLlmServer.start()) {
            HttpResponse<String> r = post(server.openAiBaseUrl() + "/chat/completions", ASK.replace("fixed:3", "gpt-9"));
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("gpt-9");
        }
    }

    @Test
    void injects_faults_by_request_number() throws Exception {
        try (FakeLlmServer server = FakeLlmServer.builder().retryAfterSeconds(7)
                .faultOn(Fault.RATE_LIMITED, 1).faultOn(Fault.ERROR_BODY, 2).faultOn(Fault.TRUNCATED_JSON, 3)
                .faultOn(Fault.EMPTY_CONTENT, 4).faultOn(Fault.SERVER_ERROR, 5).faultOn(Fault.UNAVAILABLE, 6)
                .faultOn(Fault.CONNECTION_RESET, 7).start()) {
            String url = server.openAiBaseUrl() + "/chat/completions";
            HttpResponse<String> limited = post(url, ASK);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
            HttpResponse<String> errorBody = post(url, ASK);
            assertThat(errorBody.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(errorBody.body()).at("/error/code").asInt()).isEqualTo(502);
            String truncated = post(url, ASK).body();
            assertThatThrownBy(() -> JSON.readTree(truncated)).isInstanceOf(IOException.class);
            assertThat(JSON.readTree(post(url, ASK).body()).at("/choices/0/message/content").asText()).isEmpty();
            assertThat(post(url, ASK).statusCode()).isEqualTo(500);
            assertThat(post(url, ASK).statusCode()).isEqualTo(503);
            assertThatThrownBy(() -> post(url, ASK)).isInstanceOf(IOException.class);
            assertThat(post(url, ASK).statusCode()).isEqualTo(200);
            assertThat(server.requests()).extracting(FakeLlmServer.Request::fault).containsExactly(Fault.RATE_LIMITED,
                    Fault.ERROR_BODY, Fault.TRUNCATED_JSON, Fault.EMPTY_CONTENT, Fault.SERVER_ERROR, Fault.UNAVAILABLE,
                    Fault.CONNECTION_RESET, null);
        }
    }

    @Test
    void an_unreadable_answer_is_a_well_formed_completion_in_both_formats() throws Exception {
        try (FakeLlmServer server = FakeLlmServer.builder().faults(r -> Fault.UNREADABLE).start()) {
            JsonNode openAi = JSON.readTree(post(server.openAiBaseUrl() + "/chat/completions", ASK).body());
            assertThat(openAi.at("/choices/0/message/content").asText()).isEqualTo(FakeLlmServer.UNREADABLE_TEXT);
            JsonNode ollama = JSON.readTree(post(server.ollamaBaseUrl() + "/api/chat", ASK).body());
            assertThat(ollama.at("/message/content").asText()).isEqualTo(FakeLlmServer.UNREADABLE_TEXT);
        }
    }

    @Test
    void sets_no_jvm_wide_property() {
        try (FakeLlmServer server = FakeLlmServer.start()) {
            assertThat(server.port()).isPositive();
            // TCP_NODELAY is set on each accepted socket; the JDK server's JVM-wide switch stays unset
            assertThat(System.getProperty("sun.net.httpserver.nodelay")).isNull();
        }
    }

    @Test
    void a_seeded_fault_rate_hits_the_same_requests_every_time() {
        var a = FakeLlmServer.builder().faultRate(0.3, 5, Fault.SERVER_ERROR);
        try (FakeLlmServer one = a.start(); FakeLlmServer two = FakeLlmServer.builder()
                .faultRate(0.3, 5, Fault.SERVER_ERROR).start()) {
            for (int i = 0; i < 50; i++) {
                try {
                    post(one.openAiBaseUrl() + "/chat/completions", ASK);
                    post(two.openAiBaseUrl() + "/chat/completions", ASK);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            assertThat(one.requests()).extracting(FakeLlmServer.Request::fault)
                    .isEqualTo(two.requests().stream().map(FakeLlmServer.Request::fault).toList())
                    .contains(Fault.SERVER_ERROR).contains((Fault) null);
        }
    }

    @Test
    void requests_past_the_cap_get_503() throws Exception {
        try (FakeLlmServer server = FakeLlmServer.builder().maxRequests(1).start()) {
            assertThat(post(server.openAiBaseUrl() + "/chat/completions", ASK).statusCode()).isEqualTo(200);
            assertThat(post(server.openAiBaseUrl() + "/chat/completions", ASK).statusCode()).isEqualTo(503);
        }
    }

    @Test
    void an_llm_participant_plays_the_policy_through_the_server() {
        try (FakeLlmServer server = FakeLlmServer.start()) {
            Participant p = LlmParticipant.builder().chatModel(ChatModels.openAiCompatible().modelName("fixed:5")
                    .baseUrl(server.openAiBaseUrl()).build()).retryPolicy(RetryPolicy.none()).build();
            BalloonResult r = Task.classic().play(p, new Balloon(3, "", 1, 20, 20, 0.10));
            assertThat(r.pumps()).isEqualTo(5);
            assertThat(r.isError()).isFalse();
            assertThat(r.usage().inputTokens()).isPositive();
            assertThat(server.requestCount("fixed:5", 3)).isEqualTo(6);

            Participant ollama = LlmParticipant.builder().chatModel(ChatModels.ollama().modelName("crra:0")
                    .baseUrl(server.ollamaBaseUrl()).build()).retryPolicy(RetryPolicy.none()).build();
            BalloonResult o = Task.classic().play(ollama, new Balloon(8, "", 1, 20, 20, 0.10));
            assertThat(o.isError()).as(o.error()).isFalse();
            assertThat(o.pumps()).isEqualTo(10);
        }
    }

    @Test
    void close_stops_answering() {
        FakeLlmServer server = FakeLlmServer.start();
        String url = server.openAiBaseUrl() + "/chat/completions";
        server.close();
        server.close();
        assertThatThrownBy(() -> post(url, ASK)).isInstanceOf(IOException.class);
    }
}
