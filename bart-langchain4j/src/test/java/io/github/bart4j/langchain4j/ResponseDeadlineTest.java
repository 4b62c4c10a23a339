package io.github.bart4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.chat.ChatModel;
import io.github.bart4j.core.Answer;
import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.Bart4jException;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.Task;
import io.github.bart4j.core.spi.BalloonState;
import io.github.bart4j.core.spi.Participant;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request's timeout is a deadline for the whole exchange, body included, and a response body is
 * read only up to {@code maxResponseBytes}: a server that stalls or trickles its body, or sends a
 * huge one, cannot hang a run or fill the heap.
 */
class ResponseDeadlineTest {

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

    /** A model with the default timeout (60 s): no answer the server gives in full times out, however busy the machine. */
    private ChatModels.OpenAiCompatibleBuilder model() {
        return ChatModels.openAiCompatible()
                .modelName("gpt-test")
                .baseUrl("http://127.0.0.1:" + server.getPort() + "/v1");
    }

    /** A model with a 2 s deadline, for answers that never come in full: a quick test. */
    private ChatModels.OpenAiCompatibleBuilder deadlineModel() {
        return model().timeout(Duration.ofSeconds(2));
    }

    private Participant participant(ChatModel model) {
        return LlmParticipant.builder().chatModel(model).retryPolicy(RetryPolicy.builder().maxRetries(1).build())
                .sleeper(waits::add).build();
    }

    private static MockResponse ok(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    /** Plays one balloon against the server and returns its result and how long it took. */
    private BalloonResult playOne(Participant p, long[] elapsedNanos) {
        long start = System.nanoTime();
        BalloonResult r = Task.classic().play(p, new Balloon(1, "", 1, 20, 10, 0.10));
        elapsedNanos[0] = System.nanoTime() - start;
        return r;
    }

    @Test
    void a_body_trickled_a_byte_a_second_is_cut_off_at_the_deadline_and_retried() {
        String body = OpenRouterWireTest.completion("Cash Out");
        for (int i = 0; i < 2; i++) {
            server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .body(body).throttleBody(1, 1, TimeUnit.SECONDS).build());
        }
        long[] elapsed = new long[1];

        BalloonResult r = playOne(participant(deadlineModel().build()), elapsed);

        assertThat(r.isError()).isTrue();
        assertThat(r.error()).contains("timed out").contains("gave up after 2 attempts");
        // two deadlines of 2 s (the sleeper does not wait); the body alone would take minutes
        assertThat(Duration.ofNanos(elapsed[0])).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void headers_and_one_byte_then_silence_is_cut_off_at_the_deadline() {
        for (int i = 0; i < 2; i++) {
            server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .body(OpenRouterWireTest.completion("Cash Out")).throttleBody(1, 60, TimeUnit.SECONDS).build());
        }
        long[] elapsed = new long[1];

        BalloonResult r = playOne(participant(deadlineModel().build()), elapsed);

        assertThat(r.isError()).isTrue();
        assertThat(r.error()).contains("timed out").contains("gave up after 2 attempts");
        assertThat(waits).hasSize(1);
        assertThat(Duration.ofNanos(elapsed[0])).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void the_backend_preflight_has_a_deadline_for_the_whole_answer_too() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"object\":\"list\",\"data\":[]}").throttleBody(1, 60, TimeUnit.SECONDS).build());
        long start = System.nanoTime();

        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
                () -> Preflight.check(List.of(deadlineModel().build())));

        assertThat(failure).isInstanceOf(Preflight.PreflightException.class)
                .hasMessageContaining("no complete answer within 2 s").hasMessageContaining("GET ");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void an_answer_over_max_response_bytes_is_an_invalid_answer_keeping_a_bounded_prefix() {
        String huge = OpenRouterWireTest.completion("Pump " + "x".repeat(5 * 1024 * 1024));
        server.enqueue(ok(huge));
        server.enqueue(ok(OpenRouterWireTest.completion("Pump")));
        Participant p = participant(model().build());

        var session = p.open(Task.contextFor(new Balloon(1, "", 1, 20, 10, 0.10), 1, "", 0, 1, List.of()));
        Answer tooLong = session.decide(new BalloonState(0, 0.0, 0, null));
        Answer next = session.decide(new BalloonState(0, 0.0, 1, Parsed.reason(tooLong)));

        assertThat(tooLong.isValid()).isFalse();
        assertThat(Parsed.reason(tooLong)).startsWith("answer too long: " + huge.length() + " bytes")
                .contains("max_response_bytes " + ChatModels.DEFAULT_MAX_RESPONSE_BYTES);
        assertThat(tooLong.raw()).hasSizeLessThanOrEqualTo(ResponseTooLargeException.PREFIX_CHARS)
                .startsWith("{\"id\":\"gen-1\"");
        assertThat(waits).as("an over-long answer is an answer, not a transport failure").isEmpty();
        assertThat(Parsed.decision(next)).isEqualTo(Decision.PUMP);
    }

    @Test
    void the_kept_prefix_of_an_over_long_answer_never_holds_the_api_key() {
        String key = "sk-test-0123456789abcdef-SECRET";
        server.enqueue(ok(OpenRouterWireTest.completion("you sent " + key + " " + "x".repeat(400_000))));
        Participant p = participant(model().apiKey(key).build());

        Answer tooLong = p.open(Task.contextFor(new Balloon(1, "", 1, 20, 10, 0.10), 1, "", 0, 1, List.of()))
                .decide(new BalloonState(0, 0.0, 0, null));

        assertThat(Parsed.reason(tooLong)).startsWith("answer too long");
        assertThat(tooLong.raw()).contains("you sent ***").doesNotContain(key);
    }

    @Test
    void an_over_long_answer_to_a_chat_model_used_directly_is_a_Bart4jException() {
        server.enqueue(ok(OpenRouterWireTest.completion("Pump " + "x".repeat(4000))));
        var model = model().maxResponseBytes(2048).build();

        assertThatThrownBy(() -> model.chat("Pump or cash out?"))
                .isInstanceOf(Bart4jException.class)
                .hasMessageStartingWith("answer too long: ")
                .hasMessageContaining("max_response_bytes 2048");
    }

    @Test
    void the_cap_is_configurable_and_an_answer_within_it_is_read_whole() {
        String answer = OpenRouterWireTest.completion("Pump").replace("\"object\"",
                "\"padding\":\"" + "y".repeat(3000) + "\",\"object\"");
        server.enqueue(ok(answer));
        server.enqueue(ok(answer));

        Answer within = participant(model().maxResponseBytes(8192).build()).open(
                Task.contextFor(new Balloon(1, "", 1, 20, 10, 0.10), 1, "", 0, 1, List.of()))
                .decide(new BalloonState(0, 0.0, 0, null));
        Answer over = participant(model().maxResponseBytes(2048).build()).open(
                Task.contextFor(new Balloon(1, "", 1, 20, 10, 0.10), 1, "", 0, 1, List.of()))
                .decide(new BalloonState(0, 0.0, 0, null));

        assertThat(within.isValid()).as(Parsed.reason(within)).isTrue();
        assertThat(Parsed.decision(within)).isEqualTo(Decision.PUMP);
        assertThat(over.isValid()).isFalse();
        assertThat(Parsed.reason(over)).contains("max_response_bytes 2048");
    }
}
