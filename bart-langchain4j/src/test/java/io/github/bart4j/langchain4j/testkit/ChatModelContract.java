package io.github.bart4j.langchain4j.testkit;

import dev.langchain4j.model.chat.ChatModel;
import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.langchain4j.LlmParticipant;
import io.github.bart4j.langchain4j.RetryPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The participant contract for your own LangChain4j {@link ChatModel}, played through bart4j's
 * {@code LlmParticipant}: extend this class and build your model against the {@link FakeLlmServer}
 * the test gives you (its {@link FakeLlmServer#openAiBaseUrl() OpenAI} or
 * {@link FakeLlmServer#ollamaBaseUrl() Ollama} address), with the model name the test asks for. The
 * server plays that name as a BART policy ({@code fixed:3}, {@code ev-optimal}, ...), so every test of
 * {@link PolicyParticipantContract} and {@link ParticipantContract} checks exact outcomes through your
 * model's requests and answers. For the re-ask tests the server's first answers are unreadable
 * ({@link FakeLlmServer.Fault#UNREADABLE}); for the failure test it answers every request with HTTP
 * 500 ({@link FakeLlmServer.Fault#SERVER_ERROR}), which your model must report by throwing.
 *
 * <pre>{@code
 * class MyChatModelContractTest extends ChatModelContract {
 *     @Override
 *     protected ChatModel chatModel(FakeLlmServer server, String model) {
 *         return new MyChatModel(server.openAiBaseUrl(), model);
 *     }
 * }
 * }</pre>
 *
 * Each server is closed after its test. Needs {@code org.junit.jupiter:junit-jupiter} and
 * {@code org.eclipse.jetty:jetty-server} (12.x, for the server) on the test class path.
 */
public abstract class ChatModelContract extends PolicyParticipantContract {

    private final List<FakeLlmServer> servers = new ArrayList<>();

    /**
     * Your chat model, sending its requests to {@code server} (at {@link FakeLlmServer#openAiBaseUrl()}
     * or {@link FakeLlmServer#ollamaBaseUrl()}) for the model named {@code model}.
     */
    protected abstract ChatModel chatModel(FakeLlmServer server, String model);

    /**
     * How the contract turns a chat model into a participant: bart4j's {@code LlmParticipant} with no
     * retries of its own. Override to test your participant options.
     */
    protected Participant participant(ChatModel model, String name) {
        return LlmParticipant.builder().chatModel(model).name(name).retryPolicy(RetryPolicy.none()).build();
    }

    @Override
    protected final Participant participant(String policy) {
        return participant(chatModel(serve(FakeLlmServer.builder()), policy), policy);
    }

    @Override
    protected final Participant garbling(String policy, int garbled) {
        FakeLlmServer server = serve(FakeLlmServer.builder()
                .faults(r -> r.number() <= garbled ? FakeLlmServer.Fault.UNREADABLE : null));
        return participant(chatModel(server, policy), policy);
    }

    @Override
    protected final Participant failing() {
        FakeLlmServer server = serve(FakeLlmServer.builder().faults(r -> FakeLlmServer.Fault.SERVER_ERROR));
        return participant(chatModel(server, "fixed:1"), "fixed:1");
    }

    private FakeLlmServer serve(FakeLlmServer.Builder builder) {
        FakeLlmServer server = builder.start();
        synchronized (servers) {
            servers.add(server);
        }
        return server;
    }

    @AfterEach
    void closeFakeLlmServers() {
        synchronized (servers) {
            servers.forEach(FakeLlmServer::close);
            servers.clear();
        }
    }
}
