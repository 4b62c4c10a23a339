package io.github.bart4j.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Turns failures of the machine rather than of the input (a file that cannot be written: permission
 * denied, no space left, a read-only file system; the heap exhausted) into the one line the command
 * line prints instead of a stack trace.
 */
final class EnvironmentFailure {

    /** What the command line prints for an {@link OutOfMemoryError}. */
    static final String OUT_OF_MEMORY = "out of memory: raise the heap with BART_JAVA_OPTS=-Xmx4g (or more),"
            + " or lower max_concurrency; the journal keeps every balloon finished so far";

    private EnvironmentFailure() {
    }

    /** The first {@link IOException} in {@code e}'s cause chain, or {@code null}. */
    static IOException ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    /** The operating system's reason, in words: "permission denied", "no space left on device", ... */
    static String cause(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name exists";
        }
        String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        if (reason == null || reason.isBlank()) {
            return e.getClass().getSimpleName();
        }
        // FileOutputStream says "No space left on device" or "/path (Permission denied)"
        int paren = reason.lastIndexOf(" (");
        if (paren > 0 && reason.endsWith(")")) {
            reason = reason.substring(paren + 2, reason.length() - 1);
        }
        return ConfigLoader.oneLine(reason).toLowerCase(Locale.ROOT);
    }

    /**
     * One line for a failure whose cause chain holds an {@link IOException}: the path (from the
     * exception, or the message of the wrapper that named it) and the cause.
     */
    static String describe(Throwable e, IOException io) {
        String path = io instanceof FileSystemException fs && fs.getFile() != null ? fs.getFile() : null;
        String what = null;
        for (Throwable t = e; t != null && t != io; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.startsWith("cannot ") || m.startsWith("could not "))) {
                what = m;
                break;
            }
        }
        if (what != null) {
            // "cannot write /x/journal.jsonl: No space left on device" -> keep the action and path
            int colon = what.indexOf(": ", what.indexOf('/') < 0 ? 0 : what.indexOf('/'));
            String action = colon > 0 ? what.substring(0, colon) : what;
            return ConfigLoader.oneLine(action) + ": " + cause(io);
        }
        return (path != null ? "cannot write " + path : "input/output failed") + ": " + cause(io);
    }

    /** Wraps {@code e} for {@link #describe}: "cannot {@code action} {@code path}". */
    static UncheckedIOException cannot(String action, java.nio.file.Path path, IOException e) {
        return new UncheckedIOException("cannot " + action + " " + path + ": " + e.getMessage(), e);
    }
}
