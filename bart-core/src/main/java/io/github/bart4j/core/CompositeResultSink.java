package io.github.bart4j.core;

import java.util.List;
import java.util.Objects;

/**
 * Passes each result to every sink in order. A failing sink does not keep the result from the
 * others: every sink is tried, then the first failure is thrown with the later ones suppressed.
 * The same holds for {@link #close}.
 */
final class CompositeResultSink implements ResultSink {

    private final List<ResultSink> sinks;

    public CompositeResultSink(List<ResultSink> sinks) {
        for (int i = 0; i < sinks.size(); i++) {
            Objects.requireNonNull(sinks.get(i), "sinks[" + i + "]");
        }
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public void accept(BalloonResult result) {
        RuntimeException failure = null;
        for (ResultSink sink : sinks) {
            try {
                sink.accept(result);
            } catch (RuntimeException e) {
                failure = add(failure, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (ResultSink sink : sinks) {
            try {
                sink.close();
            } catch (Exception e) {
                failure = add(failure, e instanceof RuntimeException re ? re : new IllegalStateException(
                        "closing a result sink failed: " + e.getMessage(), e));
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException add(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
