package io.github.bart4j.core;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers an experiment's events to its listeners one at a time, in the order they were
 * enqueued, on one thread of its own: a slow listener delays only later events, never a worker.
 * Events wait in an unbounded queue; {@link #drain()} returns once every event was delivered.
 */
final class ListenerQueue {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerQueue.class);

    private final List<ExperimentListener> listeners;
    private final ExecutorService thread;

    ListenerQueue(List<ExperimentListener> listeners) {
        this.listeners = listeners;
        this.thread = listeners.isEmpty() ? null : new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "bart-listener");
                    t.setDaemon(true);
                    return t;
                });
    }

    void balloonFinished(BalloonResult result, Progress progress) {
        deliver("balloonFinished", l -> l.balloonFinished(result, progress));
    }

    void participantFailed(String participant, String persona, ParticipantException cause) {
        deliver("participantFailed", l -> l.participantFailed(participant, persona, cause));
    }

    /** Waits until every event enqueued so far was delivered; no event may be enqueued after. */
    void drain() {
        if (thread == null) {
            return;
        }
        thread.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (thread.awaitTermination(1, TimeUnit.DAYS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(String event, java.util.function.Consumer<ExperimentListener> call) {
        if (thread == null) {
            return;
        }
        thread.execute(() -> {
            for (ExperimentListener l : listeners) {
                try {
                    call.accept(l);
                } catch (RuntimeException e) {
                    LOG.warn("listener failed on {}", event, e);
                }
            }
        });
    }
}
