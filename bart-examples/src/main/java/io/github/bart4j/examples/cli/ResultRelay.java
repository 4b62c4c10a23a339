package io.github.bart4j.examples.cli;

import io.github.bart4j.core.BalloonResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands results from one thread to another in their order, in batches through a bounded queue (so
 * memory holds a few batches, whatever the number of results): the producer calls {@link #add}
 * then {@link #end} (or {@link #abort} when it fails); the consumer iterates once (and calls
 * {@link #discard} when it fails, so the producer does not wait for it).
 */
final class ResultRelay implements Iterable<BalloonResult> {

    private static final int BATCH = 1_024;
    private static final List<BalloonResult> END = List.of();

    private final BlockingQueue<List<BalloonResult>> queue = new ArrayBlockingQueue<>(4);
    private List<BalloonResult> batch = new ArrayList<>(BATCH);
    private volatile boolean aborted;
    private volatile boolean discarding;
    private boolean iterated;

    /** Passes {@code r} on (blocks while the consumer is a few batches behind). */
    void add(BalloonResult r) {
        batch.add(r);
        if (batch.size() == BATCH) {
            put(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    /** No more results: the consumer's iteration ends after the last one. */
    void end() {
        if (!batch.isEmpty()) {
            put(batch);
        }
        put(END);
    }

    /** The producer failed: the consumer's iteration throws instead of ending. */
    void abort() {
        aborted = true;
        queue.clear();
        queue.offer(END);
    }

    /** The consumer failed: from now on results are dropped, so the producer never waits for it. */
    void discard() {
        discarding = true;
        queue.clear();
    }

    private void put(List<BalloonResult> b) {
        try {
            while (!discarding && !queue.offer(b, 50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                // the consumer is a few batches behind: wait for it, unless it failed
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing results over", e);
        }
    }

    @Override
    public synchronized Iterator<BalloonResult> iterator() {
        if (iterated) {
            throw new IllegalStateException("a relay is iterated once");
        }
        iterated = true;
        return new Iterator<>() {
            private Iterator<BalloonResult> current = List.<BalloonResult>of().iterator();
            private boolean done;

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && !done) {
                    List<BalloonResult> next;
                    try {
                        next = queue.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for results", e);
                    }
                    if (aborted) {
                        throw new IllegalStateException("the results stopped coming: their reader failed");
                    }
                    done = next == END;
                    current = next.iterator();
                }
                return current.hasNext();
            }

            @Override
            public BalloonResult next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
