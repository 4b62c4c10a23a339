package io.github.bart4j.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bart4j.core.TokenPrice;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * OpenRouter's model list, {@code GET {base_url}/models}: each model's {@code id} and
 * {@code pricing.prompt} / {@code pricing.completion}, US dollars per token as decimal strings.
 * The list is public: no API key is sent.
 */
final class OpenRouterPrices {

    static final long MAX_BYTES = 50_000_000;

    private OpenRouterPrices() {
    }

    /**
     * Prices per model id.
     *
     * @throws IOException naming the URL when the list cannot be fetched or read
     */
    static Map<String, TokenPrice> fetch(String baseUrl, Duration timeout) throws IOException {
        String url = baseUrl + "/models";
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET()
                .header("Accept", "application/json").build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(url + ": interrupted");
        } catch (IOException e) {
            throw new IOException(url + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        JsonNode root;
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(url + ": HTTP " + response.statusCode());
            }
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BYTES + 1));
            if (body.length > MAX_BYTES) {
                throw new IOException(url + ": the model list is larger than " + MAX_BYTES + " bytes");
            }
            root = new ObjectMapper().readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(url + ": not a JSON model list");
        }
        Map<String, TokenPrice> prices = new HashMap<>();
        for (JsonNode m : root.path("data")) {
            JsonNode pricing = m.path("pricing");
            BigDecimal prompt = perToken(pricing.path("prompt"));
            BigDecimal completion = perToken(pricing.path("completion"));
            if (m.path("id").isTextual() && prompt != null && completion != null) {
                prices.put(m.path("id").asText(), new TokenPrice(prompt.movePointRight(6).doubleValue(),
                        completion.movePointRight(6).doubleValue()));
            }
        }
        return prices;
    }

    private static BigDecimal perToken(JsonNode v) {
        try {
            BigDecimal d = v.isTextual() ? new BigDecimal(v.asText().strip()) : v.isNumber() ? v.decimalValue() : null;
            return d == null || d.signum() < 0 ? null : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
