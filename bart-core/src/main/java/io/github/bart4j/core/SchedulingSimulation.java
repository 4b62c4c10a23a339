package io.github.bart4j.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * How long a run would take under a dispatch order, given how many model calls every balloon makes
 * and how long a call takes: the balloons are replayed on a simulated clock (no threads, no
 * waiting), through the same scheduler an {@link Experiment} uses. For benchmarks and capacity
 * planning; the figures exclude everything but the calls (no client overhead, no retries).
 *
 * <p>Each arm is one participant under one persona, playing one epoch of the schedule in the classic
 * task (one call per decision, no invalid answers); arms do not share a participant (each has its own
 * per-participant cap). A balloon occupies one slot for its whole duration. What the scheduler learns
 * from a finished balloon follows from its calls: fewer calls than its threshold is a cash-out after
 * calls − 1 pumps, otherwise it burst at its threshold.
 */
public final class SchedulingSimulation {

    /** The dispatch orders that can be replayed. */
    public enum Order {
        /**
         * What {@link Experiment} does: every arm plays its balloons in schedule order, and a free slot
         * goes to the arm chosen by the rule documented on {@link Experiment} (every arm starts in the
         * first round; then the arm whose longest pending balloon is estimated to take longest).
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
     * @param calls for each arm, the model calls each balloon of {@code schedule} makes, in schedule order
     * @param latencies for each arm, how long one of its calls takes
     * @param maxConcurrency balloons in flight overall (≥ 1)
     * @param maxConcurrencyPerParticipant balloons in flight per arm (≥ 1)
     * @return the time from the first start to the last finish
     * @throws IllegalArgumentException if {@code latencies} does not have one latency per arm, an arm's
     *     list does not have one count per balloon, a count or latency is negative, or a cap is below 1
     */
    public static Duration makespan(Order order, Schedule schedule, List<List<Integer>> calls,
                                    List<Duration> latencies, int maxConcurrency, int maxConcurrencyPerParticipant) {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(latencies, "latencies");
        if (maxConcurrency < 1 || maxConcurrencyPerParticipant < 1) {
            throw new IllegalArgumentException("maxConcurrency and maxConcurrencyPerParticipant must be >= 1, but are "
                    + maxConcurrency + " and " + maxConcurrencyPerParticipant);
        }
        if (latencies.size() != calls.size()) {
            throw new IllegalArgumentException("latencies must have one latency per arm (" + calls.size()
                    + "), but has " + latencies.size());
        }
        int n = schedule.size();
        int[][] counts = new int[calls.size()][];
        long[][] nanos = new long[calls.size()][];
        for (int a = 0; a < nanos.length; a++) {
            List<Integer> arm = calls.get(a);
            if (arm.size() != n) {
                throw new IllegalArgumentException("calls[" + a + "] must have one count per balloon of the"
                        + " schedule (" + n + "), but has " + arm.size());
            }
            long perCall = latencies.get(a).toNanos();
            if (perCall < 0) {
                throw new IllegalArgumentException("latencies[" + a + "] must be >= 0, but is " + latencies.get(a));
            }
            counts[a] = new int[n];
            nanos[a] = new long[n];
            for (int b = 0; b < n; b++) {
                counts[a][b] = arm.get(b);
                if (counts[a][b] < 0) {
                    throw new IllegalArgumentException("calls[" + a + "][" + b + "] must be >= 0, but is "
                            + arm.get(b));
                }
                nanos[a][b] = counts[a][b] * perCall;
            }
        }
        long end = order == Order.PLAY_ORDER
                ? playOrder(schedule, counts, nanos, maxConcurrency, maxConcurrencyPerParticipant)
                : largestThresholdFirst(schedule, nanos, maxConcurrency, maxConcurrencyPerParticipant);
        return Duration.ofNanos(end);
    }

    /** A started balloon and when it finishes, in start order for equal finishing times. */
    private record Running(long end, long sequence, int arm, ArmScheduler.Started started) {
    }

    private static long playOrder(Schedule schedule, int[][] counts, long[][] nanos, int cap, int perArm) {
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
        int[] thresholds = schedule.balloons().stream().mapToInt(Balloon::threshold).toArray();
        ArmScheduler scheduler = new ArmScheduler(cap, groupOf, groupCap, queues, remaining, thresholds, 1,
                () -> now[0]);
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
            finished(scheduler, first, thresholds, counts);
            while (!running.isEmpty() && running.peek().end() == now[0]) {
                finished(scheduler, running.poll(), thresholds, counts);
            }
        }
    }

    /** Tells the scheduler what the balloon showed: a cash-out after calls − 1 pumps, or a burst at its threshold. */
    private static void finished(ArmScheduler scheduler, Running r, int[] thresholds, int[][] counts) {
        ArmScheduler.Item item = r.started().item();
        int calls = counts[item.arm()][item.balloon()];
        int threshold = thresholds[item.balloon()];
        ArmScheduler.Played played = calls == 0 ? ArmScheduler.Played.UNKNOWN : calls < threshold
                ? new ArmScheduler.Played(calls, calls - 1, true, false)
                : new ArmScheduler.Played(calls, threshold, false, true);
        scheduler.finished(r.started(), played);
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
