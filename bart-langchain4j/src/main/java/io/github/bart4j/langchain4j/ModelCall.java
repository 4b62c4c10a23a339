package io.github.bart4j.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.bart4j.core.ParticipantException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One call to a {@link ChatModel}, and the check of what came back, at the one place the answer is
 * received. A model that breaks the {@code ChatModel} contract — returns {@code null} (an unstubbed
 * Mockito mock does), a response without an {@code aiMessage} — fails its participant for good
 * with a fatal {@link ParticipantException} naming the participant, the balloon and the fault:
 * asking again would give the same answer.
 *
 * <p>For models the user built, exceptions are sorted too, by the {@link Retrier}'s reading: a
 * provider's failure (LangChain4j's exceptions such as {@code HttpException},
 * {@code TimeoutException}, {@code RateLimitException}; I/O errors; a malformed response LangChain4j
 * failed to read) and {@link ParticipantException}s pass to the {@code Retrier}; any other
 * exception is the model's own (a stub's {@code thenThrow}, a bug) and fails the participant for
 * good in the same way. (For models bart4j builds, such an exception is an internal error of the
 * balloon, see {@code Retrier}.)
 */
final class ModelCall {

    private ModelCall() {
    }

    /**
     * Asks {@code model}.
     *
     * @param participant the participant's name, for the message
     * @param balloon the balloon the request is for, for the message
     * @param userBuilt whether the user built the model (then its non-provider exceptions are fatal)
     */
    static ChatResponse chat(ChatModel model, ChatRequest request, String participant, int balloon,
                             boolean userBuilt) {
        ChatResponse response;
        try {
            response = model.chat(request);
        } catch (RuntimeException e) {
            if (userBuilt && !isProviderFault(e)) {
                throw fatal(participant, "the ChatModel threw " + describe(e) + ", for the request of balloon "
                        + balloon + "; only LangChain4j's exceptions (HttpException, TimeoutException,"
                        + " RateLimitException...) and I/O errors are retried as provider faults", e);
            }
            throw e;
        } catch (Exception e) { // a checked exception thrown sneakily (e.g. a Mockito thenAnswer)
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw fatal(participant, "the ChatModel threw " + describe(e) + ", for the request of balloon "
                    + balloon, e);
        }
        if (response == null) {
            throw fatal(participant, "the ChatModel returned null for the request of balloon " + balloon
                    + "; is it an unstubbed mock? bart4j calls ChatModel.chat(ChatRequest)", null);
        }
        if (response.aiMessage() == null) {
            throw fatal(participant, "the ChatModel returned a ChatResponse without an aiMessage for the request"
                    + " of balloon " + balloon, null);
        }
        return response;
    }

    /**
     * Whether {@code e} is how a provider's failure reaches bart4j: a {@link ParticipantException},
     * or what the {@link Retrier} reads as a provider's or response-reading failure (LangChain4j's
     * exceptions, I/O errors, timeouts, interruptions, and a {@code NullPointerException} or the like
     * thrown inside LangChain4j reading a malformed body).
     */
    static boolean isProviderFault(RuntimeException e) {
        return e instanceof ParticipantException || Retrier.isProviderFailure(e);
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + Retrier.shorten(e.getMessage()));
    }

    private static ParticipantException fatal(String participant, String what, Throwable cause) {
        return new ParticipantException("participant '" + participant + "': " + what, true, cause);
    }
}
