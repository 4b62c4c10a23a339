package io.github.bart4j.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A fast decoder for the journal lines bart4j itself writes: exactly the compact layout of
 * {@link ResultJson#write} (its keys in its order, no white space, ASCII text). It yields the same
 * result as {@link ResultJson#decode} on such a line, or {@code null} for any other line (another
 * key order, white space, non-ASCII text, a value a rule refuses, malformed JSON): the caller then
 * decodes that line with the general JSON path, which reads or refuses it as it always has. So the
 * accepted input and the messages for bad lines do not depend on this class; only the speed does.
 */
final class JournalLineDecoder {

    /** The line is not in the exact layout; decode it the general way. */
    private static final class NotOurs extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotOurs() {
            super(null, null, false, false);
        }
    }

    private static final NotOurs NOT_OURS = new NotOurs();

    // ",\"key\":" for each key of ResultJson.write's objects, and the start of each object
    private static final byte[] BALLOON_ID = ascii(",\"balloon_id\":");
    private static final byte[] BALLOON_TYPE = ascii(",\"balloon_type\":");
    private static final byte[] BURST = ascii(",\"burst\":");
    private static final byte[] CHOICES = ascii(",\"choices\":");
    private static final byte[] COST_USD = ascii(",\"cost_usd\":");
    private static final byte[] DECISION = ascii(",\"decision\":");
    private static final byte[] DECISIONS = ascii(",\"decisions\":");
    private static final byte[] EARNINGS = ascii(",\"earnings\":");
    private static final byte[] EPOCH = ascii(",\"epoch\":");
    private static final byte[] ERROR = ascii(",\"error\":");
    private static final byte[] FULL_RESPONSES = ascii(",\"full_responses\":");
    private static final byte[] INPUT_TOKENS = ascii(",\"input_tokens\":");
    private static final byte[] INVALID_REASON = ascii(",\"invalid_reason\":");
    private static final byte[] INVALID_RESPONSES = ascii(",\"invalid_responses\":");
    private static final byte[] LATENCY_MS = ascii(",\"latency_ms\":");
    private static final byte[] MAX_PUMPS = ascii(",\"max_pumps\":");
    private static final byte[] MIN_PUMPS = ascii(",\"min_pumps\":");
    private static final byte[] OUTPUT_TOKENS = ascii(",\"output_tokens\":");
    private static final byte[] PERSONA = ascii(",\"persona\":");
    private static final byte[] PUMPS_ATTEMPTED = ascii(",\"pumps_attempted\":");
    private static final byte[] PUMPS_DECLARED = ascii(",\"pumps_declared\":");
    private static final byte[] REASONING = ascii(",\"reasoning\":");
    private static final byte[] REWARD_PER_PUMP = ascii(",\"reward_per_pump\":");
    private static final byte[] STATUS = ascii(",\"status\":");
    private static final byte[] THRESHOLD_PUMPS = ascii(",\"threshold_pumps\":");

    private static final byte[] START = ascii("{\"model\":");
    private static final byte[] DECISION_START = ascii("{\"raw\":");

    private static byte[] ascii(String key) {
        return key.getBytes(StandardCharsets.US_ASCII);
    }

    private final byte[] b;
    private final int end;
    private int p;

    private JournalLineDecoder(byte[] line, int offset, int length) {
        this.b = line;
        this.p = offset;
        this.end = offset + length;
    }

    /**
     * The result on {@code line[offset, offset + length)} (no line terminator), or {@code null}
     * when the line is not exactly in {@link ResultJson#write}'s layout or breaks a rule.
     */
    static BalloonResult decode(byte[] line, int offset, int length) {
        try {
            return new JournalLineDecoder(line, offset, length).result();
        } catch (NotOurs | FormatProblem | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The result of the line starting at {@code line[offset]}, when it is exactly in {@link
     * ResultJson#write}'s layout and ends in {@code '\n'} before {@code limit}; {@code next[0]} is
     * then the offset after that {@code '\n'}. {@code null} otherwise (a line that is not ours, or
     * not whole before {@code limit}). Accepts exactly the lines {@link #decode} accepts: the layout
     * holds no line break, so the parse never reads past the line's end.
     */
    static BalloonResult decodeTerminated(byte[] line, int offset, int limit, int[] next) {
        try {
            JournalLineDecoder d = new JournalLineDecoder(line, offset, limit - offset);
            BalloonResult r = d.object();
            if (d.p >= d.end || d.b[d.p] != '\n') {
                return null;
            }
            next[0] = d.p + 1;
            return r;
        } catch (NotOurs | FormatProblem | IllegalArgumentException e) {
            return null;
        }
    }

    private BalloonResult result() {
        BalloonResult r = object();
        if (p != end) {
            throw NOT_OURS;
        }
        return r;
    }

    private BalloonResult object() {
        field(START);
        String model = string();
        field(BALLOON_ID);
        int id = intValue();
        field(EPOCH);
        int epoch = intValue();
        field(PERSONA);
        String persona = string();
        field(BALLOON_TYPE);
        String type = string();
        field(THRESHOLD_PUMPS);
        int threshold = intValue();
        field(MIN_PUMPS);
        int min = intValue();
        field(MAX_PUMPS);
        int max = intValue();
        field(REWARD_PER_PUMP);
        double reward = number();
        field(PUMPS_ATTEMPTED);
        int pumps = intValue();
        field(BURST);
        boolean burst = bool();
        field(EARNINGS);
        double earnings = number();
        field(STATUS);
        String status = string();
        field(ERROR);
        String error = nullableString();
        // the seed's columns and the totals: the general path reads the record from decisions, so only checked here
        field(CHOICES);
        skipStrings();
        field(FULL_RESPONSES);
        skipStrings();
        field(INVALID_RESPONSES);
        skipStrings();
        field(INPUT_TOKENS);
        nullableInt();
        field(OUTPUT_TOKENS);
        nullableInt();
        field(COST_USD);
        nullableNumber();
        field(LATENCY_MS);
        integral(false);
        field(DECISIONS);
        expect('[');
        List<Turn> decisions = new ArrayList<>();
        if (peek() == ']') {
            p++;
        } else {
            do {
                decisions.add(decision());
            } while (delimiter() == ',');
        }
        expect('}');
        return ResultJson.result(model, persona, epoch, ResultJson.balloon(id, type, min, max, threshold, reward),
                pumps, burst, earnings, decisions, ResultJson.status(status), error);
    }

    private Turn decision() {
        field(DECISION_START);
        String raw = string();
        field(DECISION);
        String label = nullableString();
        Decision decision = label == null ? null : SeedRows.decision(label, "decision");
        field(PUMPS_DECLARED);
        Integer declared = nullableInt();
        field(INVALID_REASON);
        String invalid = nullableString();
        field(REASONING);
        String reasoning = nullableString();
        field(INPUT_TOKENS);
        Integer in = nullableInt();
        field(OUTPUT_TOKENS);
        Integer out = nullableInt();
        field(COST_USD);
        Double cost = nullableNumber();
        field(LATENCY_MS);
        long latency = integral(false);
        expect('}');
        return ResultJson.turn(raw, decision, declared, invalid, reasoning, ResultJson.usage(in, out, cost), latency);
    }

    // ---------------------------------------------------------------- values

    private String nullableString() {
        return peek() == 'n' ? nul() : string();
    }

    private Integer nullableInt() {
        if (peek() == 'n') {
            nul();
            return null;
        }
        return intValue();
    }

    private Double nullableNumber() {
        if (peek() == 'n') {
            nul();
            return null;
        }
        return number();
    }

    private boolean bool() {
        if (match("true")) {
            return true;
        }
        if (match("false")) {
            return false;
        }
        throw NOT_OURS;
    }

    /** A list of strings, checked and skipped. */
    private void skipStrings() {
        expect('[');
        if (peek() == ']') {
            p++;
            return;
        }
        do {
            skipString();
        } while (delimiter() == ',');
    }

    /** After a list element: {@code ','} (more follow) or {@code ']'} (the end). */
    private int delimiter() {
        int c = next();
        if (c != ',' && c != ']') {
            throw NOT_OURS;
        }
        return c;
    }

    // ---------------------------------------------------------------- tokens

    /** {@code ,"key":} (or the start of an object): exactly these bytes. */
    private void field(byte[] expected) {
        int n = expected.length;
        if (p + n > end) {
            throw NOT_OURS;
        }
        byte[] b = this.b;
        int at = p;
        for (int i = 0; i < n; i++) {
            if (b[at + i] != expected[i]) {
                throw NOT_OURS;
            }
        }
        p = at + n;
    }

    private int peek() {
        return p < end ? b[p] : -1;
    }

    private int next() {
        return p < end ? b[p++] : -1;
    }

    private void expect(char c) {
        if (p >= end || b[p] != c) {
            throw NOT_OURS;
        }
        p++;
    }

    private boolean match(String word) {
        int n = word.length();
        if (p + n > end) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[p + i] != word.charAt(i)) {
                return false;
            }
        }
        p += n;
        return true;
    }

    private String nul() {
        if (!match("null")) {
            throw NOT_OURS;
        }
        return null;
    }

    /** A JSON string of printable ASCII and escapes. */
    private String string() {
        expect('"');
        int start = p;
        while (p < end) {
            byte c = b[p];
            if (c == '"') {
                String s = new String(b, start, p - start, StandardCharsets.ISO_8859_1);
                p++;
                return s;
            }
            if (c == '\\') {
                return escaped(start);
            }
            if (c < 0x20) { // a control character (or, as a negative byte, non-ASCII)
                throw NOT_OURS;
            }
            p++;
        }
        throw NOT_OURS;
    }

    private String escaped(int start) {
        StringBuilder sb = new StringBuilder(p - start + 16);
        for (int i = start; i < p; i++) {
            sb.append((char) b[i]);
        }
        while (p < end) {
            byte c = b[p++];
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw NOT_OURS;
            }
            if (c != '\\') {
                sb.append((char) c);
                continue;
            }
            int e = next();
            switch (e) {
                case '"', '\\', '/' -> sb.append((char) e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    int v = 0;
                    for (int i = 0; i < 4; i++) {
                        int h = Character.digit(next(), 16);
                        if (h < 0) {
                            throw NOT_OURS;
                        }
                        v = v * 16 + h;
                    }
                    sb.append((char) v);
                }
                default -> throw NOT_OURS;
            }
        }
        throw NOT_OURS;
    }

    private void skipString() {
        expect('"');
        while (p < end) {
            byte c = b[p++];
            if (c == '"') {
                return;
            }
            if (c < 0x20) {
                throw NOT_OURS;
            }
            if (c == '\\') {
                int e = next();
                if (e == 'u') {
                    for (int i = 0; i < 4; i++) {
                        if (Character.digit(next(), 16) < 0) {
                            throw NOT_OURS;
                        }
                    }
                } else if ("\"\\/bfnrt".indexOf(e) < 0 || e < 0) {
                    throw NOT_OURS;
                }
            }
        }
        throw NOT_OURS;
    }

    private int intValue() {
        long v = integral(true);
        return (int) v;
    }

    /** {@code -?(0|[1-9][0-9]*)}, at most 18 digits, in int range if asked, not followed by a fraction or exponent. */
    private long integral(boolean asInt) {
        boolean negative = p < end && b[p] == '-';
        if (negative) {
            p++;
        }
        int start = p;
        long v = 0;
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            v = v * 10 + (b[p] - '0');
            p++;
        }
        int digits = p - start;
        if (digits == 0 || digits > 18 || (digits > 1 && b[start] == '0')) {
            throw NOT_OURS;
        }
        if (p < end && (b[p] == '.' || b[p] == 'e' || b[p] == 'E')) {
            throw NOT_OURS; // not a whole number: the general path names the rule
        }
        v = negative ? -v : v;
        if (asInt && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
            throw NOT_OURS;
        }
        return v;
    }

    /** A JSON number, read as Jackson reads it ({@link Double#parseDouble} of its text); finite only. */
    private double number() {
        int start = p;
        if (p < end && b[p] == '-') {
            p++;
        }
        int intStart = p;
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            p++;
        }
        int intDigits = p - intStart;
        if (intDigits == 0 || intDigits > 18 || (intDigits > 1 && b[intStart] == '0')) {
            throw NOT_OURS;
        }
        boolean integral = true;
        if (p < end && b[p] == '.') {
            integral = false;
            p++;
            int fracStart = p;
            while (p < end && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
            if (p == fracStart) {
                throw NOT_OURS;
            }
        }
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            integral = false;
            p++;
            if (p < end && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            int expStart = p;
            while (p < end && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
            if (p == expStart) {
                throw NOT_OURS;
            }
        }
        String text = new String(b, start, p - start, StandardCharsets.ISO_8859_1);
        double v = integral ? (double) Long.parseLong(text) : Double.parseDouble(text);
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw NOT_OURS;
        }
        return v;
    }
}
