package io.github.bart4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bart4j.core.Answer;
import io.github.bart4j.core.agents.ScriptedParticipants;
import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.BalloonState;
import io.github.bart4j.core.spi.Participant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskTest {

    private static Balloon balloon(int threshold) {
        return new Balloon(1, "", 1, 20, threshold, 0.10);
    }

    /** Answers from a script, one reply per call, and remembers what it was told. */
    static final class ScriptParticipant implements Participant {
        final Iterator<Answer> replies;
        final List<BalloonState> states = new ArrayList<>();
        final List<BalloonOutcome> outcomes = new ArrayList<>();

        ScriptParticipant(Answer... replies) {
            this.replies = List.of(replies).iterator();
        }

        @Override
        public String name() {
            return "script";
        }

        @Override
        public BalloonSession open(BalloonContext context) {
            return new BalloonSession() {
                @Override
                public Answer decide(BalloonState state) {
                    states.add(state);
                    return replies.next();
                }

                @Override
                public void finish(BalloonOutcome outcome) {
                    outcomes.add(outcome);
                }
            };
        }
    }

    @Test
    void pump_at_threshold_bursts_the_balloon() {
        BalloonResult r = Task.classic().play(ScriptedParticipants.fixed(10), balloon(4));
        assertThat(r.burst()).isTrue();
        assertThat(r.pumps()).isEqualTo(4);
        assertThat(r.earnings()).isZero();
        assertThat(r.choices()).containsExactly(Decision.PUMP, Decision.PUMP, Decision.PUMP, Decision.PUMP);
        assertThat(r.status()).isEqualTo(BalloonResult.Status.OK);
    }

    @Test
    void cash_out_below_threshold_earns_pumps_times_reward_rounded_to_cents() {
        BalloonResult r = Task.classic().play(ScriptedParticipants.fixed(3), balloon(4));
        assertThat(r.burst()).isFalse();
        assertThat(r.pumps()).isEqualTo(3);
        assertThat(r.earnings()).isEqualTo(0.3); // 3 * 0.1 = 0.30000000000000004 before rounding
        assertThat(r.choices()).containsExactly(Decision.PUMP, Decision.PUMP, Decision.PUMP, Decision.CASH_OUT);
        assertThat(r.responses()).containsExactly("Pump", "Pump", "Pump", "Cash Out");
    }

    @Test
    void threshold_one_bursts_on_the_first_pump() {
        BalloonResult r = Task.classic().play(ScriptedParticipants.fixed(1), new Balloon(1, "", 1, 20, 1, 0.10));
        assertThat(r.burst()).isTrue();
        assertThat(r.pumps()).isEqualTo(1);
    }

    @Test
    void cashing_out_immediately_earns_nothing_and_does_not_burst() {
        BalloonResult r = Task.classic().play(ScriptedParticipants.fixed(0), balloon(1));
        assertThat(r.burst()).isFalse();
        assertThat(r.pumps()).isZero();
        assertThat(r.choices()).containsExactly(Decision.CASH_OUT);
    }

    @Test
    void invalid_answer_is_recorded_and_the_same_state_asked_again() {
        ScriptParticipant p = new ScriptParticipant(Answer.decision(Decision.PUMP, "Pump"),
                Answer.invalid("no decision", "hmm"), Answer.decision(Decision.CASH_OUT, " Cash Out \n"));
        BalloonResult r = Task.classic().play(p, balloon(5));
        assertThat(r.pumps()).isEqualTo(1);
        assertThat(r.invalidResponses()).containsExactly("hmm");
        assertThat(r.responses()).containsExactly("Pump", "Cash Out");
        assertThat(p.states).extracting(BalloonState::pumps).containsExactly(0, 1, 1);
        assertThat(p.states).extracting(BalloonState::invalidAnswers).containsExactly(0, 0, 1);
        assertThat(p.states.get(2).lastInvalidReason()).isEqualTo("no decision");
        assertThat(p.outcomes).containsExactly(new BalloonOutcome(false, 1, 0.1));
    }

    @Test
    void three_unreadable_answers_end_the_balloon_with_an_error_not_a_cash_out() {
        ScriptParticipant p = new ScriptParticipant(Answer.decision(Decision.PUMP, "Pump"), Answer.invalid("x", "a"),
                Answer.invalid("y", "b"), Answer.invalid("z", "c"));
        BalloonResult r = Task.classic().play(p, balloon(5));
        assertThat(r.isError()).isTrue();
        assertThat(r.error()).isEqualTo("no valid answer after 3 attempts (last: z)");
        assertThat(r.pumps()).isEqualTo(1);
        assertThat(r.earnings()).isZero();
        assertThat(r.burst()).isFalse();
        assertThat(r.choices()).containsExactly(Decision.PUMP);
        assertThat(r.invalidResponses()).containsExactly("a", "b", "c");
        assertThat(p.outcomes).isEmpty();
    }

    @Test
    void the_limit_on_unreadable_answers_is_configurable() {
        ScriptParticipant p = new ScriptParticipant(Answer.invalid("x", "a"), Answer.decision(Decision.CASH_OUT, "Cash Out"));
        assertThat(Task.classic(1).play(p, balloon(5)).isError()).isTrue();
        assertThatThrownBy(() -> Task.classic(0)).hasMessage("maxInvalidAnswers must be >= 1, but is 0");
    }

    @Test
    void participant_failure_ends_the_balloon_with_its_cause() {
        Participant failing = new Participant() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public BalloonSession open(BalloonContext context) {
                return state -> {
                    if (state.pumps() == 2) {
                        throw new ParticipantException("HTTP 503 after 3 retries", false);
                    }
                    return Answer.decision(Decision.PUMP, "Pump");
                };
            }
        };
        BalloonResult r = Task.classic().play(failing, balloon(10));
        assertThat(r.isError()).isTrue();
        assertThat(r.error()).isEqualTo("HTTP 503 after 3 retries");
        assertThat(r.pumps()).isEqualTo(2);
    }

    @Test
    void unexpected_exception_is_recorded_with_its_type() {
        Participant npe = new Participant() {
            @Override
            public String name() {
                return "npe";
            }

            @Override
            public BalloonSession open(BalloonContext context) {
                return state -> {
                    throw new NullPointerException();
                };
            }
        };
        assertThat(Task.classic().play(npe, balloon(3)).error()).isEqualTo("NullPointerException");
    }

    @Test
    void result_is_labelled_with_participant_persona_and_epoch() {
        Balloon b = balloon(9);
        BalloonResult r = Task.classic().play(ScriptedParticipants.fixed(2), b,
                Task.contextFor(b, 3, "cautious", 0.0, 1, List.of()));
        assertThat(r.participant()).isEqualTo("fixed:2");
        assertThat(r.persona()).isEqualTo("cautious");
        assertThat(r.epoch()).isEqualTo(3);
        assertThat(r.key()).isEqualTo(new BalloonResult.Key("fixed:2", "cautious", 3, 1));
    }

    @Test
    void automatic_task_inflates_the_declared_number_or_bursts() {
        BalloonResult safe = Task.automatic().play(ScriptedParticipants.fixed(5), balloon(8));
        assertThat(safe.pumps()).isEqualTo(5);
        assertThat(safe.burst()).isFalse();
        assertThat(safe.earnings()).isEqualTo(0.5);
        assertThat(safe.choices()).hasSize(6).endsWith(Decision.CASH_OUT);

        BalloonResult burst = Task.automatic().play(ScriptedParticipants.fixed(12), balloon(8));
        assertThat(burst.burst()).isTrue();
        assertThat(burst.pumps()).isEqualTo(8);
        assertThat(burst.earnings()).isZero();
        assertThat(burst.choices()).hasSize(8).containsOnly(Decision.PUMP);
    }

    @Test
    void classic_only_participant_in_the_automatic_task_is_an_error() {
        ScriptParticipant p = new ScriptParticipant(Answer.decision(Decision.PUMP, "Pump"));
        BalloonResult r = Task.automatic().play(p, balloon(3));
        assertThat(r.isError()).isTrue();
        assertThat(r.error()).contains("does not play the automatic task");
    }

    /** A participant as a user writes one: answers from a script in both tasks. */
    static final class OwnParticipant implements Participant {
        final Iterator<Answer> answers;

        OwnParticipant(Answer... answers) {
            this.answers = List.of(answers).iterator();
        }

        @Override
        public String name() {
            return "own";
        }

        @Override
        public BalloonSession open(BalloonContext context) {
            return new BalloonSession() {
                @Override
                public Answer decide(BalloonState state) {
                    return answers.next();
                }

                @Override
                public Answer declarePumps(BalloonState state) {
                    return answers.next();
                }
            };
        }
    }

    @Test
    void a_participant_of_your_own_answers_with_each_kind_and_the_turns_record_them() {
        TokenUsage usage = new TokenUsage(100, 3, 0.0002);
        OwnParticipant classic = new OwnParticipant(
                new Answer.Invalid("no decision", " hmm\n", "not sure", usage),
                new Answer.Choice(Decision.PUMP, " Pump ", "pump once", usage),
                Answer.decision(Decision.CASH_OUT, "Cash Out"));
        BalloonResult r = Task.classic().play(classic, balloon(5));

        assertThat(r.status()).isEqualTo(BalloonResult.Status.OK);
        assertThat(r.turns()).extracting(Turn::answer).containsExactly(
                new Answer.Invalid("no decision", "hmm", "not sure", usage),
                new Answer.Choice(Decision.PUMP, "Pump", "pump once", usage),
                new Answer.Choice(Decision.CASH_OUT, "Cash Out", null, TokenUsage.UNKNOWN));
        assertThat(r.choices()).containsExactly(Decision.PUMP, Decision.CASH_OUT);
        assertThat(r.responses()).containsExactly("Pump", "Cash Out");
        assertThat(r.invalidResponses()).containsExactly("hmm");
        assertThat(r.usage()).isEqualTo(usage.plus(usage));

        OwnParticipant automatic = new OwnParticipant(Answer.invalid("no number", "several"),
                new Answer.PumpCount(3, "3 pumps\n", null, usage));
        BalloonResult a = Task.automatic().play(automatic, balloon(5));
        assertThat(a.status()).isEqualTo(BalloonResult.Status.OK);
        assertThat(a.pumps()).isEqualTo(3);
        assertThat(a.turns()).extracting(Turn::answer).containsExactly(Answer.invalid("no number", "several"),
                new Answer.PumpCount(3, "3 pumps", null, usage));
        assertThat(a.choices()).containsExactly(Decision.PUMP, Decision.PUMP, Decision.PUMP, Decision.CASH_OUT);
    }

    @Test
    void an_answer_of_the_other_tasks_kind_is_recorded_as_invalid_and_asked_again() {
        TokenUsage usage = new TokenUsage(50, 1, null);
        BalloonResult r = Task.classic().play(new OwnParticipant(new Answer.PumpCount(4, "4", "r", usage),
                Answer.decision(Decision.CASH_OUT, "Cash Out")), balloon(5));
        assertThat(r.status()).isEqualTo(BalloonResult.Status.OK);
        assertThat(r.turns().get(0).answer()).isEqualTo(new Answer.Invalid("expected Pump or Cash Out", "4", "r", usage));
        assertThat(r.choices()).containsExactly(Decision.CASH_OUT);
        assertThat(r.invalidResponses()).containsExactly("4");

        BalloonResult a = Task.automatic().play(new OwnParticipant(Answer.decision(Decision.PUMP, "Pump"),
                Answer.pumpCount(2, "2")), balloon(5));
        assertThat(a.status()).isEqualTo(BalloonResult.Status.OK);
        assertThat(a.turns()).extracting(Turn::answer).containsExactly(
                Answer.invalid("expected a number of pumps", "Pump"), Answer.pumpCount(2, "2"));
        assertThat(a.pumps()).isEqualTo(2);
    }

    @Test
    void a_session_that_returns_no_answer_ends_the_balloon_with_an_error_naming_the_method() {
        Participant silent = new Participant() {
            @Override
            public String name() {
                return "silent";
            }

            @Override
            public BalloonSession open(BalloonContext context) {
                return state -> null;
            }
        };
        BalloonResult r = Task.classic().play(silent, balloon(5));
        assertThat(r.isError()).isTrue();
        assertThat(r.error()).isEqualTo("NullPointerException: BalloonSession.decide returned null");
        assertThat(r.turns()).isEmpty();
    }
}
