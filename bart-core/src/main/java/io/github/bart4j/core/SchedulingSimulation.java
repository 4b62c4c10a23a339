package io.github.bart4j.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * How long a run would take under a dispatch order, given how long every balloon takes: the
 * balloons are replayed on a simulated clock (no threads, no waiting), through the same scheduler
 * an {@link Experiment} uses. For benchmarks and capacity planning; the figures exclude everything
 * but the given durations (no client overhead, no retries).
 *
 * <p>Each arm is one participant under one persona, playing one epoch of the schedule; arms do not
 * share a participant (each has its own per-participant cap). A balloon occupies one slot for its
 * whole duration.
 */
public final class SchedulingSimulation {

    /** The dispatch orders that can be replayed. */
    public enum Order {
        /**
         * What {@link Experiment} does: every arm plays its balloons in schedule order, and a free slot
         * goes to the arm chosen by the rule documented on {@link Experiment} (every arm starts in the
         * first round; then the arm whose balloons take longest).
         */
        PLAY_ORDER,
        /**
         * bart4j's order before play order (for comparison only): the pending balloon with the largest
         * threshold first, across all arms (ties: earlier arm, then earlier balloon). Long balloons start
         * early, but a stopped run holds each arm's high-threshold balloons, not a prefix of its schedule.
         */
        LARGEST_THRESHOLD_FIRST
    }

    private SchedulingSimulation() {
    }

    /**
     * The simulated wall time of a run.
     *
     * @param order the dispatch order
     * @param schedule the balloons every arm plays
     * @param durations for each arm, how long each balloon of {@code schedule} takes, in schedule order
     * @param maxConcurrency balloons in flight overall (≥ 1)
     * @param maxConcurrencyPerParticipant balloons in flight per arm (≥ 1)
     * @return the time from the first start to the last finish
     * @throws IllegalArgumentException if an arm's list does not have one duration per balloon, a
     *     duration is negative, or a cap is below 1
     */
    public static Duration makespan(Order order, Schedule schedule, List<List<Duration>> durations,
                                    int maxConcurrency, int maxConcurrencyPerParticipant) {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(durations, "durations");
        if (maxConcurrency < 1 || maxConcurrencyPerParticipant < 1) {
            throw new IllegalArgumentException("maxConcurrency and maxConcurrencyPerParticipant must be >= 1, but are "
                    + maxConcurrency + " and " + maxConcurrencyPerParticipant);
        }
        int n = schedule.size();
        long[][] nanos = new long[durations.size()][];
        for (int a = 0; a < nanos.length; a++) {
            List<Duration> arm = durations.get(a);
            if (arm.size() != n) {
                throw new IllegalArgumentException("durations[" + a + "] must have one duration per balloon of the"
                        + " schedule (" + n + "), but has " + arm.size());
            }
            nanos[a] = new long[n];
            for (int b = 0; b < n; b++) {
                nanos[a][b] = arm.get(b).toNanos();
                if (nanos[a][b] < 0) {
                    throw new IllegalArgumentException("durations[" + a + "][" + b + "] must be >= 0, but is "
                            + arm.get(b));
                }
            }
        }
        long end = order == Order.PLAY_ORDER ? playOrder(nanos, maxConcurrency, maxConcurrencyPerParticipant)
                : largestThresholdFirst(schedule, nanos, maxConcurrency, maxConcurrencyPerParticipant);
        return Duration.ofNanos(end);
    }

    /** A started balloon and when it finishes, in start order for equal finishing times. */
    private record Running(long end, long sequence, int arm, ArmScheduler.Started started) {
    }

    private static long playOrder(long[][] nanos, int cap, int perArm) {
        int arms = nanos.length;
        long[] now = {0};
        int[] groupOf = new int[arms];
        int[] groupCap = new int[arms];
        int[] remaining = new int[arms];
        List<Iterator<ArmScheduler.Item>> queues = new ArrayList<>();
        for (int a = 0; a < arms; a++) {
            groupOf[a] = a;
            groupCap[a] = perArm;
            remaining[a] = nanos[a].length;
            List<ArmScheduler.Item> items = new ArrayList<>();
            for (int b = 0; b < nanos[a].length; b++) {
                items.add(new ArmScheduler.Item(a, 1, b));
            }
            queues.add(items.iterator());
        }
        ArmScheduler scheduler = new ArmScheduler(cap, groupOf, groupCap, queues, remaining, () -> now[0]);
        PriorityQueue<Running> running = new PriorityQueue<>(
                Comparator.comparingLong(Running::end).thenComparingLong(Running::sequence));
        long sequence = 0;
        while (true) {
            for (ArmScheduler.Started s; (s = scheduler.next(item -> true)) != null; ) {
                ArmScheduler.Item item = s.item();
                running.add(new Running(now[0] + nanos[item.arm()][item.balloon()], sequence++, item.arm(), s));
            }
            Running first = running.poll();
            if (first == null) {
                return now[0];
            }
            now[0] = first.end();
            scheduler.finished(first.started());
            while (!running.isEmpty() && running.peek().end() == now[0]) {
                scheduler.finished(running.poll().started());
            }
        }
    }

    private static long largestThresholdFirst(Schedule schedule, long[][] nanos, int cap, int perArm) {
        List<int[]> pending = new ArrayList<>(); // {arm, balloon}
        for (int a = 0; a < nanos.length; a++) {
            for (int b = 0; b < nanos[a].length; b++) {
                pending.add(new int[] {a, b});
            }
        }
        List<Balloon> balloons = schedule.balloons();
        pending.sort(Comparator.comparingInt((int[] p) -> -balloons.get(p[1]).threshold())
                .thenComparingInt(p -> p[0]).thenComparingInt(p -> p[1]));
        int[] inFlight = new int[nanos.length];
        boolean[] started = new boolean[pending.size()];
        PriorityQueue<Running> running = new PriorityQueue<>(
                Comparator.comparingLong(Running::end).thenComparingLong(Running::sequence));
        long now = 0;
        long sequence = 0;
        int total = 0;
        int firstPending = 0;
        while (true) {
            while (firstPending < started.length && started[firstPending]) {
                firstPending++;
            }
            for (int i = firstPending; i < pending.size() && total < cap; i++) {
                int[] p = pending.get(i);
                if (!started[i] && inFlight[p[0]] < perArm) {
                    started[i] = true;
                    inFlight[p[0]]++;
                    total++;
                    running.add(new Running(now + nanos[p[0]][p[1]], sequence++, p[0], null));
                }
            }
            Running first = running.poll();
            if (first == null) {
                return now;
            }
            now = first.end();
            inFlight[first.arm()]--;
            total--;
            while (!running.isEmpty() && running.peek().end() == now) {
                inFlight[running.poll().arm()]--;
                total--;
            }
        }
    }
}
