package io.github.bart4j.examples.cli;

import io.github.bart4j.langchain4j.Preflight;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code run}'s check, before the first balloon, that its backend answers (see {@link Preflight});
 * skipped with {@code --no-preflight}, and when every balloon is already recorded.
 */
final class BackendCheck {

    private BackendCheck() {
    }

    /**
     * Probes the config's backend once; prints the probe's warnings.
     *
     * @throws UsageException (exit 2) naming the backend, the URL and what to do when the check fails
     */
    static List<Preflight.ServerInfo> run(RunConfig cfg, long seed, PrintWriter err) {
        List<Preflight.ServerInfo> servers;
        try {
            servers = Preflight.check(Participants.chatModels(cfg, seed));
        } catch (Preflight.PreflightException e) {
            throw new UsageException(forConfig(e));
        }
        servers.forEach(s -> s.warnings().forEach(w -> err.println("bart: warning: " + w)));
        return servers;
    }

    /**
     * The check's message in the config's terms: the library names Java settings ({@code baseUrl},
     * {@code apiKey}, {@code ChatModels.openAiCompatible()}); a user of {@code run} sets config keys,
     * and can skip the check when the server cannot be reached.
     */
    static String forConfig(Preflight.PreflightException e) {
        String message = e.getMessage().replace("baseUrl", "base_url")
                .replace("ChatModels.openAiCompatible()", "backend: openai")
                .replace("check apiKey", "check openai_api_key / OPENAI_API_KEY");
        return e.serverUnreachable() ? message + "; --no-preflight skips this check" : message;
    }
}
