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
        StringBuilder out = new StringBuilder(256);
        appendRow(out, r);
        return out.toString();
    }

    /**
     * Appends one result as one row, terminator included: the fields of {@link #COLUMNS} quoted
     * as {@link PythonCsv} quotes them ({@code null} written empty).
     *
     * @return what its text holds beyond ASCII: {@link ResultFiles#NON_ASCII}, {@link ResultFiles#SURROGATES}
     */
    static int appendRow(StringBuilder out, BalloonResult r) {
        Balloon b = r.balloon();
        TokenUsage usage = r.usage();
        int content = text(out, r.participant());
        out.append(',').append(b.id()).append(',').append(b.threshold()).append(',').append(r.pumps()).append(',')
                .append(pythonBool(r.burst())).append(',').append(PythonNumbers.str(r.earnings())).append(',');
        List<Decision> choices = r.choices();
        if (choices.size() > 1) {
            out.append('"'); // the separator holds a comma; the labels hold no quote
        }
        for (int i = 0; i < choices.size(); i++) {
            (i == 0 ? out : out.append(CHOICE_SEPARATOR)).append(choices.get(i).label());
        }
        if (choices.size() > 1) {
            out.append('"');
        }
        out.append(',');
        content |= joined(out, r.isError() ? ERROR_PREFIX + r.error() : null, r.responses());
        out.append(',').append(r.status().label()).append(',');
        content |= text(out, r.error());
        out.append(',').append(r.epoch()).append(',');
        content |= text(out, r.persona());
        out.append(',');
        content |= text(out, b.type());
        out.append(',').append(b.minThreshold()).append(',').append(b.capacity()).append(',')
                .append(PythonNumbers.str(b.rewardPerPump())).append(',');
        content |= joined(out, null, r.invalidResponses());
        out.append(',');
        if (usage.inputTokens() != null) {
            out.append(usage.inputTokens().intValue());
        }
        out.append(',');
        if (usage.outputTokens() != null) {
            out.append(usage.outputTokens().intValue());
        }
        out.append(',');
        if (usage.cost() != null) {
            out.append(PythonNumbers.str(usage.cost()));
        }
        out.append(',').append(r.latencyMillis()).append(PythonCsv.ROW_END);
        return content;
    }

    /**
     * The field {@code head} (if not {@code null}) and {@code parts} joined by {@link
     * #RESPONSE_SEPARATOR}, as {@link PythonCsv#appendField} writes the joined text; what it holds
     * beyond ASCII (as {@link #appendRow}).
     */
    private static int joined(StringBuilder out, String head, List<String> parts) {
        int content = head == null ? 0 : scan(head);
        for (String part : parts) {
            content |= scan(part);
        }
        boolean quote = (content & QUOTE) != 0;
        if (quote) {
            out.append('"');
        }
        boolean first = true;
        if (head != null) {
            plainOrDoubled(out, head, quote);
            first = false;
        }
        for (String part : parts) {
            if (!first) {
                out.append(RESPONSE_SEPARATOR);
            }
            first = false;
            plainOrDoubled(out, part, quote);
        }
        if (quote) {
            out.append('"');
        }
        return content & ~QUOTE;
    }

    private static void plainOrDoubled(StringBuilder out, String text, boolean quoted) {
        if (!quoted || text.indexOf('"') < 0) {
            out.append(text);
        } else {
            out.append(text.replace("\"", "\"\""));
        }
    }

    /** {@link #scan}'s flag: the text needs quotes. */
    private static final int QUOTE = 4;

    /** What {@code text} holds: {@link ResultFiles#NON_ASCII}, {@link ResultFiles#SURROGATES}, {@link #QUOTE}. */
    private static int scan(String text) {
        int content = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c > ',' && c < 0x80) {
                continue;
            }
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                content |= QUOTE;
            } else if (c >= 0x80) {
                content |= c >= 0xD800 && c < 0xE000 ? ResultFiles.NON_ASCII | ResultFiles.SURROGATES
                        : ResultFiles.NON_ASCII;
            }
        }
        return content;
    }

    /** A text field as {@link PythonCsv#appendField} writes it; what it holds beyond ASCII (as {@link #appendRow}). */
    private static int text(StringBuilder out, String field) {
        if (field == null) {
            return 0;
        }
        int content = scan(field);
        if ((content & QUOTE) != 0) {
            PythonCsv.appendField(out, field);
        } else {
            out.append(field);
        }
        return content & ~QUOTE;
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
