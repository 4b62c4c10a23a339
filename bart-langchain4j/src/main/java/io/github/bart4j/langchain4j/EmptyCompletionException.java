package io.github.bart4j.langchain4j;

import io.github.bart4j.core.Bart4jException;

/** A response with neither content nor reasoning: retried like a transport failure. */
final class EmptyCompletionException extends Bart4jException {

    private static final long serialVersionUID = 1L;

    EmptyCompletionException(String message) {
        super(message);
    }
}
