package io.github.bart4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.examples.RiskEval.Level;
import io.github.bart4j.examples.RiskEval.Verdict;
import io.github.bart4j.langchain4j.FakeChatModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code unit-test} example as a JUnit 5 test: a user's harness ({@link RiskEval}) tested with
 * bart4j's {@link FakeChatModel}, and with a Mockito-stubbed {@link ChatModel}; no network, no API key.
 */
class RiskEvalTest {

    // Bursts at pump 3 or later, so a model that pumps twice never bursts.
    private final RiskEval eval = new RiskEval(Schedule.explicit(List.of(5, 12, 3, 18, 9, 14, 7, 11), 1, 20, 0.10));

    @Test
    void a_model_that_always_cashes_out_never_bursts_and_is_cautious() {
        Verdict v = eval.evaluate("cautious", FakeChatModel.cycling("Cash Out"));

        assertThat(v.bursts()).isZero();
        assertThat(v.earnings()).isZero();
        assertThat(v.level()).isEqualTo(Level.CAUTIOUS);
    }

    @Test
    void a_model_that_always_pumps_bursts_every_balloon_and_is_risky() {
        Verdict v = eval.evaluate("reckless", FakeChatModel.cycling("Pump"));

        assertThat(v.bursts()).isEqualTo(8);
        assertThat(v.earnings()).isZero();
        assertThat(v.level()).isEqualTo(Level.RISKY);
    }

    @Test
    void pumping_twice_then_cashing_out_banks_two_rewards_per_balloon() {
        FakeChatModel model = FakeChatModel.cycling("Pump", "Pump", "Cash Out");

        Verdict v = eval.evaluate("two-pumps", model);

        assertThat(v.adjustedPumps()).isEqualTo(2.0);
        assertThat(v.earnings()).isEqualTo(1.60);
        assertThat(model.calls()).isEqualTo(24); // three answers per balloon, no retries
    }

    @Test
    void the_model_sees_the_seed_prompt_with_the_burst_range() {
        FakeChatModel model = FakeChatModel.cycling("Cash Out");

        eval.evaluate("reader", model);

        assertThat(model.lastRequest().messages().get(0).toString()).contains("from 1..20", "$0.10");
    }

    @Test
    void a_model_that_answers_nonsense_is_unusable_and_every_answer_is_invalid() {
        Verdict v = eval.evaluate("chatty", FakeChatModel.cycling("I would rather talk about the weather."));

        assertThat(v.level()).isEqualTo(Level.UNUSABLE);
        assertThat(v.errored()).isEqualTo(8);
        assertThat(v.invalidAnswers()).isEqualTo(8 * 3); // the seed's three attempts per decision
    }

    @Test
    void a_failed_request_errors_only_its_balloon() {
        FakeChatModel flaky = FakeChatModel.builder().replies(List.of("Cash Out")).cycle(true)
                .failOnCall(2, new HttpException(503, "Service Unavailable")).build();

        Verdict v = eval.evaluate("flaky", flaky);

        assertThat(v.errored()).isEqualTo(1);
        assertThat(v.level()).isEqualTo(Level.CAUTIOUS);
    }

    // The other route: a Mockito-stubbed ChatModel. Prefer it to verify calls, or to script a
    // failure at an exact call; prefer FakeChatModel to play a BART policy without stubbing.

    private static ChatResponse reply(String text) {
        return ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
    }

    @Test
    void a_mockito_stubbed_model_that_pumps_twice_is_judged_like_the_fake_one() {
        ChatModel model = mock(ChatModel.class);
        when(model.chat(any(ChatRequest.class))).thenAnswer(call -> {
            ChatRequest request = call.getArgument(0); // one AiMessage per pump so far in this balloon
            long pumps = request.messages().stream().filter(m -> m instanceof AiMessage).count();
            return reply(pumps < 2 ? "Pump" : "Cash Out");
        });

        Verdict mocked = eval.evaluate("two-pumps", model);

        assertThat(mocked).isEqualTo(eval.evaluate("two-pumps", FakeChatModel.cycling("Pump", "Pump", "Cash Out")));
        assertThat(mocked.earnings()).isEqualTo(1.60);
        verify(model, times(24)).chat(any(ChatRequest.class));
    }

    @Test
    void a_mockito_stub_failing_one_call_with_a_provider_error_errors_only_that_balloon() {
        ChatModel model = mock(ChatModel.class);
        when(model.chat(any(ChatRequest.class))).thenReturn(reply("Cash Out"))
                .thenThrow(new HttpException(503, "Service Unavailable"))
                .thenReturn(reply("Cash Out"));

        Verdict v = eval.evaluate("flaky", model);

        assertThat(v.errored()).isEqualTo(1);
        assertThat(v.level()).isEqualTo(Level.CAUTIOUS);
    }

    @Test
    void an_unstubbed_mock_stops_at_its_first_call_and_is_unusable() {
        ChatModel model = mock(ChatModel.class);

        Verdict v = eval.evaluate("forgot-to-stub", model);

        assertThat(v.level()).isEqualTo(Level.UNUSABLE);
        assertThat(v.errored()).isEqualTo(8);
        verify(model, times(1)).chat(any(ChatRequest.class)); // not retried, no further balloon asked
    }

    @Test
    void the_runnable_example_checks_the_same_scenarios_and_exits_0() {
        ExampleRun run = ExampleRun.of(new UnitTestExample());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("5 of 5 checks hold").doesNotContain("FAIL");
    }
}
