package io.github.bart4j.langchain4j;

import io.github.bart4j.core.DecisionParser;
import io.github.bart4j.core.agents.ScriptedParticipants;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that defines one LLM participant: backend, model, sampling, transport limits and
 * the task's texts. Immutable; built with {@link #builder(Backend, String)}, which validates at
 * {@link Builder#build()} and names the bad field.
 *
 * <p>The API key is never shown: {@link #toString()} prints {@code apiKey=***}, and no accessor
 * returns it.
 *
 * <pre>{@code
 * ModelOptions options = ModelOptions.builder(ModelOptions.Backend.OPENROUTER, "openai/gpt-4o")
 *         .apiKeyFromEnvironment()          // OPENROUTER_API_KEY
 *         .temperature(0.7)
 *         .conversationMode(ConversationMode.PER_BALLOON)
 *         .build();
 * Participant gpt4o = LlmParticipants.create(options);
 * }</pre>
 */
public final class ModelOptions {

    /** Default transport timeout per request: 60 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** Default cap on the bytes read of one response: 256 KiB (262,144 bytes). */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;
    /** Default retries after a transient failure: 3 (so at most 4 attempts). */
    public static final int DEFAULT_MAX_RETRIES = 3;
    /** Default cap on requests in flight per model: 4. */
    public static final int DEFAULT_MAX_CONCURRENCY_PER_MODEL = 4;
    /** Default Ollama context window: 8192 tokens (Ollama silently truncates beyond it). */
    public static final int DEFAULT_NUM_CTX = 8192;

    /** Where requests go. */
    public enum Backend {
        /** OpenRouter's OpenAI-compatible API, {@code https://openrouter.ai/api/v1}; key {@code OPENROUTER_API_KEY}. */
        OPENROUTER("https://openrouter.ai/api/v1", "OPENROUTER_API_KEY"),
        /** An Ollama server's {@code /api/chat}, {@code http://localhost:11434}. */
        OLLAMA("http://localhost:11434", null),
        /** Any OpenAI-compatible server ({@code /chat/completions}); key {@code OPENAI_API_KEY}, optional. */
        OPENAI("https://api.openai.com/v1", "OPENAI_API_KEY"),
        /**
         * A scripted BART policy ({@code crra:G}, {@code fixed:K}, {@code random:P}, {@code ev-optimal})
         * answering through {@link FakeChatModel}.
         */
        SIMULATED(null, null),
        /**
         * A {@code ChatModel} the user built; see
         * {@link LlmParticipants#create(dev.langchain4j.model.chat.ChatModel, ModelOptions)}.
         */
        CUSTOM(null, null);

        private final String defaultBaseUrl;
        private final String keyVariable;

        Backend(String defaultBaseUrl, String keyVariable) {
            this.defaultBaseUrl = defaultBaseUrl;
            this.keyVariable = keyVariable;
        }

        /** The URL used when none is given, or {@code null} when the backend has none. */
        public String defaultBaseUrl() {
            return defaultBaseUrl;
        }

        /** The environment variable holding the key, or {@code null}. */
        public String keyVariable() {
            return keyVariable;
        }

        /**
         * The configuration spelling: {@code openrouter}, {@code ollama}, {@code openai},
         * {@code simulated}, {@code custom}.
         */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The backend spelled {@code label} (case-insensitive).
         *
         * @throws IllegalArgumentException naming the value and the accepted ones
         */
        public static Backend parse(String label) {
            String s = label == null ? "" : label.strip().toUpperCase(Locale.ROOT);
            for (Backend b : values()) {
                if (b.name().equals(s)) {
                    return b;
                }
            }
            throw new IllegalArgumentException("backend must be one of openrouter, ollama, openai, simulated,"
                    + " but is: '" + label + "'");
        }
    }

    private final Backend backend;
    private final String modelName;
    private final String participantName;
    private final String baseUrl;
    private final Secret apiKey;
    private final Double temperature;
    private final Integer seed;
    private final Integer maxTokens;
    private final Integer numCtx;
    private final Duration timeout;
    private final int maxRetries;
    private final int maxResponseBytes;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final int maxConcurrencyPerModel;
    private final Map<String, String> headers;
    private final boolean debug;
    private final boolean structuredOutput;
    private final ConversationMode conversationMode;
    private final BartPrompts prompts;
    private final DecisionParser decisionParser;
    private final Sleeper sleeper;
    private final Clock clock;
    private final long simulationSeed;

    private ModelOptions(Builder b, Secret key, BartPrompts prompts) {
        this.backend = b.backend;
        this.modelName = b.modelName.strip();
        this.participantName = b.participantName == null ? modelName : b.participantName;
        this.baseUrl = b.baseUrl == null ? backend.defaultBaseUrl() : stripSlash(b.baseUrl.strip());
        this.apiKey = key;
        this.temperature = b.temperature;
        this.seed = b.seed;
        this.maxTokens = b.maxTokens;
        this.numCtx = b.numCtx;
        this.timeout = b.timeout;
        this.maxRetries = b.maxRetries;
        this.maxResponseBytes = b.maxResponseBytes;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.maxConcurrencyPerModel = b.maxConcurrencyPerModel;
        this.headers = Map.copyOf(b.headers);
        this.debug = b.debug;
        this.structuredOutput = b.structuredOutput;
        this.conversationMode = b.conversationMode;
        this.prompts = prompts;
        this.decisionParser = b.decisionParser;
        this.sleeper = b.sleeper;
        this.clock = b.clock;
        this.simulationSeed = b.simulationSeed;
    }

    /**
     * A builder for {@code modelName} on {@code backend}: the model slug as the provider spells it
     * ({@code openai/gpt-4o}, {@code llama3.2}), or the policy spec for {@link Backend#SIMULATED}.
     */
    public static Builder builder(Backend backend, String modelName) {
        return new Builder(backend, modelName);
    }

    public Backend backend() {
        return backend;
    }

    /** The model slug sent to the provider (or the policy spec when simulated). */
    public String modelName() {
        return modelName;
    }

    /** The name results are recorded under; the model name unless set. */
    public String participantName() {
        return participantName;
    }

    /** The base URL requests go to, without a trailing slash; {@code null} for simulated and custom models. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Whether an API key is set (the key itself is never exposed). */
    public boolean hasApiKey() {
        return apiKey != null;
    }

    Secret apiKey() {
        return apiKey;
    }

    /** Sampling temperature, or {@code null} for the provider's default. */
    public Double temperature() {
        return temperature;
    }

    /** Sampling seed, or {@code null}. */
    public Integer seed() {
        return seed;
    }

    /** Cap on output tokens ({@code max_tokens}, Ollama {@code num_predict}), or {@code null}. */
    public Integer maxTokens() {
        return maxTokens;
    }

    /** Ollama's context window ({@code num_ctx}); always set, default {@value #DEFAULT_NUM_CTX}. */
    public Integer numCtx() {
        return numCtx;
    }

    /**
     * The deadline of one request: connecting, sending, waiting for and reading the whole answer,
     * body included (a server that stalls or trickles its body is cut off when it passes).
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * The most bytes read of one response body. A successful answer longer than this is not read
     * further: it becomes an invalid answer ("answer too long") keeping its first 1,000 characters.
     */
    public int maxResponseBytes() {
        return maxResponseBytes;
    }

    /** Retries after a transient failure (429, 408, 5xx, timeouts, broken connections, error bodies). */
    public int maxRetries() {
        return maxRetries;
    }

    /** The first retry's wait before jitter; later waits double up to {@link #maxBackoff()}. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * Balloons (so requests) of this participant in flight at once: its
     * {@linkplain io.github.bart4j.core.spi.Participant#preferredConcurrency() preferred concurrency},
     * honoured by an {@link io.github.bart4j.core.Experiment} together with its own per-participant cap
     * (the smaller wins). Not enforced when the participant is driven outside an experiment.
     */
    public int maxConcurrencyPerModel() {
        return maxConcurrencyPerModel;
    }

    /** Extra HTTP headers (e.g. OpenRouter's {@code HTTP-Referer}, {@code X-Title}). */
    public Map<String, String> headers() {
        return headers;
    }

    /** Whether full request and response bodies are logged at DEBUG (key redacted). */
    public boolean debug() {
        return debug;
    }

    /** Whether the model is asked for JSON {@code {"decision": "pump" | "cash_out"}}. */
    public boolean structuredOutput() {
        return structuredOutput;
    }

    public ConversationMode conversationMode() {
        return conversationMode;
    }

    /** The task's texts, personas included. */
    public BartPrompts prompts() {
        return prompts;
    }

    public DecisionParser decisionParser() {
        return decisionParser;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    /** The clock used to read {@code Retry-After} dates. */
    public Clock clock() {
        return clock;
    }

    /** The seed of a simulated random policy. */
    public long simulationSeed() {
        return simulationSeed;
    }

    @Override
    public String toString() {
        return "ModelOptions[backend=" + backend.label() + ", model=" + modelName + ", name=" + participantName
                + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "***")
                + ", temperature=" + temperature + ", seed=" + seed + ", maxTokens=" + maxTokens
                + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", maxConcurrencyPerModel="
                + maxConcurrencyPerModel + ", headers=" + headers.keySet() + ", debug=" + debug
                + ", structuredOutput=" + structuredOutput + ", conversation=" + conversationMode.label()
                + ", prompts=" + prompts + "]";
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Builds {@link ModelOptions}. Not thread-safe. */
    public static final class Builder {
        private final Backend backend;
        private final String modelName;
        private String participantName;
        private String baseUrl;
        private String apiKey;
        private boolean apiKeyFromEnvironment;
        private Double temperature;
        private Integer seed;
        private Integer maxTokens;
        private Integer numCtx = DEFAULT_NUM_CTX;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(60);
        private int maxConcurrencyPerModel = DEFAULT_MAX_CONCURRENCY_PER_MODEL;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private boolean debug;
        private boolean structuredOutput;
        private ConversationMode conversationMode = ConversationMode.PER_BALLOON;
        private BartPrompts prompts = BartPrompts.seed();
        private final Map<String, String> personas = new LinkedHashMap<>();
        private DecisionParser decisionParser = DecisionParser.robust();
        private Sleeper sleeper = Sleeper.system();
        private Clock clock = Clock.systemUTC();
        private long simulationSeed;

        private Builder(Backend backend, String modelName) {
            this.backend = Objects.requireNonNull(backend, "backend");
            this.modelName = modelName;
        }

        /** Records results under {@code name} instead of the model name. */
        public Builder participantName(String name) {
            this.participantName = name;
            return this;
        }

        /** Overrides the backend's URL (e.g. a proxy, a local server on another port). */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** The API key (blank means none). */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /**
         * Reads the key from the backend's variable ({@code OPENROUTER_API_KEY},
         * {@code OPENAI_API_KEY}) at {@link #build()} when no key is given.
         */
        public Builder apiKeyFromEnvironment() {
            this.apiKeyFromEnvironment = true;
            return this;
        }

        public Builder temperature(Double temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder seed(Integer seed) {
            this.seed = seed;
            return this;
        }

        public Builder maxTokens(Integer maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        /** Ollama's {@code num_ctx}. */
        public Builder numCtx(Integer numCtx) {
            this.numCtx = numCtx;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /** The most bytes read of one response body (default {@value ModelOptions#DEFAULT_MAX_RESPONSE_BYTES}); see {@link ModelOptions#maxResponseBytes()}. */
        public Builder maxResponseBytes(int maxResponseBytes) {
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        /** The first retry's wait (before jitter) and the cap on later ones. */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        public Builder maxConcurrencyPerModel(int maxConcurrencyPerModel) {
            this.maxConcurrencyPerModel = maxConcurrencyPerModel;
            return this;
        }

        /** Adds an HTTP header sent with every request. */
        public Builder header(String name, String value) {
            if (name == null || name.isBlank() || value == null) {
                throw new IllegalArgumentException("header needs a name and a value, but is: " + name);
            }
            headers.put(name, value);
            return this;
        }

        /** OpenRouter's {@code HTTP-Referer} header (the app's URL, for OpenRouter's rankings). */
        public Builder httpReferer(String url) {
            return header("HTTP-Referer", url);
        }

        /** OpenRouter's {@code X-Title} header (the app's name). */
        public Builder appTitle(String title) {
            return header("X-Title", title);
        }

        public Builder debug(boolean debug) {
            this.debug = debug;
            return this;
        }

        public Builder structuredOutput(boolean structuredOutput) {
            this.structuredOutput = structuredOutput;
            return this;
        }

        public Builder conversationMode(ConversationMode mode) {
            this.conversationMode = Objects.requireNonNull(mode, "conversationMode");
            return this;
        }

        public Builder prompts(BartPrompts prompts) {
            this.prompts = Objects.requireNonNull(prompts, "prompts");
            return this;
        }

        /** Adds personas (label to system text) on top of those of {@link #prompts}. */
        public Builder personas(Map<String, String> labelToText) {
            personas.putAll(labelToText);
            return this;
        }

        public Builder decisionParser(DecisionParser parser) {
            this.decisionParser = Objects.requireNonNull(parser, "decisionParser");
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The seed of a simulated {@code random:P} policy. */
        public Builder simulationSeed(long seed) {
            this.simulationSeed = seed;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the field, its value and the rule when a value is invalid
         */
        public ModelOptions build() {
            if (modelName == null || modelName.isBlank()) {
                throw new IllegalArgumentException("model name must not be blank (backend " + backend.label() + ")");
            }
            if (backend == Backend.SIMULATED) {
                ScriptedParticipants.parse(modelName);
            }
            if (temperature != null && !(temperature >= 0.0 && temperature <= 2.0)) {
                throw new IllegalArgumentException("temperature must be between 0 and 2, but is: " + temperature);
            }
            if (maxTokens != null && maxTokens < 1) {
                throw new IllegalArgumentException("max_tokens must be >= 1, but is: " + maxTokens);
            }
            if (numCtx != null && numCtx < 1) {
                throw new IllegalArgumentException("num_ctx must be >= 1, but is: " + numCtx);
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("request_timeout_seconds must be > 0, but is: " + timeout);
            }
            if (maxRetries < 0) {
                throw new IllegalArgumentException("max_retries must be >= 0, but is: " + maxRetries);
            }
            if (maxResponseBytes < 1024) {
                throw new IllegalArgumentException("max_response_bytes must be >= 1024, but is: " + maxResponseBytes);
            }
            if (initialBackoff == null || initialBackoff.isNegative() || maxBackoff == null
                    || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max, but is: "
                        + initialBackoff + ".." + maxBackoff);
            }
            if (maxConcurrencyPerModel < 1) {
                throw new IllegalArgumentException("max_concurrency_per_model must be >= 1, but is: "
                        + maxConcurrencyPerModel);
            }
            if (baseUrl != null && !(baseUrl.strip().startsWith("http://") || baseUrl.strip().startsWith("https://"))) {
                throw new IllegalArgumentException("base_url must start with http:// or https://, but is: '"
                        + baseUrl + "'");
            }
            Secret key = Secret.of(apiKey);
            if (key == null && apiKeyFromEnvironment && backend.keyVariable() != null) {
                key = Secret.of(System.getenv(backend.keyVariable()));
            }
            if (key == null && backend == Backend.OPENROUTER) {
                throw new IllegalArgumentException("backend openrouter needs an API key: set OPENROUTER_API_KEY"
                        + " (model " + modelName.strip() + ")");
            }
            BartPrompts finalPrompts = personas.isEmpty() ? prompts : prompts.toBuilder().personas(personas).build();
            return new ModelOptions(this, key, finalPrompts);
        }
    }
}
