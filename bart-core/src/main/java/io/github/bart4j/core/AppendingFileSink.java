package io.github.bart4j.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sink that appends one text record per result to a UTF-8 file and flushes it before
 * {@link #accept} returns. Writes are serialized; {@link #close} is idempotent.
 */
abstract class AppendingFileSink implements ResultSink {

    private static final Logger LOG = LoggerFactory.getLogger(AppendingFileSink.class);

    private final Path file;
    private final OutputStream out;
    private boolean closed;

    AppendingFileSink(Path file) {
        this.file = Objects.requireNonNull(file, "file");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND); // a record is written whole, in one call
        } catch (IOException e) {
            throw new ResultIoException("cannot open " + file + " for writing: " + e.getMessage(), e);
        }
    }

    /** The record for one result, terminator included. */
    abstract String encode(BalloonResult result);

    final Path file() {
        return file;
    }

    /**
     * Writes {@code text} in UTF-8 (an unpaired surrogate as {@code ?}) straight to the file; used
     * for headers too.
     */
    final void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized void write(byte[] bytes) {
        if (closed) {
            throw new IllegalStateException("the sink writing " + file + " is closed");
        }
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new ResultIoException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public final void accept(BalloonResult result) {
        Objects.requireNonNull(result, "result");
        write(encode(result));
    }

    /**
     * For a sink of this kind, {@code sink.accept(result)} done now, without holding any lock of the
     * caller (records are encoded and written in parallel; the file's own lock keeps each record
     * whole): {@link Boolean#TRUE} when written, the failure when not. {@code null} for other sinks,
     * which the caller hands the result to itself.
     */
    static Object writeAhead(ResultSink sink, BalloonResult result) {
        if (!(sink instanceof AppendingFileSink file) || result == null) {
            return null;
        }
        try {
            file.write(file.encode(result).getBytes(StandardCharsets.UTF_8));
            return Boolean.TRUE;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** Completes {@code sink.accept(result)} after {@link #writeAhead} gave {@code ahead}: throws its failure. */
    static void accept(ResultSink sink, BalloonResult result, Object ahead) {
        if (ahead instanceof RuntimeException e) {
            throw e;
        }
        if (ahead == null) {
            sink.accept(result);
        }
    }

    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new ResultIoException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Cuts a torn last record (a crash in the middle of a write) off an existing file so that
     * appending continues cleanly: the file is truncated after its last complete record. Works
     * on bytes, since a torn write may end inside a UTF-8 sequence.
     *
     * @param size the file's size in bytes
     * @param completeEnd the byte offset just after the last complete record
     */
    static void truncateTornTail(Path file, long size, long completeEnd) throws IOException {
        if (completeEnd >= size) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(completeEnd);
        }
        LOG.warn("{}: dropped an incomplete last record ({} bytes) left by an interrupted write",
                file, size - completeEnd);
    }
}
