package io.github.bart4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Accumulates summary statistics as results arrive, per (participant, persona), per balloon
 * type, and over everything. Memory grows with the number of groups, not of balloons, and
 * recording a balloon of a known group allocates nothing. Thread-safe; as a {@link ResultSink}
 * it can sit beside the file sinks of a run.
 *
 * <pre>{@code
 * SummaryRecorder recorder = Statistics.recorder(Statistics.Scoring.BART4J);
 * try (ResultSink sink = ResultSinks.composite(ResultSinks.csv(csv), recorder)) {
 *     // ... run ...
 * }
 * System.out.print(Statistics.toTable(recorder.summaries()));
 * }</pre>
 */
public final class SummaryRecorder implements ResultSink {

    private final boolean seedScoring;
    private final Map<String, Map<String, Group>> groups = new TreeMap<>();
    private final Accumulator all = new Accumulator();
    private boolean typed;

    SummaryRecorder(Statistics.Scoring scoring) {
        this.seedScoring = Objects.requireNonNull(scoring, "scoring") == Statistics.Scoring.SEED;
    }

    private static final class Group {
        final Accumulator all = new Accumulator();
        final Map<String, Accumulator> byType = new TreeMap<>();
    }

    /** Records one result. */
    @Override
    public synchronized void accept(BalloonResult r) {
        Map<String, Group> byPersona = groups.get(r.participant());
        if (byPersona == null) {
            byPersona = new TreeMap<>();
            groups.put(r.participant(), byPersona);
        }
        Group group = byPersona.get(r.persona());
        if (group == null) {
            group = new Group();
            byPersona.put(r.persona(), group);
        }
        String type = r.balloon().type();
        Accumulator ofType = null;
        if (!type.isEmpty()) {
            typed = true;
            ofType = group.byType.get(type);
            if (ofType == null) {
                ofType = new Accumulator();
                group.byType.put(type, ofType);
            }
        }
        if (r.isError() && !seedScoring) {
            group.all.recordError();
            all.recordError();
            if (ofType != null) {
                ofType.recordError();
            }
            return;
        }
        int pumps = r.isError() ? 0 : r.pumps();
        boolean burst = !r.isError() && r.burst();
        double earnings = r.isError() ? 0.0 : r.earnings();
        group.all.record(pumps, burst, earnings);
        all.record(pumps, burst, earnings);
        if (ofType != null) {
            ofType.record(pumps, burst, earnings);
        }
    }

    /**
     * The summary rows so far: for each (participant, persona), sorted by participant then
     * persona (String order), the row over all its balloons, then, when any balloon has a type,
     * one row per type sorted by type; last the {@link Summary#ALL ALL} row over everything.
     */
    public synchronized List<Summary> summaries() {
        List<Summary> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, Group>> p : groups.entrySet()) {
            for (Map.Entry<String, Group> g : p.getValue().entrySet()) {
                rows.add(g.getValue().all.toSummary(p.getKey(), g.getKey(), ""));
                if (typed) {
                    for (Map.Entry<String, Accumulator> t : g.getValue().byType.entrySet()) {
                        rows.add(t.getValue().toSummary(p.getKey(), g.getKey(), t.getKey()));
                    }
                }
            }
        }
        rows.add(all.toSummary(Summary.ALL, "", ""));
        return rows;
    }

    /**
     * Counts, sums and second moments of one group, fed one balloon at a time without
     * allocating. Sums are plain double additions in the order the balloons were recorded
     * (Python's {@code sum}), so one recorder fed the seed's rows in file order reproduces the
     * seed's numbers after rounding. Not thread-safe; the recorder guards it.
     */
    private static final class Accumulator {
        private long balloons;
        private long errored;
        private long bursts;
        private long unburst;
        private double sumPumps;
        private double sumEarnings;
        private double sumUnburstPumps;
        private double m2Pumps;
        private double m2Earnings;
        private double m2UnburstPumps;

        void recordError() {
            errored++;
        }

        void record(int pumps, boolean burst, double earnings) {
            double p = pumps;
            m2Pumps += welford(balloons, sumPumps, p);
            m2Earnings += welford(balloons, sumEarnings, earnings);
            balloons++;
            sumPumps += p;
            sumEarnings += earnings;
            if (burst) {
                bursts++;
            } else {
                m2UnburstPumps += welford(unburst, sumUnburstPumps, p);
                unburst++;
                sumUnburstPumps += p;
            }
        }

        /** Welford's increment of the sum of squared deviations when {@code x} joins {@code n} values summing to {@code sum}. */
        private static double welford(long n, double sum, double x) {
            if (n == 0) {
                return 0.0;
            }
            double before = sum / n;
            double after = (sum + x) / (n + 1);
            return (x - before) * (x - after);
        }

        Summary toSummary(String participant, String persona, String balloonType) {
            return new Summary(participant, persona, balloonType, balloons, errored,
                    balloons == 0 ? Double.NaN : sumPumps / balloons,
                    unburst == 0 ? 0.0 : sumUnburstPumps / unburst, // the seed's rule when every balloon burst
                    balloons == 0 ? Double.NaN : (double) bursts / balloons,
                    balloons == 0 ? Double.NaN : sumEarnings / balloons,
                    sumEarnings, sd(m2Pumps, balloons), sd(m2UnburstPumps, unburst), sd(m2Earnings, balloons));
        }

        private static double sd(double m2, long n) {
            return n < 2 ? Double.NaN : Math.sqrt(Math.max(0.0, m2) / (n - 1));
        }
    }
}
