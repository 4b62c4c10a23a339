package io.github.bart4j.core;

/**
 * Reads a participant's free-text answer as a {@link Decision}.
 *
 * <p>Implementations are stateless and thread-safe. They never guess: an empty or ambiguous
 * answer is {@linkplain ParsedDecision#invalid(String) invalid} with a reason.
 *
 * <pre>{@code
 * DecisionParser parser = DecisionParser.robust();
 * parser.parse("**Pump**");             // PUMP
 * parser.parse("I will not pump.");     // CASH_OUT
 * parser.parse("");                     // invalid: empty answer
 * }</pre>
 */
@FunctionalInterface
public interface DecisionParser {

    /**
     * Parses one answer.
     *
     * @param answer the raw text (may be {@code null} or empty, which is invalid)
     * @return the decision, or invalid with the reason; never {@code null}
     */
    ParsedDecision parse(String answer);

    /**
     * The default parser for real model output: case, punctuation, markdown, quotes, synonyms
     * (inflate; stop, collect, bank), negation ("I will not pump"), and answers that run on
     * after the decision (the first decision stated wins). Questions, both options offered ("Pump or
     * Cash Out") and refusals are invalid. JSON {@code {"decision": "pump" | "cash_out"}} is read too.
     * Every rule is listed in one place, the class comment of the (package-private)
     * {@code RobustDecisionParser} in bart-core's sources.
     */
    static DecisionParser robust() {
        return RobustDecisionParser.INSTANCE;
    }

    /**
     * The seed project's exact rule, for replaying its published runs: an answer containing
     * "pump" and not "cash" is a pump; one containing "cash out" or "cashout" is a cash-out;
     * anything else is invalid (case-insensitive).
     */
    static DecisionParser seedCompatible() {
        return SeedDecisionParser.INSTANCE;
    }
}
