package io.github.bart4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.BalloonState;
import io.github.bart4j.core.spi.Participant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
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

    /**
     * A resumed run starts from what its journal recorded: here three slots, and the third balloon to
     * start (before any balloon of this run finished) is slow's, whose recorded balloon took 50 ms, not
     * quick's (1 ms), listed first, as between two arms never seen. Both ways of giving the recorded balloons
     * (results, or {@link CompletedBalloons} read from a journal) count.
     */
    @Test
    void a_resumed_run_starts_from_the_times_its_journal_recorded() throws Exception {
        assertThat(firstThree(false)).containsExactlyInAnyOrder("quick#1", "slow#1", "quick#2"); // never seen: the earlier arm
        assertThat(firstThree(true)).containsExactlyInAnyOrder("quick#2", "slow#2", "slow#3"); // recorded: the slow arm
        assertThat(firstThreeFromCompletedBalloons()).containsExactlyInAnyOrder("quick#2", "slow#2", "slow#3");
    }

    private static List<String> firstThree(boolean resumed) throws Exception {
        return firstThree(b -> {
            if (resumed) {
                b.completed(recorded());
            }
        });
    }

    private static List<String> firstThreeFromCompletedBalloons() throws Exception {
        return firstThree(b -> b.completed(CompletedBalloons.of(recorded())));
    }

    /** Balloons 1 of each arm as an earlier run recorded them: 1 call each, quick's in 1 ms, slow's in 50 ms. */
    private static List<BalloonResult> recorded() {
        Balloon first = SCHEDULE.balloons().get(0);
        return List.of(
                new BalloonResult("quick", "", 1, first, 0, false, 0, List.of(new Turn(Answer.decision(Decision.CASH_OUT,
                        "Cash out"), 1)), BalloonResult.Status.OK, null),
                new BalloonResult("slow", "", 1, first, 0, false, 0, List.of(new Turn(Answer.decision(Decision.CASH_OUT,
                        "Cash out"), 50)), BalloonResult.Status.OK, null));
    }

    private static final Schedule SCHEDULE = Schedule.explicit(List.of(20, 20, 20, 20), 1, 20, 0.10);

    /**
     * Runs two arms on three slots whose balloons wait until three have started, and returns those
     * three (participant#balloon; threads open them in any order).
     */
    private static List<String> firstThree(Consumer<Experiment.Builder> resume) throws Exception {
        List<String> started = new CopyOnWriteArrayList<>();
        CountDownLatch three = new CountDownLatch(3);
        Experiment.Builder b = Experiment.builder()
                .schedule(SCHEDULE)
                .participant(gated("quick", started, three))
                .participant(gated("slow", started, three))
                .maxConcurrency(3);
        resume.accept(b);
        Thread run = new Thread(() -> b.build().run());
        run.start();
        run.join(60_000);
        assertThat(run.isAlive()).as("the run ended").isFalse();
        return started.subList(0, 3);
    }

    /** Opens record the order; the first two balloons wait until a third has started (so none finished before it). */
    private static Participant gated(String name, List<String> started, CountDownLatch three) {
        return new Participant() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public BalloonSession open(BalloonContext context) {
                synchronized (started) {
                    started.add(name + "#" + context.balloonId());
                }
                three.countDown();
                return state -> {
                    try {
                        three.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Answer.decision(Decision.CASH_OUT, "Cash out");
                };
            }
        };
    }
}
