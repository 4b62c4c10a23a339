package io.github.bart4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.core.ArmScheduler.Item;
import io.github.bart4j.core.ArmScheduler.Started;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
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
}
