package io.github.bart4j.langchain4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.Task;
import io.github.bart4j.core.spi.Participant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The exact contract for participants that can be told to play a BART policy: bart4j's own
 * participants (scripted agents, {@code LlmParticipant} on a {@code FakeChatModel} or over HTTP) and
 * yours when it can be pointed at a backend that plays one (an LLM client talking to
 * {@link FakeLlmServer}, whose model names are policies). Adds to {@link ParticipantContract} the exact
 * pumps, bursts, earnings and re-asks the policies imply.
 *
 * <p>Policy specs: {@code fixed:K} (pump K times), {@code crra:G} (a risk-averse expected-utility
 * agent), {@code random:P}, {@code ev-optimal} (pump 10 times on balloons of 1..20).
 *
 * <pre>{@code
 * class MyClientContractTest extends PolicyParticipantContract {
 *     protected Participant participant(String policy) { ... plays policy ... }
 *     protected Participant garbling(String policy, int garbled) { ... first answers unreadable ... }
 *     protected Participant failing() { ... backend fails every request ... }
 * }
 * }</pre>
 */
public abstract class PolicyParticipantContract extends ParticipantContract {

    /** A participant that plays the policy {@code policy} ({@code fixed:K}, {@code crra:G}, ...). */
    protected abstract Participant participant(String policy);

    /** As {@link #participant(String)}, but its first {@code garbled} answers cannot be read. */
    protected abstract Participant garbling(String policy, int garbled);

    /** A participant whose backend fails every request. */
    protected abstract Participant failing();

    /** {@code participant("fixed:6")}, for the tests of {@link ParticipantContract}. */
    @Override
    protected Participant participant() {
        return participant("fixed:6");
    }

    @Override
    protected Participant failingParticipant() {
        return failing();
    }

    /** Policies are deterministic. */
    @Override
    protected boolean deterministic() {
        return true;
    }

    @Test
    void fixed_three_on_threshold_ten_pumps_three_times_and_cashes_out() {
        BalloonResult r = Task.classic().play(participant("fixed:3"), balloon(1, 10));

        assertFalse(r.isError(), r::error);
        assertEquals(3, r.pumps());
        assertFalse(r.burst());
        assertEquals(0.3, r.earnings());
        assertEquals(List.of(Decision.PUMP, Decision.PUMP, Decision.PUMP, Decision.CASH_OUT), r.choices());
    }

    @Test
    void fixed_three_on_threshold_two_bursts_at_the_second_pump() {
        BalloonResult r = Task.classic().play(participant("fixed:3"), balloon(1, 2));

        assertEquals(2, r.pumps());
        assertTrue(r.burst());
        assertEquals(0.0, r.earnings());
        assertEquals(List.of(Decision.PUMP, Decision.PUMP), r.choices());
    }

    @Test
    void results_carry_the_raw_answers() {
        BalloonResult r = Task.classic().play(participant("fixed:1"), balloon(1, 10));

        assertEquals(2, r.responses().size(), () -> "raw answers " + r.responses());
        r.responses().forEach(raw -> assertFalse(raw.isBlank(), "a raw answer is blank"));
        assertTrue(r.responses().get(0).toLowerCase(Locale.ROOT).contains("pump"), r.responses()::toString);
        assertTrue(r.responses().get(1).toLowerCase(Locale.ROOT).contains("cash"), r.responses()::toString);
    }

    @Test
    void an_ev_optimal_participant_pumps_ten_times_on_one_to_twenty() {
        BalloonResult r = Task.classic().play(participant("ev-optimal"), balloon(1, 20));

        assertEquals(10, r.pumps());
        assertEquals(1.0, r.earnings());
    }

    @Test
    void unreadable_answers_are_asked_again() {
        BalloonResult r = Task.classic().play(garbling("fixed:2", 2), balloon(1, 10));

        assertFalse(r.isError(), r::error);
        assertEquals(2, r.invalidResponses().size(), () -> "unreadable answers " + r.invalidResponses());
        assertEquals(2, r.pumps());
        assertEquals(5, r.invalidResponses().size() + r.responses().size(), "answers in all");
    }

    @Test
    void answers_that_are_never_readable_end_the_balloon_as_error() {
        BalloonResult r = Task.classic().play(garbling("fixed:2", 100), balloon(1, 10));

        assertTrue(r.isError());
        assertTrue(r.error().contains("no valid answer after 3 attempts"), r::error);
    }

    @Test
    void balloons_are_independent_when_played_concurrently() throws Exception {
        Participant p = participant("fixed:4");
        List<Integer> thresholds = List.of(3, 10, 5, 20, 2, 9);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<BalloonResult>> futures = pool.invokeAll(thresholds.stream()
                    .map(t -> (java.util.concurrent.Callable<BalloonResult>) () -> Task.classic().play(p,
                            balloon(1, t))).toList());
            for (int i = 0; i < thresholds.size(); i++) {
                BalloonResult r = futures.get(i).get();
                int t = thresholds.get(i);
                assertEquals(Math.min(4, t), r.pumps(), "threshold " + t);
                assertEquals(t <= 4, r.burst(), "threshold " + t);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
