package io.github.bart4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ExperimentResult;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.spi.Participant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A participant on a {@link ChatModel} the user built: no backend, URL or API key involved. */
class UserBuiltModelTest {

    private static final Schedule SCHEDULE = Schedule.explicit(List.of(7, 15, 4), 1, 20, 0.10);

    @Test
    void one_call_turns_any_chat_model_into_a_participant_without_backend_or_key() {
        Participant agent = LlmParticipants.create(FakeChatModel.policy("crra:1"));

        ExperimentResult run = Experiment.builder().schedule(SCHEDULE).participant(agent).build().run();

        assertThat(agent.name()).isEqualTo("crra:1");
        assertThat(run.complete()).isTrue();
        assertThat(run.results()).hasSize(3).allMatch(r -> !r.isError() && r.participant().equals("crra:1"));
    }

    @Test
    void a_model_is_named_as_it_names_itself_else_chat_model() {
        ChatModel own = OpenAiChatModel.builder().baseUrl("http://127.0.0.1:9/v1").apiKey("k")
                .modelName("gpt-4o-mini").build();

        assertThat(LlmParticipants.create(own).name()).isEqualTo("gpt-4o-mini");
        assertThat(LlmParticipants.create(FakeChatModel.builder().policy("fixed:3", 0).modelName("three").build())
                .name()).isEqualTo("three");
        assertThat(LlmParticipants.create(mock(ChatModel.class)).name()).isEqualTo("chat-model");
    }

    @Test
    void the_builder_takes_the_settings_that_matter_for_a_model_of_your_own() {
        FakeChatModel model = FakeChatModel.policy("fixed:2");
        LlmParticipant cautious = LlmParticipant.builder()
                .chatModel(model)
                .name("cautious")
                .conversationMode(ConversationMode.STATELESS)
                .structuredOutput(true)
                .personas(Map.of("calm", "You are a calm investor."))
                .build();

        ExperimentResult run = Experiment.builder().schedule(SCHEDULE).participant(cautious, "calm").build().run();

        assertThat(run.results()).extracting(BalloonResult::participant).containsOnly("cautious");
        assertThat(run.results()).extracting(BalloonResult::persona).containsOnly("calm");
        assertThat(run.results()).extracting(BalloonResult::pumps).containsOnly(2);
        assertThat(run.results().get(0).responses()).contains("{\"decision\": \"pump\"}");
        assertThat(model.requests()).allSatisfy(r -> {
            assertThat(r.responseFormat().type()).isEqualTo(ResponseFormatType.JSON);
            assertThat(((SystemMessage) r.messages().get(0)).text()).startsWith("You are a calm investor.");
            assertThat(r.messages()).as("stateless: system and one user message").hasSize(2);
        });
    }

    @Test
    void the_builder_names_what_is_missing_or_wrong() {
        assertThatThrownBy(() -> LlmParticipant.builder().name("x").build())
                .isInstanceOf(IllegalStateException.class).hasMessage("LlmParticipant.builder() needs a chatModel(...)");
        assertThatThrownBy(() -> LlmParticipant.builder().name(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("name must not be blank, but is ' '");
        assertThatThrownBy(() -> LlmParticipant.builder().chatModel(FakeChatModel.policy("fixed:1")).maxConcurrency(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxConcurrency must be >= 1, but is 0");
        assertThatThrownBy(() -> LlmParticipant.builder().retryPolicy(null))
                .isInstanceOf(NullPointerException.class).hasMessage("retryPolicy");
    }
}
