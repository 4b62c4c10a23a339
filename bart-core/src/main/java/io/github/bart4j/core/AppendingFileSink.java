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
     * The first half of {@code sink.accept(result)} for a sink of this kind: its record, encoded
     * without holding any lock of the caller (or the encoding failure); {@code null} for other sinks.
     * Hand it to {@link #accept(ResultSink, BalloonResult, Object)}.
     */
    static Object encodeAhead(ResultSink sink, BalloonResult result) {
        if (!(sink instanceof AppendingFileSink file) || result == null) {
            return null;
        }
        try {
            return file.encode(result).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** Does what {@code sink.accept(result)} does, with the record {@link #encodeAhead} gave for it. */
    static void accept(ResultSink sink, BalloonResult result, Object ahead) {
        if (ahead instanceof RuntimeException e) {
            throw e;
        }
        if (ahead instanceof byte[] bytes) {
            ((AppendingFileSink) sink).write(bytes);
        } else {
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
