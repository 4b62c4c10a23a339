package io.github.bart4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.BalloonState;
import io.github.bart4j.core.spi.Participant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What an {@link Experiment} tells its dispatch rule about each finished balloon (its calls, and the
 * pumps at a cash-out or burst) and about the schedule (its thresholds), seen through the order in
 * which one slot plays the balloons. Time is an injected {@link Ticker}: no timing.
 */
class ExperimentDispatchTest {

    /** Pumps {@code pumps} times, then cashes out; every answer takes {@code nanosPerCall} on {@code now}. */
    private static Participant timed(String name, int pumps, long nanosPerCall, AtomicLong now) {
        return new Participant() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public BalloonSession open(BalloonContext context) {
                return new BalloonSession() {
                    @Override
                    public Answer decide(BalloonState state) {
                        now.addAndGet(nanosPerCall);
                        return state.pumps() < pumps ? Answer.decision(Decision.PUMP, "Pump")
                                : Answer.decision(Decision.CASH_OUT, "Cash out");
                    }

                    @Override
                    public Answer declarePumps(BalloonState state) {
                        now.addAndGet(nanosPerCall);
                        return Answer.pumpCount(pumps, String.valueOf(pumps));
                    }
                };
            }
        };
    }

    @Test
    void the_arm_with_the_longest_balloon_ahead_goes_first_in_the_classic_task() {
        List<String> order = dispatchOrder(Task.classic());
        // first round: one balloon each. Then careful's balloons take 2 calls × 5 µs (it cashed out after
        // 1 pump), bold's may take up to 20 calls × 1 µs (threshold 20 ahead, it never cashed out):
        // bold goes on, although careful's finished balloon took longer
        assertThat(order.subList(0, 3)).containsExactly("careful#1", "bold#1", "bold#2");
    }

    @Test
    void the_automatic_task_goes_by_the_mean_duration() {
        List<String> order = dispatchOrder(Task.automatic());
        // one call per balloon whatever the threshold: careful's 5 µs balloons go before bold's 1 µs ones
        assertThat(order.subList(0, 3)).containsExactly("careful#1", "bold#1", "careful#2");
    }

    /** The participant and balloon of each result in the order they finished (one slot: the order they started). */
    private static List<String> dispatchOrder(Task task) {
        AtomicLong now = new AtomicLong();
        List<String> finished = new CopyOnWriteArrayList<>();
        Experiment.builder()
                .schedule(Schedule.explicit(List.of(2, 2, 20, 2, 2, 2), 1, 20, 0.10))
                .participant(timed("careful", 1, 5_000, now))
                .participant(timed("bold", 19, 1_000, now))
                .task(task)
                .maxConcurrency(1)
                .ticker(now::get)
                .sink(r -> finished.add(r.participant() + "#" + r.balloon().id()))
                .build()
                .run();
        return finished;
    }
}
