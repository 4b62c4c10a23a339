package io.github.bart4j.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money as the seed project (Python) rounded and showed it: amounts rounded to cents, and dollars
 * in prompts.
 */
public final class Money {

    private Money() {
    }

    /**
     * An amount rounded to cents as the seed did, with Python's {@code round(x, 2)}: half to even
     * on the exact binary value of {@code x} ({@code 0.125} → {@code 0.12}, {@code 0.025} →
     * {@code 0.03}).
     */
    public static double round2(double x) {
        return PythonNumbers.round2(x);
    }

    /** {@code $0.10}: a dollar sign and two decimals, as the seed's prompts show money. */
    public static String dollars(double x) {
        double scaled = x * 100.0;
        long cents = Math.round(scaled);
        if (Math.abs(scaled) < 1e9 && Math.abs(Math.abs(scaled - cents) - 0.5) > 1e-6) {
            // not near a half cent: plain rounding agrees with half-even on the exact value
            long abs = Math.abs(cents);
            long frac = abs % 100;
            return (cents < 0 ? "$-" : "$") + (abs / 100) + (frac < 10 ? ".0" : ".") + frac;
        }
        return "$" + new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
