package io.github.bart4j.core;

/**
 * A value in a result file breaks a rule. Thrown by decoders that do not know the file or the
 * line; the reader adds both and throws a {@link io.github.bart4j.core.ResultFileException}.
 */
final class FormatProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    FormatProblem(String message) {
        super(message, null, false, false);
    }
}
