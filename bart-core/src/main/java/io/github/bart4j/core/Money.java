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

    /** {@link #dollars} of amounts from $0.00 to $99.99, made when first asked (prompts show the same few). */
    private static final String[] SHOWN = new String[10_000];

    /** {@code $1.05} for 105. */
    private static String cents(long cents) {
        long abs = Math.abs(cents);
        long frac = abs % 100;
        StringBuilder out = new StringBuilder(12).append(cents < 0 ? "$-" : "$").append(abs / 100);
        return out.append('.').append((char) ('0' + frac / 10)).append((char) ('0' + frac % 10)).toString();
    }

    /** {@code $0.10}: a dollar sign and two decimals, as the seed's prompts show money. */
    public static String dollars(double x) {
        double scaled = x * 100.0;
        long cents = Math.round(scaled);
        if (Math.abs(scaled) < 1e9 && Math.abs(Math.abs(scaled - cents) - 0.5) > 1e-6) {
            // not near a half cent: plain rounding agrees with half-even on the exact value
            if (cents >= 0 && cents < SHOWN.length) {
                String shown = SHOWN[(int) cents];
                if (shown == null) { // a race only makes equal strings twice
                    shown = cents(cents);
                    SHOWN[(int) cents] = shown;
                }
                return shown;
            }
            return cents(cents);
        }
        return "$" + new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
