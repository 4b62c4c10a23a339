package io.github.bart4j.examples.cli;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Statistics;
import io.github.bart4j.core.Summary;
import io.github.bart4j.core.SummaryOptions;
import io.github.bart4j.core.SummaryRecorder;
import io.github.bart4j.core.TokenUsage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything the run's summary, manifest and outcome count over its recorded balloons, gathered
 * in one pass (fed in the files' stable order, so floating-point sums are those of a pass over
 * the files): the summary rows, the manifest's totals and per-participant counts, and the
 * errored balloons per participant. Memory grows with the number of participants, not balloons.
 */
final class RunTally implements Consumer<BalloonResult> {

    private final SummaryRecorder summary = Statistics.recorder(SummaryOptions.defaults());
    private final Map<String, long[]> perParticipant = new HashMap<>();
    private final Map<String, Long> errored = new LinkedHashMap<>();
    private long recorded;
    private long erroredTotal;
    private long inputTokens;
    private long outputTokens;
    private double cost;

    /** The tally of {@code results}, in their order. */
    static RunTally of(Iterable<BalloonResult> results) {
        RunTally tally = new RunTally();
        if (results != null) {
            results.forEach(tally);
        }
        return tally;
    }

    @Override
    public void accept(BalloonResult r) {
        summary.accept(r);
        recorded++;
        TokenUsage u = r.usage();
        inputTokens += u.inputTokens() == null ? 0 : u.inputTokens();
        outputTokens += u.outputTokens() == null ? 0 : u.outputTokens();
        cost += u.cost() == null ? 0 : u.cost();
        long[] counts = perParticipant.computeIfAbsent(r.participant(), k -> new long[2]);
        counts[0]++;
        if (r.isError()) {
            counts[1]++;
            erroredTotal++;
            errored.merge(r.participant(), 1L, Long::sum);
        }
    }

    /** The summary rows ({@link Statistics#summarize} of the results). */
    List<Summary> summaries() {
        return summary.summaries();
    }

    /** Records seen (a balloon recorded twice counts twice if fed twice). */
    long recorded() {
        return recorded;
    }

    long erroredTotal() {
        return erroredTotal;
    }

    long inputTokens() {
        return inputTokens;
    }

    long outputTokens() {
        return outputTokens;
    }

    /** Recorded cost in US dollars, summed in the order the results came. */
    double cost() {
        return cost;
    }

    /** Errored balloons per participant, in the order of each participant's first errored balloon. */
    Map<String, Long> erroredByParticipant() {
        return errored;
    }

    /** Balloons recorded by {@code participant} (errored ones included). */
    long played(String participant) {
        long[] c = perParticipant.get(participant);
        return c == null ? 0 : c[0];
    }

    /** Errored balloons of {@code participant}. */
    long errored(String participant) {
        long[] c = perParticipant.get(participant);
        return c == null ? 0 : c[1];
    }
}
