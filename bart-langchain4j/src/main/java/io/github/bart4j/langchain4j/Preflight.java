package io.github.bart4j.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.ChatModel;
import io.github.bart4j.core.Bart4jException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks, before an experiment asks anything, that each backend answers — so a server nobody runs
 * is found in seconds, not after every balloon has errored. One probe per (backend, base URL):
 * <ul>
 *   <li>Ollama: {@code GET {base}/api/tags}, and every model must be pulled (names compared by
 *       Ollama's rules: case-insensitive, tag {@code latest} and namespace {@code library} by
 *       default, so {@code llama3.2} matches {@code llama3.2:latest}; a name not found so is
 *       asked of {@code POST {base}/api/show}, Ollama's own resolution);</li>
 *   <li>OpenAI-compatible: {@code GET {base}/models} where the server has it (404/405 are not
 *       errors; 401/403 are a rejected key); models missing from the list are warnings only, since
 *       some servers list only part of what they serve;</li>
 *   <li>OpenRouter: {@code GET {base}/key}, the key's own info (401/403: the key is rejected);</li>
 *   <li>models that are not {@link ProviderChatModel}s (simulated, your own): no probe.</li>
 * </ul>
 * A refused connection, unknown host or timeout is a {@link PreflightException} naming the
 * backend, the URL and what to do. Other answers (5xx, bodies that are not JSON) do not fail the
 * check: the run's own retries deal with a server that answers badly. Messages never contain the
 * API key.
 *
 * <pre>{@code
 * List<Preflight.ServerInfo> servers = Preflight.check(List.of(model)); // throws PreflightException
 * }</pre>
 */
public final class Preflight {

    /** The longest a probe waits for a server (less when the models' own timeout is shorter). */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    private Preflight() {
    }

    /**
     * What the probe of one server learned.
     *
     * @param backend the backend
     * @param baseUrl the base URL probed
     * @param listedModels the model names the server listed ({@code /api/tags}, {@code /models}),
     *     or an empty list when it has no listing or was not asked
     * @param body the raw JSON of the answer probed ({@code /api/tags}, {@code /models} or
     *     OpenRouter's {@code /key}: the key's limit and usage), or {@code null}
     * @param warnings things worth saying that do not stop a run (one line each)
     */
    public record ServerInfo(ProviderChatModel.Backend backend, String baseUrl, List<String> listedModels, String body,
                             List<String> warnings) {
        public ServerInfo {
            listedModels = List.copyOf(listedModels);
            warnings = List.copyOf(warnings);
        }
    }

    /** The check failed: the message is one line naming the backend, the URL and what to do. */
    public static final class PreflightException extends Bart4jException {
        private static final long serialVersionUID = 1L;

        private final boolean serverUnreachable;

        PreflightException(String message) {
            this(message, false);
        }

        PreflightException(String message, boolean serverUnreachable) {
            super(message);
            this.serverUnreachable = serverUnreachable;
        }

        /**
         * Whether the server could not be reached or gave no complete answer in time (refused,
         * unknown host, timeout), rather than answering something that fails the check.
         */
        public boolean serverUnreachable() {
            return serverUnreachable;
        }
    }

    /**
     * Probes every server the models use, once each, in the models' order.
     *
     * @param models the models; those that are not {@link ProviderChatModel}s (simulated, your own) are not probed
     * @return what each probed server said
     * @throws PreflightException if a server cannot be reached, an Ollama model is not pulled or a
     *     key is rejected
     */
    public static List<ServerInfo> check(Collection<? extends ChatModel> models) {
        Map<String, List<ProviderChatModel>> byServer = new LinkedHashMap<>();
        for (ChatModel model : models) {
            if (model instanceof ProviderChatModel o) {
                byServer.computeIfAbsent(o.backend() + " " + o.baseUrl(), k -> new ArrayList<>()).add(o);
            }
        }
        List<ServerInfo> out = new ArrayList<>();
        for (List<ProviderChatModel> group : byServer.values()) {
            out.add(probe(group));
        }
        return out;
    }

    private static ServerInfo probe(List<ProviderChatModel> group) {
        ProviderChatModel first = group.get(0);
        Duration timeout = first.timeout().compareTo(MAX_TIMEOUT) < 0 ? first.timeout()
                : MAX_TIMEOUT;
        switch (first.backend()) {
            case OLLAMA:
                return ollama(group, timeout);
            case OPENROUTER:
                return openRouter(first, timeout);
            default:
                return openAi(group, timeout);
        }
    }

    private static ServerInfo ollama(List<ProviderChatModel> group, Duration timeout) {
        ProviderChatModel first = group.get(0);
        String url = first.baseUrl() + "/api/tags";
        HttpResponse<String> r = get(first, url, timeout);
        if (r.statusCode() != 200) {
            throw new PreflightException("backend ollama: GET " + url + " answered HTTP " + r.statusCode()
                    + "; is an Ollama server running at " + first.baseUrl() + "? (fix baseUrl, or use ChatModels.openAiCompatible()"
                    + " for other OpenAI-compatible servers)");
        }
        List<String> listed = new ArrayList<>();
        for (JsonNode m : readJson(r.body()).path("models")) {
            String name = m.path("name").asText(m.path("model").asText(""));
            if (!name.isEmpty()) {
                listed.add(name);
            }
        }
        for (ProviderChatModel o : group) {
            String wanted = ollamaName(o.modelName());
            if (listed.stream().noneMatch(n -> ollamaName(n).equals(wanted)) && !shown(o, timeout)) {
                throw new PreflightException("model '" + o.modelName() + "' is not pulled in Ollama at "
                        + first.baseUrl() + ": run `ollama pull " + o.modelName() + "` (it has: "
                        + (listed.isEmpty() ? "none" : String.join(", ", listed)) + ")");
            }
        }
        return new ServerInfo(first.backend(), first.baseUrl(), listed, r.body(), List.of());
    }

    /** Whether Ollama's {@code POST /api/show} knows the model (its own name resolution decides). */
    private static boolean shown(ProviderChatModel o, Duration timeout) {
        String body = JSON.createObjectNode().put("model", o.modelName()).toString();
        return send(o, o.baseUrl() + "/api/show", timeout, HttpRequest.BodyPublishers.ofString(body)).statusCode()
                == 200;
    }

    private static ServerInfo openAi(List<ProviderChatModel> group, Duration timeout) {
        ProviderChatModel first = group.get(0);
        String url = first.baseUrl() + "/models";
        HttpResponse<String> r = get(first, url, timeout);
        rejectedKey(r, "backend openai: the server at " + first.baseUrl(), url, "check apiKey");
        if (r.statusCode() != 200) {
            return new ServerInfo(first.backend(), first.baseUrl(), List.of(), null, List.of()); // no listing
        }
        List<String> listed = new ArrayList<>();
        for (JsonNode m : readJson(r.body()).path("data")) {
            if (m.path("id").isTextual()) {
                listed.add(m.path("id").asText());
            }
        }
        List<String> warnings = new ArrayList<>();
        if (!listed.isEmpty()) {
            for (ProviderChatModel o : group) {
                if (!listed.contains(o.modelName())) {
                    warnings.add("model '" + o.modelName() + "' is not among the " + listed.size() + " models " + url
                            + " lists; the run asks it anyway");
                }
            }
        }
        return new ServerInfo(first.backend(), first.baseUrl(), listed, r.body(), warnings);
    }

    private static ServerInfo openRouter(ProviderChatModel first, Duration timeout) {
        String url = first.baseUrl() + "/key";
        HttpResponse<String> r = get(first, url, timeout);
        rejectedKey(r, "backend openrouter: OpenRouter", url, "check OPENROUTER_API_KEY (https://openrouter.ai/keys)");
        return new ServerInfo(first.backend(), first.baseUrl(), List.of(), r.statusCode() == 200 ? r.body() : null,
                List.of());
    }

    private static void rejectedKey(HttpResponse<String> r, String who, String url, String todo) {
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new PreflightException(who + " rejected the API key (HTTP " + r.statusCode() + " on GET " + url
                    + "): " + todo);
        }
    }

    private static HttpResponse<String> get(ProviderChatModel o, String url, Duration timeout) {
        return send(o, url, timeout, null);
    }

    /** GET, or POST of {@code body} when it is not null. */
    private static HttpResponse<String> send(ProviderChatModel o, String url, Duration timeout,
                                             HttpRequest.BodyPublisher body) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
            if (body == null) {
                b.GET();
            } else {
                b.POST(body).header("Content-Type", "application/json");
            }
        } catch (IllegalArgumentException e) {
            throw new PreflightException("backend " + name(o) + ": baseUrl '" + o.baseUrl() + "' is not a URL");
        }
        o.headers().forEach(b::header);
        if (o.hasApiKey()) {
            b.header("Authorization", "Bearer " + o.apiKey().reveal());
        }
        // a deadline for the whole exchange: HttpRequest.timeout covers only the headers, not a stalled body
        java.util.concurrent.CompletableFuture<HttpResponse<String>> answer =
                http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
        try {
            return answer.get(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            answer.cancel(true);
            throw new PreflightException("backend " + name(o) + ": no complete answer within " + timeout.toSeconds()
                    + " s at " + o.baseUrl() + " (" + (body == null ? "GET " : "POST ") + url + "); " + advice(o), true);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException || cause instanceof UnresolvedAddressException) {
                throw new PreflightException("backend " + name(o) + ": " + problem(cause) + " at " + o.baseUrl()
                        + " (" + (body == null ? "GET " : "POST ") + url + "); " + advice(o), true);
            }
            throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new PreflightException("backend " + name(o) + ": interrupted while checking " + url);
        }
    }

    private static String problem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "no answer within the connect timeout";
            }
            if (t instanceof HttpTimeoutException) {
                return "no answer within the timeout";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
        }
        return "connection failed (" + e.getClass().getSimpleName() + ")";
    }

    private static String advice(ProviderChatModel o) {
        switch (o.backend()) {
            case OLLAMA:
                return "start Ollama (the desktop app, or `ollama serve`) or fix baseUrl";
            case OPENROUTER:
                return "check the network connection and baseUrl";
            default:
                return "start the server or fix baseUrl";
        }
    }

    private static String name(ProviderChatModel o) {
        return o.backend().name().toLowerCase(Locale.ROOT);
    }

    private static JsonNode readJson(String body) {
        try {
            JsonNode node = body == null ? null : JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /**
     * A model name as Ollama compares it: lower case, {@code [host/][namespace/]model:tag} with host
     * {@code registry.ollama.ai}, namespace {@code library} and tag {@code latest} when absent.
     */
    static String ollamaName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        int at = n.indexOf('@');
        if (at >= 0) {
            n = n.substring(0, at); // a digest pins a version; the name is what must be pulled
        }
        int slash = n.lastIndexOf('/');
        int colon = n.lastIndexOf(':');
        String tag = colon > slash ? n.substring(colon + 1) : "latest";
        String path = colon > slash ? n.substring(0, colon) : n;
        String[] parts = path.split("/");
        String full;
        if (parts.length == 1) {
            full = "registry.ollama.ai/library/" + parts[0];
        } else if (parts.length == 2) {
            full = "registry.ollama.ai/" + path;
        } else {
            full = path;
        }
        return full + ":" + tag;
    }
}
