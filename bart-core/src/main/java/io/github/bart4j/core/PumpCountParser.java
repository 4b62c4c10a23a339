package io.github.bart4j.core;

/**
 * Reads a participant's answer in the automatic task ("how many times do you want to pump?") as a
 * number of pumps.
 *
 * <p>Implementations are stateless and thread-safe. They never guess: an answer with no number,
 * with two different numbers, or with a negative number is {@linkplain Answer.Invalid invalid}
 * with a reason. The answer returned is an {@link Answer.PumpCount} or an {@link Answer.Invalid}
 * whose raw text is the answer given, without reasoning, usage unknown.
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
     * @return the number of pumps ({@link Answer.PumpCount}), or {@link Answer.Invalid} with the
     *     reason; never {@code null}, never an {@link Answer.Choice}
     */
    Answer parse(String answer);

    /**
     * The default parser: digits ({@code 12}, {@code **7**}), the words zero to twenty, and JSON
     * such as {@code {"pumps": 9}}. Money ({@code $0.40}), percentages, decimals, labels such as
     * {@code #3} and digits inside words are not pump counts; one number may be repeated, two
     * different ones make the answer invalid. See the implementation's documentation for every rule.
     */
    static PumpCountParser standard() {
        return StandardPumpCountParser.INSTANCE;
    }
}
