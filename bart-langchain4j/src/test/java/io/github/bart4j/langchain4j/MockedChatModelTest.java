package io.github.bart4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ExperimentResult;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.spi.Participant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a user who tests with Mockito meets: a {@code mock(ChatModel.class)} stubbed with answers
 * plays like any model; an unstubbed mock, a response without a message, or an exception the stub
 * chose stops that participant with one error naming it and what was wrong, without retries.
 */
class MockedChatModelTest {

    /** Bursts at 5, 9, 3 and 12: two pumps never burst. */
    private static final Schedule SCHEDULE = Schedule.explicit(List.of(5, 9, 3, 12), 1, 20, 0.10);

    private static ChatResponse response(String text) {
        return ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
    }

    /** A participant on {@code model}, retrying at once (no waits) so a retry would show as a call. */
    private static Participant participant(ChatModel model) {
        return LlmParticipant.builder().chatModel(model).name("mocked").sleeper(d -> { }).build();
    }

    private static ExperimentResult run(Participant p) {
        return Experiment.builder().schedule(SCHEDULE).participant(p).maxConcurrency(1).build().run();
    }

    @Test
    void a_stubbed_mock_plays_pump_pump_cash_out() {
        ChatModel model = mock(ChatModel.class);
        when(model.chat(any(ChatRequest.class)))
                .thenReturn(response("Pump"), response("Pump"), response("Cash Out"));

        ExperimentResult run = Experiment.builder()
                .schedule(Schedule.explicit(List.of(10), 1, 20, 0.10))
                .participant(LlmParticipants.create(model))
                .build()
                .run();

        BalloonResult r = run.results().get(0);
        assertThat(r.pumps()).isEqualTo(2);
        assertThat(r.earnings()).isEqualTo(0.2);
        assertThat(r.responses()).containsExactly("Pump", "Pump", "Cash Out");
        verify(model, times(3)).chat(any(ChatRequest.class));
    }

    @Test
    void a_mock_answering_from_the_conversation_plays_every_balloon_the_same_way() {
        ChatModel model = mock(ChatModel.class);
        // per-balloon conversation: the request holds one AiMessage per pump made so far
        when(model.chat(any(ChatRequest.class))).thenAnswer(call -> {
            ChatRequest request = call.getArgument(0);
            long pumps = request.messages().stream().filter(m -> m instanceof AiMessage).count();
            return response(pumps < 2 ? "Pump" : "Cash Out");
        });

        ExperimentResult run = run(participant(model));

        assertThat(run.complete()).isTrue();
        assertThat(run.results()).extracting(BalloonResult::pumps).containsExactly(2, 2, 2, 2);
        assertThat(run.results()).extracting(BalloonResult::earnings).containsOnly(0.2);
        verify(model, times(12)).chat(any(ChatRequest.class));
    }

    @Test
    void a_mock_calling_real_methods_may_stub_do_chat_instead() {
        ChatModel model = mock(ChatModel.class, CALLS_REAL_METHODS);
        doReturn(response("Cash Out")).when(model).doChat(any(ChatRequest.class));

        ExperimentResult run = run(participant(model));

        assertThat(run.complete()).isTrue();
        assertThat(run.results()).extracting(BalloonResult::pumps).containsExactly(0, 0, 0, 0);
        verify(model, times(4)).doChat(any(ChatRequest.class));
    }

    @Test
    void an_unstubbed_mock_stops_the_participant_with_one_clear_error_and_no_retry() {
        ChatModel model = mock(ChatModel.class);

        ExperimentResult run = run(participant(model));

        assertThat(run.results()).as("the failed balloon is not recorded, so a resume asks it again").isEmpty();
        assertThat(run.failures()).containsOnlyKeys("mocked");
        assertThat(run.failures().get("mocked"))
                .matches("participant 'mocked': the ChatModel returned null for the request of balloon \\d+; "
                        + "is it an unstubbed mock\\? bart4j calls ChatModel\\.chat\\(ChatRequest\\)");
        verify(model, times(1)).chat(any(ChatRequest.class));
    }

    @Test
    void a_response_without_an_ai_message_stops_the_participant() {
        ChatModel model = mock(ChatModel.class);
        when(model.chat(any(ChatRequest.class))).thenReturn(mock(ChatResponse.class));

        ExperimentResult run = run(participant(model));

        assertThat(run.results()).isEmpty();
        assertThat(run.failures().get("mocked")).matches("participant 'mocked': the ChatModel returned a ChatResponse"
                + " without an aiMessage for the request of balloon \\d+");
        verify(model, times(1)).chat(any(ChatRequest.class));
    }

    @Test
    void an_exception_the_stub_throws_stops_the_participant_naming_it() {
        ChatModel model = mock(ChatModel.class);
        when(model.chat(any(ChatRequest.class))).thenReturn(response("Pump"))
                .thenThrow(new IllegalStateException("no answer scripted for this prompt"));

        ExperimentResult run = run(participant(model));

        assertThat(run.results()).isEmpty();
        assertThat(run.failures().get("mocked")).matches("participant 'mocked': the ChatModel threw"
                + " IllegalStateException: no answer scripted for this prompt, for the request of balloon \\d+;"
                + " only LangChain4j's exceptions .*are retried as provider faults");
        verify(model, times(2)).chat(any(ChatRequest.class));
    }

    @Test
    void a_bug_in_a_model_of_your_own_stops_the_participant_naming_it() {
        ChatModel buggy = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                String scripted = null;
                return response(scripted.strip());
            }
        };

        ExperimentResult run = run(participant(buggy));

        assertThat(run.results()).isEmpty();
        assertThat(run.failures().get("mocked")).startsWith("participant 'mocked': the ChatModel threw"
                + " NullPointerException: ").contains("for the request of balloon ");
    }

    @Test
    void a_provider_exception_from_a_mock_is_retried_as_a_provider_fault() {
        ChatModel model = mock(ChatModel.class);
        when(model.chat(any(ChatRequest.class))).thenThrow(new InternalServerException("upstream 503"))
                .thenReturn(response("Cash Out"));

        ExperimentResult run = run(participant(model));

        assertThat(run.complete()).isTrue();
        assertThat(run.results()).extracting(BalloonResult::isError).containsOnly(false);
        verify(model, times(5)).chat(any(ChatRequest.class)); // one failed attempt, then four cash-outs
    }
}
