package io.github.bart4j.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The JSON object of one balloon result, shared by {@code journal.jsonl} (one per line) and the
 * {@code results} array of {@code BART_results.json}. It has the seed's keys ({@code balloon_id,
 * threshold_pumps, pumps_attempted, burst, earnings, choices, full_responses}) so seed scripts
 * work on it, bart4j's extra columns, and {@code decisions}, which makes it lossless.
 */
final class ResultJson {

    /** The longest string value accepted when reading (characters). */
    public static final int MAX_STRING_CHARS = 10_000_000;

    /** The mapper for every bart4j JSON file: strict, with bounded string length. */
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING_CHARS).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ResultJson() {
    }

    /**
     * One result as a single line of JSON, {@code "\n"} included: exactly what {@link #write} gives
     * through a generator of {@link #MAPPER} without a pretty printer (keys in the same order, strings
     * escaped as Jackson escapes them, numbers as {@code Double.toString}, NaN and infinities quoted), built
     * straight into a string, since it is done once per balloon ({@code ResultJsonLineTest} compares the two).
     */
    public static String line(BalloonResult r) {
        JsonText t = JsonText.compact(2048); // a typical line fits: no copying while it grows
        write(t, r);
        return t.raw("\n").toString();
    }

    // the keys of a result object, in its order
    private static final JsonText.Key MODEL = new JsonText.Key("model");
    private static final JsonText.Key BALLOON_ID = new JsonText.Key("balloon_id");
    private static final JsonText.Key EPOCH = new JsonText.Key("epoch");
    private static final JsonText.Key PERSONA = new JsonText.Key("persona");
    private static final JsonText.Key BALLOON_TYPE = new JsonText.Key("balloon_type");
    private static final JsonText.Key THRESHOLD_PUMPS = new JsonText.Key("threshold_pumps");
    private static final JsonText.Key MIN_PUMPS = new JsonText.Key("min_pumps");
    private static final JsonText.Key MAX_PUMPS = new JsonText.Key("max_pumps");
    private static final JsonText.Key REWARD_PER_PUMP = new JsonText.Key("reward_per_pump");
    private static final JsonText.Key RULES = new JsonText.Key("rules");
    private static final JsonText.Key BURST_PROBABILITY = new JsonText.Key("burst_probability");
    private static final JsonText.Key PUMPS_ATTEMPTED = new JsonText.Key("pumps_attempted");
    private static final JsonText.Key BURST = new JsonText.Key("burst");
    private static final JsonText.Key EARNINGS = new JsonText.Key("earnings");
    private static final JsonText.Key STATUS = new JsonText.Key("status");
    private static final JsonText.Key ERROR = new JsonText.Key("error");
    private static final JsonText.Key CHOICES = new JsonText.Key("choices");
    private static final JsonText.Key FULL_RESPONSES = new JsonText.Key("full_responses");
    private static final JsonText.Key INVALID_RESPONSES = new JsonText.Key("invalid_responses");
    private static final JsonText.Key LATENCY_MS = new JsonText.Key("latency_ms");
    private static final JsonText.Key DECISIONS = new JsonText.Key("decisions");
    private static final JsonText.Key RAW = new JsonText.Key("raw");
    private static final JsonText.Key DECISION = new JsonText.Key("decision");
    private static final JsonText.Key PUMPS_DECLARED = new JsonText.Key("pumps_declared");
    private static final JsonText.Key INVALID_REASON = new JsonText.Key("invalid_reason");
    private static final JsonText.Key REASONING = new JsonText.Key("reasoning");
    private static final JsonText.Key INPUT_TOKENS = new JsonText.Key("input_tokens");
    private static final JsonText.Key OUTPUT_TOKENS = new JsonText.Key("output_tokens");
    private static final JsonText.Key COST_USD = new JsonText.Key("cost_usd");

    /**
     * Writes one result as a JSON object, in the layout of {@code t} (compact for the journal,
     * pretty for {@code BART_results.json}): the same keys, order and values as {@link
     * #write(JsonGenerator, BalloonResult)} writes through Jackson, which the tests compare it with.
     */
    static void write(JsonText t, BalloonResult r) {
        Balloon b = r.balloon();
        t.startObject();
        t.field(MODEL).string(r.participant());
        t.field(BALLOON_ID).number(b.id());
        t.field(EPOCH).number(r.epoch());
        t.field(PERSONA).string(r.persona());
        t.field(BALLOON_TYPE).string(b.type());
        t.field(THRESHOLD_PUMPS).number(b.threshold());
        t.field(MIN_PUMPS).number(b.minThreshold());
        t.field(MAX_PUMPS).number(b.capacity());
        t.field(REWARD_PER_PUMP).number(b.rewardPerPump());
        if (!b.rules().isClassic()) { // a classic balloon's object stays as it was
            t.field(RULES).string(b.rules().name());
            t.field(BURST_PROBABILITY).number(b.rules().burstProbability());
        }
        t.field(PUMPS_ATTEMPTED).number(r.pumps());
        t.field(BURST).bool(r.burst());
        t.field(EARNINGS).number(r.earnings());
        t.field(STATUS).string(r.status().label());
        t.field(ERROR).string(r.error());
        t.field(CHOICES).startArray();
        for (Decision d : r.choices()) {
            t.element().string(d.label());
        }
        t.endArray();
        t.field(FULL_RESPONSES).startArray();
        if (r.isError()) {
            t.element().string(CombinedCsv.ERROR_PREFIX + r.error());
        }
        for (String s : r.responses()) {
            t.element().string(s);
        }
        t.endArray();
        t.field(INVALID_RESPONSES).startArray();
        for (String s : r.invalidResponses()) {
            t.element().string(s);
        }
        t.endArray();
        usage(t, r.usage());
        t.field(LATENCY_MS).number(r.latencyMillis());
        t.field(DECISIONS).startArray();
        for (Turn turn : r.turns()) {
            Answer a = turn.answer();
            t.element().startObject();
            t.field(RAW).string(a.raw());
            t.field(DECISION).string(a instanceof Answer.Choice c ? c.decision().label() : null);
            t.field(PUMPS_DECLARED).number(a instanceof Answer.PumpCount p ? (Integer) p.pumps() : null);
            t.field(INVALID_REASON).string(a instanceof Answer.Invalid i ? i.reason() : null);
            t.field(REASONING).string(a.reasoning());
            usage(t, a.usage());
            t.field(LATENCY_MS).number(turn.latencyMillis());
            t.endObject();
        }
        t.endArray();
        t.endObject();
    }

    private static void usage(JsonText t, TokenUsage u) {
        t.field(INPUT_TOKENS).number(u.inputTokens());
        t.field(OUTPUT_TOKENS).number(u.outputTokens());
        t.field(COST_USD).number(u.cost());
    }

    /**
     * Writes one result as a JSON object through Jackson: the reference layout, which {@link
     * #write(JsonText, BalloonResult)} reproduces (the tests compare the two).
     */
    public static void write(JsonGenerator g, BalloonResult r) throws IOException {
        Balloon b = r.balloon();
        TokenUsage usage = r.usage();
        g.writeStartObject();
        g.writeStringField("model", r.participant());
        g.writeNumberField("balloon_id", b.id());
        g.writeNumberField("epoch", r.epoch());
        g.writeStringField("persona", r.persona());
        g.writeStringField("balloon_type", b.type());
        g.writeNumberField("threshold_pumps", b.threshold());
        g.writeNumberField("min_pumps", b.minThreshold());
        g.writeNumberField("max_pumps", b.capacity());
        g.writeNumberField("reward_per_pump", b.rewardPerPump());
        if (!b.rules().isClassic()) { // a classic balloon's object stays as it was
            g.writeStringField("rules", b.rules().name());
            g.writeNumberField("burst_probability", b.rules().burstProbability());
        }
        g.writeNumberField("pumps_attempted", r.pumps());
        g.writeBooleanField("burst", r.burst());
        g.writeNumberField("earnings", r.earnings());
        g.writeStringField("status", r.status().label());
        g.writeStringField("error", r.error());
        g.writeArrayFieldStart("choices");
        for (Decision d : r.choices()) {
            g.writeString(d.label());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("full_responses");
        if (r.isError()) {
            g.writeString(CombinedCsv.ERROR_PREFIX + r.error());
        }
        for (String s : r.responses()) {
            g.writeString(s);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("invalid_responses");
        for (String s : r.invalidResponses()) {
            g.writeString(s);
        }
        g.writeEndArray();
        writeUsage(g, usage);
        g.writeNumberField("latency_ms", r.latencyMillis());
        g.writeArrayFieldStart("decisions");
        for (Turn t : r.turns()) {
            Answer a = t.answer();
            g.writeStartObject();
            g.writeStringField("raw", a.raw());
            g.writeStringField("decision", a instanceof Answer.Choice c ? c.decision().label() : null);
            if (a instanceof Answer.PumpCount p) {
                g.writeNumberField("pumps_declared", p.pumps());
            } else {
                g.writeNullField("pumps_declared");
            }
            g.writeStringField("invalid_reason", a instanceof Answer.Invalid i ? i.reason() : null);
            g.writeStringField("reasoning", a.reasoning());
            writeUsage(g, a.usage());
            g.writeNumberField("latency_ms", t.latencyMillis());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeUsage(JsonGenerator g, TokenUsage u) throws IOException {
        writeNullable(g, "input_tokens", u.inputTokens());
        writeNullable(g, "output_tokens", u.outputTokens());
        if (u.cost() == null) {
            g.writeNullField("cost_usd");
        } else {
            g.writeNumberField("cost_usd", u.cost());
        }
    }

    private static void writeNullable(JsonGenerator g, String name, Integer value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value);
        }
    }

    /**
     * What a result object may leave out: the seed's per-model JSON logs keep the model and the
     * task's parameters outside the results.
     *
     * @param model the model when the object has none, or {@code null}
     * @param minPumps the burst range's lower end when the object has none
     * @param maxPumps the burst range's upper end when the object has none (raised to the threshold)
     * @param rewardPerPump the reward when the object has none
     */
    public record Defaults(String model, int minPumps, int maxPumps, double rewardPerPump) {
    }

    /**
     * Reads one result object. With {@code decisions} it is read losslessly; without (the seed's
     * JSON) the records are rebuilt from {@code choices} and {@code full_responses} as for the
     * seed's CSV.
     *
     * @throws FormatProblem naming the key, the rule and the bad value
     */
    static BalloonResult decode(JsonNode node, Defaults defaults) {
        if (node == null || !node.isObject()) {
            throw new FormatProblem("a result must be a JSON object, but is: " + kind(node));
        }
        String model = node.has("model") ? text(node, "model", false) : defaults.model();
        if (model == null) {
            throw new FormatProblem("model is missing");
        }
        int id = integer(node, "balloon_id");
        int threshold = integer(node, "threshold_pumps");
        int pumps = integer(node, "pumps_attempted");
        boolean burst = bool(node, "burst");
        double earnings = number(node, "earnings");
        int epoch = node.has("epoch") ? integer(node, "epoch") : 1;
        String persona = node.has("persona") ? text(node, "persona", false) : "";
        String type = node.has("balloon_type") ? text(node, "balloon_type", false) : "";
        int min = node.has("min_pumps") ? integer(node, "min_pumps") : Math.min(defaults.minPumps(), threshold);
        int max = node.has("max_pumps") ? integer(node, "max_pumps") : Math.max(defaults.maxPumps(), threshold);
        double reward = node.has("reward_per_pump") ? number(node, "reward_per_pump") : defaults.rewardPerPump();
        Balloon balloon = balloon(id, type, min, max, threshold, reward, rules(node));

        List<Turn> decisions;
        BalloonResult.Status status;
        String error;
        if (node.has("decisions")) {
            decisions = new ArrayList<>();
            JsonNode array = node.get("decisions");
            if (!array.isArray()) {
                throw new FormatProblem("decisions must be a list, but is: " + kind(array));
            }
            for (JsonNode d : array) {
                decisions.add(decodeDecision(d));
            }
            status = node.has("status") ? status(text(node, "status", true)) : BalloonResult.Status.OK;
            error = node.has("error") ? text(node, "error", false) : null;
        } else {
            List<Decision> choices = new ArrayList<>();
            for (String label : strings(node, "choices")) {
                choices.add(SeedRows.decision(label, "choices"));
            }
            JsonNode fr = node.get("full_responses");
            List<String> answers = fr != null && fr.isTextual()
                    ? SeedRows.split(fr.asText(), CombinedCsv.RESPONSE_SEPARATOR) : strings(node, "full_responses");
            String explicitError = node.has("error") ? text(node, "error", false) : null;
            String statusText = node.has("status") ? text(node, "status", true) : null;
            boolean errored = statusText != null ? status(statusText) == BalloonResult.Status.ERROR
                    : !answers.isEmpty() && answers.get(0).startsWith("ERROR");
            if (errored) {
                status = BalloonResult.Status.ERROR;
                String head = answers.isEmpty() ? "" : answers.get(0);
                error = explicitError != null ? explicitError : errorText(head);
                if (!answers.isEmpty() && head.startsWith("ERROR")) {
                    answers = answers.subList(1, answers.size());
                }
            } else {
                status = BalloonResult.Status.OK;
                error = null;
            }
            decisions = SeedRows.records(choices, answers, String.join(CombinedCsv.RESPONSE_SEPARATOR, answers),
                    node.has("invalid_responses") ? strings(node, "invalid_responses") : List.of(),
                    usage(node), node.has("latency_ms") ? longValue(node, "latency_ms") : 0);
        }
        return result(model, persona, epoch, balloon, pumps, burst, earnings, decisions, status, error);
    }

    /** The balloon of a result object (shared with {@link JournalLineDecoder}). */
    static Balloon balloon(int id, String type, int min, int max, int threshold, double reward) {
        return balloon(id, type, min, max, threshold, reward, Rules.classic());
    }

    /** As {@link #balloon(int, String, int, int, int, double)}, of the given rules. */
    static Balloon balloon(int id, String type, int min, int max, int threshold, double reward, Rules rules) {
        try {
            return new Balloon(id, type, min, max, threshold, reward, rules);
        } catch (IllegalArgumentException e) {
            throw new FormatProblem(e.getMessage());
        }
    }

    /** The result of a decoded object (shared with {@link JournalLineDecoder}). */
    static BalloonResult result(String model, String persona, int epoch, Balloon balloon, int pumps, boolean burst,
                                double earnings, List<Turn> decisions, BalloonResult.Status status,
                                String error) {
        try {
            return new BalloonResult(model, persona, epoch, balloon, pumps, burst, earnings, decisions, status, error);
        } catch (IllegalArgumentException e) {
            throw new FormatProblem(e.getMessage());
        }
    }

    /** The rules of a result object: classic when it names none. */
    private static Rules rules(JsonNode node) {
        String name = node.has("rules") ? text(node, "rules", false) : null;
        if (name == null || name.equals(Rules.CLASSIC)) {
            return Rules.classic();
        }
        if (!name.equals(Rules.CONSTANT_HAZARD)) {
            throw new FormatProblem("rules must be " + Rules.CLASSIC + " or " + Rules.CONSTANT_HAZARD + ", but is: '"
                    + SeedRows.abbreviate(name) + "'");
        }
        try {
            return Rules.constantHazard(number(node, "burst_probability"));
        } catch (IllegalArgumentException e) {
            throw new FormatProblem(e.getMessage());
        }
    }

    /** The cause of a seed error cell: the text after {@code "ERROR: "} (or after {@code "ERROR"}). */
    static String errorText(String cell) {
        String rest = cell.startsWith(CombinedCsv.ERROR_PREFIX) ? cell.substring(CombinedCsv.ERROR_PREFIX.length())
                : cell.startsWith("ERROR") ? cell.substring(5).strip() : cell;
        return rest.isBlank() ? "ERROR" : rest;
    }

    private static Turn decodeDecision(JsonNode d) {
        if (!d.isObject()) {
            throw new FormatProblem("each of decisions must be a JSON object, but one is: " + kind(d));
        }
        String label = d.has("decision") ? text(d, "decision", false) : null;
        Decision decision = label == null ? null : SeedRows.decision(label, "decision");
        Integer declared = d.hasNonNull("pumps_declared") ? integer(d, "pumps_declared") : null;
        String reason = d.has("invalid_reason") ? text(d, "invalid_reason", false) : null;
        long latency = d.has("latency_ms") ? longValue(d, "latency_ms") : 0;
        String raw = d.has("raw") ? text(d, "raw", false) : "";
        String reasoning = d.has("reasoning") ? text(d, "reasoning", false) : null;
        return turn(raw, decision, declared, reason, reasoning, usage(d), latency);
    }

    /**
     * One element of {@code decisions} (shared with {@link JournalLineDecoder}): exactly one of
     * {@code decision}, {@code pumps_declared} and {@code invalid_reason} is set (not null).
     */
    static Turn turn(String raw, Decision decision, Integer declared, String reason, String reasoning,
                     TokenUsage usage, long latency) {
        if ((decision != null ? 1 : 0) + (declared != null ? 1 : 0) + (reason != null ? 1 : 0) != 1) {
            throw new FormatProblem("each of decisions must set exactly one of decision, pumps_declared and"
                    + " invalid_reason, but one has decision=" + (decision == null ? null : decision.label())
                    + ", pumps_declared=" + declared
                    + ", invalid_reason=" + (reason == null ? null : "'" + SeedRows.abbreviate(reason) + "'"));
        }
        if (declared != null && declared < 0) {
            throw new FormatProblem("pumps_declared must be >= 0, but is: " + declared);
        }
        if (latency < 0) {
            throw new FormatProblem("latency_ms must be >= 0, but is: " + latency);
        }
        Answer answer = decision != null ? new Answer.Choice(decision, raw, reasoning, usage)
                : declared != null ? new Answer.PumpCount(declared, raw, reasoning, usage)
                : new Answer.Invalid(reason, raw, reasoning, usage);
        return new Turn(answer, latency);
    }

    private static TokenUsage usage(JsonNode n) {
        Integer in = n.hasNonNull("input_tokens") ? integer(n, "input_tokens") : null;
        Integer out = n.hasNonNull("output_tokens") ? integer(n, "output_tokens") : null;
        Double cost = n.hasNonNull("cost_usd") ? number(n, "cost_usd") : null;
        return usage(in, out, cost);
    }

    /** Usage as recorded: {@link TokenUsage#UNKNOWN} when nothing is known. */
    static TokenUsage usage(Integer in, Integer out, Double cost) {
        return in == null && out == null && cost == null ? TokenUsage.UNKNOWN : new TokenUsage(in, out, cost);
    }

    static BalloonResult.Status status(String s) {
        if ("ok".equals(s)) {
            return BalloonResult.Status.OK;
        }
        for (BalloonResult.Status st : BalloonResult.Status.values()) {
            if (st.label().equals(s)) {
                return st;
            }
        }
        throw new FormatProblem("status must be ok or error, but is: '" + SeedRows.abbreviate(s) + "'");
    }

    static String text(JsonNode n, String key, boolean required) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new FormatProblem(key + " is missing");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new FormatProblem(key + " must be a string, but is: " + kind(v));
        }
        return v.asText();
    }

    static int integer(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            throw new FormatProblem(key + " is missing");
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new FormatProblem(key + " must be a whole number, but is: " + kind(v));
        }
        return v.intValue();
    }

    private static long longValue(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new FormatProblem(key + " must be a whole number, but is: " + kind(v));
        }
        return v.longValue();
    }

    static double number(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            throw new FormatProblem(key + " is missing");
        }
        if (!v.isNumber()) {
            throw new FormatProblem(key + " must be a number, but is: " + kind(v));
        }
        return v.doubleValue();
    }

    private static boolean bool(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            throw new FormatProblem(key + " is missing");
        }
        if (!v.isBoolean()) {
            throw new FormatProblem(key + " must be true or false, but is: " + kind(v));
        }
        return v.booleanValue();
    }

    private static List<String> strings(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new FormatProblem(key + " must be a list of strings, but is: " + kind(v));
        }
        List<String> out = new ArrayList<>(v.size());
        for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) {
            JsonNode e = it.next();
            if (!e.isTextual()) {
                throw new FormatProblem(key + " must be a list of strings, but holds: " + kind(e));
            }
            out.add(e.asText());
        }
        return out;
    }

    /** A short description of a JSON value for messages. */
    static String kind(JsonNode v) {
        if (v == null) {
            return "missing";
        }
        if (v.isTextual()) {
            return "'" + SeedRows.abbreviate(v.asText()) + "'";
        }
        if (v.isContainerNode()) {
            return v.isArray() ? "a list" : "an object";
        }
        return SeedRows.abbreviate(v.toString());
    }
}
