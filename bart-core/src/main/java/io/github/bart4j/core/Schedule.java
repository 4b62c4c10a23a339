package io.github.bart4j.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The balloons of an experiment, in the order they are played, identical for every participant.
 *
 * <p>Thresholds are drawn once from a seed with {@link SplittableRandom}, whose algorithm is
 * fixed by the JDK specification, so the same arguments give the same thresholds on every
 * machine and Java version:
 * <ul>
 *   <li>{@linkplain #uniform uniform}: one draw {@code nextInt(min, max + 1)} per balloon, in order;</li>
 *   <li>{@linkplain #typed typed}: per type in the order given, {@code count} draws of
 *       {@code nextInt(1, capacity + 1)}; then, when shuffled, a Fisher–Yates shuffle with the
 *       same generator ({@link Collections#shuffle(List, java.util.Random)} order is not used);</li>
 *   <li>{@linkplain #constantHazard constant hazard}: per balloon, in order, one draw
 *       {@code nextDouble() < burstProbability} for each pump {@code k = min, min + 1, ..., max - 1}
 *       until one is true (that pump is the threshold); when none is, the threshold is {@code max}
 *       (the cap). The thresholds are geometric, shifted to start at {@code min} and capped at {@code max};</li>
 *   <li>{@linkplain #explicit explicit}: the thresholds as given.</li>
 * </ul>
 * Every schedule but the constant-hazard one plays by the {@linkplain Rules#classic() classic} rules.
 *
 * <pre>{@code
 * Schedule seedLike = Schedule.uniform(1, 20, 50, 0.10, 42);
 * Schedule lejuez = Schedule.typed(List.of(new BalloonType("blue", 128, 30),
 *         new BalloonType("yellow", 32, 30), new BalloonType("orange", 8, 30)),
 *         Schedule.Order.SHUFFLED, 0.05, 42);
 * }</pre>
 */
public final class Schedule {

    /** How balloons of several types are ordered. */
    public enum Order {
        /** Types mixed in a seeded random order. */
        SHUFFLED,
        /** All balloons of the first type, then the second, and so on. */
        BLOCKED
    }

    /** What kind of schedule this is, as recorded in manifests. */
    public enum Kind { UNIFORM, TYPED, EXPLICIT, CONSTANT_HAZARD }

    private final Kind kind;
    private final List<Balloon> balloons;
    private final Long seed;
    private final int minPumps;
    private final int maxPumps;
    private final double rewardPerPump;

    private Schedule(Kind kind, List<Balloon> balloons, Long seed, int minPumps, int maxPumps, double rewardPerPump) {
        this.kind = kind;
        this.balloons = List.copyOf(balloons);
        this.seed = seed;
        this.minPumps = minPumps;
        this.maxPumps = maxPumps;
        this.rewardPerPump = rewardPerPump;
    }

    /**
     * The seed project's schedule: {@code count} thresholds uniform on {@code [minPumps, maxPumps]}.
     *
     * @throws IllegalArgumentException naming the argument, its value and the rule when an argument is invalid
     */
    public static Schedule uniform(int minPumps, int maxPumps, int count, double rewardPerPump, long seed) {
        checkRange(minPumps, maxPumps);
        checkCount(count);
        checkReward(rewardPerPump);
        SplittableRandom random = new SplittableRandom(seed);
        List<Balloon> balloons = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            int threshold = random.nextInt(minPumps, maxPumps + 1);
            balloons.add(new Balloon(i, "", minPumps, maxPumps, threshold, rewardPerPump));
        }
        return new Schedule(Kind.UNIFORM, balloons, seed, minPumps, maxPumps, rewardPerPump);
    }

    /**
     * Stationary balloons (Wallsten, Pleskac &amp; Lejuez 2005): {@code count} balloons on which every
     * pump from {@code minPumps} on bursts with probability {@code burstProbability}, and pump
     * {@code maxPumps} bursts for sure. The thresholds are drawn by one Bernoulli draw per pump (see
     * the class comment), so their mean is {@code min - 1 + (1 - (1 - p)^(max - min + 1)) / p}, and
     * {@code (1 - p)^(max - min)} of them are at the cap. Its balloons carry
     * {@link Rules#constantHazard Rules.constantHazard(burstProbability)}.
     *
     * @throws IllegalArgumentException naming the argument, its value and the rule when an argument is invalid
     */
    public static Schedule constantHazard(double burstProbability, int minPumps, int maxPumps, int count,
                                          double rewardPerPump, long seed) {
        Rules rules = Rules.constantHazard(burstProbability);
        checkRange(minPumps, maxPumps);
        checkCount(count);
        checkReward(rewardPerPump);
        SplittableRandom random = new SplittableRandom(seed);
        List<Balloon> balloons = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            int threshold = minPumps;
            while (threshold < maxPumps && !(random.nextDouble() < burstProbability)) {
                threshold++;
            }
            balloons.add(new Balloon(i, "", minPumps, maxPumps, threshold, rewardPerPump, rules));
        }
        return new Schedule(Kind.CONSTANT_HAZARD, balloons, seed, minPumps, maxPumps, rewardPerPump);
    }

    /**
     * Typed balloons (Lejuez et al. 2002): each type has its capacity {@code M} and thresholds
     * uniform on {@code 1..M}.
     *
     * @throws IllegalArgumentException when {@code types} is empty or an argument is invalid
     */
    public static Schedule typed(List<BalloonType> types, Order order, double rewardPerPump, long seed) {
        Objects.requireNonNull(types, "types");
        Objects.requireNonNull(order, "order");
        if (types.isEmpty()) {
            throw new IllegalArgumentException("types must name at least one balloon type, but is empty");
        }
        checkReward(rewardPerPump);
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> drawn = new ArrayList<>(); // {typeIndex, threshold}
        int maxCapacity = 1;
        for (int t = 0; t < types.size(); t++) {
            BalloonType type = types.get(t);
            maxCapacity = Math.max(maxCapacity, type.capacity());
            for (int i = 0; i < type.count(); i++) {
                drawn.add(new int[] {t, random.nextInt(1, type.capacity() + 1)});
            }
        }
        if (order == Order.SHUFFLED) {
            for (int i = drawn.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int[] tmp = drawn.get(i);
                drawn.set(i, drawn.get(j));
                drawn.set(j, tmp);
            }
        }
        List<Balloon> balloons = new ArrayList<>(drawn.size());
        for (int i = 0; i < drawn.size(); i++) {
            BalloonType type = types.get(drawn.get(i)[0]);
            balloons.add(new Balloon(i + 1, type.label(), 1, type.capacity(), drawn.get(i)[1], rewardPerPump));
        }
        return new Schedule(Kind.TYPED, balloons, seed, 1, maxCapacity, rewardPerPump);
    }

    /**
     * An explicit list of thresholds, one per balloon, each within {@code [minPumps, maxPumps]}
     * (the burst range participants may be told).
     *
     * @throws IllegalArgumentException naming the first threshold that is out of range
     */
    public static Schedule explicit(List<Integer> thresholds, int minPumps, int maxPumps, double rewardPerPump) {
        Objects.requireNonNull(thresholds, "thresholds");
        checkRange(minPumps, maxPumps);
        checkCount(thresholds.size());
        checkReward(rewardPerPump);
        List<Balloon> balloons = new ArrayList<>(thresholds.size());
        for (int i = 0; i < thresholds.size(); i++) {
            Integer t = thresholds.get(i);
            if (t == null || t < minPumps || t > maxPumps) {
                throw new IllegalArgumentException("thresholds[" + i + "] must be between minPumps and maxPumps ("
                        + minPumps + ".." + maxPumps + "), but is " + t);
            }
            balloons.add(new Balloon(i + 1, "", minPumps, maxPumps, t, rewardPerPump));
        }
        return new Schedule(Kind.EXPLICIT, balloons, null, minPumps, maxPumps, rewardPerPump);
    }

    private static void checkRange(int minPumps, int maxPumps) {
        if (minPumps < 1) {
            throw new IllegalArgumentException("minPumps must be >= 1, but is " + minPumps);
        }
        if (maxPumps < minPumps) {
            throw new IllegalArgumentException("maxPumps must be >= minPumps (" + minPumps + "), but is " + maxPumps);
        }
    }

    private static void checkCount(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, but is " + count);
        }
    }

    private static void checkReward(double reward) {
        if (!(reward > 0) || Double.isInfinite(reward)) {
            throw new IllegalArgumentException("rewardPerPump must be a positive number, but is " + reward);
        }
    }

    /** The balloons in play order; ids are 1..size(). */
    public List<Balloon> balloons() {
        return balloons;
    }

    /** The number of balloons. */
    public int size() {
        return balloons.size();
    }

    /** The thresholds in play order (as recorded in manifests). */
    public List<Integer> thresholds() {
        return balloons.stream().map(Balloon::threshold).toList();
    }

    public Kind kind() {
        return kind;
    }

    /** The rules every balloon of this schedule is played under. */
    public Rules rules() {
        return balloons.get(0).rules();
    }

    /** The seed the thresholds were drawn from, or {@code null} for an explicit schedule. */
    public Long seed() {
        return seed;
    }

    /** The smallest possible threshold over all balloons (the burst range's lower end). */
    public int minPumps() {
        return minPumps;
    }

    /** The largest possible threshold over all balloons (the burst range's upper end). */
    public int maxPumps() {
        return maxPumps;
    }

    public double rewardPerPump() {
        return rewardPerPump;
    }

    @Override
    public String toString() {
        return "Schedule[" + kind + ", " + balloons.size() + " balloons, range " + minPumps + ".." + maxPumps
                + ", reward " + rewardPerPump + (seed == null ? "" : ", seed " + seed)
                + (rules().isClassic() ? "" : ", rules " + rules().describe()) + "]";
    }
}
