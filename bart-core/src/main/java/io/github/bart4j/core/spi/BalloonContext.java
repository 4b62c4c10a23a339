package io.github.bart4j.core.spi;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Rules;
import java.util.List;

/**
 * What a participant may know when a balloon starts. The threshold is never part of it.
 *
 * @param balloonId the balloon's 1-based id in the schedule ("Balloon #id")
 * @param type the balloon type's label, {@code ""} for an untyped schedule
 * @param rewardPerPump money per safe pump
 * @param minPumps the burst range's lower end (the participant decides whether to disclose it)
 * @param maxPumps the burst range's upper end, the balloon's capacity for typed schedules
 * @param earningsSoFar money banked on the earlier balloons of this series; known only to
 *     participants with {@link Participant#sequentialBalloons()} (their balloons run in order),
 *     {@code 0} for the others, whose balloons may run concurrently
 * @param epoch 1-based repetition of the schedule
 * @param persona the persona (condition) label, {@code ""} for none
 * @param balloonsInSeries how many balloons the series has
 * @param history the finished balloons of this series (same participant, persona, epoch) in
 *     order; filled only for participants with {@link Participant#sequentialBalloons()}, else empty
 * @param rules the balloon's rules (e.g. a constant burst probability per pump), never {@code null};
 *     the participant decides whether to disclose them, as for the range
 */
public record BalloonContext(int balloonId, String type, double rewardPerPump, int minPumps, int maxPumps,
                             double earningsSoFar, int epoch, String persona, int balloonsInSeries,
                             List<BalloonResult> history, Rules rules) {

    /** A context of a balloon of the {@linkplain Rules#classic() classic} rules. */
    public BalloonContext(int balloonId, String type, double rewardPerPump, int minPumps, int maxPumps,
                          double earningsSoFar, int epoch, String persona, int balloonsInSeries,
                          List<BalloonResult> history) {
        this(balloonId, type, rewardPerPump, minPumps, maxPumps, earningsSoFar, epoch, persona, balloonsInSeries,
                history, Rules.classic());
    }

    public BalloonContext {
        rules = rules == null ? Rules.classic() : rules;
        type = type == null ? "" : type;
        persona = persona == null ? "" : persona;
        history = history == null ? List.of() : List.copyOf(history);
    }
}
