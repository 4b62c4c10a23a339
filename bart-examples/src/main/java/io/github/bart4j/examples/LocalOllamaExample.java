package io.github.bart4j.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ExperimentResult;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.Statistics;
import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.langchain4j.ChatModels;
import io.github.bart4j.langchain4j.FakeChatModel;
import io.github.bart4j.langchain4j.LlmParticipant;
import io.github.bart4j.langchain4j.LlmParticipants;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The quickstart experiment against a local <a href="https://ollama.com">Ollama</a> model
 * ({@code llama3.2} unless {@code --model NAME}), on {@code http://localhost:11434} unless the
 * environment variable {@code OLLAMA_BASE_URL} says otherwise. Setup: install Ollama, then
 * {@code ollama pull llama3.2} (the server starts with the app, or {@code ollama serve}).
 *
 * <p>Before the experiment it asks the server for its models ({@code GET /api/tags}, 2 s timeout).
 * When no server answers, or the model is not pulled, it says what to do and runs the same
 * experiment on the simulated backend instead, so the example still works offline (exit 0).
 */
public final class LocalOllamaExample implements Example {

    static final String DEFAULT_MODEL = "llama3.2";
    static final String DEFAULT_BASE_URL = "http://localhost:11434";

    @Override
    public int run(Context ctx) throws InterruptedException {
        String baseUrl = ctx.env().getOrDefault("OLLAMA_BASE_URL", DEFAULT_BASE_URL).strip().replaceAll("/+$", "");
        String model = ExampleModels.option(ctx.args(), "--model", DEFAULT_MODEL);

        Participant participant;
        List<String> pulled = installedModels(baseUrl);
        if (pulled == null) {
            ctx.out().println("No Ollama server answers at " + baseUrl + " (GET /api/tags, 2 s timeout).");
            ctx.out().println("To use a local model: install Ollama (https://ollama.com/download), run `ollama pull "
                    + model + "`, and start the server (the desktop app, or `ollama serve`); set OLLAMA_BASE_URL if it"
                    + " is not on " + DEFAULT_BASE_URL + ".");
            participant = simulatedStandIn(ctx);
        } else if (!pulled.contains(model) && !pulled.contains(model + ":latest")) {
            ctx.out().println("The Ollama server at " + baseUrl + " has no model '" + model + "' (it has: "
                    + (pulled.isEmpty() ? "none" : String.join(", ", pulled)) + "). Run `ollama pull " + model + "`.");
            participant = simulatedStandIn(ctx);
        } else {
            ctx.out().println("Asking " + model + " on the Ollama server at " + baseUrl + ".");
            participant = LlmParticipant.builder()
                    .chatModel(ChatModels.ollama().baseUrl(baseUrl).modelName(model).temperature(0.7).build())
                    .maxConcurrency(1) // a local server answers one request at a time by default
                    .build();
        }

        ExperimentResult result = Experiment.builder()
                .schedule(Schedule.uniform(1, 20, 10, 0.10, 42)) // the quickstart's ten balloons
                .participant(participant)
                .build()
                .run();
        ctx.out().print(Statistics.toTable(Statistics.summarize(result.results())));
        result.failures().forEach((name, cause) -> ctx.err().println("local-ollama: " + name + " failed: " + cause));
        return result.failures().isEmpty() ? 0 : 1;
    }

    private static Participant simulatedStandIn(Context ctx) {
        ctx.out().println("Running the same experiment on the simulated backend instead (crra:1, a log-utility"
                + " agent answering through the same chat path).");
        return LlmParticipants.create(FakeChatModel.policy("crra:1"));
    }

    /**
     * The names of the models the Ollama server at {@code baseUrl} has pulled, or {@code null}
     * when no Ollama server answers within 2 seconds.
     */
    static List<String> installedModels(String baseUrl) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/tags")).timeout(Duration.ofSeconds(2)).GET()
                    .build();
        } catch (IllegalArgumentException e) {
            return null; // not a URL
        }
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            List<String> names = new ArrayList<>();
            for (JsonNode m : new ObjectMapper().readTree(response.body()).path("models")) {
                names.add(m.path("name").asText());
            }
            return names;
        } catch (IOException e) {
            return null; // refused, timed out, or not Ollama's JSON
        }
    }

    @Override
    public String name() {
        return "local-ollama";
    }

    @Override
    public List<Argument> arguments() {
        return List.of(new Argument("--model", "NAME", "the Ollama model (default " + DEFAULT_MODEL
                + "; the server is OLLAMA_BASE_URL or " + DEFAULT_BASE_URL + ")"));
    }

    @Override
    public String description() {
        return "the quickstart against a local Ollama model; says how to set it up, runs simulated when none is up";
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(new LocalOllamaExample().run(Context.system(args)));
    }
}
