package io.github.bart4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bart4j.core.Answer;
import io.github.bart4j.core.agents.ScriptedParticipants;
import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.Participant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Which balloons an {@link Experiment} starts when, and how it reports them (issue 13, issue 11 §5-6). */
class ExperimentSchedulingTest {

    private static final Schedule SCHEDULE = Schedule.uniform(1, 20, 60, 0.10, 42);

    /** Collects results; thread-safe. */
    static final class Collect implements ResultSink {
        final List<BalloonResult> results = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void accept(BalloonResult result) {
            results.add(result);
        }
    }

    /** Plays like {@code delegate}, but every balloon opened first waits for {@code gate} (at most 30 s). */
    static Participant gated(Participant delegate, String name, CountDownLatch gate, AtomicInteger opened) {
        return new Participant() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public BalloonSession open(BalloonContext context) {
                opened.incrementAndGet();
                await(gate);
                return delegate.open(context);
            }
        };
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, List<Integer>> idsByArm(List<BalloonResult> results) {
        return results.stream().collect(Collectors.groupingBy(
                r -> r.participant() + "/" + r.persona() + "/" + r.epoch(), TreeMap::new,
                Collectors.mapping(r -> r.balloon().id(), Collectors.toList())));
    }

    /**
     * Plays like {@code delegate}, but a balloon opened after the first {@code free} ones (counted in
     * {@code opened}, shared by all participants) first waits for {@code gate} (at most 60 s).
     */
    static Participant gatedAfter(Participant delegate, int free, AtomicInteger opened, CountDownLatch gate) {
        return new Participant() {
            @Override
            public String name() {
                return delegate.name();
            }

            @Override
            public boolean sequentialBalloons() {
                return delegate.sequentialBalloons();
            }

            @Override
            public int preferredConcurrency() {
                return delegate.preferredConcurrency();
            }

            @Override
            public BalloonSession open(BalloonContext context) {
                if (opened.incrementAndGet() > free) {
                    try {
                        gate.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return delegate.open(context);
            }
        };
    }

    @Test
    void a_stopped_run_holds_a_prefix_of_every_arms_schedule() {
        Collect sink = new Collect();
        AtomicReference<Experiment> experiment = new AtomicReference<>();
        // listeners run on a thread of their own, so the workers may play on while the stop is on its way:
        // balloons after the 170th wait until the listener has stopped the run (else, on a busy machine,
        // the whole run could be played before the listener sees the 170th balloon)
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger opened = new AtomicInteger();
        Experiment.Builder b = Experiment.builder().schedule(SCHEDULE).epochs(2).maxConcurrency(4).sink(sink)
                .listener(new ExperimentListener() {
                    @Override
                    public void balloonFinished(BalloonResult result, Progress progress) {
                        if (progress.done() == 170) {
                            experiment.get().stop();
                            stopped.countDown();
                        }
                    }
                });
        for (double gamma : new double[] {2.0, 0.0, -1.0}) {
            b.participant(gatedAfter(ScriptedParticipants.crra(gamma), 170, opened, stopped))
                    .participant(gatedAfter(ScriptedParticipants.crra(gamma), 170, opened, stopped), "calm");
        }
        experiment.set(b.build());
        ExperimentResult result = experiment.get().run();

        assertThat(result.stopped()).isTrue();
        assertThat(sink.results.size()).isBetween(170, 719);
        idsByArm(sink.results).forEach((arm, ids) -> {
            List<Integer> sorted = ids.stream().sorted().toList();
            assertThat(sorted).as(arm).isEqualTo(java.util.stream.IntStream.rangeClosed(1, ids.size()).boxed().toList());
        });
        // epoch 2 of an arm starts only after epoch 1 was dispatched entirely
        Map<String, List<Integer>> arms = idsByArm(sink.results);
        arms.forEach((arm, ids) -> {
            if (arm.endsWith("/2")) {
                assertThat(arms.get(arm.substring(0, arm.length() - 1) + "1")).as(arm).hasSize(60);
            }
        });
    }

    @Test
    void every_arm_is_dispatched_in_the_first_round() {
        int arms = 6;
        CountDownLatch allOpened = new CountDownLatch(arms);
        List<String> openOrder = Collections.synchronizedList(new ArrayList<>());
        Experiment.Builder b = Experiment.builder()
                .schedule(Schedule.explicit(Collections.nCopies(10, 20), 1, 20, 0.10)).maxConcurrency(arms);
        for (int i = 0; i < arms; i++) {
            Participant inner = ScriptedParticipants.fixed(i + 1);
            String name = "p" + i;
            b.participant(new Participant() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public BalloonSession open(BalloonContext context) {
                    openOrder.add(name);
                    allOpened.countDown();
                    await(allOpened); // nothing finishes before the first round is dispatched
                    return inner.open(context);
                }
            });
        }
        ExperimentResult result = b.build().run();
        assertThat(result.results()).hasSize(60);
        assertThat(openOrder.subList(0, arms)).containsExactlyInAnyOrder("p0", "p1", "p2", "p3", "p4", "p5");
    }

    @Test
    void caps_hold_for_a_participant_shared_by_personas() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        AtomicInteger maxA = new AtomicInteger();
        AtomicInteger inA = new AtomicInteger();
        Experiment.Builder b = Experiment.builder().schedule(SCHEDULE).maxConcurrency(5)
                .maxConcurrencyPerParticipant(2);
        for (String name : List.of("a", "b", "c")) {
            Participant p = new Participant() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public BalloonSession open(BalloonContext context) {
                    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    if (name.equals("a")) {
                        maxA.accumulateAndGet(inA.incrementAndGet(), Math::max);
                    }
                    BalloonSession s = ScriptedParticipants.fixed(3).open(context);
                    return new BalloonSession() {
                        @Override
                        public Answer decide(io.github.bart4j.core.spi.BalloonState state) {
                            Thread.yield();
                            return s.decide(state);
                        }

                        @Override
                        public void finish(BalloonOutcome outcome) {
                            if (name.equals("a")) {
                                inA.decrementAndGet();
                            }
                            inFlight.decrementAndGet();
                        }
                    };
                }
            };
            b.participant(p, "x").participant(p, "y");
        }
        assertThat(b.build().run().results()).hasSize(360);
        assertThat(maxInFlight.get()).isBetween(1, 5);
        assertThat(maxA.get()).isBetween(1, 2);
    }

    @Test
    void resuming_a_stopped_run_gives_what_an_uninterrupted_run_gives() {
        Participant[] agents = {ScriptedParticipants.crra(2.0), ScriptedParticipants.random(0.7, 5),
                ScriptedParticipants.fixed(6)};
        Experiment.Builder whole = Experiment.builder().schedule(SCHEDULE).epochs(2).maxConcurrency(3);
        for (Participant p : agents) {
            whole.participant(p);
        }
        List<BalloonResult> uninterrupted = whole.build().run().results();

        Collect first = new Collect();
        AtomicReference<Experiment> running = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1); // balloons after the 100th wait for the stop (see above)
        AtomicInteger opened = new AtomicInteger();
        Experiment.Builder b = Experiment.builder().schedule(SCHEDULE).epochs(2).maxConcurrency(3).sink(first)
                .listener(new ExperimentListener() {
                    @Override
                    public void balloonFinished(BalloonResult result, Progress progress) {
                        if (progress.done() == 100) {
                            running.get().stop();
                            stopped.countDown();
                        }
                    }
                });
        for (Participant p : agents) {
            b.participant(gatedAfter(p, 100, opened, stopped));
        }
        running.set(b.build());
        assertThat(running.get().run().stopped()).isTrue();
        Experiment.Builder rest = Experiment.builder().schedule(SCHEDULE).epochs(2).maxConcurrency(3)
                .completed(List.copyOf(first.results));
        for (Participant p : agents) {
            rest.participant(p);
        }
        ExperimentResult resumed = rest.build().run();

        assertThat(resumed.complete()).isTrue();
        assertThat(resumed.results()).extracting(r -> r.key() + " " + r.pumps() + " " + r.burst())
                .containsExactlyElementsOf(uninterrupted.stream().map(r -> r.key() + " " + r.pumps() + " "
                        + r.burst()).toList());
    }

    @Test
    void completed_rejects_results_of_another_experiment_naming_the_first() {
        BalloonResult ok = Task.classic().play(ScriptedParticipants.fixed(2), SCHEDULE.balloons().get(0));
        Schedule other = Schedule.explicit(List.of(99, 99), 1, 128, 0.10);
        BalloonResult foreignSchedule = Task.classic().play(ScriptedParticipants.fixed(2), other.balloons().get(1));
        BalloonResult stranger = Task.classic().play(ScriptedParticipants.fixed(3), SCHEDULE.balloons().get(0));

        assertThatThrownBy(() -> Experiment.builder().schedule(SCHEDULE).participant(ScriptedParticipants.fixed(2))
                .completed(List.of(ok, stranger)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fixed:3").hasMessageContaining("balloon 1").hasMessageContaining("participant");
        assertThatThrownBy(() -> Experiment.builder().schedule(SCHEDULE).participant(ScriptedParticipants.fixed(2))
                .completed(List.of(foreignSchedule)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fixed:2").hasMessageContaining("balloon 2").hasMessageContaining("threshold");
        BalloonResult epoch3 = Task.classic().play(ScriptedParticipants.fixed(2), SCHEDULE.balloons().get(0),
                Task.contextFor(SCHEDULE.balloons().get(0), 3, "", 0.0, SCHEDULE.size(), List.of()));
        assertThatThrownBy(() -> Experiment.builder().schedule(SCHEDULE).participant(ScriptedParticipants.fixed(2))
                .epochs(2).completed(List.of(ok, epoch3)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("epoch 3").hasMessageContaining("epochs 1..2");
        assertThat(Experiment.builder().schedule(SCHEDULE).participant(ScriptedParticipants.fixed(2))
                .completed(List.of(ok)).build().run().results()).hasSize(60);
    }

    @Test
    void listener_calls_are_serialised_including_participant_failures() throws Exception {
        CountDownLatch reporting = new CountDownLatch(1);
        CountDownLatch failed = new CountDownLatch(1);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicBoolean overlap = new AtomicBoolean();
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        Participant good = ScriptedParticipants.fixed(1);
        Participant bad = new Participant() {
            @Override
            public String name() {
                return "bad";
            }

            @Override
            public BalloonSession open(BalloonContext context) {
                await(reporting); // fail while a balloonFinished call is in progress
                throw new ParticipantException("401 invalid key", true);
            }
        };
        ExperimentListener listener = new ExperimentListener() {
            private void enter(String event) {
                if (concurrent.incrementAndGet() > 1) {
                    overlap.set(true);
                }
                events.add(event);
            }

            @Override
            public void balloonFinished(BalloonResult result, Progress progress) {
                enter("finished");
                if (progress.done() == 1) {
                    reporting.countDown();
                    try {
                        failed.await(2, TimeUnit.SECONDS); // a failure reported meanwhile would overlap
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                concurrent.decrementAndGet();
            }

            @Override
            public void participantFailed(String participant, String persona, ParticipantException cause) {
                enter("failed " + participant);
                failed.countDown();
                concurrent.decrementAndGet();
            }
        };
        ExperimentResult result = Experiment.builder().schedule(SCHEDULE).participant(good).participant(bad)
                .maxConcurrency(4).listener(listener).build().run();

        assertThat(overlap).isFalse();
        assertThat(events).contains("failed bad").filteredOn("finished"::equals).hasSize(60);
        assertThat(result.failures()).containsKey("bad");
    }

    @Test
    void a_slow_listener_does_not_stall_the_workers() {
        CountDownLatch allPlayed = new CountDownLatch(60);
        AtomicBoolean playedWhileListenerBlocked = new AtomicBoolean();
        Participant counting = new Participant() {
            @Override
            public String name() {
                return "counting";
            }

            @Override
            public BalloonSession open(BalloonContext context) {
                BalloonSession s = ScriptedParticipants.fixed(2).open(context);
                return new BalloonSession() {
                    @Override
                    public Answer decide(io.github.bart4j.core.spi.BalloonState state) {
                        return s.decide(state);
                    }

                    @Override
                    public void finish(BalloonOutcome outcome) {
                        allPlayed.countDown();
                    }
                };
            }
        };
        ExperimentResult result = Experiment.builder().schedule(SCHEDULE).participant(counting).maxConcurrency(2)
                .listener(new ExperimentListener() {
                    @Override
                    public void balloonFinished(BalloonResult r, Progress progress) {
                        if (progress.done() == 1) {
                            try { // blocks until every balloon was played (30 s at most)
                                playedWhileListenerBlocked.set(allPlayed.await(30, TimeUnit.SECONDS));
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                }).build().run();
        assertThat(result.results()).hasSize(60);
        assertThat(playedWhileListenerBlocked).isTrue();
    }

    @Test
    void interrupting_the_running_thread_stops_the_run() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger opened = new AtomicInteger();
        Collect sink = new Collect();
        Experiment experiment = Experiment.builder().schedule(SCHEDULE)
                .participant(gated(ScriptedParticipants.fixed(2), "gated", gate, opened))
                .maxConcurrency(2).sink(sink).build();
        AtomicReference<ExperimentResult> result = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        CountDownLatch returned = new CountDownLatch(1);
        ExecutorService harness = Executors.newSingleThreadExecutor();
        try {
            Future<?> future = harness.submit(() -> {
                result.set(experiment.run());
                stillInterrupted.set(Thread.currentThread().isInterrupted());
                returned.countDown();
            });
            while (opened.get() < 2) {
                Thread.onSpinWait();
            }
            future.cancel(true);
            gate.countDown();
            assertThat(returned.await(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            harness.shutdownNow();
        }
        assertThat(result.get().stopped()).isTrue();
        assertThat(sink.results).hasSize(2); // the two in flight finished and were recorded
        assertThat(result.get().notRun()).isEqualTo(58);
        assertThat(stillInterrupted).isTrue();
    }
}
