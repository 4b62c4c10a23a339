package io.github.bart4j.core;

/**
 * One balloon of a {@link Schedule}.
 *
 * <p>The rule of the task lives here: pump number {@code k} bursts the balloon when
 * {@code k >= threshold} (the seed's {@code if pumps_attempted >= threshold: burst}), and a
 * cashed-out balloon earns {@code pumps × rewardPerPump}, a burst one nothing. What varies between
 * the BART's variants is how thresholds are drawn and what participants are told: the balloon's
 * {@link Rules}.
 *
 * @param id 1-based position in the schedule (shown to participants as "Balloon #id")
 * @param type the balloon type's label (e.g. {@code blue}), or {@code ""} for an untyped schedule
 * @param minThreshold the smallest threshold this balloon could have had (the burst range's lower end)
 * @param capacity the largest threshold this balloon could have had (the burst range's upper end)
 * @param threshold the hidden burst threshold, {@code minThreshold <= threshold <= capacity}
 * @param rewardPerPump money earned per safe pump, {@code > 0}
 * @param rules the rules it is played under ({@link Rules#classic()} unless the schedule says otherwise)
 */
public record Balloon(int id, String type, int minThreshold, int capacity, int threshold, double rewardPerPump,
                      Rules rules) {

    /** A balloon of the {@linkplain Rules#classic() classic} rules. */
    public Balloon(int id, String type, int minThreshold, int capacity, int threshold, double rewardPerPump) {
        this(id, type, minThreshold, capacity, threshold, rewardPerPump, Rules.classic());
    }

    public Balloon {
        if (rules == null) {
            throw new IllegalArgumentException("rules must not be null (use Rules.classic())");
        }
        if (id < 1) {
            throw new IllegalArgumentException("balloon id must be >= 1, but is: " + id);
        }
        if (type == null) {
            throw new IllegalArgumentException("balloon type must not be null (use \"\" for none)");
        }
        if (minThreshold < 1) {
            throw new IllegalArgumentException("minThreshold must be >= 1, but is: " + minThreshold);
        }
        if (threshold < minThreshold || threshold > capacity) {
            throw new IllegalArgumentException("threshold must be between " + minThreshold + " and " + capacity
                    + ", but is: " + threshold);
        }
        if (!(rewardPerPump > 0) || Double.isInfinite(rewardPerPump)) {
            throw new IllegalArgumentException("rewardPerPump must be a positive number, but is: " + rewardPerPump);
        }
    }

    /** Whether pump number {@code pumpNumber} (1-based) bursts this balloon. */
    public boolean burstsAt(int pumpNumber) {
        return pumpNumber >= threshold;
    }

    /**
     * The balloon's earnings after {@code pumps} safe pumps: {@code pumps × rewardPerPump} when
     * cashed out, {@code 0} when burst, rounded to cents as the seed did ({@code round(x, 2)}).
     */
    public double earnings(int pumps, boolean burst) {
        return burst ? 0.0 : Money.round2(pumps * rewardPerPump);
    }
}
