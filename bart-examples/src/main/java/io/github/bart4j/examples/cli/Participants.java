package io.github.bart4j.examples.cli;

import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.langchain4j.BartPrompts;
import io.github.bart4j.langchain4j.ConversationMode;
import io.github.bart4j.langchain4j.LlmParticipants;
import io.github.bart4j.langchain4j.ModelOptions;
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
        ModelOptions options = options(cfg, backend, model, seed);
        try {
            return LlmParticipants.create(options);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UsageException("model_list: '" + model + "': " + ConfigLoader.oneLine(e.getMessage()));
        }
    }

    /** The options of every model of a config, in its order (what {@link #create} builds participants from). */
    static List<ModelOptions> options(RunConfig cfg, long seed) {
        return cfg.models().stream().map(m -> options(cfg, cfg.backend(), m, seed)).toList();
    }

    private static ModelOptions options(RunConfig cfg, String backend, String model, long seed) {
        boolean remote = !backend.equals("simulated");
        try {
            ModelOptions.Builder b = ModelOptions.builder(ModelOptions.Backend.parse(backend), model)
                    .conversationMode(ConversationMode.parse(cfg.conversation()))
                    .structuredOutput(cfg.structuredOutput())
                    .debug(cfg.debug())
                    .maxRetries(cfg.maxRetries())
                    .maxResponseBytes(cfg.maxResponseBytes())
                    .timeout(Duration.ofMillis(Math.round(cfg.requestTimeoutSeconds() * 1000)))
                    .maxConcurrencyPerModel(cfg.maxConcurrencyPerModel())
                    .personas(cfg.personas())
                    .prompts(BartPrompts.seed().toBuilder().discloseRange(cfg.discloseRange()).build())
                    .simulationSeed(seed);
            if (remote && cfg.baseUrl() != null) {
                b.baseUrl(cfg.baseUrl());
            }
            if (remote && cfg.apiKey() != null) {
                b.apiKey(cfg.apiKey());
            }
            if (cfg.temperature() != null) {
                b.temperature(cfg.temperature());
            }
            if (cfg.maxTokens() != null) {
                b.maxTokens(cfg.maxTokens());
            }
            if (cfg.modelSeed() != null) {
                b.seed(cfg.modelSeed());
            }
            if (cfg.httpReferer() != null) {
                b.httpReferer(cfg.httpReferer());
            }
            if (cfg.appTitle() != null) {
                b.appTitle(cfg.appTitle());
            }
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UsageException("model_list: '" + model + "': " + ConfigLoader.oneLine(e.getMessage()));
        }
    }
}
