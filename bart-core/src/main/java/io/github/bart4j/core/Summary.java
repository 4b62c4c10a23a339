package io.github.bart4j.core;

/**
 * The summary statistics of one group of balloons (one row of {@code BART_summary.csv}), with
 * the seed's definitions; {@link Statistics#summarize} and {@link SummaryRecorder#summaries()}
 * give them. Values are unrounded; files round them as the seed did.
 *
 * <p>Averages are over the group's {@code totalBalloons} balloons that finished normally
 * (errored ones are only counted, in {@code erroredBalloons}, unless
 * {@link Statistics.Scoring#SEED} was asked for);
 * they are {@code NaN} when there are none. Standard deviations are sample standard deviations
 * ({@code n - 1}), {@code NaN} for fewer than two values.
 *
 * @param participant the participant (the model id), or {@code ALL} for the row over everything
 * @param persona the persona, {@code ""} for all personas or none
 * @param balloonType the balloon type, {@code ""} for all types
 * @param totalBalloons balloons counted in the statistics
 * @param erroredBalloons balloons that ended in an error and are left out
 * @param avgPumps mean pumps per balloon
 * @param adjustedPumps mean pumps over the balloons that did not burst; {@code 0.0} when every one burst (as the seed)
 * @param burstRate share of balloons that burst
 * @param avgEarnings mean earnings per balloon
 * @param totalEarnings summed earnings
 * @param sdPumps sample standard deviation of pumps
 * @param sdAdjustedPumps sample standard deviation of pumps over the balloons that did not burst
 * @param sdEarnings sample standard deviation of earnings
 */
public record Summary(String participant, String persona, String balloonType, long totalBalloons,
                      long erroredBalloons, double avgPumps, double adjustedPumps, double burstRate,
                      double avgEarnings, double totalEarnings, double sdPumps, double sdAdjustedPumps,
                      double sdEarnings) {

    /** The participant label of the row over every result. */
    public static final String ALL = "ALL";

    public Summary {
        if (participant == null || persona == null || balloonType == null) {
            throw new IllegalArgumentException("summary labels must not be null (use \"\" for all), but are: "
                    + participant + ", " + persona + ", " + balloonType);
        }
    }
}
