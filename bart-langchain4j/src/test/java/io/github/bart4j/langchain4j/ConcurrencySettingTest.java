package io.github.bart4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.spi.Participant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code maxConcurrencyPerModel} is the one concurrency setting of a model, honoured by the experiment. */
class ConcurrencySettingTest {

    /** A model that counts the requests in flight at once. */
    static final class Counting implements ChatModel {
        final ChatModel policy = FakeChatModel.builder().policy("fixed:4", 0L).recordRequests(false).build();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();

        @Override
        public ChatResponse doChat(ChatRequest request) {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(1);
                return policy.chat(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    @Test
    void the_model_setting_caps_balloons_in_flight_and_the_runner_honours_it() {
        Counting model = new Counting();
        Participant p = LlmParticipant.builder().chatModel(model).name("counting").maxConcurrency(2).build();
        assertThat(p.preferredConcurrency()).isEqualTo(2);

        var result = Experiment.builder().schedule(Schedule.uniform(1, 20, 40, 0.10, 3)).participant(p)
                .maxConcurrency(8).build().run();

        assertThat(result.results()).hasSize(40).noneMatch(r -> r.isError());
        assertThat(model.most.get()).isBetween(1, 2);
    }

    @Test
    void the_default_is_four() {
        Participant p = LlmParticipants.create(FakeChatModel.policy("fixed:1"));
        assertThat(p.preferredConcurrency()).isEqualTo(LlmParticipant.DEFAULT_MAX_CONCURRENCY).isEqualTo(4);
    }
}
