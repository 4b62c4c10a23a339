package io.github.bart4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bart4j.core.agents.ScriptedParticipants;
import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.Participant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** {@link CompletedBalloons} and {@link Experiment.Builder#completed(CompletedBalloons)}: resume by identity. */
class CompletedBalloonsTest {

    private static final Schedule SCHEDULE = Schedule.uniform(1, 20, 30, 0.10, 42);

    private static final class Collect implements ResultSink {
        final List<BalloonResult> results = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void accept(BalloonResult result) {
            results.add(result);
        }
    }

    private static List<Participant> agents() {
        return List.of(ScriptedParticipants.crra(2.0), ScriptedParticipants.crra(0.0), ScriptedParticipants.fixed(7));
    }

    private static Experiment.Builder experiment() {
        Experiment.Builder b = Experiment.builder().schedule(SCHEDULE).epochs(2).maxConcurrency(3);
        agents().forEach(b::participant);
        return b;
    }

    private static List<String> outcomes(List<BalloonResult> results) {
        return results.stream().map(r -> r.key() + " " + r.pumps() + " " + r.burst() + " " + r.earnings()).sorted()
                .toList();
    }

    private static BalloonResult errored(String participant, int epoch, int id, boolean withAnswer) {
        List<Turn> turns = withAnswer ? List.of(new Turn(new Answer.Choice(Decision.PUMP, "pump", null,
                new TokenUsage(100, 2, 0.5)), 10)) : List.of();
        return new BalloonResult(participant, "", epoch, SCHEDULE.balloons().get(id - 1), withAnswer ? 1 : 0, false,
                0.0, turns, BalloonResult.Status.ERROR, "timeout");
    }

    @Test
    void a_run_resumed_from_completed_balloons_plays_exactly_the_rest_of_an_uninterrupted_run() {
        List<BalloonResult> uninterrupted = experiment().build().run().results();

        Collect first = new Collect();
        AtomicReference<Experiment> running = new AtomicReference<>();
        // balloons after the 70th wait for the stop: the listener runs on its own thread, and the workers
        // could play every balloon before it sees the 70th (as in ExperimentSchedulingTest)
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger opened = new AtomicInteger();
        Experiment.Builder stopping = Experiment.builder().schedule(SCHEDULE).epochs(2).maxConcurrency(3);
        agents().forEach(p -> stopping.participant(ExperimentSchedulingTest.gatedAfter(p, 70, opened, stopped)));
        running.set(stopping.sink(first).listener(new ExperimentListener() {
            @Override
            public void balloonFinished(BalloonResult result, Progress progress) {
                if (progress.done() == 70) {
                    running.get().stop();
                    stopped.countDown();
                }
            }
        }).build());
        assertThat(running.get().run().stopped()).isTrue();
        int recorded = first.results.size();

        CompletedBalloons done = new CompletedBalloons();
        first.results.forEach(done); // as ResultFiles.readJournal(journal, done) does
        assertThat(done.size()).isEqualTo(recorded);
        Collect second = new Collect();
        AtomicInteger firstProgress = new AtomicInteger();
        ExperimentResult resumed = experiment().completed(done).sink(second).listener(new ExperimentListener() {
            @Override
            public void balloonFinished(BalloonResult result, Progress progress) {
                firstProgress.compareAndSet(0, progress.done());
            }
        }).build().run();

        assertThat(resumed.complete()).isTrue();
        assertThat(firstProgress.get()).isEqualTo(recorded + 1); // the recorded balloons count as done
        assertThat(second.results).noneMatch(r -> done.contains(r.key()));
        assertThat(resumed.results()).hasSize(uninterrupted.size() - recorded); // completed ones are not kept
        List<BalloonResult> both = new ArrayList<>(first.results);
        both.addAll(second.results);
        assertThat(outcomes(both)).isEqualTo(outcomes(uninterrupted));
    }

    @Test
    void completed_balloons_of_another_experiment_are_refused_with_the_message_of_completed_results() {
        BalloonResult ok = Task.classic().play(ScriptedParticipants.fixed(2), SCHEDULE.balloons().get(0));
        Schedule other = Schedule.explicit(List.of(99, 99), 1, 128, 0.10);
        BalloonResult foreignSchedule = Task.classic().play(ScriptedParticipants.fixed(2), other.balloons().get(1));
        BalloonResult stranger = Task.classic().play(ScriptedParticipants.fixed(3), SCHEDULE.balloons().get(0));
        BalloonResult epoch3 = Task.classic().play(ScriptedParticipants.fixed(2), SCHEDULE.balloons().get(0),
                Task.contextFor(SCHEDULE.balloons().get(0), 3, "", 0.0, SCHEDULE.size(), List.of()));
        BalloonResult beyond = Task.classic().play(ScriptedParticipants.fixed(2), Schedule.explicit(
                java.util.Collections.nCopies(31, 5), 1, 20, 0.10).balloons().get(30));
        for (List<BalloonResult> bad : List.of(List.of(ok, stranger), List.of(foreignSchedule), List.of(ok, epoch3),
                List.of(beyond))) {
            Function<Experiment.Builder, Experiment.Builder> base = b -> b.schedule(SCHEDULE).epochs(2)
                    .participant(ScriptedParticipants.fixed(2));
            String asResults = catchMessage(() -> base.apply(Experiment.builder()).completed(bad).build());
            String asKeys = catchMessage(() -> base.apply(Experiment.builder()).completed(CompletedBalloons.of(bad))
                    .build());
            assertThat(asResults).startsWith("completed result of participant");
            assertThat(asKeys).isEqualTo(asResults);
        }
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void a_balloon_asked_again_after_its_error_replaces_it_and_an_ok_balloon_cannot_be_added_twice() {
        CompletedBalloons done = new CompletedBalloons();
        done.add(errored("fixed:2", 1, 3, true));
        assertThat(done.errored()).isEqualTo(1);
        assertThat(done.tokens()).isEqualTo(102);
        BalloonResult again = Task.classic().play(ScriptedParticipants.fixed(2), SCHEDULE.balloons().get(2));
        done.add(again);
        assertThat(done.size()).isEqualTo(1);
        assertThat(done.errored()).isZero();
        assertThat(done.tokens()).isZero(); // the errored record's spend is replaced, not added
        assertThat(done.costUsd(Budget.maxCostUsd(1))).isZero();
        assertThat(done.contains(again.key())).isTrue();
        assertThatThrownBy(() -> done.add(again)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("balloon 3 of 'fixed:2' (persona '', epoch 1) is already completed with status ok;"
                        + " only an errored balloon is recorded again (asked again after its error)");
    }

    @Test
    void removing_the_errored_balloons_lets_the_experiment_ask_them_again() {
        CompletedBalloons done = new CompletedBalloons();
        for (int id = 1; id <= 30; id++) {
            done.add(id % 10 == 0 ? errored("fixed:2", 1, id, id == 10)
                    : Task.classic().play(ScriptedParticipants.fixed(2), SCHEDULE.balloons().get(id - 1)));
        }
        assertThat(done.errored()).isEqualTo(3);
        assertThat(done.costUsd(Budget.maxCostUsd(1))).isEqualTo(0.5);
        assertThat(done.removeErrored()).isEqualTo(3);
        assertThat(done.size()).isEqualTo(27);
        assertThat(done.errored()).isZero();
        assertThat(done.costUsd(Budget.maxCostUsd(1))).isZero();
        ExperimentTest.Observed p = new ExperimentTest.Observed(ScriptedParticipants.fixed(2), new AtomicInteger(),
                new AtomicInteger(), false);
        ExperimentResult result = Experiment.builder().schedule(SCHEDULE).participant(p).completed(done).build().run();
        assertThat(result.results()).extracting(r -> r.balloon().id()).containsExactly(10, 20, 30);
        assertThat(p.played.get()).isEqualTo(3);
    }

    @Test
    void a_sequential_participant_needs_the_results_of_a_series_it_has_not_finished() {
        List<BalloonResult> firstTen = Experiment.builder().schedule(SCHEDULE)
                .participant(ScriptedParticipants.fixed(2))
                .build().run().results().subList(0, 10);
        ExperimentTest.Observed seq = new ExperimentTest.Observed(ScriptedParticipants.fixed(2), new AtomicInteger(),
                new AtomicInteger(), true);
        assertThatThrownBy(() -> Experiment.builder().schedule(SCHEDULE).participant(seq)
                .completed(CompletedBalloons.of(firstTen)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("participant 'fixed:2' plays its balloons in order (sequentialBalloons) and has not"
                        + " finished epoch 1, whose balloon 1 is given only in the completed balloons: give that"
                        + " series' results with completed(Collection), they are its history");
        assertThatThrownBy(() -> Experiment.builder().schedule(SCHEDULE).participant(seq)
                .completed(CompletedBalloons.of(firstTen)).completed(firstTen).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is given both as a completed result and in the completed balloons");

        // its results given as results: the series continues with its history
        Experiment.builder().schedule(SCHEDULE).participant(seq).completed(firstTen).build().run();
        List<BalloonContext> contexts = seq.contexts;
        assertThat(contexts).hasSize(20);
        assertThat(contexts.get(0).balloonId()).isEqualTo(11);
        assertThat(contexts.get(0).history()).hasSize(10);
    }

    @Test
    void the_builder_takes_a_copy() {
        CompletedBalloons done = new CompletedBalloons();
        Experiment experiment = Experiment.builder().schedule(SCHEDULE).participant(ScriptedParticipants.fixed(2))
                .completed(done).build();
        done.add(Task.classic().play(ScriptedParticipants.fixed(2), SCHEDULE.balloons().get(0)));
        assertThat(experiment.run().results()).hasSize(30);
    }
}
