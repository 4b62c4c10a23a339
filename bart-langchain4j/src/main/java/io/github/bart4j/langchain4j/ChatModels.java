package io.github.bart4j.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

/**
 * Explicit factories for the LangChain4j {@link ChatModel}s bart4j runs on, configured from
 * {@link ModelOptions}. Every model built here has LangChain4j's own retries and logging switched
 * off (bart4j retries and logs itself, see {@link LlmParticipants}) and talks HTTP through bart4j's
 * client, which sees status codes, {@code Retry-After} and raw bodies.
 *
 * <pre>{@code
 * ChatModel local = ChatModels.ollama(ModelOptions.builder(ModelOptions.Backend.OLLAMA, "llama3.2").build());
 * }</pre>
 */
public final class ChatModels {

    private ChatModels() {
    }

    /**
     * The model {@code options} describe, by its backend.
     *
     * @throws IllegalArgumentException for {@link ModelOptions.Backend#CUSTOM}, which has no factory
     */
    public static ChatModel create(ModelOptions options) {
        switch (options.backend()) {
            case OPENROUTER:
                return openRouter(options);
            case OPENAI:
                return openAiCompatible(options);
            case OLLAMA:
                return ollama(options);
            case SIMULATED:
                return simulated(options.modelName(), options.simulationSeed());
            default:
                throw new IllegalArgumentException("backend custom has no factory: build the ChatModel yourself and"
                        + " pass it to LlmParticipants.create(model) or LlmParticipant.builder().chatModel(model)");
        }
    }

    /**
     * OpenRouter: an {@link OpenAiChatModel} on {@code https://openrouter.ai/api/v1} (or the options'
     * base URL) with the options' key, headers ({@code HTTP-Referer}, {@code X-Title}) and sampling.
     *
     * @throws IllegalArgumentException if the options have no API key
     */
    public static OpenAiChatModel openRouter(ModelOptions options) {
        if (!options.hasApiKey()) {
            throw new IllegalArgumentException("OpenRouter needs an API key (OPENROUTER_API_KEY), model "
                    + options.modelName());
        }
        return openAi(options, ModelOptions.Backend.OPENROUTER.defaultBaseUrl());
    }

    /**
     * OpenRouter with {@code apiKey} and otherwise default options (provider sampling defaults,
     * {@value ModelOptions#DEFAULT_MAX_RETRIES} retries by bart4j when used through {@link LlmParticipants}).
     */
    public static OpenAiChatModel openRouter(String apiKey, String modelName) {
        return openRouter(ModelOptions.builder(ModelOptions.Backend.OPENROUTER, modelName).apiKey(apiKey).build());
    }

    /** OpenRouter with the key from {@code OPENROUTER_API_KEY}. */
    public static OpenAiChatModel openRouter(String modelName) {
        return openRouter(ModelOptions.builder(ModelOptions.Backend.OPENROUTER, modelName).apiKeyFromEnvironment()
                .build());
    }

    /** A local Ollama model on {@code http://localhost:11434}. */
    public static OllamaChatModel ollama(String modelName) {
        return ollama(ModelOptions.builder(ModelOptions.Backend.OLLAMA, modelName).build());
    }

    /** Any OpenAI-compatible server ({@code {baseUrl}/chat/completions}); the key is optional. */
    public static OpenAiChatModel openAiCompatible(ModelOptions options) {
        return openAi(options, ModelOptions.Backend.OPENAI.defaultBaseUrl());
    }

    private static OpenAiChatModel openAi(ModelOptions o, String defaultUrl) {
        OpenAiChatModel.OpenAiChatModelBuilder b = OpenAiChatModel.builder()
                .httpClientBuilder(BartHttpClient.builder(o.debug(), o.apiKey(), o.clock(), o.maxResponseBytes()))
                .baseUrl(o.baseUrl() != null ? o.baseUrl() : defaultUrl)
                .apiKey(o.hasApiKey() ? o.apiKey().reveal() : null)
                .modelName(o.modelName())
                .temperature(o.temperature())
                .seed(o.seed())
                .maxTokens(o.maxTokens())
                .timeout(o.timeout())
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .strictJsonSchema(true);
        if (!o.headers().isEmpty()) {
            b.customHeaders(o.headers());
        }
        return b.build();
    }

    /**
     * Ollama: an {@link OllamaChatModel} on {@code http://localhost:11434} (or the options' base URL),
     * {@code num_ctx} always set, thinking returned when the model produces it.
     */
    public static OllamaChatModel ollama(ModelOptions o) {
        OllamaChatModel.OllamaChatModelBuilder b = OllamaChatModel.builder()
                .httpClientBuilder(BartHttpClient.builder(o.debug(), o.apiKey(), o.clock(), o.maxResponseBytes()))
                .baseUrl(o.baseUrl() != null ? o.baseUrl() : ModelOptions.Backend.OLLAMA.defaultBaseUrl())
                .modelName(o.modelName())
                .temperature(o.temperature())
                .seed(o.seed())
                .numPredict(o.maxTokens())
                .numCtx(o.numCtx() != null ? o.numCtx() : ModelOptions.DEFAULT_NUM_CTX)
                .timeout(o.timeout())
                .maxRetries(0)
                .returnThinking(true)
                .logRequests(false)
                .logResponses(false);
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>(o.headers());
        if (o.hasApiKey()) {
            headers.put("Authorization", "Bearer " + o.apiKey().reveal());
        }
        if (!headers.isEmpty()) {
            b.customHeaders(headers);
        }
        return b.build();
    }

    /**
     * A {@link FakeChatModel} playing the BART policy {@code spec} ({@code crra:G}, {@code fixed:K},
     * {@code random:P}, {@code ev-optimal}) from the default prompts; it does not keep the requests.
     */
    public static FakeChatModel simulated(String spec, long seed) {
        return FakeChatModel.builder().policy(spec, seed).recordRequests(false).build();
    }
}
