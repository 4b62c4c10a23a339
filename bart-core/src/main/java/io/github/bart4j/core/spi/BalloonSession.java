package io.github.bart4j.core.spi;

import io.github.bart4j.core.Answer;
import io.github.bart4j.core.BalloonOutcome;

/**
 * One balloon as a participant plays it. Used by one thread at a time and discarded after
 * {@link #finish}.
 *
 * <p>Failures of the backend (after its own retries) are thrown as
 * {@link io.github.bart4j.core.ParticipantException}; the task then ends the balloon with status
 * error and that cause. An answer that cannot be read is not a failure: return an
 * {@link Answer.Invalid} and the task asks again. An answer of the other task's kind (a pump
 * count in the classic task, a decision in the automatic one) is recorded as invalid with the
 * reason {@code expected Pump or Cash Out} or {@code expected a number of pumps}; {@code null}
 * ends the balloon with status error.
 */
public interface BalloonSession {

    /**
     * Classic task: the next decision.
     *
     * @param state the balloon so far; {@link BalloonState#invalidAnswers()} {@code > 0} means the
     *     previous answer at this state could not be read and this is a re-ask
     * @return an {@link Answer.Choice}, or an {@link Answer.Invalid} when the answer could not be read
     */
    Answer decide(BalloonState state);

    /**
     * Automatic task (Pleskac et al. 2008): how many pumps the participant wants, stated up front.
     *
     * @return an {@link Answer.PumpCount}, or an {@link Answer.Invalid} when the answer could not be read
     * @throws UnsupportedOperationException if this participant only plays the classic task (the default)
     */
    default Answer declarePumps(BalloonState state) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not play the automatic task");
    }

    /** Tells the participant how the balloon ended. Not called when the balloon ended in an error. */
    default void finish(BalloonOutcome outcome) {
    }
}
