package io.github.bart4j.examples.cli;

import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.spi.Participant;
import dev.langchain4j.model.chat.ChatModel;
import io.github.bart4j.langchain4j.BartPrompts;
import io.github.bart4j.langchain4j.ChatModels;
import io.github.bart4j.langchain4j.ConversationMode;
import io.github.bart4j.langchain4j.LlmParticipant;
import io.github.bart4j.langchain4j.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds an experiment's arms (model × persona) from a config: one LLM participant per model (its
 * request cap shared by all its balloons and personas), under every persona.
 */
public final class Participants {

    private Participants() {
    }

    /** The models of a config file (no personas), for examples run with {@code --config FILE}. */
    public static List<Participant> fromConfigFile(Path file, Map<String, String> env) {
        RunConfig cfg = new ConfigLoader(env).load(file);
        long seed = cfg.seed() == null ? 0L : cfg.seed();
        return cfg.models().stream().map(m -> participant(cfg, m, seed)).toList();
    }

    /**
     * The models of a config file, each knowing the persona prompts {@code personas} (label to
     * system text) instead of the file's own, for examples that run every model under every persona.
     */
    public static List<Participant> fromConfigFile(Path file, Map<String, String> env, Map<String, String> personas) {
        RunConfig cfg = new ConfigLoader(env).load(file);
        long seed = cfg.seed() == null ? 0L : cfg.seed();
        return cfg.models().stream().map(m -> participant(cfg, cfg.backend(), m, seed, personas)).toList();
    }

    /** Simulated agents named by spec ({@code crra:2}, {@code fixed:5}, ...), answering through the chat path. */
    public static List<Participant> simulated(List<String> specs) {
        return specs.stream().map(s -> participant(ConfigLoader.demo(), s, 0L)).toList();
    }

    /**
     * The warning for {@code backend: simulated} with personas: scripted agents play their policy
     * and cannot read a persona's prompt, so every persona of a model plays the same policy.
     */
    static java.util.Optional<String> simulatedPersonasWarning(RunConfig cfg) {
        if (!cfg.backend().equals("simulated") || cfg.personas().isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("backend simulated: scripted agents cannot read persona prompts; personas "
                + String.join(", ", cfg.personas().keySet().stream().map(p -> "'" + p + "'").toList())
                + " only label the results, each model plays the same policy under every persona (give each"
                + " condition its own model spec, e.g. model_list: [crra:0.5, crra:2])");
    }

    static List<Experiment.Arm> create(RunConfig cfg, long seed) {
        List<Experiment.Arm> arms = new ArrayList<>();
        List<String> personas = cfg.personas().isEmpty() ? List.of("") : List.copyOf(cfg.personas().keySet());
        for (String model : cfg.models()) {
            Participant participant = participant(cfg, model, seed);
            for (String persona : personas) {
                arms.add(new Experiment.Arm(participant, persona));
            }
        }
        return arms;
    }

    static Participant participant(RunConfig cfg, String model, long seed) {
        return participant(cfg, cfg.backend(), model, seed);
    }

    /**
     * A participant with every option of {@code cfg} (prompts, personas, conversation, output
     * format) answered offline by the simulated policy {@code spec}: it sends the requests a real
     * model of this config would be sent (for estimates).
     */
    static Participant standIn(RunConfig cfg, String spec, long seed) {
        return participant(cfg, "simulated", spec, seed);
    }

    private static Participant participant(RunConfig cfg, String backend, String model, long seed) {
        return participant(cfg, backend, model, seed, cfg.personas());
    }

    /**
     * The participant on {@code model} with every option of {@code cfg}, knowing {@code personas}
     * (label to system text).
     */
    static Participant participant(RunConfig cfg, String backend, String model, long seed,
                                   Map<String, String> personas) {
        ChatModel chatModel = chatModel(cfg, backend, model, seed);
        try {
            return LlmParticipant.builder()
                    .chatModel(chatModel)
                    .name(model)
                    .conversationMode(ConversationMode.parse(cfg.conversation()))
                    .structuredOutput(cfg.structuredOutput())
                    .debug(cfg.debug())
                    .retryPolicy(RetryPolicy.builder().maxRetries(cfg.maxRetries()).build())
                    .maxConcurrency(cfg.maxConcurrencyPerModel())
                    .personas(personas)
                    .prompts(BartPrompts.seed().toBuilder().discloseRange(cfg.discloseRange()).build())
                    .build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UsageException("model_list: '" + model + "': " + ConfigLoader.oneLine(ConfigKeys.translate(
                    e.getMessage())));
        }
    }

    /** The chat models of a config, in its order (what {@link #create} builds participants on; what preflight probes). */
    static List<ChatModel> chatModels(RunConfig cfg, long seed) {
        return cfg.models().stream().map(m -> chatModel(cfg, cfg.backend(), m, seed)).toList();
    }

    /**
     * The model {@code model} on {@code backend} with the config's endpoint and sampling keys:
     * {@code base_url}, the API key, {@code temperature}, {@code max_tokens}, {@code model_seed},
     * {@code request_timeout_seconds}, {@code max_response_bytes}, {@code http_referer},
     * {@code x_title}, {@code debug_mode}; a simulated policy for {@code backend: simulated}.
     *
     * @throws UsageException naming the model and the config key when a value is refused
     */
    private static ChatModel chatModel(RunConfig cfg, String backend, String model, long seed) {
        try {
            ChatModels.Builder<?> b;
            switch (backend) {
                case "simulated":
                    return ChatModels.simulated(model, seed);
                case "openrouter": {
                    ChatModels.OpenRouterBuilder or = ChatModels.openRouter();
                    if (cfg.httpReferer() != null) {
                        or.httpReferer(cfg.httpReferer());
                    }
                    if (cfg.appTitle() != null) {
                        or.appTitle(cfg.appTitle());
                    }
                    b = or;
                    break;
                }
                case "ollama":
                    b = ChatModels.ollama();
                    break;
                case "openai":
                    b = ChatModels.openAiCompatible();
                    break;
                default:
                    throw new UsageException("backend must be one of " + String.join(", ", ConfigLoader.BACKENDS)
                            + ", but is: '" + backend + "'");
            }
            b.modelName(model)
                    .logRequestsAndResponses(cfg.debug())
                    .maxResponseBytes(cfg.maxResponseBytes())
                    .timeout(Duration.ofMillis(Math.round(cfg.requestTimeoutSeconds() * 1000)))
                    .temperature(cfg.temperature())
                    .maxTokens(cfg.maxTokens())
                    .seed(cfg.modelSeed());
            if (cfg.baseUrl() != null) {
                b.baseUrl(cfg.baseUrl());
            }
            if (cfg.apiKey() != null) {
                b.apiKey(cfg.apiKey()); // the loader has read it from the environment or the file
            }
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UsageException("model_list: '" + model + "': " + ConfigLoader.oneLine(ConfigKeys.translate(
                    e.getMessage())));
        }
    }
}
