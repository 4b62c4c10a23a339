package io.github.bart4j.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bart4j.core.TokenPrice;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A config's cost keys: {@code max_cost_usd}, {@code max_tokens_total} and {@code prices}
 * (model name to {@code {prompt_per_million, completion_per_million}} in US dollars per million
 * tokens). All three are operational: they may change between resumes.
 *
 * @param maxCostUsd the dollar budget, or {@code null}
 * @param maxTokensTotal the token budget (prompt + completion), or {@code null}
 * @param prices prices by model name, never {@code null}
 */
record CostSettings(Double maxCostUsd, Long maxTokensTotal, Map<String, TokenPrice> prices) {

    static final CostSettings NONE = new CostSettings(null, null, Map.of());
    static final Set<String> KEYS = Set.of("max_cost_usd", "max_tokens_total", "prices");

    /** Builds the one-line error for a bad value of a key. */
    interface Bad {
        UsageException of(String key, JsonNode value, String rule);
    }

    /** Reads the keys' values (each {@code null} when absent). */
    static CostSettings read(JsonNode maxCost, JsonNode maxTokens, JsonNode prices, Bad bad) {
        Double cost = null;
        if (maxCost != null) {
            if (!maxCost.isNumber() || !(maxCost.doubleValue() > 0) || !Double.isFinite(maxCost.doubleValue())) {
                throw bad.of("max_cost_usd", maxCost, "must be a number > 0 (US dollars)");
            }
            cost = maxCost.doubleValue();
        }
        Long tokens = null;
        if (maxTokens != null) {
            if (!maxTokens.isIntegralNumber() || !maxTokens.canConvertToLong() || maxTokens.longValue() < 1) {
                throw bad.of("max_tokens_total", maxTokens, "must be a whole number >= 1");
            }
            tokens = maxTokens.longValue();
        }
        Map<String, TokenPrice> byModel = new LinkedHashMap<>();
        if (prices != null) {
            if (!prices.isObject() || prices.isEmpty()) {
                throw bad.of("prices", prices, "must be a mapping of model name to {prompt_per_million,"
                        + " completion_per_million}");
            }
            Iterator<Map.Entry<String, JsonNode>> it = prices.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = "prices." + e.getKey();
                JsonNode p = e.getValue();
                if (!p.isObject()) {
                    throw bad.of(at, p, "must be a mapping {prompt_per_million, completion_per_million}");
                }
                Iterator<String> names = p.fieldNames();
                while (names.hasNext()) {
                    String k = names.next();
                    if (!k.equals("prompt_per_million") && !k.equals("completion_per_million")) {
                        throw bad.of(at + "." + k, p.get(k), "is not a price key (prompt_per_million,"
                                + " completion_per_million)");
                    }
                }
                byModel.put(e.getKey(), new TokenPrice(perMillion(at + ".prompt_per_million",
                        p.get("prompt_per_million"), bad), perMillion(at + ".completion_per_million",
                        p.get("completion_per_million"), bad)));
            }
        }
        return new CostSettings(cost, tokens, java.util.Collections.unmodifiableMap(byModel));
    }

    private static double perMillion(String key, JsonNode v, Bad bad) {
        if (v == null || !v.isNumber() || !(v.doubleValue() >= 0) || !Double.isFinite(v.doubleValue())) {
            throw bad.of(key, v, "must be a number >= 0 (US dollars per million tokens)");
        }
        return v.doubleValue();
    }
}
