package io.github.bart4j.examples.cli;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The run parameters a report shows: the config recorded in a run's manifest, without what does
 * not apply to that run — keys never set ({@code null}, empty lists and mappings), the OpenRouter
 * headers on other backends, the request settings of the simulated backend (which sends no
 * request), and {@code balloon_order} without {@code balloon_types}.
 */
final class ReportParameters {

    /** Keys that only shape HTTP requests to a model: meaningless for {@code backend: simulated}. */
    private static final Set<String> REQUEST_KEYS = Set.of("base_url", "api_key_source", "http_referer", "x_title",
            "request_timeout_seconds", "max_retries", "max_response_bytes", "structured_output", "temperature",
            "max_tokens", "model_seed");

    /** Headers only OpenRouter reads. */
    private static final Set<String> OPENROUTER_KEYS = Set.of("http_referer", "x_title");

    private ReportParameters() {
    }

    /** The entries of a manifest's {@code config} that apply to its run, in the manifest's order. */
    static Map<String, Object> of(Map<?, ?> config) {
        String backend = String.valueOf(config.get("backend"));
        Map<String, Object> out = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (v == null || v instanceof Collection<?> c && c.isEmpty() || v instanceof Map<?, ?> m && m.isEmpty()
                    || v instanceof String s && s.isEmpty()) {
                return; // not set for this run
            }
            if (backend.equals("simulated") && REQUEST_KEYS.contains(key)
                    || !backend.equals("openrouter") && OPENROUTER_KEYS.contains(key)) {
                return; // does not apply to this backend
            }
            if (key.equals("balloon_order") && !(config.get("balloon_types") instanceof Collection<?> t && !t.isEmpty())) {
                return; // orders typed balloons only
            }
            out.put(key, v);
        });
        return out;
    }
}
