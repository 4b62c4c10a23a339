package io.github.bart4j.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.bart4j.langchain4j.testkit.ChatModelContract;
import io.github.bart4j.langchain4j.testkit.FakeLlmServer;
import org.junit.jupiter.api.Nested;

/** LangChain4j's own OpenAI and Ollama models, built as a user builds them, keep the test kit's chat model contract. */
class LangChain4jModelsContractTest {

    @Nested
    class OpenAi extends ChatModelContract {
        @Override
        protected ChatModel chatModel(FakeLlmServer server, String model) {
            return OpenAiChatModel.builder().baseUrl(server.openAiBaseUrl()).apiKey("sk-test").modelName(model)
                    .maxRetries(0).build();
        }
    }

    @Nested
    class Ollama extends ChatModelContract {
        @Override
        protected ChatModel chatModel(FakeLlmServer server, String model) {
            return OllamaChatModel.builder().baseUrl(server.ollamaBaseUrl()).modelName(model).maxRetries(0).build();
        }
    }
}
