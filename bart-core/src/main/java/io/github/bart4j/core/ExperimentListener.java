package io.github.bart4j.core;

/**
 * Receives an experiment's events as they happen. Every call of a run (both methods, all
 * listeners) is made on one thread of the experiment's own, one at a time, in the order the events
 * happened; a balloon is reported after its result was handed to every {@link ResultSink}. Workers
 * do not wait for listeners: a slow listener delays only the events after it (they wait in memory),
 * and {@link Experiment#run()} returns once every event was delivered. An exception thrown by a
 * listener is logged and otherwise ignored.
 */
public interface ExperimentListener {

    /** A balloon finished (with status ok or error) and is stored in every sink. */
    default void balloonFinished(BalloonResult result, Progress progress) {
    }

    /**
     * A participant failed in a way that asking again cannot cure (bad key, unknown model, no
     * credits): its remaining balloons are not started, and the balloon that failed is not recorded,
     * so a resumed run asks it again once the cause is fixed.
     */
    default void participantFailed(String participant, String persona, ParticipantException cause) {
    }
}
