package io.github.bart4j.core;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Experiment#run()} returns.
 *
 * @param results every finished balloon (resumed ones included) in a stable order: participants in
 *     the order they were added, then persona, epoch and balloon id — independent of which balloon
 *     finished first. Empty when the experiment was built with {@code retainResults(false)}.
 * @param stopped whether {@link Experiment#stop()} ended the run before every balloon was played
 * @param failures participants that failed fatally, by name, with the cause; in the order given (an
 *     {@link Experiment} lists them in the order the participants were added)
 * @param notRun balloons neither recorded nor played (after a stop or a participant failure)
 * @param elapsed duration of the run, measured on the experiment's {@link Ticker} (wall-clock by default)
 * @param budgetStop why the {@link Budget} stopped the run (one line), or {@code null} when it did not
 */
public record ExperimentResult(List<BalloonResult> results, boolean stopped, Map<String, String> failures,
                               int notRun, Duration elapsed, String budgetStop) {

    /** A result the budget did not stop. */
    public ExperimentResult(List<BalloonResult> results, boolean stopped, Map<String, String> failures, int notRun,
                            Duration elapsed) {
        this(results, stopped, failures, notRun, elapsed, null);
    }

    public ExperimentResult {
        results = List.copyOf(results);
        failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures)); // in the order given
    }

    /**
     * Whether the experiment's {@link Budget} stopped it: no further balloon started, those in flight
     * were recorded ({@link #stopped()} is then {@code true} unless nothing was left to play).
     */
    public boolean budgetReached() {
        return budgetStop != null;
    }

    /** Whether every balloon of the experiment is recorded. */
    public boolean complete() {
        return notRun == 0;
    }
}
