package io.github.bart4j.examples.cli;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.ExperimentListener;
import io.github.bart4j.core.ParticipantException;
import io.github.bart4j.core.Progress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a run's progress on standard error, only where it helps:
 * <ul>
 *   <li>on a terminal ({@link System#console()} present, {@code TERM} not {@code dumb}): a
 *       progress bar (balloons done/total, ETA, tokens, cost, errors);</li>
 *   <li>otherwise (a pipe, a log file): a progress line at most every {@link #LINE_INTERVAL},
 *       the first one only once a run has lasted that long (a run of a few seconds prints none),
 *       and a last line when the run ends ({@link #close()}) if any was printed or a budget's spend
 *       is shown; an ETA only once there is something left to wait for;</li>
 *   <li>always: one line per errored balloon and per participant that failed for good.</li>
 * </ul>
 * {@link #nextSteps} is what a run prints last: the commands to try next.
 */
abstract class ProgressReporter implements ExperimentListener, AutoCloseable {

    /** Least time between two progress lines when not on a terminal. */
    static final Duration LINE_INTERVAL = Duration.ofSeconds(5);

    static ProgressReporter create(boolean enabled, PrintWriter err, RunConfig cfg) {
        if (!enabled) {
            return new Silent();
        }
        if (System.console() != null && !"dumb".equals(System.getenv("TERM"))) {
            return new Bar(err);
        }
        return lines(err, System::nanoTime);
    }

    /** The plain-lines display, reading time from {@code nanoClock} (tests pass a fake clock). */
    static ProgressReporter lines(PrintWriter err, LongSupplier nanoClock) {
        return new Lines(err, nanoClock);
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

    /** The spend against the budget, {@code ""} without one. */
    String spend() {
        return budget == null ? "" : budget.progressText();
    }

    String tokens(Progress p) {
        long total = p.inputTokens() + p.outputTokens();
        String t = total >= 10_000 ? (total / 1000) + "k" : Long.toString(total);
        String spend = spend();
        return "tokens " + t + (p.cost() > 0 ? ", cost $" + String.format(java.util.Locale.ROOT, "%.4f", p.cost()) : "")
                + (spend.isEmpty() ? "" : ", " + spend) + ", errors " + p.errors();
    }

    /**
     * What to try once a run has written {@code dir}: analyze it, plot it, and (after the demo)
     * where a real model goes. Several lines, each ending with a line break.
     */
    static String nextSteps(Path dir, boolean demo) {
        String d = shellWord(dir.toString());
        StringBuilder sb = new StringBuilder();
        sb.append("files: ").append(dir).append(System.lineSeparator());
        sb.append("next:  ./bart analyze --file ").append(d).append("      # statistics, comparisons, fits")
                .append(System.lineSeparator());
        sb.append("       ./bart plot --file ").append(d).append("         # plots and report.html in ")
                .append(dir.resolve("report")).append(System.lineSeparator());
        if (demo) {
            sb.append("       a real model: write a config (see docs/configuration.md), then"
                    + " ./bart run --config my-run.yaml").append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** {@code s} as one shell word: as it is when it needs no quoting, else in single quotes. */
    static String shellWord(String s) {
        return s.matches("[A-Za-z0-9_./:@%+=,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    private static final class Silent extends ProgressReporter {
    }

    /** Plain lines for logs and pipes. */
    private static final class Lines extends ProgressReporter {
        private final PrintWriter err;
        private final LongSupplier clock;
        private final long startNanos;
        private long lastLineNanos;
        private int doneAtStart = -1;
        private boolean printed;
        private Progress last;
        private boolean lastShown;

        Lines(PrintWriter err, LongSupplier clock) {
            this.err = err;
            this.clock = clock;
            this.startNanos = clock.getAsLong();
            this.lastLineNanos = startNanos;
        }

        @Override
        public synchronized void balloonFinished(BalloonResult r, Progress p) {
            if (doneAtStart < 0) {
                doneAtStart = p.done() - 1; // balloons recorded before a resume do not count for the ETA
            }
            if (r.isError()) {
                err.println("[" + label(r) + "] balloon " + r.balloon().id() + ": ERROR " + r.error());
            }
            long now = clock.getAsLong();
            last = p;
            lastShown = false;
            if (now - lastLineNanos >= LINE_INTERVAL.toNanos() && p.done() < p.total()) {
                lastLineNanos = now;
                printed = true;
                lastShown = true;
                err.println(line(p, eta(p, Duration.ofNanos(now - startNanos))));
            }
            err.flush();
        }

        /** The last line, when the run ends: if progress lines were printed, or a budget's spend is shown. */
        @Override
        public synchronized void close() {
            if (last != null && !lastShown && (printed || !spend().isEmpty())) {
                err.println(line(last, " in " + human(Duration.ofNanos(clock.getAsLong() - startNanos))));
                err.flush();
            }
        }

        private String line(Progress p, String timing) {
            return "balloons " + p.done() + "/" + p.total() + " (" + Math.round(p.fraction() * 100) + "%)" + timing
                    + ", " + tokens(p);
        }

        private String eta(Progress p, Duration elapsed) {
            int doneHere = p.done() - doneAtStart;
            if (doneHere <= 0) {
                return "";
            }
            long etaSeconds = Math.round(elapsed.toMillis() / 1000.0 * (p.total() - p.done()) / doneHere);
            return etaSeconds < 1 ? "" : ", ETA " + human(Duration.ofSeconds(etaSeconds));
        }

        private static String human(Duration d) {
            long s = Math.max(0, Math.round(d.toMillis() / 1000.0));
            return s >= 3600 ? s / 3600 + "h" + String.format("%02dm", s % 3600 / 60)
                    : s >= 60 ? s / 60 + "m" + String.format("%02ds", s % 60) : s + "s";
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
