package io.github.bart4j.examples.cli;

import io.github.bart4j.core.CompletedBalloons;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ExperimentResult;
import io.github.bart4j.core.ResultFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How {@code run} stops on SIGINT/SIGTERM, in seconds however slow the provider:
 * <ol>
 *   <li>the first signal stops starting balloons; those in flight get {@link #GRACE} to finish;</li>
 *   <li>past the grace period, or at a second signal, the balloons still in flight are abandoned:
 *       they are not recorded (a resume asks them again) and the run's files are written from the
 *       journal, which holds every finished balloon;</li>
 *   <li>a third signal quits at once, without writing files (the journal is intact).</li>
 * </ol>
 */
final class Stopper {

    /** How long balloons in flight may take to finish after the first signal. */
    static final Duration GRACE = Duration.ofSeconds(10);

    private final Experiment experiment;
    private final PrintWriter err;
    private final Duration grace;
    private final AtomicInteger signals = new AtomicInteger();
    private final CompletableFuture<Void> abandoned = new CompletableFuture<>();
    /** Whichever comes first decides the outcome: the run ending, or its balloons in flight abandoned. */
    private final AtomicBoolean settled = new AtomicBoolean();
    /** Counted down when the run has ended: the grace timer then ends too (it says nothing more). */
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile int firstSignal;

    Stopper(Experiment experiment, PrintWriter err, Duration grace) {
        this.experiment = experiment;
        this.err = err;
        this.grace = grace;
    }

    /** The first signal received (2 or 15), or 0. */
    int signal() {
        return firstSignal;
    }

    /** Handles one SIGINT/SIGTERM. */
    void onSignal(int sig) {
        int n = signals.incrementAndGet();
        if (n == 1) {
            firstSignal = sig;
            experiment.stop(); // before saying so
            err.println();
            err.println("bart: stopping: no new balloons start; those in flight get " + grace.toSeconds()
                    + " s to finish (signal again to stop them now; the journal keeps every finished balloon)");
            err.flush();
            Thread timer = new Thread(() -> {
                try {
                    if (!ended.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                        abandon("still in flight after " + grace.toSeconds() + " s");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bart-stop-grace");
            timer.setDaemon(true);
            timer.start();
        } else if (n == 2) {
            abandon("stopped by a second signal");
        } else {
            Runtime.getRuntime().halt(128 + firstSignal);
        }
    }

    private void abandon(String why) {
        if (settled.compareAndSet(false, true)) {
            err.println("bart: " + why + ": abandoning the balloons in flight (not recorded; a resume asks them"
                    + " again) and writing the files");
            err.flush();
            abandoned.complete(null);
        }
    }

    /**
     * Runs the experiment: its result, or {@code null} when the balloons in flight were abandoned
     * (their threads keep running until the process exits; the caller closes the journal first).
     */
    ExperimentResult run() {
        CompletableFuture<ExperimentResult> run = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            ExperimentResult result = null;
            Throwable failure = null;
            try {
                result = experiment.run();
            } catch (Throwable e) {
                failure = e;
            }
            settled.compareAndSet(false, true); // unless abandoned already, nothing is abandoned from now on
            ended.countDown();
            if (failure == null) {
                run.complete(result);
            } else {
                run.completeExceptionally(failure);
            }
        }, "bart-run");
        worker.setDaemon(true);
        worker.start();
        CompletableFuture.anyOf(run, abandoned).exceptionally(e -> null).join();
        if (abandoned.isDone()) {
            return null; // said so: the files are written from the journal
        }
        try {
            return run.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * The result of a stopped run whose balloons in flight were abandoned, as the run's own result
     * would be with {@code retainResults(false)}: no results (the journal is the record), stopped,
     * and the balloons the journal does not hold (each counted once) not run. The journal is read
     * in one streaming pass.
     */
    static ExperimentResult fromJournal(Path journal, List<Experiment.Arm> arms, int total, Duration elapsed) {
        CompletedBalloons recorded = new CompletedBalloons();
        if (Files.exists(journal)) {
            ResultFiles.readJournal(journal, r -> {
                try {
                    recorded.add(r);
                } catch (IllegalArgumentException e) {
                    // recorded twice with status ok: counted once
                }
            });
        }
        return new ExperimentResult(List.of(), true, Map.of(), total - recorded.size(), elapsed);
    }
}
