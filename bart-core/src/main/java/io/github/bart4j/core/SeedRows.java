package io.github.bart4j.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds the {@link DecisionRecord}s of a balloon from what flat files keep of it: the
 * {@code choices}, the valid raw answers, the invalid ones and the usage totals.
 */
final class SeedRows {

    /** The reason given to invalid answers read back from a file, which does not keep reasons. */
    static final String UNKNOWN_INVALID_REASON = "invalid answer (the reason is not kept in this file)";

    /** The seed's range and reward, used when a seed file does not say. */
    static final int SEED_MIN_PUMPS = 1;
    static final int SEED_MAX_PUMPS = 20;
    static final double SEED_REWARD = 0.10;

    private SeedRows() {
    }

    /**
     * One record per valid answer, in order, then the invalid answers. The usage totals and the
     * latency go on the first record, since files keep only the balloon's totals.
     *
     * <ul>
     *   <li>as many answers as choices: answer i is the raw text of choice i (the classic task);</li>
     *   <li>one answer and the choices {@code PUMP × n [CASH OUT]}: the automatic task, one record
     *       declaring {@code n} pumps;</li>
     *   <li>otherwise the answers cannot be matched to the choices (an answer contained
     *       {@code " | "}): each choice gets a record, the first keeps the whole joined text and
     *       the others an empty one, so no text is lost;</li>
     *   <li>answers but no choices (an errored balloon): records without a decision.</li>
     * </ul>
     */
    static List<DecisionRecord> records(List<Decision> choices, List<String> answers, String joinedAnswers,
                                        List<String> invalid, TokenUsage usage, long latencyMillis) {
        List<DecisionRecord> out = new ArrayList<>(Math.max(choices.size(), answers.size()) + invalid.size());
        if (answers.size() == choices.size()) {
            for (int i = 0; i < choices.size(); i++) {
                out.add(new DecisionRecord(answers.get(i), choices.get(i), null, null, null, null, 0));
            }
        } else if (choices.isEmpty()) {
            for (String a : answers) {
                out.add(new DecisionRecord(a, null, null, null, null, null, 0));
            }
        } else if (answers.size() == 1 && isAutomatic(choices)) {
            int pumps = (int) choices.stream().filter(d -> d == Decision.PUMP).count();
            out.add(new DecisionRecord(answers.get(0), null, pumps, null, null, null, 0));
        } else {
            for (int i = 0; i < choices.size(); i++) {
                out.add(new DecisionRecord(i == 0 ? joinedAnswers : "", choices.get(i), null, null, null, null, 0));
            }
        }
        for (String a : invalid) {
            out.add(new DecisionRecord(a, null, null, UNKNOWN_INVALID_REASON, null, null, 0));
        }
        if (!out.isEmpty() && (usage != null && !usage.equals(TokenUsage.UNKNOWN) || latencyMillis != 0)) {
            DecisionRecord first = out.get(0);
            out.set(0, new DecisionRecord(first.raw(), first.decision(), first.pumpsDeclared(), first.invalidReason(),
                    first.reasoning(), usage, latencyMillis));
        }
        return out;
    }

    private static boolean isAutomatic(List<Decision> choices) {
        for (int i = 0; i < choices.size(); i++) {
            if (choices.get(i) == Decision.CASH_OUT && i != choices.size() - 1) {
                return false;
            }
        }
        return true;
    }

    /** Splits a joined cell; the empty cell holds nothing. */
    static List<String> split(String joined, String separator) {
        if (joined == null || joined.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = joined.indexOf(separator, from);
            if (at < 0) {
                out.add(joined.substring(from));
                return out;
            }
            out.add(joined.substring(from, at));
            from = at + separator.length();
        }
    }

    /** The {@code choices} cell as decisions. */
    static List<Decision> choices(String cell) {
        List<Decision> out = new ArrayList<>();
        for (String label : split(cell, CombinedCsv.CHOICE_SEPARATOR)) {
            out.add(decision(label, "choices"));
        }
        return out;
    }

    static Decision decision(String label, String field) {
        if (Decision.PUMP.label().equals(label)) {
            return Decision.PUMP;
        }
        if (Decision.CASH_OUT.label().equals(label)) {
            return Decision.CASH_OUT;
        }
        throw new FormatProblem(field + " must hold PUMP or CASH OUT, but holds: '" + abbreviate(label) + "'");
    }

    /**
     * The reward per pump of a seed file, which does not record it: earnings / pumps of the first
     * cashed-out balloon with pumps, rounded to cents; the seed's 0.10 when there is none.
     */
    static double inferReward(double earnings, int pumps) {
        double r = Money.round2(earnings / pumps);
        return r > 0 ? r : SEED_REWARD;
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        String one = s.replace("\r", "\\r").replace("\n", "\\n");
        return one.length() > 300 ? one.substring(0, 300) + " [the first 300 of " + one.length() + " characters]" : one;
    }
}
