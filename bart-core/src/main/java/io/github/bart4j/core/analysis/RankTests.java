package io.github.bart4j.core.analysis;

import org.hipparchus.distribution.continuous.NormalDistribution;

import java.util.Arrays;

/**
 * Rank tests in {@code O(n log n)}: the Wilcoxon signed-rank test of paired differences and the
 * Mann–Whitney U test of two samples, both two-sided with the normal approximation and the
 * variance corrected for ties (no continuity correction).
 */
final class RankTests {

    private static final NormalDistribution NORMAL = new NormalDistribution();

    private RankTests() {
    }

    /**
     * Wilcoxon signed-rank test of paired differences {@code d}; zero differences are dropped
     * (Wilcoxon's rule), tied absolute differences get mid-ranks.
     *
     * @return {@code {W+, nonzero pairs, p, rank-biserial r}}; {@code r = (W+ - W-) / (W+ + W-)},
     *     from -1 (every difference negative) to 1; {@code p} and {@code r} are {@code NaN} when
     *     no difference is non-zero (r 0 and p 1 when every pair is tied: nothing differs)
     */
    static double[] wilcoxon(double[] d) {
        double[] abs = new double[d.length];
        int n = 0;
        for (double v : d) {
            if (v != 0) {
                abs[n++] = Math.abs(v);
            }
        }
        if (n == 0) {
            return new double[] {0, 0, d.length == 0 ? Double.NaN : 1.0, d.length == 0 ? Double.NaN : 0.0};
        }
        double[] sorted = Arrays.copyOf(abs, n);
        Arrays.sort(sorted);
        double[] positive = new double[n];
        int np = 0;
        for (double v : d) {
            if (v > 0) {
                positive[np++] = v;
            }
        }
        Arrays.sort(positive, 0, np);
        // each tie block of |d|: its mid-rank counts once per positive difference in it (a merge of the
        // two sorted arrays); tie correction sum(t^3 - t). Sums of half-integers: exact in any order.
        double ties = 0;
        double wPlus = 0;
        double total = n * (n + 1) / 2.0;
        int k = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && sorted[j] == sorted[i]) {
                j++;
            }
            double t = j - i;
            ties += t * t * t - t;
            int positives = 0;
            while (k < np && positive[k] == sorted[i]) {
                positives++;
                k++;
            }
            wPlus += positives * ((i + 1 + j) / 2.0);
            i = j;
        }
        double mean = total / 2;
        double var = n * (n + 1.0) * (2 * n + 1) / 24.0 - ties / 48.0;
        double p = var <= 0 ? 1.0 : 2 * NORMAL.cumulativeProbability(-Math.abs(wPlus - mean) / Math.sqrt(var));
        double r = (wPlus - (total - wPlus)) / total;
        return new double[] {wPlus, n, Math.min(1.0, p), r};
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Mann–Whitney U test of {@code x} against {@code y}.
     *
     * @return {@code {U of x, p, Cliff's delta}} with {@code U} the pairs where x is larger plus
     *     half the ties and {@code δ = P(x > y) - P(x < y)}; {@code NaN}s when a sample is empty
     */
    static double[] mannWhitney(double[] x, double[] y) {
        int n1 = x.length;
        int n2 = y.length;
        if (n1 == 0 || n2 == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double[] ys = y.clone();
        Arrays.sort(ys);
        double u = 0;
        for (double v : x) {
            int below = lowerBound(ys, v);
            int notAbove = lowerBound(ys, Math.nextUp(v));
            u += below + (notAbove - below) / 2.0;
        }
        double[] all = new double[n1 + n2];
        System.arraycopy(x, 0, all, 0, n1);
        System.arraycopy(y, 0, all, n1, n2);
        Arrays.sort(all);
        double ties = 0;
        for (int i = 0; i < all.length; ) {
            int j = i;
            while (j < all.length && all[j] == all[i]) {
                j++;
            }
            double t = j - i;
            ties += t * t * t - t;
            i = j;
        }
        double n = n1 + n2;
        double pairs = (double) n1 * n2;
        double var = pairs / 12.0 * ((n + 1) - ties / (n * (n - 1)));
        double p = var <= 0 ? 1.0 : 2 * NORMAL.cumulativeProbability(-Math.abs(u - pairs / 2) / Math.sqrt(var));
        return new double[] {u, Math.min(1.0, p), (2 * u - pairs) / pairs};
    }
}
