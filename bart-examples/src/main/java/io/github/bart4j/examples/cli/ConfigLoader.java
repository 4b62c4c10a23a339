package io.github.bart4j.examples.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.bart4j.core.BalloonType;
import io.github.bart4j.langchain4j.ChatModels;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates a run configuration: the seed's {@code bart_config.yaml} unchanged, plus
 * bart4j's keys. Every problem is a {@link UsageException} with one line naming the file, the key,
 * the bad value and the rule; nothing is started before the whole file is valid.
 *
 * <p>Defaults when a file is given are the seed's (1..20, $0.10, 5 balloons, output to {@code logs},
 * backend {@code openrouter}). Without a file, {@link #demo()} is the offline demo.
 */
public final class ConfigLoader {

    /** Keys of the seed's config file. */
    static final Set<String> SEED_KEYS = Set.of("experiment_name", "min_pumps", "max_pumps", "reward_per_pump",
            "num_balloons", "model_list", "model", "openrouter_api_key", "debug_mode", "output_dir", "log_json",
            "log_csv", "multi_balloon_conversation");

    /** Keys bart4j adds; each is documented in docs/configuration.md (a test keeps the two in step). */
    static final Set<String> ADDED_KEYS = Set.of("backend", "base_url", "thresholds", "seed", "balloon_types",
            "epochs", "temperature", "max_tokens", "conversation", "max_invalid_retries", "structured_output",
            "max_concurrency", "max_concurrency_per_model", "request_timeout_seconds", "max_retries", "personas",
            "task", "balloon_order", "disclose_range", "http_referer", "x_title", "openai_api_key", "model_seed",
            "max_response_bytes", "burst_probability");

    /** Every top-level key a config file may hold: the seed's and bart4j's. */
    static Set<String> acceptedKeys() {
        Set<String> all = new LinkedHashSet<>(SEED_KEYS);
        all.addAll(ADDED_KEYS);
        all.addAll(CostSettings.KEYS);
        all.add(ModelSizes.KEY);
        return all;
    }

    static final List<String> BACKENDS = List.of("openrouter", "ollama", "openai", "simulated");
    static final List<String> CONVERSATIONS = List.of("per_balloon", "across_balloons", "stateless");
    static final long MAX_FILE_BYTES = 1_000_000;

    private final Map<String, String> env;
    private final boolean needsApiKey;

    public ConfigLoader(Map<String, String> env) {
        this(env, true);
    }

    private ConfigLoader(Map<String, String> env, boolean needsApiKey) {
        this.env = env;
        this.needsApiKey = needsApiKey;
    }

    /** A loader for commands that call no model ({@code serve}): no API key is looked up or required. */
    public ConfigLoader withoutApiKey() {
        return new ConfigLoader(env, false);
    }

    /** The offline demo: four simulated CRRA agents on the seed's task (50 balloons, seed 42). */
    public static RunConfig demo() {
        return new RunConfig("bart4j-demo", 1, 20, 0.10, 50, List.of("crra:2", "crra:1", "crra:0", "crra:-1"),
                "simulated", null, null, "none", false, "runs", true, true, null, 42L, null, "shuffled", 1, null, null,
                null, "per_balloon", 3, false, 8, 8, 60, 4, ChatModels.DEFAULT_MAX_RESPONSE_BYTES, Map.of(), Map.of(), "classic", true, null, null, List.of(),
                CostSettings.NONE, null);
    }

    /** Loads {@code file}. */
    public RunConfig load(Path file) {
        String name = file.toString();
        String text = read(file, name);
        JsonNode root;
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            root = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new UsageException(name + where + ": not valid YAML: " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UsageException(name + ": cannot be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new UsageException(name + ": is empty; a config needs at least model_list (or backend: simulated)");
        }
        if (!root.isObject()) {
            throw new UsageException(name + ": must be a YAML mapping of keys to values, but is a "
                    + root.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        return new Reader(name, (ObjectNode) root).build();
    }

    /**
     * A config given as keys and values (as a YAML file would hold them), checked by the same rules as
     * {@link #load}; {@code name} stands for the file in messages.
     */
    RunConfig fromMap(String name, Map<String, ?> keys) {
        return new Reader(name, new ObjectMapper().valueToTree(keys)).build();
    }

    private static String read(Path file, String name) {
        try {
            if (Files.isDirectory(file)) {
                throw new UsageException(name + ": is a directory, not a config file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new UsageException(name + ": is " + size + " bytes; a config file must be under "
                        + MAX_FILE_BYTES + " bytes");
            }
            byte[] bytes = Files.readAllBytes(file);
            for (byte b : bytes) {
                if (b == 0) {
                    throw new UsageException(name + ": is a binary file, not YAML");
                }
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new UsageException(name + ": no such file");
        } catch (CharacterCodingException e) {
            throw new UsageException(name + ": is not UTF-8 text");
        } catch (IOException e) {
            throw new UsageException(name + ": cannot be read: " + e.getMessage());
        }
    }

    /** Whether {@code s} holds a control character (newline, tab, NUL, DEL...). */
    static boolean hasControlCharacter(String s) {
        return s.codePoints().anyMatch(Character::isISOControl);
    }

    /** {@code s} with its control characters shown as escapes (a newline as {@code \\n}), for messages. */
    static String visible(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** The whole message on one line: line breaks (and the blanks around them) become one space; nothing is cut. */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** Longest bad value quoted in a message; a longer one is shown by its start and its length. */
    static final int MAX_SHOWN_VALUE = 300;

    /** Walks the YAML tree once, key by key. */
    private final class Reader {
        private final String file;
        private final ObjectNode root;
        private final List<String> warnings = new ArrayList<>();

        Reader(String file, ObjectNode root) {
            this.file = file;
            this.root = root;
        }

        private UsageException bad(String key, JsonNode value, String rule) {
            return new UsageException(file + ": key '" + key + "' " + rule + ", but is: " + show(value));
        }

        private String show(JsonNode v) {
            if (v == null || v.isNull()) {
                return "empty";
            }
            String s = oneLine(v.isTextual() ? "'" + v.asText() + "'" : v.toString());
            return s.length() <= MAX_SHOWN_VALUE ? s : s.substring(0, MAX_SHOWN_VALUE) + " [the first " + MAX_SHOWN_VALUE
                    + " of " + s.length() + " characters]";
        }

        private JsonNode get(String key) {
            JsonNode v = root.get(key);
            return v == null || v.isNull() ? null : v;
        }

        private String string(String key, String def) {
            JsonNode v = get(key);
            if (v == null) {
                return def;
            }
            if (!v.isTextual() && !v.isNumber() && !v.isBoolean()) {
                throw bad(key, v, "must be text");
            }
            String s = v.asText().strip();
            if (s.isEmpty()) {
                throw bad(key, v, "must not be empty");
            }
            return s;
        }

        private boolean bool(String key, boolean def) {
            JsonNode v = get(key);
            if (v == null) {
                return def;
            }
            if (!v.isBoolean()) {
                throw bad(key, v, "must be true or false");
            }
            return v.booleanValue();
        }

        private Integer integer(String key, Integer def, int min) {
            JsonNode v = get(key);
            if (v == null) {
                return def;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw bad(key, v, "must be a whole number");
            }
            if (v.intValue() < min) {
                throw bad(key, v, "must be >= " + min);
            }
            return v.intValue();
        }

        private Double number(String key, Double def) {
            JsonNode v = get(key);
            if (v == null) {
                return def;
            }
            if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                throw bad(key, v, "must be a number");
            }
            return v.doubleValue();
        }

        private String choice(String key, String def, List<String> allowed) {
            String s = string(key, def);
            if (s == null) {
                return null;
            }
            String lower = s.toLowerCase(Locale.ROOT);
            if (!allowed.contains(lower)) {
                throw bad(key, get(key), "must be one of " + String.join(", ", allowed));
            }
            return lower;
        }

        RunConfig build() {
            Iterator<String> names = root.fieldNames();
            while (names.hasNext()) {
                String key = names.next();
                if (!acceptedKeys().contains(key)) {
                    throw new UsageException(file + ": unknown key '" + key + "'" + suggestion(key)
                            + "; see docs/configuration.md for the accepted keys");
                }
            }
            String experimentName = string("experiment_name", "BART_Experiment");
            noControlCharacters("experiment_name", experimentName);
            if (experimentName.contains("/") || experimentName.contains("\\") || experimentName.startsWith(".")) {
                throw bad("experiment_name", get("experiment_name"),
                        "must not contain / or \\ or start with . (it names the run directory)");
            }
            String backend = choice("backend", "openrouter", BACKENDS);
            int minPumps = integer("min_pumps", 1, 1);
            int maxPumps = integer("max_pumps", 20, 1);
            if (maxPumps < minPumps) {
                throw bad("max_pumps", get("max_pumps"), "must be >= min_pumps (" + minPumps + ")");
            }
            double reward = number("reward_per_pump", 0.10);
            if (!(reward > 0)) {
                throw bad("reward_per_pump", get("reward_per_pump"), "must be > 0");
            }
            List<String> models = models();
            List<Integer> thresholds = thresholds(minPumps, maxPumps);
            Integer numBalloons = integer("num_balloons", null, 1);
            if (thresholds != null && numBalloons != null && numBalloons != thresholds.size()) {
                throw bad("num_balloons", get("num_balloons"), "must equal the number of thresholds ("
                        + thresholds.size() + ") when thresholds are given");
            }
            List<BalloonType> types = balloonTypes();
            if (types != null && thresholds != null) {
                throw new UsageException(file + ": keys 'thresholds' and 'balloon_types' cannot both be set");
            }
            if (types != null && numBalloons != null) {
                int sum = types.stream().mapToInt(BalloonType::count).sum();
                if (sum != numBalloons) {
                    throw bad("num_balloons", get("num_balloons"), "must equal the sum of balloon_types counts ("
                            + sum + ") when balloon_types are given");
                }
            }
            int balloons = thresholds != null ? thresholds.size() : types != null
                    ? types.stream().mapToInt(BalloonType::count).sum() : numBalloons == null ? 5 : numBalloons;
            String order = choice("balloon_order", "shuffled", List.of("shuffled", "blocked"));
            Double burstProbability = burstProbability(thresholds != null, types != null);
            JsonNode seedNode = get("seed");
            Long seed = null;
            if (seedNode != null) {
                if (!seedNode.isIntegralNumber() || !seedNode.canConvertToLong()) {
                    throw bad("seed", seedNode, "must be a whole number");
                }
                seed = seedNode.longValue();
            }
            boolean multi = bool("multi_balloon_conversation", false);
            String conversation = choice("conversation", null, CONVERSATIONS);
            if (conversation == null) {
                conversation = multi ? "across_balloons" : "per_balloon";
            } else if (multi && !conversation.equals("across_balloons")) {
                throw bad("conversation", get("conversation"),
                        "contradicts multi_balloon_conversation: true (which means across_balloons)");
            }
            Double temperature = number("temperature", null);
            if (temperature != null && (temperature < 0 || temperature > 2)) {
                throw bad("temperature", get("temperature"), "must be between 0 and 2");
            }
            Integer maxTokens = integer("max_tokens", null, 1);
            JsonNode modelSeedNode = get("model_seed");
            if (modelSeedNode != null && (!modelSeedNode.isIntegralNumber() || !modelSeedNode.canConvertToInt())) {
                throw bad("model_seed", modelSeedNode, "must be a whole number (a 32-bit sampling seed)");
            }
            Integer modelSeed = modelSeedNode == null ? null : modelSeedNode.intValue();
            int maxInvalid = integer("max_invalid_retries", 3, 1);
            int maxConcurrency = integer("max_concurrency", 8, 1);
            int perModel = integer("max_concurrency_per_model", maxConcurrency, 1);
            double timeout = number("request_timeout_seconds", 60.0);
            if (!(timeout > 0) || timeout > 3600) {
                throw bad("request_timeout_seconds", get("request_timeout_seconds"), "must be > 0 and <= 3600");
            }
            int maxRetries = integer("max_retries", 4, 0);
            if (maxRetries > 20) {
                throw bad("max_retries", get("max_retries"), "must be <= 20");
            }
            int maxResponseBytes = integer("max_response_bytes", ChatModels.DEFAULT_MAX_RESPONSE_BYTES, 1024);
            int epochs = integer("epochs", 1, 1);
            String task = choice("task", "classic", List.of("classic", "automatic"));
            String baseUrl = baseUrl();
            Map<String, String> personas = personas();
            Map<String, Double> sizes = ModelSizes.read(get(ModelSizes.KEY), models, this::bad);
            String[] key = apiKey(backend, baseUrl);
            return new RunConfig(experimentName, minPumps, maxPumps, reward, balloons, models, backend, baseUrl,
                    key[0], key[1], bool("debug_mode", false), outputDir(), bool("log_json", true),
                    bool("log_csv", true), thresholds, seed, types, order, epochs, temperature, maxTokens, modelSeed,
                    conversation, maxInvalid, bool("structured_output", false), maxConcurrency, perModel, timeout,
                    maxRetries, maxResponseBytes, personas, sizes, task, bool("disclose_range", true), string("http_referer", null),
                    string("x_title", null), List.copyOf(warnings),
                    CostSettings.read(get("max_cost_usd"), get("max_tokens_total"), get("prices"), this::bad),
                    burstProbability);
        }

        /** The constant-hazard rules' burst probability per pump, or null for the classic rules. */
        private Double burstProbability(boolean thresholds, boolean types) {
            Double p = number("burst_probability", null);
            if (p == null) {
                return null;
            }
            if (!(p > 0 && p <= 1)) {
                throw bad("burst_probability", get("burst_probability"), "must be > 0 and <= 1 (the chance that one"
                        + " pump bursts the balloon)");
            }
            if (thresholds || types) {
                throw new UsageException(file + ": key 'burst_probability' draws the thresholds, so it cannot be set"
                        + " with '" + (thresholds ? "thresholds" : "balloon_types") + "'");
            }
            return p;
        }

        /** Names become paths and are printed in resume commands: a newline or NUL would break both. */
        private void noControlCharacters(String key, String value) {
            if (value != null && hasControlCharacter(value)) {
                throw new UsageException(file + ": key '" + key + "' must not contain control characters (newline,"
                        + " tab, NUL...), but is: '" + visible(value.length() > 80 ? value.substring(0, 80) + "..."
                        : value) + "'");
            }
        }

        private String outputDir() {
            String dir = string("output_dir", "logs");
            noControlCharacters("output_dir", dir);
            return dir;
        }

        private String suggestion(String key) {
            String best = null;
            int bestDistance = 3;
            for (String k : acceptedKeys()) {
                int d = distance(key.toLowerCase(Locale.ROOT), k);
                if (d < bestDistance) {
                    best = k;
                    bestDistance = d;
                }
            }
            return best == null ? "" : " (did you mean '" + best + "'?)";
        }

        private List<String> models() {
            JsonNode list = get("model_list");
            JsonNode single = get("model");
            List<String> models = new ArrayList<>();
            if (list != null) {
                if (!list.isArray() || list.isEmpty()) {
                    throw bad("model_list", list, "must be a non-empty list of model names");
                }
                Set<String> seen = new LinkedHashSet<>();
                for (int i = 0; i < list.size(); i++) {
                    JsonNode m = list.get(i);
                    if (m == null || !m.isTextual() || m.asText().isBlank()) {
                        throw bad("model_list[" + i + "]", m, "must be a model name");
                    }
                    if (!seen.add(m.asText().strip())) {
                        throw bad("model_list[" + i + "]", m, "must not repeat an earlier model");
                    }
                }
                models.addAll(seen);
                if (single != null) {
                    warnings.add(file + ": key 'model' is ignored because 'model_list' is set");
                }
            } else if (single != null) {
                if (!single.isTextual() || single.asText().isBlank()) {
                    throw bad("model", single, "must be a model name");
                }
                models.add(single.asText().strip());
            } else {
                throw new UsageException(file + ": key 'model_list' is missing; name at least one model"
                        + " (e.g. model_list: [openai/gpt-4o-mini], or backend: simulated with crra:2)");
            }
            return List.copyOf(models);
        }

        private List<Integer> thresholds(int min, int max) {
            JsonNode v = get("thresholds");
            if (v == null) {
                return null;
            }
            if (!v.isArray() || v.isEmpty()) {
                throw bad("thresholds", v, "must be a non-empty list of whole numbers");
            }
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode t = v.get(i);
                if (!t.isIntegralNumber() || !t.canConvertToInt()) {
                    throw bad("thresholds[" + i + "]", t, "must be a whole number");
                }
                if (t.intValue() < 1) {
                    throw bad("thresholds[" + i + "]", t, "must be >= 1 (a threshold is the pump that bursts)");
                }
                if (t.intValue() < min || t.intValue() > max) {
                    throw bad("thresholds[" + i + "]", t, "must be between min_pumps and max_pumps (" + min + ".."
                            + max + ")");
                }
                out.add(t.intValue());
            }
            return List.copyOf(out);
        }

        private List<BalloonType> balloonTypes() {
            JsonNode v = get("balloon_types");
            if (v == null) {
                return null;
            }
            if (!v.isArray() || v.isEmpty()) {
                throw bad("balloon_types", v, "must be a non-empty list of {label, max_pumps, count}");
            }
            List<BalloonType> out = new ArrayList<>();
            Set<String> labels = new LinkedHashSet<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode t = v.get(i);
                String at = "balloon_types[" + i + "]";
                if (!t.isObject()) {
                    throw bad(at, t, "must be a mapping {label, max_pumps, count}");
                }
                Iterator<String> keys = t.fieldNames();
                while (keys.hasNext()) {
                    String k = keys.next();
                    if (!Set.of("label", "max_pumps", "count").contains(k)) {
                        throw new UsageException(file + ": unknown key '" + at + "." + k
                                + "'; a balloon type has label, max_pumps, count");
                    }
                }
                JsonNode label = t.get("label");
                if (label == null || !label.isTextual() || label.asText().isBlank()) {
                    throw bad(at + ".label", label, "must be a name such as blue");
                }
                if (!labels.add(label.asText())) {
                    throw bad(at + ".label", label, "must not repeat an earlier type");
                }
                JsonNode cap = t.get("max_pumps");
                if (cap == null || !cap.isIntegralNumber() || cap.intValue() < 1) {
                    throw bad(at + ".max_pumps", cap, "must be a whole number >= 1");
                }
                JsonNode count = t.get("count");
                if (count == null || !count.isIntegralNumber() || count.intValue() < 1) {
                    throw bad(at + ".count", count, "must be a whole number >= 1");
                }
                out.add(new BalloonType(label.asText(), cap.intValue(), count.intValue()));
            }
            return List.copyOf(out);
        }

        private String baseUrl() {
            String url = string("base_url", null);
            if (url == null) {
                return null;
            }
            try {
                URI uri = new URI(url);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw bad("base_url", get("base_url"), "must be an http:// or https:// URL");
                }
            } catch (URISyntaxException e) {
                throw bad("base_url", get("base_url"), "must be an http:// or https:// URL");
            }
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }

        private Map<String, String> personas() {
            JsonNode v = get("personas");
            if (v == null) {
                return Map.of();
            }
            if (!v.isObject() || v.isEmpty()) {
                throw bad("personas", v, "must be a mapping of condition name to system prompt");
            }
            Map<String, String> out = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = v.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().isBlank()) {
                    throw bad("personas", v, "must not have an empty condition name");
                }
                if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                    throw bad("personas." + e.getKey(), e.getValue(), "must be a system prompt (text)");
                }
                out.put(e.getKey(), e.getValue().asText());
            }
            return java.util.Collections.unmodifiableMap(out);
        }

        /** {key, source}; the key is never put into a message. */
        private String[] apiKey(String backend, String baseUrl) {
            if (!needsApiKey) {
                return new String[] {null, "none"};
            }
            switch (backend) {
                case "openrouter": {
                    String fromEnv = env.get("OPENROUTER_API_KEY");
                    if (fromEnv != null && !fromEnv.isBlank()) {
                        return new String[] {fromEnv.strip(), "env:OPENROUTER_API_KEY"};
                    }
                    String fromFile = string("openrouter_api_key", null);
                    if (fromFile != null) {
                        warnings.add(file + ": key 'openrouter_api_key' is used; prefer the environment variable"
                                + " OPENROUTER_API_KEY so the key stays out of files");
                        return new String[] {fromFile, "config:openrouter_api_key"};
                    }
                    throw new UsageException(file + ": backend 'openrouter' needs an API key: set OPENROUTER_API_KEY"
                            + " in the environment (or openrouter_api_key in the config)");
                }
                case "openai": {
                    String fromEnv = env.get("OPENAI_API_KEY");
                    if (fromEnv != null && !fromEnv.isBlank()) {
                        return new String[] {fromEnv.strip(), "env:OPENAI_API_KEY"};
                    }
                    String fromFile = string("openai_api_key", null);
                    if (fromFile != null) {
                        warnings.add(file + ": key 'openai_api_key' is used; prefer the environment variable"
                                + " OPENAI_API_KEY so the key stays out of files");
                        return new String[] {fromFile, "config:openai_api_key"};
                    }
                    if (baseUrl == null) {
                        throw new UsageException(file + ": backend 'openai' without base_url talks to OpenAI and needs"
                                + " OPENAI_API_KEY in the environment (a local server: set base_url)");
                    }
                    return new String[] {null, "none"};
                }
                default:
                    return new String[] {null, "none"};
            }
        }
    }

    /** Levenshtein distance, for "did you mean" hints on unknown keys. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
