package io.github.bart4j.core;

import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Decides which balloon starts next. Not thread-safe: the runner calls it under its lock.
 *
 * <p>An <em>arm</em> is one participant under one persona. Each arm has a queue of work in play
 * order (epoch by epoch, balloons in schedule order; for sequential participants one series per
 * epoch), so a run stopped at any point holds a prefix of every (arm, epoch) series except the
 * balloons that were in flight.
 *
 * <p>Across arms the rule aims at the least makespan: when a slot is free, an arm not started yet
 * goes first (so every arm starts in the first round of dispatch); otherwise the next item of the arm
 * whose items take longest starts (the mean duration of its finished items; an arm with no finished
 * item counts as the longest), ties going to the arm with the most remaining work (items not started
 * × mean duration; among arms with no finished item, the most items not started), then to the arm
 * with fewer items in flight, then to the arm added first. Longest items first keeps long items out
 * of the run's tail. The global cap and each participant's cap are never exceeded.
 *
 * <p>Measured by replaying the {@code bench efficiency} cases through this class with
 * {@link SchedulingSimulation} ({@code SchedulingSimulationTest}), as a fraction of the bound
 * max(longest item, total work ÷ cap): 0.996 on the heterogeneous case and 0.900 on the
 * equal-latency case, where ordering by remaining work alone reaches 0.888 and 0.776. On the
 * seed-like case (thresholds differ per balloon) 0.753, where the order before play order (largest
 * threshold first across all arms) reaches 0.932: it starts every arm's long balloons first, which
 * play order forbids. Rules using each pending balloon's threshold to estimate its duration (remaining
 * work, critical path, time-on-test means that count the items in flight) were no better on average
 * over random seed-like schedules and fixed-length sweeps; the arms' lengths are unknown until their
 * balloons finish, and the first round is dispatched blind.
 */
final class ArmScheduler {

    /** One unit of work: a balloon (its index in the schedule), or a whole series ({@code balloon < 0}). */
    record Item(int arm, int epoch, int balloon) {
        boolean series() {
            return balloon < 0;
        }
    }

    /** An item that was started, with its start time on the scheduler's clock. */
    record Started(Item item, long startNanos) {
    }

    private static final class ArmState {
        final int index;
        final int group;
        final Iterator<Item> queue;
        Item head;
        int remaining;
        int inFlight;
        int finished;
        long busyNanos;
        boolean started;

        ArmState(int index, int group, Iterator<Item> queue, int remaining) {
            this.index = index;
            this.group = group;
            this.queue = queue;
            this.remaining = remaining;
            this.head = queue.hasNext() ? queue.next() : null;
        }

        /** Mean duration of a finished item in nanoseconds; {@code +inf} while no item has finished. */
        double mean() {
            return finished == 0 ? Double.POSITIVE_INFINITY : (double) busyNanos / finished;
        }
    }

    private final int cap;
    private final int[] groupCap;
    private final int[] groupInFlight;
    private final ArmState[] arms;
    private final LongSupplier clock;
    private int inFlight;

    /**
     * @param cap items in flight overall
     * @param groupOf each arm's participant group (arms sharing a participant share its cap)
     * @param groupCap each group's cap
     * @param queues each arm's pending items in play order
     * @param remaining each arm's number of pending items (the length of its queue)
     * @param clock nanosecond ticker ({@link System#nanoTime()} in production, a fake one in tests)
     */
    ArmScheduler(int cap, int[] groupOf, int[] groupCap, List<Iterator<Item>> queues, int[] remaining,
                 LongSupplier clock) {
        this.cap = cap;
        this.groupCap = groupCap.clone();
        this.groupInFlight = new int[groupCap.length];
        this.clock = clock;
        this.arms = new ArmState[queues.size()];
        for (int i = 0; i < arms.length; i++) {
            arms[i] = new ArmState(i, groupOf[i], queues.get(i), remaining[i]);
        }
    }

    /** {@link #peek} then {@link #start}: starts the next item, or returns {@code null}. */
    Started next(Predicate<Item> eligible) {
        Item item = peek(eligible);
        return item == null ? null : start(item);
    }

    /**
     * The item the rule would start next, without starting it, or {@code null} when no slot is free
     * or no arm may start one.
     *
     * @param eligible whether an arm's next item may be chosen (e.g. its participant has not
     *     failed); asked only for arms that have work and capacity, must have no side effects
     */
    Item peek(Predicate<Item> eligible) {
        if (inFlight >= cap) {
            return null;
        }
        ArmState best = null;
        for (ArmState a : arms) {
            if (a.head == null || groupInFlight[a.group] >= groupCap[a.group]) {
                continue;
            }
            if ((best == null || before(a, best)) && eligible.test(a.head)) {
                best = a;
            }
        }
        return best == null ? null : best.head;
    }

    /** Starts {@code item}, the one {@link #peek} returned (nothing changed in between). */
    Started start(Item item) {
        ArmState best = arms[item.arm()];
        if (best.head != item) {
            throw new IllegalStateException("not the arm's next item: " + item);
        }
        best.head = best.queue.hasNext() ? best.queue.next() : null;
        best.remaining--;
        best.inFlight++;
        best.started = true;
        groupInFlight[best.group]++;
        inFlight++;
        return new Started(item, clock.getAsLong());
    }

    /** Records that a started item finished (whatever its outcome) and frees its slot. */
    void finished(Started started) {
        ArmState a = arms[started.item().arm()];
        a.inFlight--;
        a.finished++;
        a.busyNanos += Math.max(0, clock.getAsLong() - started.startNanos());
        groupInFlight[a.group]--;
        inFlight--;
    }

    /** Items in flight overall. */
    int inFlight() {
        return inFlight;
    }

    /** Whether an arm matching {@code filter} (by index) still has items not started. */
    boolean anyPending(java.util.function.IntPredicate filter) {
        for (ArmState a : arms) {
            if (a.head != null && filter.test(a.index)) {
                return true;
            }
        }
        return false;
    }

    private static boolean before(ArmState a, ArmState b) {
        if (a.started != b.started) {
            return !a.started;
        }
        double ma = a.mean();
        double mb = b.mean();
        if (ma != mb) {
            return ma > mb;
        }
        if (a.remaining != b.remaining) { // equal means: more items left is more work left
            return a.remaining > b.remaining;
        }
        return a.inFlight < b.inFlight; // equal: keep the earlier arm (b)
    }
}
