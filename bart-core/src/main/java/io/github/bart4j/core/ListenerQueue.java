package io.github.bart4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers an experiment's events to its listeners one at a time, in the order they were
 * enqueued, on one thread of its own: a slow listener delays only later events, never a worker.
 * Events wait in an unbounded queue; {@link #drain()} returns once every event was delivered.
 *
 * <p>The delivering thread takes the events in batches: after a batch it pauses for
 * {@link #PAUSE_NANOS} before taking the next, so a busy run (thousands of balloons a second) wakes
 * it at most about a thousand times a second rather than once per balloon, and workers do not wake
 * it; an idle one is woken by the next event. So an event may wait up to about a millisecond longer
 * than the listeners' work before it needs.
 */
final class ListenerQueue {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerQueue.class);

    /** The pause between two batches. */
    static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final List<ExperimentListener> listeners;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Condition delivered = lock.newCondition();
    // guarded by lock
    private List<Event> pending = new ArrayList<>();
    private boolean running;
    private boolean idle;
    private boolean closed;
    private boolean finished;

    private record Event(String name, Consumer<ExperimentListener> call) {
    }

    ListenerQueue(List<ExperimentListener> listeners) {
        this.listeners = listeners;
        if (listeners.isEmpty()) {
            this.thread = null;
            this.finished = true;
        } else {
            this.thread = new Thread(this::deliverAll, "bart-listener"); // started by the first event
            this.thread.setDaemon(true);
        }
    }

    void balloonFinished(BalloonResult result, Progress progress) {
        enqueue("balloonFinished", l -> l.balloonFinished(result, progress));
    }

    void participantFailed(String participant, String persona, ParticipantException cause) {
        enqueue("participantFailed", l -> l.participantFailed(participant, persona, cause));
    }

    /** Waits until every event enqueued so far was delivered; no event may be enqueued after. */
    void drain() {
        if (thread == null) {
            return;
        }
        boolean interrupted = false;
        lock.lock();
        try {
            closed = true;
            wake.signalAll();
            while (running && !finished) {
                try {
                    delivered.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            lock.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void enqueue(String name, Consumer<ExperimentListener> call) {
        if (thread == null) {
            return;
        }
        lock.lock();
        try {
            if (finished) {
                return; // the delivering thread ended (an Error in a listener): nobody would deliver it
            }
            pending.add(new Event(name, call));
            if (!running) {
                running = true;
                thread.start();
            } else if (idle) {
                wake.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The delivering thread: batches in order until drained. */
    private void deliverAll() {
        List<Event> batch = new ArrayList<>();
        lock.lock();
        try {
            while (true) {
                if (pending.isEmpty()) {
                    if (closed) {
                        break;
                    }
                    idle = true;
                    wake.awaitUninterruptibly();
                    idle = false;
                    continue;
                }
                List<Event> taken = pending;
                pending = batch;
                batch = taken;
                lock.unlock();
                try {
                    for (Event event : batch) {
                        deliver(event);
                    }
                    batch.clear();
                } finally {
                    lock.lock();
                }
                if (!closed) {
                    long left = PAUSE_NANOS;
                    while (left > 0 && !closed) { // events arriving meanwhile wait for the next batch
                        try {
                            left = wake.awaitNanos(left);
                        } catch (InterruptedException e) {
                            break;
                        }
                    }
                }
            }
        } finally {
            finished = true;
            delivered.signalAll();
            lock.unlock();
        }
    }

    private void deliver(Event event) {
        for (ExperimentListener l : listeners) {
            try {
                event.call().accept(l);
            } catch (RuntimeException e) {
                LOG.warn("listener failed on {}", event.name(), e);
            }
        }
    }
}
