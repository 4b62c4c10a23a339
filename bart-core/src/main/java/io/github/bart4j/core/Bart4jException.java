package io.github.bart4j.core;

/**
 * The root of every exception bart4j throws at run time: one type to catch. Its subtypes say more:
 * <ul>
 *   <li>{@link ResultIoException}: a file could not be read or written (disk full, permission
 *       denied, read-only file system); the cause is the {@link java.io.IOException};</li>
 *   <li>{@link ResultFileException}: a result file holds something bart4j cannot read, or a sink's
 *       file already holds results;</li>
 *   <li>{@link ParticipantException}: a participant could not answer (recorded as the balloon's
 *       error; {@link Experiment#run()} does not throw it);</li>
 *   <li>{@code Preflight.PreflightException} (bart4j-langchain4j): a model server cannot be used.</li>
 * </ul>
 * {@link Experiment#run()} throws a {@code Bart4jException} when a sink cannot store a result,
 * with the sink's exception as its cause.
 *
 * <p>Mistakes in calling the API are not bart4j exceptions but Java's usual ones, thrown at once
 * and naming the parameter: {@link IllegalArgumentException} for a bad value,
 * {@link NullPointerException} for a missing one, {@link IllegalStateException} for a call at the
 * wrong time (a builder missing a required part, an experiment run twice).
 */
public class Bart4jException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public Bart4jException(String message) {
        super(message);
    }

    public Bart4jException(String message, Throwable cause) {
        super(message, cause);
    }
}
