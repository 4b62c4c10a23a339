package io.github.bart4j.core;

import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.Participant;
import java.util.List;

/**
 * Plays one balloon with one participant and returns its {@link BalloonResult}.
 *
 * <p>Contract of every variant:
 * <ul>
 *   <li>the rules of {@link Balloon} decide bursts and earnings;</li>
 *   <li>an unreadable answer is recorded and the same question asked again; a decision is asked
 *       at most {@code maxInvalidAnswers} times, and when every answer was unreadable the balloon
 *       ends with status error ("no valid answer after N attempts", the seed's rule with N = 3);</li>
 *   <li>an exception from the participant ends the balloon with status error and the exception's
 *       message as the cause, never as a cash-out; {@code play} itself does not throw for it;</li>
 *   <li>{@link io.github.bart4j.core.spi.BalloonSession#finish} is called once when the balloon
 *       ends normally.</li>
 * </ul>
 * Tasks are stateless and thread-safe.
 *
 * <pre>{@code
 * Task task = Task.classic();
 * BalloonResult r = task.play(ScriptedParticipants.fixed(5), new Balloon(1, "", 1, 20, 7, 0.10));
 * // r.pumps() == 5, r.burst() == false, r.earnings() == 0.5
 * }</pre>
 */
public interface Task {

    /** The seed's limit on unreadable answers per decision: three attempts. */
    int DEFAULT_MAX_INVALID_ANSWERS = 3;

    /**
     * Plays {@code balloon}.
     *
     * @param participant who plays
     * @param balloon the balloon, threshold included (never shown to the participant)
     * @param context what the participant is told; its epoch and persona label the result
     */
    BalloonResult play(Participant participant, Balloon balloon, BalloonContext context);

    /** Plays {@code balloon} as the first balloon of epoch 1 with no persona and nothing banked. */
    default BalloonResult play(Participant participant, Balloon balloon) {
        return play(participant, balloon, contextFor(balloon, 1, "", 0.0, 1, List.of()));
    }

    /** The classic BART: one decision per pump, {@value #DEFAULT_MAX_INVALID_ANSWERS} attempts per decision. */
    static Task classic() {
        return classic(DEFAULT_MAX_INVALID_ANSWERS);
    }

    /**
     * The classic BART with a given number of attempts per decision.
     *
     * @throws IllegalArgumentException if {@code maxInvalidAnswers < 1}
     */
    static Task classic(int maxInvalidAnswers) {
        return new ClassicTask(maxInvalidAnswers);
    }

    /** The automatic BART (Pleskac et al. 2008): the participant states its number of pumps up front. */
    static Task automatic() {
        return automatic(DEFAULT_MAX_INVALID_ANSWERS);
    }

    /**
     * The automatic BART with a given number of attempts for the declaration.
     *
     * @throws IllegalArgumentException if {@code maxInvalidAnswers < 1}
     */
    static Task automatic(int maxInvalidAnswers) {
        return new AutomaticTask(maxInvalidAnswers);
    }

    /** The context a participant sees for {@code balloon}: its id, type, reward, burst range and rules. */
    static BalloonContext contextFor(Balloon balloon, int epoch, String persona, double earningsSoFar,
                                     int balloonsInSeries, List<BalloonResult> history) {
        return new BalloonContext(balloon.id(), balloon.type(), balloon.rewardPerPump(), balloon.minThreshold(),
                balloon.capacity(), earningsSoFar, epoch, persona, balloonsInSeries, history, balloon.rules());
    }
}
