package io.github.bart4j.langchain4j;

import io.github.bart4j.core.Bart4jException;
import io.github.bart4j.core.spi.Reply;

/**
 * A successful HTTP answer whose body passed {@link ChatModels.Builder#maxResponseBytes}: it was not
 * read further. The participant records it as an invalid answer ("answer too long"), keeping
 * {@link #PREFIX_CHARS} characters of the body, so a misbehaving server cannot fill the disk or the heap.
 */
final class ResponseTooLargeException extends Bart4jException {

    /** How much of the body is kept as the answer's raw text. */
    static final int PREFIX_CHARS = 1000;

    private final int limit;
    private final long declaredLength;
    private final String prefix;

    ResponseTooLargeException(int limit, long declaredLength, String body) {
        super("answer too long: " + describe(limit, declaredLength));
        this.limit = limit;
        this.declaredLength = declaredLength;
        this.prefix = body.length() <= PREFIX_CHARS ? body : body.substring(0, PREFIX_CHARS);
    }

    private static String describe(int limit, long declaredLength) {
        return (declaredLength > limit ? declaredLength + " bytes" : "more than " + limit + " bytes")
                + " (max_response_bytes " + limit + ")";
    }

    /** The invalid answer this response counts as. */
    Reply reply() {
        return Reply.invalid(prefix, getMessage());
    }

    /** The exception of this type in {@code e}'s cause chain, or {@code null}. */
    static ResponseTooLargeException in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ResponseTooLargeException big) {
                return big;
            }
        }
        return null;
    }

    int limit() {
        return limit;
    }

    long declaredLength() {
        return declaredLength;
    }
}
