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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExperimentTest {

    private static final Schedule SCHEDULE = Schedule.uniform(1, 20, 30, 0.10, 42);

    /** Wraps a participant, counting balloons in flight (overall and per name) and those played. */
    static final class Observed implements Participant {
        final Participant delegate;
        final AtomicInteger inFlight;
        final AtomicInteger maxInFlight;
        final AtomicInteger played = new AtomicInteger();
        final boolean sequential;
        final List<BalloonContext> contexts = Collections.synchronizedList(new ArrayList<>());

        Observed(Participant delegate, AtomicInteger inFlight, AtomicInteger maxInFlight, boolean sequential) {
            this.delegate = delegate;
            this.inFlight = inFlight;
            this.maxInFlight = maxInFlight;
            this.sequential = sequential;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public boolean sequentialBalloons() {
            return sequential;
        }

        @Override
        public BalloonSession open(BalloonContext context) {
            contexts.add(context);
            played.incrementAndGet();
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            BalloonSession s = delegate.open(context);
            return new BalloonSession() {
                @Override
                public Answer decide(io.github.bart4j.core.spi.BalloonState state) {
                    try {
                        Thread.sleep(0, 200_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return s.decide(state);
                }

                @Override
                public void finish(BalloonOutcome outcome) {
                    inFlight.decrementAndGet();
                }
            };
        }
    }

    @Test
    void every_participant_plays_every_balloon_of_every_epoch_in_a_stable_order() {
        InMemory sink = new InMemory();
        ExperimentResult result = Experiment.builder().schedule(SCHEDULE)
                .participant(ScriptedParticipants.crra(2.0)).participant(ScriptedParticipants.crra(-1.0))
                .epochs(2).sink(sink).maxConcurrency(4).build().run();
        assertThat(result.results()).hasSize(2 * 2 * 30);
        assertThat(result.complete()).isTrue();
        assertThat(sink.results).hasSize(120);
        BalloonResult first = result.results().get(0);
        assertThat(first.participant()).isEqualTo("crra:2");
        assertThat(first.epoch()).isEqualTo(1);
        assertThat(first.balloon().id()).isEqualTo(1);
        assertThat(result.results().get(30).epoch()).isEqualTo(2);
        assertThat(result.results().get(60).participant()).isEqualTo("crra:-1");
        // the same thresholds for everyone
        assertThat(result.results().subList(0, 30)).extracting(r -> r.balloon().threshold())
                .isEqualTo(SCHEDULE.thresholds());
        assertThat(result.results().subList(60, 90)).extracting(r -> r.balloon().threshold())
                .isEqualTo(SCHEDULE.thresholds());
    }

    @Test
    void results_do_not_depend_on_concurrency() {
        List<BalloonResult> serial = runRandomAgents(1);
        List<BalloonResult> parallel = runRandomAgents(16);
        assertThat(parallel).extracting(BalloonResult::key).isEqualTo(serial.stream().map(BalloonResult::key).toList());
        assertThat(parallel).extracting(BalloonResult::pumps).isEqualTo(serial.stream().map(BalloonResult::pumps).toList());
        assertThat(parallel).extracting(BalloonResult::burst).isEqualTo(serial.stream().map(BalloonResult::burst).toList());
    }

    private static List<BalloonResult> runRandomAgents(int concurrency) {
        return Experiment.builder().schedule(SCHEDULE)
                .participant(ScriptedParticipants.random(0.8, 1)).participant(ScriptedParticipants.random(0.6, 2))
                .participant(ScriptedParticipants.random(0.8, 1), "persona-b")
                .epochs(2).maxConcurrency(concurrency).build().run().results();
    }

    @Test
    void concurrency_caps_hold_overall_and_per_participant() {
        AtomicInteger inFlightA = new AtomicInteger();
        AtomicInteger maxA = new AtomicInteger();
        AtomicInteger inFlightAll = new AtomicInteger();
        AtomicInteger maxAll = new AtomicInteger();
        Participant a = new Observed(ScriptedParticipants.fixed(3), inFlightA, maxA, false);
        Participant b = new Observed(ScriptedParticipants.fixed(4), inFlightAll, maxAll, false);
        Participant c = new Observed(ScriptedParticipants.fixed(5), inFlightAll, maxAll, false);
        Experiment.builder().schedule(Schedule.uniform(10, 20, 60, 0.1, 3)).participant(a).participant(b)
                .participant(c).maxConcurrency(6).maxConcurrencyPerParticipant(2).build().run();
        assertThat(maxA.get()).isBetween(1, 2);
        assertThat(maxAll.get()).isBetween(1, 4);
        assertThat(((Observed) a).played.get()).isEqualTo(60);
    }

    @Test
    void completed_balloons_are_not_played_again_and_are_part_of_the_results() {
        List<BalloonResult> firstRun = Experiment.builder().schedule(SCHEDULE)
                .participant(ScriptedParticipants.fixed(4)).build().run().results();
        List<BalloonResult> journal = firstRun.subList(0, 12);
        AtomicInteger x = new AtomicInteger();
        Observed observed = new Observed(ScriptedParticipants.fixed(4), x, new AtomicInteger(), false);
        InMemory sink = new InMemory();
        ExperimentResult resumed = Experiment.builder().schedule(SCHEDULE).participant(observed)
                .completed(journal).sink(sink).build().run();
        assertThat(observed.played.get()).isEqualTo(18);
        assertThat(sink.results).hasSize(18).noneMatch(r -> r.balloon().id() <= 12);
        assertThat(resumed.results()).extracting(BalloonResult::pumps)
                .isEqualTo(firstRun.stream().map(BalloonResult::pumps).toList());
    }

    @Test
    void sequential_participants_play_in_order_and_see_their_history() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        Observed seq = new Observed(ScriptedParticipants.fixed(2), inFlight, max, true);
        Experiment.builder().schedule(SCHEDULE).participant(seq).maxConcurrency(8).build().run();
        assertThat(max.get()).isEqualTo(1); // one series (epoch): one balloon at a time
        List<BalloonContext> epoch1 = seq.contexts.stream().filter(c -> c.epoch() == 1).toList();
        assertThat(epoch1).extracting(BalloonContext::balloonId).containsExactly(
                java.util.stream.IntStream.rangeClosed(1, 30).boxed().toArray(Integer[]::new));
        assertThat(epoch1.get(5).history()).hasSize(5);
        double banked = epoch1.get(5).history().stream().mapToDouble(BalloonResult::earnings).sum();
        assertThat(epoch1.get(5).earningsSoFar()).isEqualTo(banked);
    }

    @Test
    void fatal_participant_failure_stops_that_participant_only_and_leaves_its_balloons_unrecorded() {
        Participant badKey = new Participant() {
            @Override
            public String name() {
                return "bad-key";
            }

            @Override
            public BalloonSession open(BalloonContext context) {
                return state -> {
                    throw new ParticipantException("openrouter rejected the API key (HTTP 401)", true);
                };
            }
        };
        List<String> failed = Collections.synchronizedList(new ArrayList<>());
        InMemory sink = new InMemory();
        ExperimentResult result = Experiment.builder().schedule(SCHEDULE).participant(badKey)
                .participant(ScriptedParticipants.fixed(3)).sink(sink).maxConcurrency(2)
                .listener(new ExperimentListener() {
                    @Override
                    public void participantFailed(String participant, String persona, ParticipantException cause) {
                        failed.add(participant + ": " + cause.getMessage());
                    }
                }).build().run();
        assertThat(failed).containsExactly("bad-key: openrouter rejected the API key (HTTP 401)");
        assertThat(result.failures()).containsOnlyKeys("bad-key");
        assertThat(sink.results).hasSize(30).allMatch(r -> r.participant().equals("fixed:3"));
        assertThat(result.notRun()).isEqualTo(30);
        assertThat(result.complete()).isFalse();
    }

    @Test
    void non_fatal_failures_are_recorded_as_errored_balloons() {
        Participant flaky = new Participant() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public BalloonSession open(BalloonContext context) {
                return state -> {
                    if (context.balloonId() % 3 == 0) {
                        throw new ParticipantException("HTTP 503 after 4 attempts", false);
                    }
                    return Answer.decision(Decision.CASH_OUT, "Cash Out");
                };
            }
        };
        ExperimentResult result = Experiment.builder().schedule(SCHEDULE).participant(flaky).build().run();
        assertThat(result.results()).hasSize(30);
        assertThat(result.results()).filteredOn(BalloonResult::isError).hasSize(10)
                .allMatch(r -> r.error().equals("HTTP 503 after 4 attempts"));
    }

    @Test
    void stop_lets_balloons_in_flight_finish_and_starts_no_more() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Participant slow = new Participant() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public BalloonSession open(BalloonContext context) {
                return state -> {
                    firstStarted.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Answer.decision(Decision.CASH_OUT, "Cash Out");
                };
            }
        };
        InMemory sink = new InMemory();
        Experiment experiment = Experiment.builder().schedule(SCHEDULE).participant(slow).sink(sink)
                .maxConcurrency(2).build();
        java.util.concurrent.Future<ExperimentResult> future =
                java.util.concurrent.Executors.newSingleThreadExecutor().submit(experiment::run);
        firstStarted.await();
        experiment.stop();
        release.countDown();
        ExperimentResult result = future.get();
        assertThat(result.stopped()).isTrue();
        assertThat(sink.results).hasSizeBetween(1, 2);
        assertThat(result.notRun()).isEqualTo(30 - sink.results.size());
    }

    @Test
    void sink_receives_a_result_before_listeners_hear_of_it() {
        InMemory sink = new InMemory();
        List<Integer> seenBySinkAtReport = Collections.synchronizedList(new ArrayList<>());
        Experiment.builder().schedule(SCHEDULE).participant(ScriptedParticipants.fixed(1)).sink(sink)
                .listener(new ExperimentListener() {
                    @Override
                    public void balloonFinished(BalloonResult result, Progress progress) {
                        assertThat(sink.results).contains(result);
                        seenBySinkAtReport.add(progress.done());
                    }
                }).build().run();
        assertThat(seenBySinkAtReport).hasSize(30).contains(30);
    }

    @Test
    void failing_sink_stops_the_run_with_a_clear_error() {
        ResultSink broken = r -> {
            throw new java.io.UncheckedIOException("disk full: runs/x/journal.jsonl", new java.io.IOException("disk full"));
        };
        assertThatThrownBy(() -> Experiment.builder().schedule(SCHEDULE).participant(ScriptedParticipants.fixed(1))
                .sink(broken).build().run()).isInstanceOf(Bart4jException.class).hasMessageContaining("disk full");
    }

    @Test
    void builder_rejects_missing_parts_and_duplicate_participants() {
        assertThatThrownBy(() -> Experiment.builder().participant(ScriptedParticipants.fixed(1)).build())
                .hasMessageContaining("schedule");
        assertThatThrownBy(() -> Experiment.builder().schedule(SCHEDULE).build()).hasMessageContaining("participant");
        assertThatThrownBy(() -> Experiment.builder().schedule(SCHEDULE).participant(ScriptedParticipants.fixed(1))
                .participant(ScriptedParticipants.fixed(1)).build()).hasMessageContaining("added twice");
        assertThatThrownBy(() -> Experiment.builder().maxConcurrency(0)).hasMessage("maxConcurrency must be >= 1, but is 0");
    }

    /** A minimal thread-safe sink for these tests. */
    static final class InMemory implements ResultSink {
        final List<BalloonResult> results = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void accept(BalloonResult result) {
            results.add(result);
        }
    }

    /**
     * Failed participants are listed in the order they were added, whichever failed first: files and
     * messages built from {@link ExperimentResult#failures()} are then the same bytes in every run.
     */
    @Test
    void failures_are_listed_in_the_order_the_participants_were_added() {
        List<String> names = List.of("zeta", "alpha", "mu", "beta", "omega", "kappa", "delta");
        Experiment.Builder b = Experiment.builder().schedule(SCHEDULE).maxConcurrency(names.size());
        for (String n : names) {
            b.participant(new Participant() {
                @Override
                public String name() {
                    return n;
                }

                @Override
                public BalloonSession open(BalloonContext context) {
                    return state -> {
                        throw new ParticipantException(n + " rejected the API key (HTTP 401)", true);
                    };
                }
            });
        }
        ExperimentResult result = b.build().run();
        assertThat(result.failures().keySet()).containsExactlyElementsOf(names);
        assertThat(new ExperimentResult(List.of(), false, result.failures(), 0, java.time.Duration.ZERO)
                .failures().keySet()).containsExactlyElementsOf(names);
    }
}
