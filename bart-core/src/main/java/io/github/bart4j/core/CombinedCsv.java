package io.github.bart4j.core;

import java.util.ArrayList;
import java.util.List;

/** The columns of {@code BART_combined.csv} and how one result becomes one row. */
final class CombinedCsv {

    /** The seed's columns, in the seed's order. */
    public static final List<String> SEED_COLUMNS = List.of("model", "balloon_id", "threshold_pumps",
            "pumps_attempted", "burst", "earnings", "choices", "full_responses");

    /** bart4j's columns: the seed's, then the ones bart4j adds. */
    public static final List<String> COLUMNS;

    static {
        List<String> all = new ArrayList<>(SEED_COLUMNS);
        all.addAll(List.of("status", "error", "epoch", "persona", "balloon_type", "min_pumps", "max_pumps",
                "reward_per_pump", "invalid_responses", "input_tokens", "output_tokens", "cost_usd", "latency_ms"));
        COLUMNS = List.copyOf(all);
    }

    /** Separator of {@code choices}. */
    public static final String CHOICE_SEPARATOR = ", ";
    /** Separator of {@code full_responses} and {@code invalid_responses}. */
    public static final String RESPONSE_SEPARATOR = " | ";
    /** Prefix of {@code full_responses} of an errored balloon (seed tools test {@code startswith("ERROR")}). */
    public static final String ERROR_PREFIX = "ERROR: ";

    private CombinedCsv() {
    }

    /** The header row, terminator included. */
    public static String header() {
        return PythonCsv.appendRow(new StringBuilder(), COLUMNS).toString();
    }

    /** One result as one row, terminator included. */
    public static String row(BalloonResult r) {
        TokenUsage usage = r.usage();
        List<String> fields = new ArrayList<>(COLUMNS.size());
        fields.add(r.participant());
        fields.add(Integer.toString(r.balloon().id()));
        fields.add(Integer.toString(r.balloon().threshold()));
        fields.add(Integer.toString(r.pumps()));
        fields.add(pythonBool(r.burst()));
        fields.add(Money.format(r.earnings()));
        fields.add(choices(r.choices()));
        fields.add(fullResponses(r));
        fields.add(r.status().label());
        fields.add(r.error());
        fields.add(Integer.toString(r.epoch()));
        fields.add(r.persona());
        fields.add(r.balloon().type());
        fields.add(Integer.toString(r.balloon().minThreshold()));
        fields.add(Integer.toString(r.balloon().capacity()));
        fields.add(Money.format(r.balloon().rewardPerPump()));
        fields.add(String.join(RESPONSE_SEPARATOR, r.invalidResponses()));
        fields.add(usage.inputTokens() == null ? null : usage.inputTokens().toString());
        fields.add(usage.outputTokens() == null ? null : usage.outputTokens().toString());
        fields.add(usage.cost() == null ? null : Money.format(usage.cost()));
        fields.add(Long.toString(r.latencyMillis()));
        return PythonCsv.appendRow(new StringBuilder(256), fields).toString();
    }

    /** {@code True} or {@code False}, as Python prints booleans. */
    public static String pythonBool(boolean b) {
        return b ? "True" : "False";
    }

    /** The {@code choices} cell: labels joined by {@code ", "}. */
    public static String choices(List<Decision> choices) {
        StringBuilder sb = new StringBuilder();
        for (Decision d : choices) {
            if (sb.length() > 0) {
                sb.append(CHOICE_SEPARATOR);
            }
            sb.append(d.label());
        }
        return sb.toString();
    }

    /**
     * The {@code full_responses} cell: the valid answers joined by {@code " | "}; for an errored
     * balloon {@code "ERROR: <cause>"}, then {@code " | "} and the valid answers if there are any.
     */
    public static String fullResponses(BalloonResult r) {
        String answers = String.join(RESPONSE_SEPARATOR, r.responses());
        if (!r.isError()) {
            return answers;
        }
        return ERROR_PREFIX + r.error() + (answers.isEmpty() && r.responses().isEmpty() ? "" : RESPONSE_SEPARATOR + answers);
    }
}
