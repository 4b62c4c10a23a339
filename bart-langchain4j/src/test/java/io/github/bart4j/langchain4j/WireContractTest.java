package io.github.bart4j.langchain4j;

import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.langchain4j.testkit.PolicyParticipantContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** The participant contract over real HTTP on 127.0.0.1, in both wire formats. */
class WireContractTest {

    private final List<ChatServer> servers = new ArrayList<>();

    @AfterEach
    void closeServers() {
        servers.forEach(ChatServer::close);
    }

    private Participant over(ChatServer.Format format, String spec, int garbled, boolean failing) {
        FakeChatModel policy = FakeChatModel.policy(spec);
        ChatServer server = new ChatServer(format, r -> policy.chat(r).aiMessage().text(), garbled, failing);
        servers.add(server);
        ChatModels.Builder<?> model = format == ChatServer.Format.OPENAI ? ChatModels.openRouter() : ChatModels.ollama();
        return LlmParticipant.builder()
                .chatModel(model.modelName("test/model").apiKey("sk-test").baseUrl(server.baseUrl()).build())
                .retryPolicy(RetryPolicy.builder().maxRetries(1).build()).sleeper(d -> { }).build();
    }

    @Nested
    class OpenAiFormat extends PolicyParticipantContract {
        @Override
        protected Participant participant(String spec) {
            return over(ChatServer.Format.OPENAI, spec, 0, false);
        }

        @Override
        protected Participant garbling(String spec, int garbled) {
            return over(ChatServer.Format.OPENAI, spec, garbled, false);
        }

        @Override
        protected Participant failing() {
            return over(ChatServer.Format.OPENAI, "fixed:1", 0, true);
        }
    }

    @Nested
    class OllamaFormat extends PolicyParticipantContract {
        @Override
        protected Participant participant(String spec) {
            return over(ChatServer.Format.OLLAMA, spec, 0, false);
        }

        @Override
        protected Participant garbling(String spec, int garbled) {
            return over(ChatServer.Format.OLLAMA, spec, garbled, false);
        }

        @Override
        protected Participant failing() {
            return over(ChatServer.Format.OLLAMA, "fixed:1", 0, true);
        }
    }
}
