package io.github.bart4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.request.ChatRequest;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ExperimentResult;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.Task;
import io.github.bart4j.core.Turn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A simulated participant's model is told the size of each request instead of reading every
 * message again: the input tokens it reports are still {@code ceil(chars / 4)} of the messages of
 * the request it received, in every conversation mode and task.
 */
class SimulatedTokenCountTest {

    @ParameterizedTest
    @CsvSource({"per_balloon, classic, false", "stateless, classic, false", "across_balloons, classic, false",
        "per_balloon, automatic, false", "stateless, automatic, false", "across_balloons, automatic, false",
        "per_balloon, classic, true", "across_balloons, classic, true"})
    void input_tokens_are_those_of_the_request_received(String mode, String task, boolean structured) {
        FakeChatModel model = FakeChatModel.builder().policy("random:0.7", 5L).build();
        LlmParticipant p = LlmParticipant.builder().chatModel(model).name("told")
                .conversationMode(ConversationMode.parse(mode)).structuredOutput(structured)
                .personas(java.util.Map.of("calm", "You are calm.")).build();

        ExperimentResult run = Experiment.builder().schedule(Schedule.uniform(1, 12, 12, 0.25, 3))
                .participant(p, "calm").task(task.equals("automatic") ? Task.automatic() : Task.classic())
                .maxConcurrency(1).build().run();

        List<Integer> reported = new ArrayList<>();
        for (BalloonResult r : run.results()) {
            assertThat(r.isError()).as(r.error()).isFalse();
            for (Turn t : r.turns()) {
                reported.add(t.answer().usage().inputTokens());
            }
        }
        List<Integer> fromRequests = new ArrayList<>();
        for (ChatRequest request : model.requests()) {
            fromRequests.add((FakeChatModel.chars(request.messages()) + 3) / 4);
        }
        assertThat(reported).hasSizeGreaterThanOrEqualTo(12).containsExactlyElementsOf(fromRequests);
    }
}
