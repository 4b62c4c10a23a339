package io.github.bart4j.examples.cli;

import java.util.Map;

/**
 * The config key behind each Java parameter the config layer sets. Java messages name Java
 * parameters ({@code "maxTokens must be >= 1, but is 0"}); {@link ConfigLoader} checks every key
 * itself first, so a user sees its one-line message naming the key. This translation is the
 * backstop for a rule a builder has and the loader does not: the message then still names the key.
 */
final class ConfigKeys {

    /** Java parameter to config key, for the parameters the config layer passes on. */
    static final Map<String, String> BY_PARAMETER = Map.ofEntries(
            Map.entry("modelName", "model_list"),
            Map.entry("baseUrl", "base_url"),
            Map.entry("apiKey", "openrouter_api_key / openai_api_key"),
            Map.entry("temperature", "temperature"),
            Map.entry("seed", "model_seed"),
            Map.entry("maxTokens", "max_tokens"),
            Map.entry("timeout", "request_timeout_seconds"),
            Map.entry("maxResponseBytes", "max_response_bytes"),
            Map.entry("maxRetries", "max_retries"),
            Map.entry("maxConcurrency", "max_concurrency_per_model"),
            Map.entry("maxConcurrencyPerParticipant", "max_concurrency_per_model"),
            Map.entry("maxInvalidAnswers", "max_invalid_retries"),
            Map.entry("minPumps", "min_pumps"),
            Map.entry("maxPumps", "max_pumps"),
            Map.entry("count", "num_balloons"),
            Map.entry("rewardPerPump", "reward_per_pump"),
            Map.entry("burstProbability", "burst_probability"));

    private ConfigKeys() {
    }

    /**
     * {@code message} with the Java parameter it starts with replaced by {@code key 'yaml_key'};
     * a message starting otherwise is returned as it is.
     */
    static String translate(String message) {
        if (message == null) {
            return "";
        }
        int space = message.indexOf(' ');
        String first = space < 0 ? message : message.substring(0, space);
        String key = BY_PARAMETER.get(first);
        return key == null ? message : "key '" + key + "'" + message.substring(first.length());
    }
}
