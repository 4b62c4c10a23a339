package io.github.bart4j.examples;

import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.examples.cli.Participants;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models an example plays: offline simulated agents by default, or the models of a config
 * file when the example is given {@code --config FILE} (the same YAML as {@code ./bart run}).
 */
final class ExampleModels {

    private ExampleModels() {
    }

    /**
     * The config's models when {@code args} hold {@code --config FILE}, else the simulated agents
     * {@code specs} (e.g. {@code crra:2}) answering through the chat path.
     */
    static List<Participant> from(List<String> args, Map<String, String> env, List<String> specs, PrintWriter err) {
        Optional<Path> config = configFile(args);
        if (config.isPresent()) {
            return Participants.fromConfigFile(config.get(), env);
        }
        return Participants.simulated(specs);
    }

    /** The file after {@code --config}, if the arguments name one. */
    static Optional<Path> configFile(List<String> args) {
        int i = args.indexOf("--config");
        return i >= 0 && i + 1 < args.size() ? Optional.of(Path.of(args.get(i + 1))) : Optional.empty();
    }

    /** The value after {@code option}, or {@code fallback}. */
    static String option(List<String> args, String option, String fallback) {
        int i = args.indexOf(option);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
    }

    /**
     * The models of a config file, each knowing the persona prompts {@code personas} (label to
     * system text), so an experiment can run every model under every persona. The config's
     * transport and sampling keys apply; its own {@code personas} are replaced.
     */
    static List<Participant> withPersonas(Path config, Map<String, String> env, Map<String, String> personas) {
        return Participants.fromConfigFile(config, env, personas);
    }
}
