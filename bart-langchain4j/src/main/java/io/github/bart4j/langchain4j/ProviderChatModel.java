package io.github.bart4j.langchain4j;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A {@link ChatModel} on an OpenRouter, Ollama or OpenAI-compatible server, built by
 * {@link ChatModels#openRouter()}, {@link ChatModels#ollama()} or {@link ChatModels#openAiCompatible()}.
 * It is a LangChain4j {@code OpenAiChatModel} or {@code OllamaChatModel} with LangChain4j's own
 * retries and logging off, talking HTTP through bart4j's client (which sees status codes,
 * {@code Retry-After}, raw bodies, and cuts a response off at its deadline and size cap), and it
 * remembers where it talks to, so that an {@link LlmParticipant} on it names the provider and URL
 * in its messages and {@link Preflight} can probe the server. Usable anywhere a {@code ChatModel}
 * is. Thread-safe. The API key is never shown: {@link #toString()} prints {@code apiKey=***}.
 */
public final class ProviderChatModel implements ChatModel {

    /** The kind of server a {@link ProviderChatModel} talks to. */
    public enum Backend {
        /** OpenRouter's OpenAI-compatible API, {@code https://openrouter.ai/api/v1}; key {@code OPENROUTER_API_KEY}. */
        OPENROUTER("https://openrouter.ai/api/v1", "OPENROUTER_API_KEY"),
        /** An Ollama server's {@code /api/chat}, {@code http://localhost:11434}. */
        OLLAMA("http://localhost:11434", null),
        /** Any OpenAI-compatible server ({@code /chat/completions}); key {@code OPENAI_API_KEY}, optional. */
        OPENAI("https://api.openai.com/v1", "OPENAI_API_KEY");

        private final String defaultBaseUrl;
        private final String keyVariable;

        Backend(String defaultBaseUrl, String keyVariable) {
            this.defaultBaseUrl = defaultBaseUrl;
            this.keyVariable = keyVariable;
        }

        /** The URL used when none is given. */
        public String defaultBaseUrl() {
            return defaultBaseUrl;
        }

        /** The environment variable {@code apiKeyFromEnvironment()} reads, or {@code null}. */
        public String keyVariable() {
            return keyVariable;
        }

        /** The configuration spelling: {@code openrouter}, {@code ollama}, {@code openai}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Backend backend;
    private final String modelName;
    private final String baseUrl;
    private final Secret apiKey;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final ChatModel delegate;

    ProviderChatModel(Backend backend, String modelName, String baseUrl, Secret apiKey, Map<String, String> headers,
                      Duration timeout, ChatModel delegate) {
        this.backend = backend;
        this.modelName = modelName;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.headers = Map.copyOf(headers);
        this.timeout = timeout;
        this.delegate = delegate;
    }

    /** The kind of server. */
    public Backend backend() {
        return backend;
    }

    /** The model's name as the server spells it ({@code openai/gpt-4o}, {@code llama3.2}). */
    public String modelName() {
        return modelName;
    }

    /** The base URL requests go to, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Whether an API key is set (the key itself is never exposed). */
    public boolean hasApiKey() {
        return apiKey != null;
    }

    /** The deadline of one request, body included. */
    public Duration timeout() {
        return timeout;
    }

    Secret apiKey() {
        return apiKey;
    }

    /** Extra HTTP headers sent with every request (the API key is not among them). */
    Map<String, String> headers() {
        return headers;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return delegate.chat(request);
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return delegate.chat(request);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }

    @Override
    public String toString() {
        return "ProviderChatModel[backend=" + backend.label() + ", model=" + modelName + ", baseUrl=" + baseUrl
                + ", apiKey=" + (apiKey == null ? "none" : "***") + ", timeout=" + timeout + ", headers="
                + headers.keySet() + "]";
    }
}
