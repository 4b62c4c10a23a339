package io.github.bart4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.core.ArmScheduler.Item;
import io.github.bart4j.core.ArmScheduler.Started;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** The dispatch rule, driven by a fake clock: no threads, no timing. */
class ArmSchedulerTest {

    /** A clock the test moves by hand. */
    static final class FakeClock implements LongSupplier {
        long now;

        @Override
        public long getAsLong() {
            return now;
        }
    }

    private static List<Iterator<Item>> queues(int arms, int epochs, int balloons) {
        List<Iterator<Item>> queues = new ArrayList<>();
        for (int a = 0; a < arms; a++) {
            List<Item> items = new ArrayList<>();
            for (int e = 1; e <= epochs; e++) {
                for (int b = 0; b < balloons; b++) {
                    items.add(new Item(a, e, b));
                }
            }
            queues.add(items.iterator());
        }
        return queues;
    }

    private static ArmScheduler scheduler(int cap, int perArmCap, int arms, int epochs, int balloons,
                                          LongSupplier clock) {
        int[] groupOf = new int[arms];
        int[] groupCap = new int[arms];
        int[] remaining = new int[arms];
        for (int a = 0; a < arms; a++) {
            groupOf[a] = a;
            groupCap[a] = perArmCap;
            remaining[a] = epochs * balloons;
        }
        return new ArmScheduler(cap, groupOf, groupCap, queues(arms, epochs, balloons), remaining, clock);
    }

    @Test
    void everyArmStartsInTheFirstRoundAndPlaysInScheduleOrder() {
        FakeClock clock = new FakeClock();
        ArmScheduler s = scheduler(12, 12, 6, 2, 5, clock);
        List<Started> first = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            first.add(s.next(item -> true));
        }
        assertThat(first).extracting(st -> st.item().arm()).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
        assertThat(first).extracting(st -> st.item().balloon()).containsOnly(0);
        Started second = s.next(item -> true);
        assertThat(second.item().balloon()).isEqualTo(1);
    }

    @Test
    void capsAreNeverExceeded() {
        FakeClock clock = new FakeClock();
        int[] groupOf = {0, 0, 1};
        int[] groupCap = {3, 8};
        int[] remaining = {20, 20, 20};
        ArmScheduler s = new ArmScheduler(5, groupOf, groupCap, queues(3, 1, 20), remaining, clock);
        List<Started> running = new ArrayList<>();
        for (Started st; (st = s.next(item -> true)) != null; ) {
            running.add(st);
        }
        assertThat(running).hasSize(5);
        assertThat(running.stream().filter(st -> st.item().arm() < 2).count()).isEqualTo(3);
        s.finished(running.remove(0));
        assertThat(s.next(item -> true)).isNotNull();
        assertThat(s.next(item -> true)).isNull();
        assertThat(s.inFlight()).isEqualTo(5);
    }

    @Test
    void theSlowArmIsPreferredOnceDurationsAreKnown() {
        FakeClock clock = new FakeClock();
        ArmScheduler s = scheduler(2, 2, 2, 1, 10, clock);
        Started a = s.next(item -> true);
        Started b = s.next(item -> true);
        assertThat(List.of(a.item().arm(), b.item().arm())).containsExactlyInAnyOrder(0, 1);
        Started fast = a.item().arm() == 0 ? a : b;
        Started slow = fast == a ? b : a;
        clock.now = 1_000;
        s.finished(fast); // arm 0: 1 µs per balloon; arm 1 has no finished balloon: counts as the longest
        assertThat(s.next(item -> true).item().arm()).isEqualTo(1);
        clock.now = 10_000;
        s.finished(slow); // arm 1: 10 µs per balloon, 8 left; arm 0: 1 µs, 9 left
        Started next = s.next(item -> true);
        assertThat(next.item().arm()).isEqualTo(1);
    }

    @Test
    void mayStartIsAskedAndHonoured() {
        FakeClock clock = new FakeClock();
        ArmScheduler s = scheduler(4, 4, 2, 1, 3, clock);
        Set<Integer> asked = new HashSet<>();
        for (Started st; (st = s.next(item -> {
            asked.add(item.arm());
            return item.arm() == 1;
        })) != null; ) {
            assertThat(st.item().arm()).isEqualTo(1);
        }
        assertThat(asked).contains(0);
        assertThat(s.anyPending(a -> a == 0)).isTrue();
        assertThat(s.anyPending(a -> a == 1)).isFalse();
    }

    /** Makespan of the rule in an event simulation: each arm's balloons take {@code duration[arm]} ticks. */
    private static double efficiency(long[] duration, int balloons, int cap) {
        FakeClock clock = new FakeClock();
        ArmScheduler s = scheduler(cap, cap, duration.length, 1, balloons, clock);
        PriorityQueue<long[]> events = new PriorityQueue<>((x, y) -> Long.compare(x[0], y[0]));
        List<Started> started = new ArrayList<>();
        long total = 0;
        long longest = 0;
        for (long d : duration) {
            total += d * balloons;
            longest = Math.max(longest, d);
        }
        while (true) {
            for (Started st; (st = s.next(item -> true)) != null; ) {
                started.add(st);
                events.add(new long[] {clock.now + duration[st.item().arm()], started.size() - 1});
            }
            long[] e = events.poll();
            if (e == null) {
                break;
            }
            clock.now = e[0];
            s.finished(started.get((int) e[1]));
        }
        double bound = Math.max(longest, (double) total / cap);
        return bound / clock.now;
    }

    @Test
    void heterogeneousCaseIsCloseToTheBound() {
        // calls 3..13 at 50..400 ms per call, 24 balloons, cap 16 (bench efficiency_heterogeneous)
        long[] d = {3 * 50, 5 * 120, 7 * 190, 9 * 260, 11 * 330, 13 * 400};
        assertThat(efficiency(d, 24, 16)).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void equalLatencyCaseIsCloseToTheBound() {
        long[] d = {3 * 200, 5 * 200, 7 * 200, 9 * 200, 11 * 200, 13 * 200};
        assertThat(efficiency(d, 30, 64)).isGreaterThanOrEqualTo(0.9);
    }
}
