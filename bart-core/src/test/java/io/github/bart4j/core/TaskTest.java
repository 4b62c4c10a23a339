package io.github.bart4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bart4j.core.agents.ScriptedParticipants;
import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.BalloonState;
import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.core.spi.Reply;
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
        final Iterator<Reply> replies;
        final List<BalloonState> states = new ArrayList<>();
        final List<BalloonOutcome> outcomes = new ArrayList<>();

        ScriptParticipant(Reply... replies) {
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
                public Reply decide(BalloonState state) {
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
        ScriptParticipant p = new ScriptParticipant(Reply.of(Decision.PUMP, "Pump"),
                Reply.invalid("hmm", "no decision"), Reply.of(Decision.CASH_OUT, " Cash Out \n"));
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
        ScriptParticipant p = new ScriptParticipant(Reply.of(Decision.PUMP, "Pump"), Reply.invalid("a", "x"),
                Reply.invalid("b", "y"), Reply.invalid("c", "z"));
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
        ScriptParticipant p = new ScriptParticipant(Reply.invalid("a", "x"), Reply.of(Decision.CASH_OUT, "Cash Out"));
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
                    return Reply.of(Decision.PUMP, "Pump");
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
        ScriptParticipant p = new ScriptParticipant(Reply.of(Decision.PUMP, "Pump"));
        BalloonResult r = Task.automatic().play(p, balloon(3));
        assertThat(r.isError()).isTrue();
        assertThat(r.error()).contains("does not play the automatic task");
    }
}
