package io.github.bart4j.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import io.github.bart4j.core.spi.Participant;

/**
 * Factories of BART participants that ask a LangChain4j {@link ChatModel}.
 *
 * <p>A participant built here:
 * <ul>
 *   <li>renders its {@linkplain LlmParticipant.Builder#prompts prompts} in its
 *       {@linkplain LlmParticipant.Builder#conversationMode conversation mode};</li>
 *   <li>reads answers with its {@linkplain LlmParticipant.Builder#decisionParser decision parser} (JSON first when
 *       {@linkplain LlmParticipant.Builder#structuredOutput structured}); an unreadable answer is an invalid
 *       {@code Reply}, and the task asks again;</li>
 *   <li>records per answer the raw text, reasoning (LangChain4j's {@code thinking()} or OpenRouter's
 *       {@code message.reasoning}), input/output tokens and OpenRouter's {@code usage.cost};</li>
 *   <li>retries transient failures itself (429, 408, 5xx, timeouts, broken connections, HTTP-200
 *       error bodies, malformed JSON, empty completions) with exponential backoff and jitter,
 *       waiting at least {@code Retry-After}, as its {@link RetryPolicy} says (by default at most
 *       {@value RetryPolicy#DEFAULT_MAX_RETRIES} times), then throws a non-fatal
 *       {@link io.github.bart4j.core.ParticipantException}; 400, 401, 402, 403 and 404 are not
 *       retried and throw a fatal one;</li>
 *   <li>on a model you built, stops for good (a fatal {@code ParticipantException} naming the
 *       participant, the balloon and the fault) when the model returns {@code null} (an unstubbed
 *       Mockito mock), a response without an {@code aiMessage}, or throws anything but
 *       LangChain4j's exceptions, I/O errors and {@code ParticipantException}s;</li>
 *   <li>declares its {@linkplain LlmParticipant.Builder#maxConcurrency maximum concurrency} as its
 *       {@linkplain io.github.bart4j.core.spi.Participant#preferredConcurrency() preferred concurrency}:
 *       an {@link io.github.bart4j.core.Experiment} plays at most that many of its balloons at once
 *       (one request in flight each).</li>
 * </ul>
 *
 * <pre>{@code
 * Participant p = LlmParticipants.create(FakeChatModel.policy("crra:1"));
 * BalloonResult r = Task.classic().play(p, new Balloon(1, "", 1, 20, 12, 0.10));
 * }</pre>
 */
public final class LlmParticipants {

    private LlmParticipants() {
    }

    /**
     * A participant on a model you built (any {@link ChatModel}: an {@code OpenAiChatModel}, a
     * {@link FakeChatModel}, a Mockito mock), with the default settings; no backend, URL or key is
     * involved. Named as the model names itself (see {@link LlmParticipant.Builder#name}); for other
     * settings use {@link LlmParticipant#builder()}.
     *
     * <pre>{@code
     * Participant agent = LlmParticipants.create(FakeChatModel.policy("crra:1"));   // named crra:1
     * }</pre>
     */
    public static LlmParticipant create(ChatModel model) {
        return LlmParticipant.builder().chatModel(model).build();
    }
}
