package io.github.bart4j.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/** Finds a JSON object inside an answer ({@code ... {"decision": "pump"} ...}), for the parsers. */
final class EmbeddedJson {

    /** Lenient, as models write JSON: single quotes, unquoted names, trailing commas. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private EmbeddedJson() {
    }

    /** The object between the first '{' and the last '}', or {@code null} when there is none or it is not JSON. */
    static JsonNode object(String answer) {
        int open = answer.indexOf('{');
        int close = answer.lastIndexOf('}');
        if (open < 0 || close < open) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(answer.substring(open, close + 1));
            return node != null && node.isObject() ? node : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
