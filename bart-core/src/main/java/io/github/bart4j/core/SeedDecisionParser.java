package io.github.bart4j.core;

import java.util.Locale;

/** The seed project's rule, character for character (see {@link DecisionParser#seedCompatible()}). */
final class SeedDecisionParser implements DecisionParser {

    public static final SeedDecisionParser INSTANCE = new SeedDecisionParser();

    private SeedDecisionParser() {
    }

    @Override
    public ParsedDecision parse(String answer) {
        if (answer == null || answer.isBlank()) {
            return ParsedDecision.invalid("empty answer");
        }
        String text = answer.toLowerCase(Locale.ROOT);
        if (text.contains("pump") && !text.contains("cash")) {
            return ParsedDecision.of(Decision.PUMP);
        }
        if (text.contains("cash out") || text.contains("cashout")) {
            return ParsedDecision.of(Decision.CASH_OUT);
        }
        return ParsedDecision.invalid("neither 'pump' without 'cash' nor 'cash out'");
    }
}
