package io.github.bart4j.langchain4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.bart4j.langchain4j.FakeChatModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * A fake LLM service on {@code 127.0.0.1} for benchmarks and reliability tests. It speaks
 * OpenAI/OpenRouter chat completions ({@code POST /v1/chat/completions}, also
 * {@code /api/v1/chat/completions}) and Ollama's non-streaming {@code POST /api/chat}, with the
 * response shapes those services document.
 *
 * <p>The request's {@code model} names a BART policy ({@code crra:2}, {@code fixed:5},
 * {@code random:0.3}, {@code ev-optimal}); the server rebuilds the conversation as a LangChain4j
 * {@link ChatRequest} and answers what {@link FakeChatModel#policy(String)} answers, with its token
 * usage. A model that is not a policy gets HTTP 404. For Ollama's model check it answers
 * {@code GET /api/tags} with the {@linkplain Builder#ollamaModels pulled models} (none unless set)
 * and {@code POST /api/show} with 200 for a pulled model (any policy unless the list is set), else 404.
 *
 * <p>Options: a fixed latency per call and {@linkplain Fault faults} chosen per request by a
 * {@linkplain Builder#faults(Function) function}, by request number or at a seeded rate. Every request
 * is recorded ({@link #requests()}) with its model, balloon and fault, so tests can count requests
 * per (model, balloon). With {@linkplain Builder#price prices} it reports each completion's cost as
 * OpenRouter does ({@code usage.cost}) and lists the priced models on {@code GET /v1/models} (also
 * {@code /api/v1/models}) with OpenRouter's {@code pricing.prompt} / {@code pricing.completion}
 * (dollars per token, as strings); model-list requests are not counted as requests. The server is bounded: it answers at most
 * {@linkplain Builder#maxRequests(int) a number of requests} (then 503) and closes itself after
 * {@linkplain Builder#lifetime(Duration) a lifetime}; {@link #close()} stops it at once.
 *
 * <p>The server is Jetty 12 (core, no servlets; {@code org.eclipse.jetty:jetty-server} must be on the
 * test class path). Every accepted connection has TCP_NODELAY set, so an answer written in more than one
 * packet (a stalled or trickled body) never waits for the client's delayed ACK (about 40 ms on Linux);
 * nothing JVM-wide is changed. Calls wait out their latency on their own threads (at most
 * {@value #MAX_THREADS} at once).
 *
 * <pre>{@code
 * try (FakeLlmServer server = FakeLlmServer.builder().latency(Duration.ofMillis(200)).start()) {
 *     String baseUrl = server.openAiBaseUrl();   // http://127.0.0.1:PORT/v1
 * }
 * }</pre>
 */
public final class FakeLlmServer implements AutoCloseable {

    /** What the server does instead of answering normally. */
    public enum Fault {
        /** HTTP 429 with a {@code Retry-After} header ({@link Builder#retryAfterSeconds}). */
        RATE_LIMITED,
        /** HTTP 500. */
        SERVER_ERROR,
        /** HTTP 503. */
        UNAVAILABLE,
        /** HTTP 200 whose body is {@code {"error": {...}}} (OpenRouter's provider errors). */
        ERROR_BODY,
        /** HTTP 200, a well-formed completion whose content is empty. */
        EMPTY_CONTENT,
        /**
         * HTTP 200, a well-formed completion whose content is neither a decision nor a pump count:
         * {@value FakeLlmServer#UNREADABLE_TEXT}.
         */
        UNREADABLE,
        /** HTTP 200, the completion's JSON cut in the middle. */
        TRUNCATED_JSON,
        /** The connection is closed without any response. */
        CONNECTION_RESET,
        /** The answer comes after {@link Builder#slowDelay} (longer than the client's timeout). */
        TIMEOUT,
        /** HTTP 200 headers and the first byte of the body, then nothing until the server closes. */
        STALL_BODY,
        /** HTTP 200 and a normal completion, sent one byte a second. */
        TRICKLE_BODY,
        /** HTTP 200, a well-formed completion whose content is {@link Builder#oversizeBytes} long. */
        OVERSIZED
    }

    /**
     * One request as the server saw it.
     *
     * @param number       1-based, in arrival order
     * @param model        the request's {@code model}
     * @param balloon      the balloon id from the last {@code "Balloon #n"} user message, or 0
     * @param conversationRequest 1-based number of this request among those for (model, balloon)
     * @param nanoTime     {@link System#nanoTime()} at arrival
     * @param fault        the fault injected, or {@code null} for a normal answer
     */
    public record Request(int number, String model, int balloon, int conversationRequest, long nanoTime,
            Fault fault) {
    }

    /** The most requests served at once (each waits out its latency on its own thread). */
    public static final int MAX_THREADS = 2048;

    /** The content of an {@link Fault#UNREADABLE} answer. */
    public static final String UNREADABLE_TEXT = "I am a teapot.";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BALLOON = Pattern.compile("Balloon #(\\d+)");

    private final Server server;
    private final ServerConnector connector;
    private final ScheduledExecutorService timer;
    private final Duration latency;
    private final Map<String, Duration> modelLatency;
    private final Duration slowDelay;
    private final int retryAfterSeconds;
    private final int oversizeBytes;
    private final int maxRequests;
    private final Function<Request, Fault> faults;
    private final List<String> ollamaModels;
    private final AtomicInteger count = new AtomicInteger();
    private final Map<String, AtomicInteger> perConversation = new ConcurrentHashMap<>();
    private final Map<String, FakeChatModel> models = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<String, double[]> prices;

    private FakeLlmServer(Builder b) throws IOException {
        this.latency = b.latency;
        this.modelLatency = Map.copyOf(b.modelLatency);
        this.slowDelay = b.slowDelay;
        this.retryAfterSeconds = b.retryAfterSeconds;
        this.oversizeBytes = b.oversizeBytes;
        this.maxRequests = b.maxRequests;
        this.faults = b.faults;
        this.ollamaModels = b.ollamaModels;
        this.prices = Map.copyOf(b.prices);
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4);
        threads.setName("fake-llm-server");
        threads.setDaemon(true);
        threads.setStopTimeout(0);
        this.server = new Server(threads, new ScheduledExecutorScheduler("fake-llm-server-scheduler", true), null);
        server.setStopTimeout(0);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(1024);
        connector.setAcceptedTcpNoDelay(true);
        connector.setIdleTimeout(b.lifetime.toMillis());
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, Response response, Callback callback) {
                try {
                    FakeLlmServer.this.handle(request, response);
                    callback.succeeded();
                } catch (Throwable e) {
                    callback.failed(e);
                }
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new IOException("cannot start Jetty", e);
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fake-llm-server-lifetime");
            t.setDaemon(true);
            return t;
        });
        timer.schedule(this::close, b.lifetime.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A server with no latency and no faults. */
    public static FakeLlmServer start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The port on 127.0.0.1. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Base URL for OpenAI-compatible clients: {@code http://127.0.0.1:PORT/v1}. */
    public String openAiBaseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** Base URL for Ollama clients: {@code http://127.0.0.1:PORT}. */
    public String ollamaBaseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Every request received so far, in arrival order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** How many requests arrived. */
    public int requestCount() {
        return count.get();
    }

    /** How many requests arrived for (model, balloon). */
    public int requestCount(String model, int balloon) {
        AtomicInteger n = perConversation.get(key(model, balloon));
        return n == null ? 0 : n.get();
    }

    /** Requests per (model, balloon), keyed {@code "model#balloon"}, sorted. */
    public Map<String, Integer> requestCounts() {
        Map<String, Integer> out = new TreeMap<>();
        perConversation.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Stops the server at once; requests in flight are dropped. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                server.stop();
            } catch (Exception e) {
                // stopping drops requests in flight, as documented; nothing else can go wrong here
            }
            if (timer != null) {
                timer.shutdownNow();
            }
        }
    }

    private static String key(String model, int balloon) {
        return model + "#" + balloon;
    }

    private void handle(org.eclipse.jetty.server.Request request, Response response) throws IOException {
        try {
            String path = request.getHttpURI().getPath();
            String method = request.getMethod();
            if ("GET".equals(method) && (path.equals("/v1/models") || path.equals("/api/v1/models"))) {
                send(response, 200, modelList());
                return;
            }
            boolean ollama = path.equals("/api/chat");
            boolean openAi = path.equals("/v1/chat/completions") || path.equals("/api/v1/chat/completions");
            if (path.equals("/api/tags") || path.equals("/api/show")) {
                ollamaModelCheck(request, response, path);
                return;
            }
            if (!"POST".equals(method) || !ollama && !openAi) {
                send(response, 404, error(404, "no route " + method + " " + path));
                return;
            }
            long arrived = System.nanoTime();
            JsonNode body;
            try {
                body = JSON.readTree(Content.Source.asInputStream(request));
            } catch (IOException e) {
                send(response, 400, error(400, "request body is not JSON"));
                return;
            }
            String model = body.path("model").asText("");
            List<ChatMessage> messages = messages(body.path("messages"));
            int balloon = balloonOf(messages);
            int number = count.incrementAndGet();
            int nth = perConversation.computeIfAbsent(key(model, balloon), k -> new AtomicInteger()).incrementAndGet();
            Request seen = new Request(number, model, balloon, nth, arrived, null);
            Fault fault = number > maxRequests ? Fault.UNAVAILABLE : faults.apply(seen);
            requests.add(fault == null ? seen : new Request(number, model, balloon, nth, arrived, fault));
            pause(modelLatency.getOrDefault(model, latency));
            if (fault != null) {
                injectFault(request, response, fault, ollama, model);
                return;
            }
            FakeChatModel policy;
            try {
                policy = models.computeIfAbsent(model,
                        m -> FakeChatModel.builder().policy(m, 0L).recordRequests(false).build());
            } catch (IllegalArgumentException e) {
                send(response, 404, error(404, "model '" + model + "' is not a BART policy"));
                return;
            }
            boolean json = ollama ? "json".equals(body.path("format").asText(""))
                    || body.path("format").isObject()
                    : body.path("response_format").path("type").asText("").startsWith("json");
            ChatRequest.Builder chat = ChatRequest.builder().messages(messages);
            if (json) {
                chat.responseFormat(ResponseFormat.JSON);
            }
            ChatResponse answer;
            try {
                answer = policy.chat(chat.build());
            } catch (RuntimeException e) {
                send(response, 400, error(400, "cannot answer: " + e.getMessage()));
                return;
            }
            String text = answer.aiMessage().text();
            int in = answer.tokenUsage().inputTokenCount();
            int out = answer.tokenUsage().outputTokenCount();
            send(response, 200, ollama ? ollamaCompletion(model, text, in, out) : priced(openAiCompletion(model, text, in,
                    out), model, in, out));
        } catch (IOException | RuntimeException e) {
            if (!closed.get()) {
                throw e;
            }
        }
    }

    private void ollamaModelCheck(org.eclipse.jetty.server.Request request, Response response, String path)
            throws IOException {
        if (path.equals("/api/tags")) {
            ObjectNode tags = JSON.createObjectNode();
            var list = tags.putArray("models");
            (ollamaModels == null ? List.<String>of() : ollamaModels).forEach(m -> list.addObject().put("name", m)
                    .put("model", m));
            send(response, 200, tags);
            return;
        }
        String model = JSON.readTree(Content.Source.asInputStream(request)).path("model").asText("");
        boolean pulled;
        if (ollamaModels != null) {
            pulled = ollamaModels.contains(model);
        } else {
            try {
                FakeChatModel.builder().policy(model, 0L);
                pulled = true;
            } catch (IllegalArgumentException e) {
                pulled = false;
            }
        }
        if (pulled) {
            ObjectNode show = JSON.createObjectNode();
            show.putObject("details").put("family", "bart-policy");
            send(response, 200, show);
        } else {
            send(response, 404, error(404, "model '" + model + "' not found"));
        }
    }

    private void injectFault(org.eclipse.jetty.server.Request request, Response response, Fault fault, boolean ollama,
            String model) throws IOException {
        switch (fault) {
            case RATE_LIMITED -> {
                response.getHeaders().put("Retry-After", Integer.toString(retryAfterSeconds));
                send(response, 429, error(429, "Rate limit exceeded: fake-per-min."));
            }
            case SERVER_ERROR -> send(response, 500, error(500, "Internal server error"));
            case UNAVAILABLE -> send(response, 503, error(503, "Service unavailable"));
            case ERROR_BODY -> {
                ObjectNode body = error(502, "Provider returned error");
                ((ObjectNode) body.get("error")).putObject("metadata").put("provider_name", "Fake");
                body.put("user_id", "user_0000");
                send(response, 200, body);
            }
            case EMPTY_CONTENT -> send(response, 200, ollama ? ollamaCompletion(model, "", 10, 0)
                    : openAiCompletion(model, "", 10, 0));
            case UNREADABLE -> send(response, 200, ollama ? ollamaCompletion(model, UNREADABLE_TEXT, 10, 5)
                    : openAiCompletion(model, UNREADABLE_TEXT, 10, 5));
            case TRUNCATED_JSON -> {
                byte[] whole = JSON.writeValueAsBytes(ollama ? ollamaCompletion(model, "Pump", 10, 1)
                        : openAiCompletion(model, "Pump", 10, 1));
                send(response, 200, java.util.Arrays.copyOf(whole, whole.length / 2));
            }
            case CONNECTION_RESET ->
                // the connection is closed before anything is written: the client reads EOF
                request.getConnectionMetaData().getConnection().getEndPoint().close();
            case TIMEOUT -> {
                pause(slowDelay);
                send(response, 200, ollama ? ollamaCompletion(model, "Cash Out", 10, 2)
                        : openAiCompletion(model, "Cash Out", 10, 2));
            }
            case STALL_BODY, TRICKLE_BODY -> {
                byte[] whole = JSON.writeValueAsBytes(ollama ? ollamaCompletion(model, "Cash Out", 10, 2)
                        : openAiCompletion(model, "Cash Out", 10, 2));
                headers(response, 200, whole.length);
                try {
                    for (int i = 0; i < whole.length && !closed.get(); i++) {
                        Content.Sink.write(response, i == whole.length - 1, ByteBuffer.wrap(whole, i, 1));
                        pause(fault == Fault.STALL_BODY ? Duration.ofDays(1) : Duration.ofSeconds(1));
                    }
                } catch (IOException | IllegalStateException e) {
                    // the client gave up (or the server closed): that is the point of these faults
                }
            }
            case OVERSIZED -> {
                String content = "Pump " + "x".repeat(Math.max(0, oversizeBytes - 5));
                send(response, 200, ollama ? ollamaCompletion(model, content, 10, oversizeBytes / 4)
                        : openAiCompletion(model, content, 10, oversizeBytes / 4));
            }
            default -> throw new IllegalStateException("unknown fault " + fault);
        }
    }

    private void pause(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("fake LLM server stopped", e);
        }
    }

    private static List<ChatMessage> messages(JsonNode array) {
        List<ChatMessage> out = new ArrayList<>();
        for (JsonNode m : array) {
            String content = m.path("content").isTextual() ? m.path("content").asText() : textParts(m.path("content"));
            switch (m.path("role").asText("")) {
                case "system" -> out.add(SystemMessage.from(content));
                case "assistant" -> out.add(AiMessage.from(content));
                default -> out.add(UserMessage.from(content));
            }
        }
        return out;
    }

    private static String textParts(JsonNode parts) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode p : parts) {
            sb.append(p.path("text").asText(""));
        }
        return sb.toString();
    }

    private static int balloonOf(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage u) {
                Matcher m = BALLOON.matcher(u.singleText());
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        }
        return 0;
    }

    private static ObjectNode error(int code, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("code", code).put("message", message);
        return root;
    }

    private static ObjectNode openAiCompletion(String model, String text, int in, int out) {
        long now = Instant.now().getEpochSecond();
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "gen-" + now + "-fake").put("provider", "Fake").put("model", model)
                .put("object", "chat.completion").put("created", now);
        ArrayNode choices = root.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop").put("native_finish_reason", "stop").put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant").put("content", text);
        message.putNull("refusal");
        message.putNull("reasoning");
        root.putObject("usage").put("prompt_tokens", in).put("completion_tokens", out).put("total_tokens", in + out);
        return root;
    }

    /** Adds OpenRouter's {@code usage.cost} when {@code model} has a price. */
    private ObjectNode priced(ObjectNode completion, String model, int in, int out) {
        double[] p = prices.get(model);
        if (p != null) {
            ((ObjectNode) completion.get("usage")).put("cost", in * p[0] + out * p[1]);
        }
        return completion;
    }

    private ObjectNode modelList() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode data = root.putArray("data");
        new TreeMap<>(prices).forEach((model, p) -> data.addObject().put("id", model).put("name", model)
                .putObject("pricing").put("prompt", java.math.BigDecimal.valueOf(p[0]).toPlainString())
                .put("completion", java.math.BigDecimal.valueOf(p[1]).toPlainString()));
        return root;
    }

    private static ObjectNode ollamaCompletion(String model, String text, int in, int out) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", model).put("created_at", Instant.now().toString());
        root.putObject("message").put("role", "assistant").put("content", text);
        root.put("done_reason", "stop").put("done", true).put("total_duration", 1000).put("load_duration", 0)
                .put("prompt_eval_count", in).put("prompt_eval_duration", 500).put("eval_count", out)
                .put("eval_duration", 500);
        return root;
    }

    private static void send(Response response, int status, JsonNode body) throws IOException {
        send(response, status, JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
    }

    /** Status, headers and body in one write (one packet for small answers). */
    private static void send(Response response, int status, byte[] body) throws IOException {
        headers(response, status, body.length);
        Content.Sink.write(response, true, ByteBuffer.wrap(body));
    }

    private static void headers(Response response, int status, int contentLength) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, contentLength);
    }

    /** Configures a {@link FakeLlmServer}. */
    public static final class Builder {
        private Duration latency = Duration.ZERO;
        private final Map<String, Duration> modelLatency = new java.util.HashMap<>();
        private Duration slowDelay = Duration.ofSeconds(5);
        private int retryAfterSeconds = 1;
        private int oversizeBytes = 5 * 1024 * 1024;
        private int maxRequests = 1_000_000;
        private Duration lifetime = Duration.ofMinutes(15);
        private Function<Request, Fault> faults = r -> null;
        private List<String> ollamaModels;
        private final Map<String, double[]> prices = new java.util.HashMap<>();

        private Builder() {
        }

        /**
         * The models an Ollama client sees as pulled: listed by {@code GET /api/tags} and known to
         * {@code POST /api/show}. Unset: the list is empty and {@code /api/show} knows every policy.
         */
        public Builder ollamaModels(String... names) {
            this.ollamaModels = List.of(names);
            return this;
        }

        /**
         * Prices {@code model} in dollars per token: its completions report {@code usage.cost}, and
         * {@code GET /v1/models} lists it with these prices.
         */
        public Builder price(String model, double promptPerToken, double completionPerToken) {
            if (!(promptPerToken >= 0) || !(completionPerToken >= 0)) {
                throw new IllegalArgumentException("prices must be >= 0");
            }
            prices.put(Objects.requireNonNull(model, "model"), new double[] {promptPerToken, completionPerToken});
            return this;
        }

        /** Added to every call before it is answered (default none). */
        public Builder latency(Duration latency) {
            this.latency = nonNegative(latency, "latency");
            return this;
        }

        /** Added to every call for {@code model} instead of {@link #latency(Duration)}. */
        public Builder latency(String model, Duration latency) {
            modelLatency.put(Objects.requireNonNull(model, "model"), nonNegative(latency, "latency"));
            return this;
        }

        /** How long a {@link Fault#TIMEOUT} call waits before answering (default 5 s). */
        public Builder slowDelay(Duration slowDelay) {
            this.slowDelay = nonNegative(slowDelay, "slowDelay");
            return this;
        }

        /** The {@code Retry-After} of {@link Fault#RATE_LIMITED} answers, in seconds (default 1). */
        public Builder retryAfterSeconds(int seconds) {
            if (seconds < 0) {
                throw new IllegalArgumentException("retryAfterSeconds must be >= 0, but is: " + seconds);
            }
            this.retryAfterSeconds = seconds;
            return this;
        }

        /** The length of an {@link Fault#OVERSIZED} answer's content, in characters (default 5 MiB). */
        public Builder oversizeBytes(int bytes) {
            if (bytes < 5) {
                throw new IllegalArgumentException("oversizeBytes must be >= 5, but is: " + bytes);
            }
            this.oversizeBytes = bytes;
            return this;
        }

        /** Requests after this many get HTTP 503 (default 1,000,000). */
        public Builder maxRequests(int maxRequests) {
            if (maxRequests < 1) {
                throw new IllegalArgumentException("maxRequests must be >= 1, but is: " + maxRequests);
            }
            this.maxRequests = maxRequests;
            return this;
        }

        /** The server closes itself after this long (default 15 minutes). */
        public Builder lifetime(Duration lifetime) {
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("lifetime must be > 0, but is: " + lifetime);
            }
            this.lifetime = lifetime;
            return this;
        }

        /** Chooses each request's fault ({@code null}: answer normally). The function must be thread-safe. */
        public Builder faults(Function<Request, Fault> faults) {
            this.faults = Objects.requireNonNull(faults, "faults");
            return this;
        }

        /** Injects {@code fault} on the given 1-based request numbers. */
        public Builder faultOn(Fault fault, int... requestNumbers) {
            Map<Integer, Fault> byNumber = new ConcurrentHashMap<>();
            for (int n : requestNumbers) {
                byNumber.put(n, fault);
            }
            Function<Request, Fault> before = this.faults;
            this.faults = r -> byNumber.containsKey(r.number()) ? byNumber.get(r.number()) : before.apply(r);
            return this;
        }

        /**
         * Injects one of {@code kinds} on a fraction {@code rate} of requests, chosen from the request
         * number and {@code seed} alone (the same numbers fail in every run).
         */
        public Builder faultRate(double rate, long seed, Fault... kinds) {
            if (!(rate >= 0 && rate <= 1) || kinds.length == 0) {
                throw new IllegalArgumentException("faultRate needs 0 <= rate <= 1 and at least one fault, but is: "
                        + rate + ", " + kinds.length + " faults");
            }
            Fault[] copy = kinds.clone();
            Function<Request, Fault> before = this.faults;
            this.faults = r -> {
                SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + r.number());
                return random.nextDouble() < rate ? copy[random.nextInt(copy.length)] : before.apply(r);
            };
            return this;
        }

        /** Starts the server on an ephemeral port of 127.0.0.1. */
        public FakeLlmServer start() {
            try {
                return new FakeLlmServer(this);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot start the fake LLM server on 127.0.0.1", e);
            }
        }

        private static Duration nonNegative(Duration d, String name) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be >= 0, but is: " + d);
            }
            return d;
        }
    }
}
