package io.github.bart4j.examples.cli;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.ExperimentResult;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a finished {@code run} says about itself: its status in the manifest, its exit code and its
 * last lines. One place for the rule "exit 0 only when every planned balloon was played without
 * error":
 * <ul>
 *   <li>{@value #COMPLETE}: every planned balloon recorded, none errored: exit 0;</li>
 *   <li>{@value #COMPLETE_WITH_ERRORS}: every planned balloon recorded, some with status error:
 *       exit 1, last line {@code N balloons errored (model: count, ...); rerun with --retry-errors};</li>
 *   <li>{@value #STOPPED}: interrupted (SIGINT/SIGTERM) before the plan was played: partial, exit
 *       128 + the signal (130, 143); stopped by the budget ({@code max_cost_usd},
 *       {@code max_tokens_total}): partial, exit 1;</li>
 *   <li>{@value #FAILED}: a model failed for good (bad key, unknown model, no credits, server not
 *       reachable): its remaining balloons are not recorded, partial, exit 1.</li>
 * </ul>
 * A partial run (stopped or failed) prints {@code PARTIAL: k of n balloons} before its summary and
 * the command that resumes it.
 */
final class RunOutcome {

    static final String COMPLETE = "complete";
    static final String COMPLETE_WITH_ERRORS = "complete_with_errors";
    static final String STOPPED = "stopped";
    static final String FAILED = "failed";

    private final ExperimentResult result;
    private final int planned;
    private final Map<String, Long> errored;

    /**
     * @param result what the experiment returned (resumed balloons included)
     * @param planned how many balloons the whole plan holds
     */
    RunOutcome(ExperimentResult result, int planned) {
        this(result, planned, result.results());
    }

    /**
     * @param results every recorded balloon (e.g. read back from the journal, when the experiment
     *     did not retain its results)
     */
    RunOutcome(ExperimentResult result, int planned, Iterable<BalloonResult> results) {
        this(result, planned, RunTally.of(results));
    }

    /** @param tally the tally of every recorded balloon (e.g. gathered while the files were written) */
    RunOutcome(ExperimentResult result, int planned, RunTally tally) {
        this.result = result;
        this.planned = planned;
        this.errored = new LinkedHashMap<>(tally.erroredByParticipant());
    }

    String status() {
        if (!result.failures().isEmpty()) {
            return FAILED;
        }
        if (result.stopped() || !result.complete()) {
            return STOPPED;
        }
        return errored.isEmpty() ? COMPLETE : COMPLETE_WITH_ERRORS;
    }

    boolean partial() {
        return status().equals(FAILED) || status().equals(STOPPED);
    }

    /** {@code PARTIAL: k of n balloons}, naming what ended the run. */
    String partialLine() {
        return "PARTIAL: " + recorded() + " of " + planned + " balloons (" + (status().equals(FAILED)
                ? "a model failed" : result.budgetReached() ? "budget reached" : "stopped") + ")";
    }

    /** Balloons recorded (played, errored ones included), resumed ones included. */
    int recorded() {
        return planned - result.notRun();
    }

    /**
     * Prints the outcome's last lines on {@code err} and returns the exit code.
     *
     * @param signal the signal that stopped the run, 0 if none
     * @param resume the command that resumes this run directory
     * @param largerBudget the options that resume it with a larger budget (after a budget stop)
     */
    int report(PrintWriter err, int signal, String resume, String largerBudget) {
        long errors = errored.values().stream().mapToLong(Long::longValue).sum();
        String erroredLine = errors + (errors == 1 ? " balloon" : " balloons") + " errored (" + errored.entrySet()
                .stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "))
                + "); rerun with --retry-errors: " + resume + " --retry-errors";
        switch (status()) {
            case COMPLETE:
                return 0;
            case COMPLETE_WITH_ERRORS:
                err.println("bart: " + erroredLine);
                return 1;
            case FAILED:
                result.failures().forEach((model, cause) -> err.println("bart: " + model + " failed: " + cause));
                if (errors > 0) {
                    err.println("bart: " + erroredLine);
                }
                err.println("bart: " + partialLine() + "; " + result.notRun() + " balloons not run; fix the cause"
                        + " and resume with: " + resume);
                return 1;
            default:
                if (errors > 0) {
                    err.println("bart: " + erroredLine);
                }
                if (result.budgetReached()) {
                    err.println("bart: stopped: " + result.budgetStop() + "; " + partialLine() + "; resume with a"
                            + " larger budget: " + resume + largerBudget);
                    return 1;
                }
                err.println("bart: " + partialLine() + "; resume with: " + resume);
                return signal > 0 ? 128 + signal : 1;
        }
    }

    /**
     * Per participant: balloons {@code planned} (personas × epochs × schedule), {@code played}
     * (recorded, errored ones included) and {@code errored}.
     */
    static Map<String, Object> perParticipant(List<String> models, int plannedEach, RunTally tally) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String m : models) {
            long played = tally == null ? 0 : tally.played(m);
            long errors = tally == null ? 0 : tally.errored(m);
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("planned", plannedEach);
            counts.put("played", played);
            counts.put("errored", errors);
            out.put(m, counts);
        }
        return out;
    }
}
