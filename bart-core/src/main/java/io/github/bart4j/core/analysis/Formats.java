package io.github.bart4j.core.analysis;

import java.util.Locale;

/**
 * The one place where analysis numbers become text: 2 decimals for pumps and money, 3 for rates,
 * shares and effect sizes, 3 significant digits for p-values and model parameters; {@code n/a}
 * for undefined values.
 */
final class Formats {

    private Formats() {
    }

    /** Pumps, money, log-likelihoods: 2 decimals. */
    static String pumps(double v) {
        return fixed(v, 2);
    }

    /** Rates, shares, effect sizes, correlations: 3 decimals. */
    static String rate(double v) {
        return fixed(v, 3);
    }

    /** p-values and model parameters: 3 significant digits. */
    static String p(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v == 0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.3g", v);
        return s.replace("e-0", "e-").replace("e+0", "e+");
    }

    /** {@code [lo, hi]} with {@code f}, {@code n/a} when an end is undefined. */
    static String interval(double lo, double hi, java.util.function.DoubleFunction<String> f) {
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            return "n/a";
        }
        return "[" + f.apply(lo) + ", " + f.apply(hi) + "]";
    }

    private static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.equals("-0." + "0".repeat(decimals)) ? s.substring(1) : s;
    }
}
