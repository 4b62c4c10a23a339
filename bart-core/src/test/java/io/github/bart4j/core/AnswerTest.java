package io.github.bart4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The invariants of the one answer type; "exactly one of" needs no run-time check any more. */
class AnswerTest {

    @Test
    void there_are_exactly_three_kinds_of_answer() {
        assertThat(Answer.class.isSealed()).isTrue();
        assertThat(Answer.class.getPermittedSubclasses())
                .containsExactlyInAnyOrder(Answer.Choice.class, Answer.PumpCount.class, Answer.Invalid.class);
        assertThat(Answer.Choice.class.isRecord()).isTrue();
        assertThat(Answer.PumpCount.class.isRecord()).isTrue();
        assertThat(Answer.Invalid.class.isRecord()).isTrue();
    }

    @Test
    void each_kind_holds_its_meaning_and_nothing_else() {
        Answer.Choice pump = Answer.decision(Decision.PUMP, "Pump!");
        Answer.PumpCount seven = Answer.pumpCount(7, "7 pumps");
        Answer.Invalid unclear = Answer.invalid("no decision", "hmm");

        assertThat(pump.decision()).isEqualTo(Decision.PUMP);
        assertThat(seven.pumps()).isEqualTo(7);
        assertThat(unclear.reason()).isEqualTo("no decision");
        assertThat(pump.isValid()).isTrue();
        assertThat(seven.isValid()).isTrue();
        assertThat(unclear.isValid()).isFalse();
        assertThat(pump.raw()).isEqualTo("Pump!");
        assertThat(seven.raw()).isEqualTo("7 pumps");
        assertThat(unclear.raw()).isEqualTo("hmm");
    }

    @Test
    void raw_text_usage_and_reasoning_have_defaults_and_are_kept_as_given() {
        Answer a = new Answer.Choice(Decision.CASH_OUT, null, null, null);
        assertThat(a.raw()).isEmpty();
        assertThat(a.usage()).isSameAs(TokenUsage.UNKNOWN);
        assertThat(a.reasoning()).isNull();
        assertThat(Answer.decision(Decision.PUMP, "  Pump \n").raw()).as("the task strips, not the answer")
                .isEqualTo("  Pump \n");
    }

    @Test
    void with_usage_and_reasoning_keep_the_kind_and_the_meaning() {
        TokenUsage usage = new TokenUsage(10, 2, 0.001);
        Answer a = Answer.pumpCount(4, "4").withReasoning("four is fine").withUsage(usage);
        assertThat(a).isEqualTo(new Answer.PumpCount(4, "4", "four is fine", usage));
        Answer i = Answer.invalid("empty answer", "").withUsage(usage).withReasoning("thinking");
        assertThat(i).isEqualTo(new Answer.Invalid("empty answer", "", "thinking", usage));
        Answer c = Answer.decision(Decision.PUMP, "Pump").withUsage(null);
        assertThat(c.usage()).isSameAs(TokenUsage.UNKNOWN);
        assertThat(c).isInstanceOf(Answer.Choice.class);
    }

    @Test
    void a_meaning_is_required_and_a_pump_count_is_never_negative() {
        assertThatThrownBy(() -> Answer.decision(null, "Pump")).isInstanceOf(NullPointerException.class)
                .hasMessage("decision");
        assertThatThrownBy(() -> Answer.invalid(null, "x")).isInstanceOf(NullPointerException.class)
                .hasMessage("reason");
        assertThatThrownBy(() -> Answer.pumpCount(-1, "-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pumps must be >= 0, but is: -1");
        assertThat(Answer.pumpCount(0, "0").pumps()).isZero();
    }

    @Test
    void a_turn_records_an_answer_and_its_latency() {
        Turn t = new Turn(Answer.decision(Decision.PUMP, "Pump"), 120);
        assertThat(t.latencyMillis()).isEqualTo(120);
        assertThatThrownBy(() -> new Turn(null, 0)).isInstanceOf(NullPointerException.class).hasMessage("answer");
        assertThatThrownBy(() -> new Turn(Answer.decision(Decision.PUMP, "Pump"), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("latencyMillis must be >= 0, but is: -1");
    }
}
