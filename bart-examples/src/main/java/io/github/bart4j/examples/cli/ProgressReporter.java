package io.github.bart4j.examples.cli;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.ExperimentListener;
import io.github.bart4j.core.ParticipantException;
import io.github.bart4j.core.Progress;
import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a run's progress: a progress bar (balloons done/total, ETA, tokens, errors) on a terminal,
 * plain log lines otherwise (one per finished balloon).
 */
abstract class ProgressReporter implements ExperimentListener, AutoCloseable {

    static ProgressReporter create(boolean enabled, PrintWriter err, RunConfig cfg) {
        if (!enabled) {
            return new Silent();
        }
        if (System.console() != null && !"dumb".equals(System.getenv("TERM"))) {
            return new Bar(err);
        }
        return new Lines(err);
    }

    private RunBudget budget;

    /** Adds the spend against {@code budget} to the progress line (when it has a limit). */
    ProgressReporter showBudget(RunBudget budget) {
        this.budget = budget;
        return this;
    }

    @Override
    public void close() {
    }

    String tokens(Progress p) {
        long total = p.inputTokens() + p.outputTokens();
        String t = total >= 10_000 ? (total / 1000) + "k" : Long.toString(total);
        String spend = budget == null ? "" : budget.progressText();
        return "tokens " + t + (p.cost() > 0 ? ", cost $" + String.format(java.util.Locale.ROOT, "%.4f", p.cost()) : "")
                + (spend.isEmpty() ? "" : ", " + spend) + ", errors " + p.errors();
    }

    private static final class Silent extends ProgressReporter {
    }

    /**
     * Plain lines for logs and pipes: every errored balloon, and a progress line at each 10% step
     * or at least every 10 seconds.
     */
    private static final class Lines extends ProgressReporter {
        private final PrintWriter err;
        private int lastDecile = -1;
        private long lastLineNanos = System.nanoTime();

        Lines(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void balloonFinished(BalloonResult r, Progress p) {
            if (r.isError()) {
                err.println("[" + label(r) + "] balloon " + r.balloon().id() + ": ERROR " + r.error());
            }
            int decile = (int) Math.floor(p.fraction() * 10);
            long now = System.nanoTime();
            if (decile != lastDecile || now - lastLineNanos > 10_000_000_000L || p.done() == p.total()) {
                lastDecile = decile;
                lastLineNanos = now;
                long seconds = p.elapsed().toSeconds();
                String eta = p.done() == 0 || p.done() >= p.total() ? "" : ", ETA " + java.time.Duration.ofSeconds(
                        (long) (seconds * (p.total() - p.done()) / (double) p.done())).toString().substring(2).toLowerCase(
                        java.util.Locale.ROOT);
                err.println("balloons " + p.done() + "/" + p.total() + " (" + Math.round(p.fraction() * 100) + "%)"
                        + eta + ", " + tokens(p));
            }
            err.flush();
        }

        private static String label(BalloonResult r) {
            return r.participant() + (r.persona().isEmpty() ? "" : " / " + r.persona());
        }

        @Override
        public void participantFailed(String participant, String persona, ParticipantException cause) {
            err.println("[" + participant + "] FAILED: " + cause.getMessage() + " (its remaining balloons are skipped)");
            err.flush();
        }
    }

    private static final class Bar extends ProgressReporter {
        private final ProgressBar bar;
        private final PrintWriter err;
        private boolean started;

        Bar(PrintWriter err) {
            this.err = err;
            this.bar = new ProgressBarBuilder().setTaskName("balloons").setInitialMax(1)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .setUpdateIntervalMillis(250).build();
        }

        @Override
        public synchronized void balloonFinished(BalloonResult r, Progress p) {
            if (!started) {
                bar.maxHint(p.total());
                bar.stepTo(p.done() - 1L);
                started = true;
            }
            bar.stepTo(p.done());
            bar.setExtraMessage(tokens(p));
        }

        @Override
        public void participantFailed(String participant, String persona, ParticipantException cause) {
            err.println();
            err.println("[" + participant + "] FAILED: " + cause.getMessage() + " (its remaining balloons are skipped)");
            err.flush();
        }

        @Override
        public synchronized void close() {
            bar.close();
        }
    }
}
