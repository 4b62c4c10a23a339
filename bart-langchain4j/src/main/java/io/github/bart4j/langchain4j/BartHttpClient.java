package io.github.bart4j.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP client bart4j gives LangChain4j's models (through {@code httpClientBuilder}): plain
 * {@code java.net.http}, plus what LangChain4j 1.11 does not do:
 * <ul>
 *   <li>non-2xx answers become a {@link ProviderHttpException} carrying {@code Retry-After};</li>
 *   <li>an HTTP-200 body {@code {"error": ...}} and a body that is not JSON become one too, so they
 *       are retried instead of failing inside LangChain4j's parsing;</li>
 *   <li>the {@linkplain ChatModels.Builder#timeout timeout} is a deadline for the whole exchange, the
 *       body included, so a stalled or trickling body cannot hang a run;</li>
 *   <li>at most {@linkplain ChatModels.Builder#maxResponseBytes a number of bytes} of a body are read; a
 *       longer successful answer becomes a {@link ResponseTooLargeException};</li>
 *   <li>with debug on, request and response are logged in full at DEBUG, with the
 *       {@code Authorization} header masked and every occurrence of the key replaced by {@code ***}.</li>
 * </ul>
 * Streaming is not supported (bart4j does not stream).
 */
final class BartHttpClient implements HttpClient {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.bart4j.langchain4j.http");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final java.net.http.HttpClient jdk;
    private final Duration readTimeout;
    private final int maxResponseBytes;
    private final boolean debug;
    private final Secret secret;
    private final Clock clock;

    private BartHttpClient(Builder b) {
        java.net.http.HttpClient.Builder jb = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1);
        if (b.connectTimeout != null) {
            jb.connectTimeout(b.connectTimeout);
        }
        this.jdk = jb.build();
        this.readTimeout = b.readTimeout;
        this.maxResponseBytes = b.maxResponseBytes;
        this.debug = b.debug;
        this.secret = b.secret;
        this.clock = b.clock;
    }

    static Builder builder(boolean debug, Secret secret, Clock clock, int maxResponseBytes) {
        return new Builder(debug, secret, clock, maxResponseBytes);
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        java.net.http.HttpRequest.Builder rb = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
        request.headers().forEach((name, values) -> {
            if (values != null) {
                values.forEach(v -> rb.header(name, v));
            }
        });
        String body = request.body();
        rb.method(request.method().name(), body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (readTimeout != null) {
            rb.timeout(readTimeout);
        }
        if (debug && LOG.isDebugEnabled()) {
            LOG.debug("request {} {}\nheaders: {}\nbody: {}", request.method(), redact(request.url()),
                    headersForLog(request.headers()), redact(body));
        }
        HttpResponse<CappedBody.Body> response = exchange(rb.build(), request.url());
        CappedBody.Body capped = response.body();
        String text = new String(capped.bytes(), charset(response));
        int status = response.statusCode();
        if (debug && LOG.isDebugEnabled()) {
            LOG.debug("response {} from {}\nheaders: {}\nbody: {}", status, redact(request.url()),
                    headersForLog(response.headers().map()), redact(text));
        }
        if (capped.truncated() && status >= 200 && status < 300) {
            throw new ResponseTooLargeException(maxResponseBytes,
                    response.headers().firstValueAsLong("Content-Length").orElse(-1), redact(text));
        }
        if (status < 200 || status >= 300) {
            Duration retryAfter = parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null), clock);
            throw new ProviderHttpException(ProviderHttpException.Kind.STATUS, status, retryAfter,
                    redact(errorMessage(text)));
        }
        JsonNode node;
        try {
            node = text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw new ProviderHttpException(ProviderHttpException.Kind.MALFORMED, status, null,
                    Retrier.shorten(redact(text)));
        }
        JsonNode error = node.get("error");
        if (error != null && !error.isNull() && node.get("choices") == null && node.get("message") == null) {
            int code = error.path("code").asInt(502);
            Duration retryAfter = parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null), clock);
            throw new ProviderHttpException(ProviderHttpException.Kind.ERROR_BODY, code, retryAfter,
                    redact(errorMessage(text)));
        }
        if (!isChatAnswer(node)) {
            throw new ProviderHttpException(ProviderHttpException.Kind.MALFORMED, status, null,
                    "no choices (OpenAI) or message (Ollama) in " + Retrier.shorten(redact(text)));
        }
        return SuccessfulHttpResponse.builder()
                .statusCode(status)
                .headers(response.headers().map())
                .body(text)
                .build();
    }

    /**
     * Sends the request and reads the answer within {@code readTimeout}, counted from the start and
     * covering the body too (JDK 17's {@code HttpRequest.timeout} covers only the headers): a server
     * that stalls or trickles its body is cut off, the exchange cancelled and its connection closed.
     * An interrupt cancels the exchange too.
     */
    private HttpResponse<CappedBody.Body> exchange(java.net.http.HttpRequest jdkRequest, String url) {
        CompletableFuture<HttpResponse<CappedBody.Body>> future =
                jdk.sendAsync(jdkRequest, info -> new CappedBody(maxResponseBytes));
        try {
            return readTimeout == null ? future.get() : future.get(readTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            if (debug) {
                LOG.debug("request {} got no complete answer within {}", redact(url), readTimeout);
            }
            throw new TimeoutException("no complete answer within " + readTimeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                if (debug) {
                    LOG.debug("request {} timed out: {}", redact(url), cause.getMessage());
                }
                throw new TimeoutException(cause);
            }
            if (cause instanceof IOException) {
                if (debug) {
                    LOG.debug("request {} failed: {}", redact(url), cause.toString());
                }
                throw new UncheckedIOException("connection failed: " + cause.getClass().getSimpleName(),
                        (IOException) cause);
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException("request failed: " + cause, cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a request", e);
        }
    }

    private static Charset charset(HttpResponse<?> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        int at = type.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at >= 0) {
            String name = type.substring(at + 8).split(";", 2)[0].strip().replace("\"", "");
            try {
                return Charset.forName(name);
            } catch (IllegalArgumentException e) {
                // unknown charset: UTF-8, as the JDK's string handler does
            }
        }
        return StandardCharsets.UTF_8;
    }

    /**
     * Whether a 2xx body has what LangChain4j reads an answer from: a non-empty {@code choices}
     * array (OpenAI-compatible) or a {@code message} object (Ollama). Without this check a body
     * lacking them fails later inside LangChain4j's mapping as a {@code NullPointerException},
     * indistinguishable from a bug.
     */
    private static boolean isChatAnswer(JsonNode node) {
        JsonNode choices = node.get("choices");
        JsonNode message = node.get("message");
        return choices != null && choices.isArray() && !choices.isEmpty() || message != null && message.isObject();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        throw new UnsupportedOperationException("bart4j's HTTP client does not stream");
    }

    /** Seconds ({@code 120}, {@code 1.5}) or an HTTP date; {@code null} when absent or unreadable. */
    static Duration parseRetryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            double seconds = Double.parseDouble(v);
            return seconds <= 0 || Double.isNaN(seconds) ? Duration.ZERO
                    : Duration.ofNanos((long) Math.ceil(seconds * 1e9));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /** The {@code error.message} of a JSON error body, or the body itself, shortened. */
    static String errorMessage(String body) {
        if (body == null) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode message = node.path("error").path("message");
            if (message.isTextual()) {
                return Retrier.shorten(message.asText());
            }
            JsonNode error = node.path("error");
            if (error.isTextual()) {
                return Retrier.shorten(error.asText());
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: fall through
        }
        return Retrier.shorten(body);
    }

    private String redact(String text) {
        return secret == null || text == null ? text : secret.redact(text);
    }

    private String headersForLog(Map<String, List<String>> headers) {
        Map<String, Object> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean sensitive = lower.equals("authorization") || lower.equals("proxy-authorization")
                    || lower.contains("api-key") || lower.contains("apikey") || lower.equals("cookie");
            out.put(name, sensitive ? "***" : redact(String.valueOf(values)));
        });
        return out.toString();
    }

    /** Builds {@link BartHttpClient}; LangChain4j sets the timeouts. */
    static final class Builder implements HttpClientBuilder {
        private final boolean debug;
        private final Secret secret;
        private final Clock clock;
        private final int maxResponseBytes;
        private Duration connectTimeout;
        private Duration readTimeout;

        private Builder(boolean debug, Secret secret, Clock clock, int maxResponseBytes) {
            this.debug = debug;
            this.secret = secret;
            this.clock = clock;
            this.maxResponseBytes = maxResponseBytes;
        }

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        @Override
        public BartHttpClient build() {
            return new BartHttpClient(this);
        }
    }
}
