package io.github.bart4j.examples.cli;

import io.github.bart4j.core.BalloonType;
import java.util.List;
import java.util.Map;

/**
 * A validated run configuration: the seed's {@code bart_config.yaml} keys plus bart4j's additions
 * (each documented in docs/configuration.md). Built only by {@link ConfigLoader}; every field is checked.
 *
 * <p>{@code sizes} (model name to size, for the model ladder) is empty when the config has none.
 *
 * <p>{@code apiKey} is the secret; {@link #toString()} never shows it.
 */
public record RunConfig(
        String experimentName,
        int minPumps,
        int maxPumps,
        double rewardPerPump,
        int numBalloons,
        List<String> models,
        String backend,
        String baseUrl,
        String apiKey,
        String apiKeySource,
        boolean debug,
        String outputDir,
        boolean logJson,
        boolean logCsv,
        List<Integer> thresholds,
        Long seed,
        List<BalloonType> balloonTypes,
        String balloonOrder,
        int epochs,
        Double temperature,
        Integer maxTokens,
        Integer modelSeed,
        String conversation,
        int maxInvalidRetries,
        boolean structuredOutput,
        int maxConcurrency,
        int maxConcurrencyPerModel,
        double requestTimeoutSeconds,
        int maxRetries,
        int maxResponseBytes,
        Map<String, String> personas,
        Map<String, Double> sizes,
        String task,
        boolean discloseRange,
        String httpReferer,
        String appTitle,
        List<String> warnings,
        CostSettings cost,
        Double burstProbability) {

    /** A balloon type as the config gives it, keys in a fixed order (files written twice are the same bytes). */
    private static Map<String, Object> balloonType(BalloonType t) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("label", t.label());
        m.put("max_pumps", t.capacity());
        m.put("count", t.count());
        return m;
    }

    /** The config as recorded in manifests and compared on resume: everything but the secret. */
    public Map<String, Object> publicView() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("experiment_name", experimentName);
        m.put("backend", backend);
        m.put("base_url", baseUrl);
        m.put("model_list", models);
        m.put("min_pumps", minPumps);
        m.put("max_pumps", maxPumps);
        m.put("reward_per_pump", rewardPerPump);
        m.put("num_balloons", numBalloons);
        if (burstProbability != null) { // only then: a classic run's files stay as they were
            m.put("burst_probability", burstProbability);
        }
        m.put("thresholds", thresholds);
        m.put("seed", seed);
        m.put("balloon_types", balloonTypes == null ? null : balloonTypes.stream()
                .map(RunConfig::balloonType).toList());
        m.put("balloon_order", balloonOrder);
        m.put("epochs", epochs);
        m.put("task", task);
        m.put("temperature", temperature);
        m.put("max_tokens", maxTokens);
        m.put("model_seed", modelSeed);
        m.put("conversation", conversation);
        m.put("max_invalid_retries", maxInvalidRetries);
        m.put("structured_output", structuredOutput);
        m.put("disclose_range", discloseRange);
        m.put("personas", personas);
        if (!sizes.isEmpty()) { // for the model ladder of analyze and plot; not an experiment key
            m.put("sizes", sizes);
        }
        m.put("max_concurrency", maxConcurrency);
        m.put("max_concurrency_per_model", maxConcurrencyPerModel);
        m.put("request_timeout_seconds", requestTimeoutSeconds);
        m.put("max_retries", maxRetries);
        m.put("max_response_bytes", maxResponseBytes);
        m.put("debug_mode", debug);
        m.put("output_dir", outputDir);
        m.put("log_json", logJson);
        m.put("log_csv", logCsv);
        m.put("http_referer", httpReferer);
        m.put("x_title", appTitle);
        m.put("api_key_source", apiKeySource);
        return m;
    }

    /**
     * The keys that decide what is asked and how it is scored: a resumed run must agree on these.
     * Operational keys (concurrency, timeouts, retries, debug, output) may change between resumes.
     */
    public static final List<String> EXPERIMENT_KEYS = List.of("backend", "base_url", "model_list", "min_pumps",
            "max_pumps", "reward_per_pump", "num_balloons", "thresholds", "seed", "balloon_types", "balloon_order",
            "epochs", "task", "temperature", "max_tokens", "model_seed", "conversation", "max_invalid_retries", "structured_output",
            "disclose_range", "personas", "burst_probability");

    @Override
    public String toString() {
        return "RunConfig" + publicView();
    }
}
