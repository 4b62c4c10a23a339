package io.github.bart4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.Task;
import io.github.bart4j.core.spi.Participant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every participant and backend must do, whatever it runs on. A subclass supplies participants
 * that follow a BART policy spec, that garble their first answers, and whose backend always fails.
 */
abstract class ParticipantContractTest {

    /** A participant that plays the policy {@code spec} ({@code fixed:K}, {@code crra:G}, ...). */
    protected abstract Participant participant(String spec);

    /** As {@link #participant}, but its first {@code garbled} answers cannot be read. */
    protected abstract Participant garbling(String spec, int garbled);

    /** A participant whose backend fails every request. */
    protected abstract Participant failing();

    private static Balloon balloon(int threshold) {
        return new Balloon(1, "", 1, 20, threshold, 0.10);
    }

    @Test
    void fixed_three_on_threshold_ten_pumps_three_times_and_cashes_out() {
        BalloonResult r = Task.classic().play(participant("fixed:3"), balloon(10));

        assertThat(r.isError()).isFalse();
        assertThat(r.pumps()).isEqualTo(3);
        assertThat(r.burst()).isFalse();
        assertThat(r.earnings()).isEqualTo(0.3);
        assertThat(r.choices()).containsExactly(Decision.PUMP, Decision.PUMP, Decision.PUMP, Decision.CASH_OUT);
    }

    @Test
    void fixed_three_on_threshold_two_bursts_at_the_second_pump() {
        BalloonResult r = Task.classic().play(participant("fixed:3"), balloon(2));

        assertThat(r.pumps()).isEqualTo(2);
        assertThat(r.burst()).isTrue();
        assertThat(r.earnings()).isZero();
        assertThat(r.choices()).containsExactly(Decision.PUMP, Decision.PUMP);
    }

    @Test
    void results_carry_the_raw_answers() {
        BalloonResult r = Task.classic().play(participant("fixed:1"), balloon(10));

        assertThat(r.responses()).hasSize(2).allSatisfy(raw -> assertThat(raw).isNotBlank());
        assertThat(r.responses().get(0)).containsIgnoringCase("pump");
        assertThat(r.responses().get(1)).containsIgnoringCase("cash");
    }

    @Test
    void an_ev_optimal_participant_pumps_ten_times_on_one_to_twenty() {
        BalloonResult r = Task.classic().play(participant("ev-optimal"), balloon(20));

        assertThat(r.pumps()).isEqualTo(10);
        assertThat(r.earnings()).isEqualTo(1.0);
    }

    @Test
    void unreadable_answers_are_asked_again() {
        BalloonResult r = Task.classic().play(garbling("fixed:2", 2), balloon(10));

        assertThat(r.isError()).isFalse();
        assertThat(r.invalidResponses()).hasSize(2);
        assertThat(r.pumps()).isEqualTo(2);
        assertThat(r.turns()).hasSize(5);
    }

    @Test
    void answers_that_are_never_readable_end_the_balloon_as_error() {
        BalloonResult r = Task.classic().play(garbling("fixed:2", 100), balloon(10));

        assertThat(r.isError()).isTrue();
        assertThat(r.error()).contains("no valid answer after 3 attempts");
    }

    @Test
    void a_failing_backend_ends_the_balloon_with_status_error_and_a_cause_never_a_cash_out() {
        BalloonResult r = Task.classic().play(failing(), balloon(10));

        assertThat(r.isError()).isTrue();
        assertThat(r.error()).isNotBlank();
        assertThat(r.earnings()).isZero();
        assertThat(r.choices()).doesNotContain(Decision.CASH_OUT);
    }

    @Test
    void balloons_are_independent_when_played_concurrently() throws Exception {
        Participant p = participant("fixed:4");
        List<Integer> thresholds = List.of(3, 10, 5, 20, 2, 9);
        List<java.util.concurrent.Future<BalloonResult>> futures;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            futures = pool.invokeAll(thresholds.stream().map(t -> (java.util.concurrent.Callable<BalloonResult>)
                    () -> Task.classic().play(p, balloon(t))).toList());
            for (int i = 0; i < thresholds.size(); i++) {
                BalloonResult r = futures.get(i).get();
                int t = thresholds.get(i);
                assertThat(r.pumps()).as("threshold " + t).isEqualTo(Math.min(4, t));
                assertThat(r.burst()).isEqualTo(t <= 4);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
