package io.github.bart4j.examples;

import java.util.List;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ExperimentResult;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.Statistics;
import io.github.bart4j.core.spi.Participant;
import dev.langchain4j.model.chat.ChatModel;
import io.github.bart4j.langchain4j.ChatModels;
import io.github.bart4j.langchain4j.FakeChatModel;
import io.github.bart4j.langchain4j.LlmParticipants;

/**
 * The shortest useful program: one model, ten balloons, the summary printed. Offline it asks a
 * simulated log-utility agent ({@code crra:1}) through the same chat path as a real model; given
 * {@code BACKEND MODEL} (e.g. {@code openrouter openai/gpt-4o-mini}, {@code ollama llama3.2}) it asks
 * that model, with the key from {@code OPENROUTER_API_KEY} / {@code OPENAI_API_KEY}.
 */
public final class QuickstartExample implements Example {

    @Override
    public int run(Context ctx) {
        boolean real = ctx.args().size() == 2;
        if (ctx.args().size() == 1 || ctx.args().size() > 2) {
            ctx.err().println("quickstart: give BACKEND and MODEL together (e.g. openrouter openai/gpt-4o-mini),"
                    + " or neither, but got: " + String.join(" ", ctx.args()));
            return 2;
        }
        Participant model;
        try {
            model = LlmParticipants.create(real ? chatModel(ctx.args().get(0), ctx.args().get(1))
                    : FakeChatModel.policy("crra:1"));
        } catch (IllegalArgumentException | IllegalStateException e) {
            ctx.err().println("quickstart: " + e.getMessage());
            return 2;
        }

        ExperimentResult result = Experiment.builder()
                .schedule(Schedule.uniform(1, 20, 10, 0.10, 42)) // the seed's task: bursts at 1..20, $0.10 a pump
                .participant(model)
                .build()
                .run();
        ctx.out().print(Statistics.toTable(Statistics.summarize(result.results())));
        return result.failures().isEmpty() ? 0 : 1;
    }

    @Override
    public String name() {
        return "quickstart";
    }

    @Override
    public List<Argument> arguments() {
        return List.of(new Argument("BACKEND", null, "openrouter, ollama or openai (with MODEL; none: offline crra:1)"),
                new Argument("MODEL", null, "the model, e.g. openai/gpt-4o-mini or llama3.2"));
    }

    @Override
    public String description() {
        return "the shortest useful program: one model, ten balloons, the summary printed";
    }

    public static void main(String[] args) {
        System.exit(new QuickstartExample().run(Context.system(args)));
    }

    /** The model {@code name} on {@code backend}, the key from the backend's environment variable. */
    private static ChatModel chatModel(String backend, String name) {
        switch (backend.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "openrouter":
                return ChatModels.openRouter().modelName(name).apiKeyFromEnvironment().build();
            case "ollama":
                return ChatModels.ollama().modelName(name).build();
            case "openai":
                return ChatModels.openAiCompatible().modelName(name).apiKeyFromEnvironment().build();
            default:
                throw new IllegalArgumentException("backend must be one of openrouter, ollama, openai, but is '"
                        + backend + "'");
        }
    }
}
