package io.github.bart4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ExperimentResult;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.agents.ScriptedParticipants;
import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.Participant;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How {@code run} stops on a signal ({@link Stopper}), without real signals: the balloon in flight is held
 * until the test lets it go, so nothing depends on how fast the machine is.
 */
class StopperTest {

    private final CountDownLatch opened = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final StringWriter err = new StringWriter();

    /** Plays fixed:2, but the first balloon waits (at most 60 s) until the test releases it. */
    private Experiment experiment() {
        Participant inner = ScriptedParticipants.fixed(2);
        Participant held = new Participant() {
            @Override
            public String name() {
                return "held";
            }

            @Override
            public BalloonSession open(BalloonContext context) {
                opened.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return inner.open(context);
            }
        };
        return Experiment.builder().schedule(Schedule.explicit(List.of(10, 10, 10), 1, 10, 0.10)).participant(held)
                .maxConcurrency(1).build();
    }

    private static boolean graceTimerAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("bart-stop-grace") && t.isAlive());
    }

    @Test
    void a_run_that_ends_within_the_grace_period_leaves_no_timer_behind_and_abandons_nothing() throws Exception {
        Stopper stopper = new Stopper(experiment(), new PrintWriter(err, true), Duration.ofSeconds(600));
        CompletableFuture<ExperimentResult> result = CompletableFuture.supplyAsync(stopper::run);
        assertThat(opened.await(60, TimeUnit.SECONDS)).isTrue();

        stopper.onSignal(15);
        assertThat(graceTimerAlive()).isTrue();
        release.countDown();
        ExperimentResult r = result.get(60, TimeUnit.SECONDS);

        assertThat(r).as("the run's own result: nothing was abandoned").isNotNull();
        assertThat(r.stopped()).isTrue();
        assertThat(r.results()).hasSize(1);
        // the grace timer ends with the run, instead of waking up after 600 s to say it abandons balloons
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (graceTimerAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(graceTimerAlive()).as("the grace timer still runs after the command's run ended").isFalse();
        assertThat(err.toString()).contains("bart: stopping: no new balloons start").doesNotContain("abandoning");
    }

    @Test
    void a_second_signal_abandons_the_balloon_in_flight() throws Exception {
        Stopper stopper = new Stopper(experiment(), new PrintWriter(err, true), Duration.ofSeconds(600));
        CompletableFuture<ExperimentResult> result = CompletableFuture.supplyAsync(stopper::run);
        assertThat(opened.await(60, TimeUnit.SECONDS)).isTrue();
        try {
            stopper.onSignal(15);
            stopper.onSignal(15);

            assertThat(result.get(60, TimeUnit.SECONDS)).as("abandoned: the files come from the journal").isNull();
            assertThat(err.toString()).contains("bart: stopped by a second signal: abandoning the balloons in flight");
        } finally {
            release.countDown();
        }
    }
}
