package io.github.bart4j.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The seed's (Python's) number rules, in one place: {@code round(x, 2)} and {@code str(float)}.
 * Files written with them compare byte for byte with the seed's. {@link Money} rounds money with
 * {@link #round2}; the result files and the summary statistics write numbers with {@link #str}.
 */
final class PythonNumbers {

    private PythonNumbers() {
    }

    /**
     * Python's {@code round(x, 2)}: round half to even on the exact binary value of {@code x}.
     */
    static double round2(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        double scaled = x * 100.0;
        if (Math.abs(scaled) < 1e9) {
            long cents = Math.round(scaled);
            if (Math.abs(Math.abs(scaled - cents) - 0.5) > 1e-6) {
                // not near a half cent: plain rounding agrees with half-even on the exact value, and
                // cents / 100.0 is the double nearest to the decimal, as BigDecimal.doubleValue() gives
                return cents / 100.0;
            }
        }
        return new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    }

    /**
     * Python's {@code str(float)} for values of ordinary size: the shortest decimal that reads
     * back as {@code x}, with at least one digit after the point ({@code 5.8}, {@code 0.0},
     * {@code 62.3}, {@code 10.0}).
     */
    static String str(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        String shortest = Double.toString(x);
        if (shortest.indexOf('E') < 0 && x != 0.0) {
            return shortest; // digits, a point and digits without trailing zeros, but for one "0" after the point
        }
        BigDecimal d = new BigDecimal(shortest).stripTrailingZeros();
        if (d.scale() < 1) {
            d = d.setScale(1, RoundingMode.UNNECESSARY);
        }
        return d.toPlainString();
    }
}
