package io.github.bart4j.core.analysis;

/**
 * Summary statistics of one participant under one persona (and balloon type), with bootstrap
 * confidence intervals (balloons resampled with replacement, percentile intervals). Errored
 * balloons are excluded.
 *
 * @param participant the participant's name
 * @param persona the persona label, {@code ""} for none
 * @param balloonType the balloon type, {@code ""} for all balloons of the participant (type rows follow
 *     it, largest capacity first)
 * @param balloons balloons summarised
 * @param errored errored balloons of the group (left out, or scored as 0 pumps under seed scoring)
 * @param avgPumps mean pumps over all balloons (the bursting pump counted)
 * @param adjustedPumps mean pumps over balloons that did not burst
 * @param burstRate fraction of balloons that burst
 */
public record GroupSummary(String participant, String persona, String balloonType, int balloons, int errored, Estimate avgPumps,
                           Estimate adjustedPumps, Estimate burstRate) {
}
