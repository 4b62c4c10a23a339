package io.github.bart4j.core;

/**
 * Receives each {@link BalloonResult} as its balloon completes.
 *
 * <p>Contract: implementations are safe to call from many threads; when {@link #accept} returns,
 * the result is stored as durably as the sink can make it (file sinks have written and flushed
 * it), so a crash loses at most the balloons still in flight. {@link #close} releases resources
 * and is idempotent.
 *
 * <p>Ready-made sinks are in {@link ResultSinks}.
 */
@FunctionalInterface
public interface ResultSink extends AutoCloseable {

    /**
     * Stores one result.
     *
     * @throws ResultIoException if a file sink cannot write
     */
    void accept(BalloonResult result);

    /** Flushes and releases resources. The default does nothing. */
    @Override
    default void close() {
    }
}
