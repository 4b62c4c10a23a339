package io.github.bart4j.core;

import java.util.Locale;

/** The seed project's rule, character for character (see {@link DecisionParser#seedCompatible()}). */
final class SeedDecisionParser implements DecisionParser {

    public static final SeedDecisionParser INSTANCE = new SeedDecisionParser();

    private SeedDecisionParser() {
    }

    @Override
    public Answer parse(String answer) {
        if (answer == null || answer.isBlank()) {
            return Answer.invalid("empty answer", answer);
        }
        String text = answer.toLowerCase(Locale.ROOT);
        if (text.contains("pump") && !text.contains("cash")) {
            return Answer.decision(Decision.PUMP, answer);
        }
        if (text.contains("cash out") || text.contains("cashout")) {
            return Answer.decision(Decision.CASH_OUT, answer);
        }
        return Answer.invalid("neither 'pump' without 'cash' nor 'cash out'", answer);
    }
}
