package io.github.bart4j.langchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.bart4j.core.ParticipantException;
import io.github.bart4j.core.agents.ScriptedParticipants;
import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.Participant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The kit itself: each contract passes for a participant or chat model that keeps it and fails, in
 * the test that names the broken rule, for one that breaks it. The contracts are run here as a user's
 * build runs them (JUnit Platform launcher on a subclass).
 */
class ContractKitTest {

    private static TestExecutionSummary run(Class<?> contract) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(contract)).build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        return listener.getSummary();
    }

    private static List<String> failed(TestExecutionSummary summary) {
        return summary.getFailures().stream().map(f -> f.getTestIdentifier().getDisplayName()).toList();
    }

    // --- a participant that keeps the contract, and one that invents a cash-out when its backend fails

    /** A random pumper (not a policy the kit knows), with a failing twin that throws as it should. */
    static class RandomPumperContract extends ParticipantContract {
        @Override
        protected Participant participant() {
            return ScriptedParticipants.random(0.7, 11);
        }

        @Override
        protected Participant failingParticipant() {
            return failing("down");
        }
    }

    /** Cashes out when its backend fails (here: always): the failure a participant must never hide. */
    static class CashOutOnFailureContract extends RandomPumperContract {
        @Override
        protected Participant failingParticipant() {
            return renamed("hides-failures", ScriptedParticipants.fixed(0));
        }
    }

    /** Has no name. */
    static class NamelessContract extends ParticipantContract {
        @Override
        protected Participant participant() {
            return renamed(" ", ScriptedParticipants.fixed(2));
        }
    }

    private static Participant renamed(String name, Participant inner) {
        return new Participant() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public BalloonSession open(BalloonContext context) {
                return inner.open(context);
            }
        };
    }

    private static Participant failing(String name) {
        return new Participant() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public BalloonSession open(BalloonContext context) {
                return state -> {
                    throw new ParticipantException("backend down", false);
                };
            }
        };
    }

    @Test
    void a_participant_that_keeps_the_rules_passes_every_test() {
        TestExecutionSummary s = run(RandomPumperContract.class);

        assertThat(failed(s)).isEmpty();
        assertThat(s.getTestsSucceededCount()).isEqualTo(5);
    }

    @Test
    void a_participant_that_cashes_out_when_its_backend_fails_fails_the_failure_test() {
        TestExecutionSummary s = run(CashOutOnFailureContract.class);

        assertThat(failed(s)).containsExactly(
                "a_failing_backend_ends_the_balloon_with_status_error_never_a_cash_out()");
        assertThat(s.getFailures().get(0).getException()).hasMessageContaining("ended as cash-out");
    }

    @Test
    void a_participant_without_a_name_fails_the_name_test() {
        assertThat(failed(run(NamelessContract.class))).containsExactly("its_name_is_not_blank_and_stable()");
    }

    @Test
    void without_a_failing_participant_the_failure_test_is_skipped_not_passed() {
        TestExecutionSummary s = run(NamelessContract.class);

        assertThat(s.getTestsAbortedCount()).isEqualTo(1);
    }

    // --- chat models: LangChain4j's own OpenAI client keeps the contract; one that swallows errors does not

    /** LangChain4j's OpenAI model as a user would build it, against the kit's server. */
    static class OpenAiModelContract extends ChatModelContract {
        @Override
        protected ChatModel chatModel(FakeLlmServer server, String model) {
            return OpenAiChatModel.builder().baseUrl(server.openAiBaseUrl()).apiKey("sk-test").modelName(model)
                    .maxRetries(0).build();
        }
    }

    /** Answers "Cash Out" when the server fails. */
    static class SwallowingModelContract extends ChatModelContract {
        @Override
        protected ChatModel chatModel(FakeLlmServer server, String model) {
            ChatModel real = OpenAiChatModel.builder().baseUrl(server.openAiBaseUrl()).apiKey("sk-test")
                    .modelName(model).maxRetries(0).build();
            return new ChatModel() {
                @Override
                public ChatResponse doChat(ChatRequest request) {
                    try {
                        return real.chat(request);
                    } catch (RuntimeException e) {
                        return ChatResponse.builder().aiMessage(AiMessage.from("Cash Out")).build();
                    }
                }
            };
        }
    }

    @Test
    void a_chat_model_that_keeps_the_rules_passes_every_test() {
        TestExecutionSummary s = run(OpenAiModelContract.class);

        assertThat(failed(s)).isEmpty();
        assertThat(s.getTestsSucceededCount()).isEqualTo(12);
    }

    @Test
    void a_chat_model_that_answers_for_a_failed_server_fails_the_failure_test() {
        assertThat(failed(run(SwallowingModelContract.class))).containsExactly(
                "a_failing_backend_ends_the_balloon_with_status_error_never_a_cash_out()");
    }
}
