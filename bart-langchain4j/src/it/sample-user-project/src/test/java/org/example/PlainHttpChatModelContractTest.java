package org.example;

import dev.langchain4j.model.chat.ChatModel;
import io.github.bart4j.langchain4j.testkit.ChatModelContract;
import io.github.bart4j.langchain4j.testkit.FakeLlmServer;

/** bart4j's chat model contract, run on this project's own chat model against the kit's fake LLM server. */
class PlainHttpChatModelContractTest extends ChatModelContract {

    @Override
    protected ChatModel chatModel(FakeLlmServer server, String model) {
        return new PlainHttpChatModel(server.openAiBaseUrl(), model);
    }
}
