package io.github.bart4j.langchain4j.readme;

import dev.langchain4j.model.chat.ChatModel;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ExperimentResult;
import io.github.bart4j.core.ResultSink;
import io.github.bart4j.core.ResultSinks;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.Statistics;
import io.github.bart4j.langchain4j.FakeChatModel;
import io.github.bart4j.langchain4j.LlmParticipants;
import java.nio.file.Path;

public class FirstRun {

    public static void main(String[] args) {
        // Any LangChain4j ChatModel works here, e.g. ChatModels.openRouter("openai/gpt-4o-mini")
        // (key from OPENROUTER_API_KEY) or ChatModels.ollama("llama3.2"). This one needs no
        // network: a scripted agent with constant relative risk aversion 1.
        ChatModel chatModel = FakeChatModel.policy("crra:1");
        Path csvFile = Path.of(args.length > 0 ? args[0] : "BART_combined.csv");   // a new file
        try (ResultSink csv = ResultSinks.csv(csvFile)) {
            ExperimentResult run = Experiment.builder()
                    .schedule(Schedule.uniform(1, 20, 10, 0.10, 42))   // the seed's protocol, seeded
                    .participant(LlmParticipants.create(chatModel))
                    .sink(csv)                                         // each balloon as it finishes
                    .build()
                    .run();
            System.out.print(Statistics.toTable(Statistics.summarize(run.results())));
        }
    }
}
