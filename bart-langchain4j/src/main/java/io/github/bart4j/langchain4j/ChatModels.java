package io.github.bart4j.langchain4j;

import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builders of the LangChain4j {@code ChatModel}s bart4j runs on, in LangChain4j's idiom: one per
 * provider, each with validated, Java-named parameters ({@code modelName}, {@code baseUrl},
 * {@code apiKey}, {@code temperature}, {@code timeout}...). {@link Builder#build()} checks every
 * value and names the bad parameter ({@code "temperature must be between 0 and 2, but is 2.5"}).
 * Every model built here is a {@link ProviderChatModel}: LangChain4j's retries and logging off
 * (an {@link LlmParticipant} retries by its {@link RetryPolicy}), HTTP through bart4j's client.
 *
 * <pre>{@code
 * ChatModel gpt = ChatModels.openRouter()
 *         .apiKey(System.getenv("OPENROUTER_API_KEY"))
 *         .modelName("openai/gpt-4o-mini")
 *         .temperature(0.7)
 *         .timeout(Duration.ofSeconds(60))
 *         .build();
 * ChatModel local = ChatModels.ollama().modelName("llama3.2").numCtx(8192).build();
 * ChatModel vllm = ChatModels.openAiCompatible().baseUrl("http://localhost:8000/v1").modelName("qwen2.5").build();
 * LlmParticipant participant = LlmParticipant.builder().chatModel(gpt).build();
 * }</pre>
 */
public final class ChatModels {

    /** Default deadline of one request: 60 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** Default cap on the bytes read of one response: 256 KiB (262,144 bytes). */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;
    /** Default Ollama context window: 8192 tokens (Ollama silently truncates beyond it). */
    public static final int DEFAULT_NUM_CTX = 8192;

    private ChatModels() {
    }

    /** A builder of an OpenRouter model; {@code modelName} and an API key are required. */
    public static OpenRouterBuilder openRouter() {
        return new OpenRouterBuilder();
    }

    /** OpenRouter's {@code modelName} with the key from {@code OPENROUTER_API_KEY} and otherwise the defaults. */
    public static ProviderChatModel openRouter(String modelName) {
        return openRouter().modelName(modelName).apiKeyFromEnvironment().build();
    }

    /** A builder of a model on an Ollama server ({@code http://localhost:11434} unless {@code baseUrl} is given). */
    public static OllamaBuilder ollama() {
        return new OllamaBuilder();
    }

    /** A local Ollama model on {@code http://localhost:11434} with the defaults. */
    public static ProviderChatModel ollama(String modelName) {
        return ollama().modelName(modelName).build();
    }

    /**
     * A builder of a model on any OpenAI-compatible server ({@code {baseUrl}/chat/completions}:
     * vLLM, llama.cpp, LM Studio, OpenAI itself when no {@code baseUrl} is given); the key is optional.
     */
    public static OpenAiCompatibleBuilder openAiCompatible() {
        return new OpenAiCompatibleBuilder();
    }

    /**
     * A {@link FakeChatModel} playing the BART policy {@code spec} ({@code crra:G}, {@code fixed:K},
     * {@code random:P}, {@code ev-optimal}) from the default prompts; it does not keep the requests.
     *
     * @param seed the seed of a {@code random:P} policy
     */
    public static FakeChatModel simulated(String spec, long seed) {
        return FakeChatModel.builder().policy(spec, seed).recordRequests(false).build();
    }

    /**
     * The settings every provider has. Not thread-safe.
     *
     * @param <B> the provider's builder
     */
    public abstract static class Builder<B extends Builder<B>> {
        private final ProviderChatModel.Backend backend;
        String modelName;
        String baseUrl;
        String apiKey;
        boolean apiKeyFromEnvironment;
        Double temperature;
        Integer seed;
        Integer maxTokens;
        Duration timeout = DEFAULT_TIMEOUT;
        int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        final Map<String, String> headers = new LinkedHashMap<>();
        boolean logRequestsAndResponses;
        Clock clock = Clock.systemUTC();

        Builder(ProviderChatModel.Backend backend) {
            this.backend = backend;
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /** The model as the server spells it ({@code openai/gpt-4o}, {@code llama3.2}). Required. */
        public B modelName(String modelName) {
            this.modelName = modelName;
            return self();
        }

        /** The server's base URL, {@code http://} or {@code https://} (default: the provider's). */
        public B baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return self();
        }

        /** The API key, sent as {@code Authorization: Bearer}; {@code null} or blank means none. */
        public B apiKey(String apiKey) {
            this.apiKey = apiKey;
            return self();
        }

        /** Sampling temperature in [0, 2], or {@code null} for the provider's default. */
        public B temperature(Double temperature) {
            this.temperature = temperature;
            return self();
        }

        /** Sampling seed, or {@code null}. */
        public B seed(Integer seed) {
            this.seed = seed;
            return self();
        }

        /** Cap on output tokens, {@code >= 1} ({@code max_tokens}; Ollama's {@code num_predict}), or {@code null}. */
        public B maxTokens(Integer maxTokens) {
            this.maxTokens = maxTokens;
            return self();
        }

        /**
         * The deadline of one request, {@code > 0} (default 60 s): connecting, sending, waiting for
         * and reading the whole answer, body included; a server that stalls or trickles is cut off.
         */
        public B timeout(Duration timeout) {
            this.timeout = timeout;
            return self();
        }

        /**
         * The most bytes read of one response body, {@code >= 1024} (default 256 KiB). A successful
         * answer longer than this is not read further: a participant records it as an invalid
         * answer ("answer too long") keeping its first 1,000 characters.
         */
        public B maxResponseBytes(int maxResponseBytes) {
            this.maxResponseBytes = maxResponseBytes;
            return self();
        }

        /** Adds an HTTP header sent with every request. */
        public B customHeader(String name, String value) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank, but is '" + name + "'");
            }
            Objects.requireNonNull(value, "value");
            headers.put(name, value);
            return self();
        }

        /** Whether each request and response body is logged at DEBUG, the key redacted (default {@code false}). */
        public B logRequestsAndResponses(boolean log) {
            this.logRequestsAndResponses = log;
            return self();
        }

        /** The clock {@code Retry-After} dates are read against (default: the system's, UTC). */
        public B clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return self();
        }

        /**
         * The model.
         *
         * @throws IllegalArgumentException naming the parameter, its value and the rule when a value is invalid
         */
        public abstract ProviderChatModel build();

        /** Checks the shared settings; returns the API key. */
        Secret check() {
            if (modelName == null || modelName.isBlank()) {
                throw new IllegalArgumentException("modelName must not be blank, but is "
                        + (modelName == null ? "null" : "'" + modelName + "'"));
            }
            if (temperature != null && !(temperature >= 0.0 && temperature <= 2.0)) {
                throw new IllegalArgumentException("temperature must be between 0 and 2, but is " + temperature);
            }
            if (maxTokens != null && maxTokens < 1) {
                throw new IllegalArgumentException("maxTokens must be >= 1, but is " + maxTokens);
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be > 0, but is " + timeout);
            }
            if (maxResponseBytes < 1024) {
                throw new IllegalArgumentException("maxResponseBytes must be >= 1024, but is " + maxResponseBytes);
            }
            if (baseUrl != null && !(baseUrl.strip().startsWith("http://") || baseUrl.strip().startsWith("https://"))) {
                throw new IllegalArgumentException("baseUrl must start with http:// or https://, but is '"
                        + baseUrl + "'");
            }
            Secret key = Secret.of(apiKey);
            if (key == null && apiKeyFromEnvironment && backend.keyVariable() != null) {
                key = Secret.of(System.getenv(backend.keyVariable()));
            }
            return key;
        }

        String url() {
            String url = baseUrl == null ? backend.defaultBaseUrl() : baseUrl.strip();
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }

        ProviderChatModel openAi(Secret key) {
            String url = url();
            OpenAiChatModel.OpenAiChatModelBuilder b = OpenAiChatModel.builder()
                    .httpClientBuilder(BartHttpClient.builder(logRequestsAndResponses, key, clock, maxResponseBytes))
                    .baseUrl(url)
                    .apiKey(key != null ? key.reveal() : null)
                    .modelName(modelName.strip())
                    .temperature(temperature)
                    .seed(seed)
                    .maxTokens(maxTokens)
                    .timeout(timeout)
                    .maxRetries(0)
                    .logRequests(false)
                    .logResponses(false)
                    .strictJsonSchema(true);
            if (!headers.isEmpty()) {
                b.customHeaders(headers);
            }
            return new ProviderChatModel(backend, modelName.strip(), url, key, headers, timeout, b.build());
        }
    }

    /** Builds an OpenRouter model: {@code modelName} and an API key are required. */
    public static final class OpenRouterBuilder extends Builder<OpenRouterBuilder> {
        private OpenRouterBuilder() {
            super(ProviderChatModel.Backend.OPENROUTER);
        }

        /** Reads the key from {@code OPENROUTER_API_KEY} at {@link #build()} when no {@code apiKey} is given. */
        public OpenRouterBuilder apiKeyFromEnvironment() {
            this.apiKeyFromEnvironment = true;
            return this;
        }

        /** OpenRouter's {@code HTTP-Referer} header (the app's URL, for OpenRouter's rankings). */
        public OpenRouterBuilder httpReferer(String url) {
            return customHeader("HTTP-Referer", url);
        }

        /** OpenRouter's {@code X-Title} header (the app's name). */
        public OpenRouterBuilder appTitle(String title) {
            return customHeader("X-Title", title);
        }

        /**
         * @throws IllegalArgumentException naming the parameter when a value is invalid, or when no
         *     API key is given (nor found in {@code OPENROUTER_API_KEY} with {@link #apiKeyFromEnvironment()})
         */
        @Override
        public ProviderChatModel build() {
            Secret key = check();
            if (key == null) {
                throw new IllegalArgumentException("apiKey must be given for OpenRouter (apiKey(...), or"
                        + " apiKeyFromEnvironment() with OPENROUTER_API_KEY set), model " + modelName.strip());
            }
            return openAi(key);
        }
    }

    /** Builds a model on any OpenAI-compatible server; the key is optional. */
    public static final class OpenAiCompatibleBuilder extends Builder<OpenAiCompatibleBuilder> {
        private OpenAiCompatibleBuilder() {
            super(ProviderChatModel.Backend.OPENAI);
        }

        /** Reads the key from {@code OPENAI_API_KEY} at {@link #build()} when no {@code apiKey} is given. */
        public OpenAiCompatibleBuilder apiKeyFromEnvironment() {
            this.apiKeyFromEnvironment = true;
            return this;
        }

        @Override
        public ProviderChatModel build() {
            return openAi(check());
        }
    }

    /** Builds a model on an Ollama server ({@code /api/chat}); thinking is returned when the model produces it. */
    public static final class OllamaBuilder extends Builder<OllamaBuilder> {
        private int numCtx = DEFAULT_NUM_CTX;

        private OllamaBuilder() {
            super(ProviderChatModel.Backend.OLLAMA);
        }

        /**
         * Ollama's context window {@code num_ctx}, {@code >= 1} (default {@value ChatModels#DEFAULT_NUM_CTX};
         * always sent, since Ollama silently truncates a conversation longer than its own default).
         */
        public OllamaBuilder numCtx(int numCtx) {
            this.numCtx = numCtx;
            return this;
        }

        @Override
        public ProviderChatModel build() {
            Secret key = check();
            if (numCtx < 1) {
                throw new IllegalArgumentException("numCtx must be >= 1, but is " + numCtx);
            }
            String url = url();
            OllamaChatModel.OllamaChatModelBuilder b = OllamaChatModel.builder()
                    .httpClientBuilder(BartHttpClient.builder(logRequestsAndResponses, key, clock, maxResponseBytes))
                    .baseUrl(url)
                    .modelName(modelName.strip())
                    .temperature(temperature)
                    .seed(seed)
                    .numPredict(maxTokens)
                    .numCtx(numCtx)
                    .timeout(timeout)
                    .maxRetries(0)
                    .returnThinking(true)
                    .logRequests(false)
                    .logResponses(false);
            Map<String, String> sent = new LinkedHashMap<>(headers);
            if (key != null) {
                sent.put("Authorization", "Bearer " + key.reveal());
            }
            if (!sent.isEmpty()) {
                b.customHeaders(sent);
            }
            return new ProviderChatModel(ProviderChatModel.Backend.OLLAMA, modelName.strip(), url, key, headers, timeout,
                    b.build());
        }
    }
}
