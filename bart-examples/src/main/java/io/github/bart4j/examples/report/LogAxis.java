package io.github.bart4j.examples.report;

import org.knowm.xchart.XYChart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;

/**
 * A logarithmic axis drawn as {@code log10} of the values on XChart's linear axis, with tick labels
 * that name the value at each tick ({@code 1, 1.6, 2.5, 4, 6.3, 10} or {@code 1, 2, 5, 10, 20, 50}...).
 *
 * <p>Why not XChart's own log axis: XChart 3.8.8 labels only powers of ten there (a range of 3..72
 * showed one tick, "10"), and a custom tick formatter on a log axis is silently dropped back to the
 * linear tick calculator (XChart issue 834), whose "every label unique and fitting" loop widens
 * the grid step again and again when labels repeat or grow. Here the ticks are XChart's ordinary
 * linear ticks in log space, so every tick label is the (rounded) value at that position and the
 * labels are distinct when the axis spans a tenfold range or more; narrower ranges get 3 significant
 * digits.
 */
final class LogAxis {

    private LogAxis() {
    }

    /**
     * Whether values are worth a log axis: all finite ones positive and the largest at least ten
     * times the smallest (over a narrower range a log axis looks like a linear one with odd ticks).
     */
    static boolean worth(double[]... values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] vs : values) {
            for (double v : vs) {
                if (Double.isNaN(v)) {
                    continue;
                }
                if (!(v > 0) || Double.isInfinite(v)) {
                    return false;
                }
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return min <= max && max >= 10 * min;
    }

    /** {@code log10} of each value; {@code NaN} where the value is not positive. */
    static double[] log10(double[] values) {
        return Arrays.stream(values).map(v -> v > 0 ? Math.log10(v) : Double.NaN).toArray();
    }

    /** Labels the x axis of {@code chart}, whose x values are {@code log10} of the data, with the data's values. */
    static void onX(XYChart chart, double[]... rawValues) {
        int digits = worth(rawValues) ? 2 : 3;
        chart.setCustomXAxisTickLabelsFormatter(v -> label(v, digits));
    }

    /** The value {@code 10^log10Value} to {@code digits} significant digits: "0.25", "6.3", "40", "1.6e-5". */
    static String label(double log10Value, int digits) {
        double value = Math.pow(10, log10Value);
        if (!Double.isFinite(value) || value == 0) {
            return Double.toString(value);
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits));
        double r = rounded.doubleValue();
        if (r >= 1e-3 && r < 1e5) {
            return rounded.stripTrailingZeros().toPlainString();
        }
        BigDecimal unscaled = rounded.stripTrailingZeros();
        int exponent = unscaled.precision() - unscaled.scale() - 1;
        String mantissa = unscaled.movePointLeft(exponent).stripTrailingZeros().toPlainString();
        return mantissa + "e" + exponent;
    }
}
