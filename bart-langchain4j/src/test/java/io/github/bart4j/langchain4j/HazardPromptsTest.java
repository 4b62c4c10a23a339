package io.github.bart4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.spi.Participant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What an LLM is told about the rules: the range for the classic BART, the burst probability for constant hazard. */
class HazardPromptsTest {

    private static final String HAZARD_SYSTEM = "You are playing a Balloon Analogue Risk Task (BART). Rules:\n"
            + " - Each pump from pump 1 on bursts the balloon with probability 12.5%, whatever happened before;"
            + " pump 32 always bursts it.\n"
            + " - Each pump earns you $0.05, but if it bursts, you lose all for this balloon.\n"
            + " - You can choose 'Pump' to inflate or 'Cash Out' to stop.\n"
            + "Respond ONLY with 'Pump' or 'Cash Out' at each step.";

    /** Answers "Cash Out" and keeps every request's system prompt. */
    static final class Recording implements ChatModel {
        final List<String> systems = new CopyOnWriteArrayList<>();

        @Override
        public ChatResponse doChat(ChatRequest request) {
            for (ChatMessage m : request.messages()) {
                if (m instanceof SystemMessage s) {
                    systems.add(s.text());
                }
            }
            return ChatResponse.builder().aiMessage(AiMessage.from("Cash Out")).build();
        }
    }

    private static List<String> systemPrompts(Schedule schedule, BartPrompts prompts) {
        Recording model = new Recording();
        Participant p = LlmParticipant.builder().chatModel(model).prompts(prompts).build();
        Experiment.builder().schedule(schedule).participant(p).build().run();
        return model.systems;
    }

    @Test
    void constant_hazard_balloons_are_described_by_their_burst_probability_and_cap() {
        assertThat(systemPrompts(Schedule.constantHazard(0.125, 1, 32, 3, 0.05, 7), BartPrompts.seed()))
                .hasSize(3).containsOnly(HAZARD_SYSTEM);
    }

    @Test
    void classic_balloons_get_the_seeds_text_unchanged() {
        assertThat(systemPrompts(Schedule.uniform(1, 20, 2, 0.10, 7), BartPrompts.seed()))
                .containsOnly(BartPromptsTest.SEED_SYSTEM);
    }

    @Test
    void an_undisclosed_range_leaves_the_burst_probability_out_too() {
        assertThat(systemPrompts(Schedule.constantHazard(0.125, 1, 32, 2, 0.05, 7),
                BartPrompts.seed().toBuilder().discloseRange(false).build()))
                .containsOnly(HAZARD_SYSTEM.replace(" - Each pump from pump 1 on bursts the balloon with probability"
                        + " 12.5%, whatever happened before; pump 32 always bursts it.\n", ""));
    }

    @Test
    void the_hazard_rule_is_a_template_like_the_others() {
        BartPrompts own = BartPrompts.seed().toBuilder().hazardRule(" - Risk per pump: {burst_chance} (cap {max}).\n")
                .build();

        assertThat(systemPrompts(Schedule.constantHazard(0.5, 1, 8, 1, 0.05, 7), own).get(0))
                .contains(" - Risk per pump: 50% (cap 8).\n");
        assertThat(own).isNotEqualTo(BartPrompts.seed());
        assertThatThrownBy(() -> BartPrompts.seed().toBuilder().hazardRule("{chance}").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("prompt template 'hazard_rule' uses unknown placeholder {chance}");
    }
}
