package io.github.bart4j.core;

import java.io.IOException;
import java.util.Objects;

/**
 * A file could not be read or written because of the machine, not its content: permission denied,
 * no space left on the device, a read-only file system, an I/O error. Thrown by the file sinks
 * ({@link ResultSinks#csv}, {@link ResultSinks#jsonLines}), by {@link ResultFiles} and by
 * {@link Statistics#writeCsv}. The message is one line naming what was done and the file, e.g.
 * {@code cannot write runs/x/journal.jsonl: No space left on device}; {@link #getCause()} is the
 * {@link IOException}. A file that can be read but holds the wrong thing is a
 * {@link ResultFileException} instead.
 */
public class ResultIoException extends Bart4jException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be done, naming the file
     * @param cause the I/O failure
     */
    public ResultIoException(String message, IOException cause) {
        super(message, Objects.requireNonNull(cause, "cause"));
    }

    /** The I/O failure. */
    @Override
    public synchronized IOException getCause() {
        return (IOException) super.getCause();
    }
}
