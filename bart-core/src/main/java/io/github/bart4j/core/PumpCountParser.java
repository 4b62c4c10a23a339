package io.github.bart4j.core;

/**
 * Reads a participant's answer in the automatic task ("how many times do you want to pump?") as a
 * number of pumps.
 *
 * <p>Implementations are stateless and thread-safe. They never guess: an answer with no number,
 * with two different numbers, or with a negative number is {@linkplain ParsedCount#invalid(String)
 * invalid} with a reason.
 *
 * <pre>{@code
 * PumpCountParser parser = PumpCountParser.standard();
 * parser.parse("I will pump 12 times.");   // 12
 * parser.parse("{\"pumps\": 9}");          // 9
 * parser.parse("5 or 6");                  // invalid: two different numbers
 * }</pre>
 */
@FunctionalInterface
public interface PumpCountParser {

    /**
     * Parses one answer.
     *
     * @param answer the raw text (may be {@code null} or empty, which is invalid)
     * @return the number of pumps, or invalid with the reason; never {@code null}
     */
    ParsedCount parse(String answer);

    /**
     * The default parser: digits ({@code 12}, {@code **7**}), the words zero to twenty, and JSON
     * such as {@code {"pumps": 9}}. Money ({@code $0.40}), percentages, decimals, labels such as
     * {@code #3} and digits inside words are not pump counts; one number may be repeated, two
     * different ones make the answer invalid. See the implementation's documentation for every rule.
     */
    static PumpCountParser standard() {
        return StandardPumpCountParser.INSTANCE;
    }

    /**
     * What a {@link PumpCountParser} read from one answer: a number of pumps (at least 0), or invalid
     * with the reason.
     *
     * @param pumps the number of pumps, or {@code null} when the answer is invalid
     * @param invalidReason why the answer is invalid, or {@code null} when it is valid
     */
    record ParsedCount(Integer pumps, String invalidReason) {

        public ParsedCount {
            if ((pumps == null) == (invalidReason == null)) {
                throw new IllegalArgumentException("exactly one of pumps and invalidReason must be set, but pumps is "
                        + pumps + " and invalidReason is " + invalidReason);
            }
            if (pumps != null && pumps < 0) {
                throw new IllegalArgumentException("pumps must be >= 0, but is: " + pumps);
            }
        }

        /** A valid count. */
        public static ParsedCount of(int pumps) {
            return new ParsedCount(pumps, null);
        }

        /** An invalid answer, with a short human-readable reason (e.g. "no number of pumps"). */
        public static ParsedCount invalid(String reason) {
            return new ParsedCount(null, java.util.Objects.requireNonNull(reason, "reason"));
        }

        /** Whether a count was read. */
        public boolean isValid() {
            return pumps != null;
        }
    }
}
