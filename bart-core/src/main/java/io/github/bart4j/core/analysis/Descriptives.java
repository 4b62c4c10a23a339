package io.github.bart4j.core.analysis;

import io.github.bart4j.core.BalloonResult;
import org.hipparchus.stat.descriptive.rank.Percentile;
import org.hipparchus.stat.regression.SimpleRegression;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The descriptive and inferential statistics behind {@link Analysis}. */
final class Descriptives {

    private static final Set<Integer> COGBENCH_CAPACITIES = Set.of(128, 32, 8);

    private Descriptives() {
    }

    // ---- summaries with bootstrap intervals

    /** One group to summarise: a subject's balloons, all or of one type. */
    private record Group(Sequences.Subject subject, String type, List<BalloonResult> balloons) {
    }

    /**
     * The summaries in the subjects' order (then their types'). Groups are bootstrapped in parallel:
     * each has its own seed ({@link #key}), so the result does not depend on the threads.
     */
    static List<GroupSummary> summaries(Map<Sequences.Subject, List<BalloonResult>> subjects, AnalysisOptions o) {
        List<Group> out = new ArrayList<>();
        for (Map.Entry<Sequences.Subject, List<BalloonResult>> e : subjects.entrySet()) {
            Sequences.Subject s = e.getKey();
            List<BalloonResult> balloons = e.getValue();
            out.add(new Group(s, "", balloons));
            Map<String, Integer> capacity = new java.util.TreeMap<>();
            balloons.forEach(r -> capacity.merge(r.balloon().type(), r.balloon().capacity(), Math::max));
            List<String> types = new ArrayList<>(capacity.keySet());
            types.sort(java.util.Comparator.comparing((String t) -> -capacity.get(t)).thenComparing(t -> t));
            if (types.size() > 1 || !types.contains("")) {
                for (String type : types) {
                    out.add(new Group(s, type, balloons.stream().filter(r -> r.balloon().type().equals(type)).toList()));
                }
            }
        }
        return out.parallelStream().map(g -> summary(g.subject(), g.type(), g.balloons(), o)).toList();
    }

    static GroupSummary summary(Sequences.Subject s, String type, List<BalloonResult> balloons, AnalysisOptions o) {
        int n = balloons.size();
        int[] pumps = new int[n];
        boolean[] burst = new boolean[n];
        for (int i = 0; i < n; i++) {
            pumps[i] = balloons.get(i).pumps();
            burst[i] = balloons.get(i).burst();
        }
        double[] point = stats(pumps, burst, null);
        int b = o.bootstrapSamples();
        double[][] reps = new double[3][b];
        int[] counts = new int[3];
        // each balloon as one int, pumps << 1 | (1 when it did not burst): one load and no branch per draw
        // (the draws and their order are unchanged, so are the intervals)
        int[] code = new int[n];
        for (int i = 0; i < n; i++) {
            code[i] = pumps[i] << 1 | (burst[i] ? 0 : 1);
        }
        SplitMix rng = new SplitMix(o.seed() ^ key(s, type));
        double[] st = new double[3];
        for (int r = 0; r < b; r++) {
            resample(code, rng, st);
            for (int k = 0; k < 3; k++) {
                if (!Double.isNaN(st[k])) {
                    reps[k][counts[k]++] = st[k];
                }
            }
        }
        Estimate[] est = new Estimate[3];
        for (int k = 0; k < 3; k++) {
            est[k] = interval(point[k], Arrays.copyOf(reps[k], counts[k]), o.confidenceLevel());
        }
        return new GroupSummary(s.participant(), s.persona(), type, n, 0, est[0], est[1], est[2]);
    }

    /**
     * avg pumps, adjusted pumps, burst rate of {@code code.length} balloons drawn with replacement
     * by {@code rng.nextInt(code.length)}, as {@link #stats(int[], boolean[], int[], double[])} computes them.
     */
    private static void resample(int[] code, SplitMix rng, double[] out) {
        int n = code.length;
        long all = 0;
        long unburstPumps = 0;
        int unburst = 0;
        if (n == 0) { // no balloons: nothing to draw, every statistic undefined
            java.util.Arrays.fill(out, Double.NaN);
            return;
        }
        SplitMix.Bound bound = new SplitMix.Bound(n);
        for (int j = 0; j < n; j++) {
            int c = code[rng.nextInt(bound)];
            int p = c >>> 1;
            int u = c & 1;
            all += p;
            unburst += u;
            unburstPumps += p & -u;
        }
        out[0] = n == 0 ? Double.NaN : (double) all / n;
        out[1] = unburst == 0 ? Double.NaN : (double) unburstPumps / unburst;
        out[2] = n == 0 ? Double.NaN : (double) (n - unburst) / n;
    }

    /** avg pumps, adjusted pumps, burst rate of the balloons {@code idx} (all when null). */
    private static double[] stats(int[] pumps, boolean[] burst, int[] idx) {
        double[] out = new double[3];
        stats(pumps, burst, idx, out);
        return out;
    }

    private static void stats(int[] pumps, boolean[] burst, int[] idx, double[] out) {
        int n = idx == null ? pumps.length : idx.length;
        long all = 0;
        long unburstPumps = 0;
        int unburst = 0;
        for (int j = 0; j < n; j++) {
            int i = idx == null ? j : idx[j];
            all += pumps[i];
            if (!burst[i]) {
                unburst++;
                unburstPumps += pumps[i];
            }
        }
        out[0] = n == 0 ? Double.NaN : (double) all / n;
        out[1] = unburst == 0 ? Double.NaN : (double) unburstPumps / unburst;
        out[2] = n == 0 ? Double.NaN : (double) (n - unburst) / n;
    }

    static Estimate interval(double point, double[] replicates, double level) {
        if (Double.isNaN(point)) {
            return Estimate.UNDEFINED;
        }
        if (replicates.length == 0) {
            return new Estimate(point, Double.NaN, Double.NaN);
        }
        Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        p.setData(replicates);
        double tail = (1 - level) / 2 * 100;
        return new Estimate(point, p.evaluate(Math.max(tail, 1e-9)), p.evaluate(100 - tail));
    }

    /** A seed offset that depends only on the group's names (stable across runs and orderings). */
    static long key(Sequences.Subject s, String type) {
        long h = 1125899906842597L;
        for (byte c : (s.participant() + '\u0000' + s.persona() + '\u0000' + type).getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + c;
        }
        return h;
    }

    /**
     * Holm's step-down adjustment; {@code NaN} p-values are not tests and stay {@code NaN}. A
     * p-value of exactly 1 (identical samples) stays 1.
     */
    static double[] holm(double[] p) {
        Integer[] order = new Integer[p.length];
        int m = 0;
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
            if (!Double.isNaN(p[i])) {
                m++;
            }
        }
        Arrays.sort(order, (i, j) -> Double.compare(nanLast(p[i]), nanLast(p[j])));
        double[] out = new double[p.length];
        Arrays.fill(out, Double.NaN);
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1.0, (m - rank) * p[i]));
            out[i] = running;
        }
        return out;
    }

    private static double nanLast(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    // ---- learning slopes

    static LearningSlope slope(Sequences.Subject s, List<BalloonResult> balloons, double level) {
        SimpleRegression r = new SimpleRegression();
        for (int i = 0; i < balloons.size(); i++) {
            r.addData(i + 1, balloons.get(i).pumps());
        }
        int n = balloons.size();
        double lo = Double.NaN;
        double hi = Double.NaN;
        if (n >= 3) {
            double se = r.getSlopeStdErr();
            if (se == 0) {
                lo = hi = r.getSlope();
            } else if (!Double.isNaN(se)) {
                double half = r.getSlopeConfidenceInterval(1 - level);
                lo = r.getSlope() - half;
                hi = r.getSlope() + half;
            }
        }
        double p = n >= 3 && r.getSlopeStdErr() > 0 ? r.getSignificance() : Double.NaN;
        return new LearningSlope(s.participant(), s.persona(), n, r.getSlope(), r.getSlopeStdErr(), lo, hi, p);
    }

    // ---- CogBench

    static CogBenchScore cogBench(Sequences.Subject s, List<BalloonResult> balloons) {
        double mean = balloons.stream().mapToInt(BalloonResult::pumps).average().orElse(Double.NaN);
        Set<Integer> capacities = new java.util.HashSet<>();
        boolean fromOne = true;
        for (BalloonResult r : balloons) {
            capacities.add(r.balloon().capacity());
            fromOne &= r.balloon().minThreshold() == 1;
        }
        boolean typed = balloons.stream().noneMatch(r -> r.balloon().type().isEmpty());
        boolean applicable = typed && fromOne && capacities.equals(COGBENCH_CAPACITIES);
        return applicable
                ? new CogBenchScore(s.participant(), s.persona(), mean, CogBenchScore.normalise(mean), true,
                        CogBenchScore.REFERENCES)
                : new CogBenchScore(s.participant(), s.persona(), mean, Double.NaN, false, CogBenchScore.NOT_APPLICABLE);
    }
}
