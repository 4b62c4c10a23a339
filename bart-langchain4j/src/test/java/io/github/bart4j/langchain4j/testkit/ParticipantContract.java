package io.github.bart4j.langchain4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ExperimentResult;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.Task;
import io.github.bart4j.core.spi.Participant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Participant} must do, whatever it decides: extend this class in your own test
 * sources and return your participant from {@link #participant()}; JUnit 5 runs the inherited tests.
 *
 * <p>The participant must answer readably (point an LLM-backed participant at a fake backend such as
 * {@link FakeLlmServer}); what it decides is up to it. The tests check that, on the classic task
 * ({@link Task#classic()}, balloons of capacity 20 paying $0.10 a pump):
 * <ul>
 *   <li>its name is not blank and does not change;</li>
 *   <li>every balloon ends without error, by the rules: at most {@code threshold} pumps, burst exactly
 *       when the pumps reach the threshold, earnings as {@link Balloon#earnings} says ({@code pumps ×
 *       0.10} when cashed out, 0 when burst), one raw answer per decision;</li>
 *   <li>balloons played at once on several threads (as {@link Experiment} does unless
 *       {@link Participant#sequentialBalloons()}) still end by the rules — and, when
 *       {@link #deterministic()}, exactly as when played one at a time;</li>
 *   <li>an {@link Experiment} plays every balloon of a small schedule;</li>
 *   <li>when you supply {@link #failingParticipant()} (a participant whose backend fails every
 *       request), its balloons end with status error and a cause, never as a cash-out: a participant
 *       must throw {@link io.github.bart4j.core.ParticipantException} when its backend fails, never
 *       invent an answer.</li>
 * </ul>
 *
 * <pre>{@code
 * class MyParticipantContractTest extends ParticipantContract {
 *     @Override
 *     protected Participant participant() {
 *         return new MyParticipant();
 *     }
 * }
 * }</pre>
 *
 * Needs {@code org.junit.jupiter:junit-jupiter} on the test class path (no other test library).
 */
public abstract class ParticipantContract {

    /** Thresholds the single-balloon tests use: the extremes 1 and 20 and some in between. */
    private static final List<Integer> THRESHOLDS = List.of(1, 2, 7, 13, 20);

    /** The participant under test. Called once per test; may return a new instance each time. */
    protected abstract Participant participant();

    /**
     * A participant whose backend fails every request (e.g. a server answering HTTP 500), or
     * {@code null} (the default) when there is none: the failure test is then skipped.
     */
    protected Participant failingParticipant() {
        return null;
    }

    /**
     * Whether {@link #participant()} answers the same on the same balloon every time (default
     * {@code false}). When {@code true}, balloons played concurrently must end exactly as when played
     * one at a time.
     */
    protected boolean deterministic() {
        return false;
    }

    /** A balloon of the classic schedule (capacity 20, $0.10 a pump) with the given threshold. */
    protected static Balloon balloon(int id, int threshold) {
        return new Balloon(id, "", 1, 20, threshold, 0.10);
    }

    /**
     * Asserts the rules every finished balloon obeys: no error, at most {@code threshold} pumps,
     * burst exactly at the threshold, earnings by the rule, the choices and raw answers consistent.
     */
    protected static void assertPlayedByTheRules(BalloonResult r) {
        String what = "balloon " + r.balloon().id() + " (threshold " + r.balloon().threshold() + ") of "
                + r.participant();
        assertFalse(r.isError(), () -> what + " ended in an error: " + r.error());
        int threshold = r.balloon().threshold();
        assertTrue(r.pumps() >= 0 && r.pumps() <= threshold, () -> what + ": " + r.pumps() + " pumps");
        assertEquals(r.pumps() == threshold, r.burst(), () -> what + ": burst must be pumps == threshold");
        assertEquals(r.balloon().earnings(r.pumps(), r.burst()), r.earnings(), () -> what + ": earnings");
        List<Decision> choices = new ArrayList<>(Collections.nCopies(r.pumps(), Decision.PUMP));
        if (!r.burst()) {
            choices.add(Decision.CASH_OUT);
        }
        assertEquals(choices, r.choices(), () -> what + ": choices");
        assertEquals(r.choices().size(), r.responses().size(), () -> what + ": one raw answer per decision");
        r.responses().forEach(raw -> assertNotNull(raw, () -> what + ": a raw answer is null"));
    }

    @Test
    void its_name_is_not_blank_and_stable() {
        Participant p = participant();
        String name = p.name();
        assertNotNull(name, "name()");
        assertFalse(name.isBlank(), "name() is blank");
        assertEquals(name, p.name(), "name() changed between calls");
    }

    @Test
    void every_balloon_ends_by_the_rules() {
        Participant p = participant();
        for (int t : THRESHOLDS) {
            BalloonResult r = Task.classic().play(p, balloon(t, t));
            assertEquals(p.name(), r.participant(), "the result is recorded under the participant's name");
            assertPlayedByTheRules(r);
        }
    }

    @Test
    void balloons_played_at_once_end_as_when_played_alone() throws Exception {
        Participant p = participant();
        List<Balloon> balloons = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            for (int t : THRESHOLDS) {
                balloons.add(balloon(balloons.size() + 1, t));
            }
        }
        List<BalloonResult> concurrent = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<BalloonResult>> plays = new ArrayList<>();
            for (Balloon b : balloons) {
                plays.add(() -> Task.classic().play(p, b));
            }
            for (Future<BalloonResult> f : pool.invokeAll(plays)) {
                concurrent.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        for (BalloonResult r : concurrent) {
            assertPlayedByTheRules(r);
        }
        if (deterministic()) {
            Participant one = participant();
            for (int i = 0; i < balloons.size(); i++) {
                BalloonResult alone = Task.classic().play(one, balloons.get(i));
                int index = i;
                assertEquals(alone.choices(), concurrent.get(i).choices(),
                        () -> "balloon " + balloons.get(index).id() + " played concurrently");
            }
        }
    }

    @Test
    void an_experiment_plays_every_balloon() {
        Participant p = participant();
        ExperimentResult result = Experiment.builder().participant(p)
                .schedule(Schedule.uniform(1, 20, 6, 0.10, 7)).maxConcurrency(3).retainResults(true).build().run();
        assertTrue(result.complete(), () -> "the experiment did not complete: " + result);
        assertEquals(6, result.results().size(), "results");
        for (BalloonResult r : result.results()) {
            assertEquals(p.name(), r.participant());
            assertPlayedByTheRules(r);
        }
    }

    @Test
    void a_failing_backend_ends_the_balloon_with_status_error_never_a_cash_out() {
        Participant failing = failingParticipant();
        Assumptions.assumeTrue(failing != null, "no failingParticipant() given");
        for (int t : List.of(1, 10, 20)) {
            BalloonResult r = Task.classic().play(failing, balloon(t, t));
            assertTrue(r.isError(), () -> "a failing backend's balloon (threshold " + t + ") ended as "
                    + (r.burst() ? "burst" : "cash-out after " + r.pumps() + " pumps"));
            assertNotNull(r.error());
            assertFalse(r.error().isBlank(), "an errored balloon states its cause");
            assertEquals(0.0, r.earnings(), "an errored balloon earns nothing");
            assertFalse(r.choices().contains(Decision.CASH_OUT), "an errored balloon has no cash-out");
        }
    }
}
