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
        return new ArmScheduler(cap, groupOf, groupCap, queues(arms, epochs, balloons), remaining, null, epochs,
                clock);
    }

    /** Arms that each play one epoch of {@code thresholds} in the classic task (length grows with pumps). */
    private static ArmScheduler classic(int arms, int cap, int[] thresholds, int epochs, LongSupplier clock) {
        int[] groupOf = new int[arms];
        int[] groupCap = new int[arms];
        int[] remaining = new int[arms];
        for (int a = 0; a < arms; a++) {
            groupOf[a] = a;
            groupCap[a] = cap;
            remaining[a] = epochs * thresholds.length;
        }
        return new ArmScheduler(cap, groupOf, groupCap, queues(arms, epochs, thresholds.length), remaining,
                thresholds, epochs, clock);
    }

    private static ArmScheduler.Played cashedOut(int pumps) {
        return new ArmScheduler.Played(pumps + 1, pumps, true, false);
    }

    private static ArmScheduler.Played burst(int pumps) {
        return new ArmScheduler.Played(pumps, pumps, false, true);
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
        ArmScheduler s = new ArmScheduler(5, groupOf, groupCap, queues(3, 1, 20), remaining, null, 1, clock);
        List<Started> running = new ArrayList<>();
        for (Started st; (st = s.next(item -> true)) != null; ) {
            running.add(st);
        }
        assertThat(running).hasSize(5);
        assertThat(running.stream().filter(st -> st.item().arm() < 2).count()).isEqualTo(3);
        s.finished(running.remove(0), ArmScheduler.Played.UNKNOWN);
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
        s.finished(fast, ArmScheduler.Played.UNKNOWN); // arm 0: 1 µs per balloon; arm 1 has no finished balloon: counts as the longest
        assertThat(s.next(item -> true).item().arm()).isEqualTo(1);
        clock.now = 10_000;
        s.finished(slow, ArmScheduler.Played.UNKNOWN); // arm 1: 10 µs per balloon, 8 left; arm 0: 1 µs, 9 left
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

    /**
     * Play order reaches a long balloon late in an arm's schedule only after the arm's earlier ones, so
     * the arm with the largest threshold still ahead advances first: here the arm behind, whose
     * threshold-20 balloon is still ahead, goes before the arm that already started it, although the
     * latter's balloons took longer so far.
     */
    @Test
    void theArmWithTheLongestBalloonAheadGoesFirst() {
        FakeClock clock = new FakeClock();
        ArmScheduler s = classic(2, 8, new int[] {2, 2, 20, 2, 2, 2}, 1, clock);
        List<Started> ahead = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ahead.add(s.next(item -> item.arm() == 0)); // balloons 0, 1 and the threshold-20 balloon 2
        }
        Started behind = s.next(item -> item.arm() == 1); // balloon 0
        clock.now = 2_000;
        s.finished(behind, burst(2)); // 1 µs per call; ahead of it: threshold 20, so 20 µs
        clock.now = 10_000;
        s.finished(ahead.get(0), burst(2)); // 5 µs per call; ahead of it: threshold 2, so 10 µs
        s.finished(ahead.get(1), burst(2));
        Started next = s.next(item -> true);
        assertThat(next.item().arm()).isEqualTo(1);
        assertThat(next.item().balloon()).isEqualTo(1);
    }

    /**
     * Once an arm has cashed out, its balloons are known to stop near the most pumps it made, whatever
     * their thresholds; an arm that only burst so far may pump up to its thresholds. The arm whose
     * finished balloon took longer is not the one with the longer work ahead.
     */
    @Test
    void aCashOutBoundsAnArmsEstimate() {
        FakeClock clock = new FakeClock();
        ArmScheduler s = classic(2, 2, new int[] {5, 20, 20, 20}, 1, clock);
        Started x = s.next(item -> true);
        Started y = s.next(item -> true);
        Started careful = x.item().arm() == 0 ? x : y;
        Started bold = careful == x ? y : x;
        clock.now = 5_000;
        s.finished(bold, burst(5)); // 5 calls in 5 µs; ahead: threshold 20, so up to 20 calls = 20 µs
        clock.now = 10_000;
        s.finished(careful, cashedOut(1)); // 2 calls in 10 µs; ahead: min(20, 1 + 1) calls = 10 µs
        assertThat(s.next(item -> true).item().arm()).isEqualTo(bold.item().arm());
    }

    /**
     * An arm with later epochs ahead counts the largest threshold of the whole schedule: here the arm
     * behind, in epoch 1, still has epoch 2's threshold-20 balloon ahead, the arm in epoch 2 only
     * threshold-2 balloons, so the one behind goes first although its calls are faster.
     */
    @Test
    void laterEpochsCountTheWholeSchedule() {
        FakeClock clock = new FakeClock();
        ArmScheduler s = classic(2, 8, new int[] {20, 2, 2}, 2, clock);
        List<Started> ahead = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ahead.add(s.next(item -> item.arm() == 0)); // epoch 1 balloons 0..2, epoch 2 balloon 0
        }
        Started behind = s.next(item -> item.arm() == 1); // epoch 1 balloon 0
        ArmScheduler.Played twoCalls = new ArmScheduler.Played(2, 0, false, false); // e.g. errored after 2 calls
        clock.now = 2_000;
        s.finished(behind, twoCalls); // 1 µs per call: 20 calls ahead = 20 µs
        clock.now = 10_000;
        for (Started st : ahead) {
            s.finished(st, twoCalls); // 5 µs per call: 2 calls ahead = 10 µs
        }
        Started next = s.next(item -> true);
        assertThat(next.item().arm()).isEqualTo(1);
        assertThat(next.item().epoch()).isEqualTo(1);
    }

    /**
     * A resumed run's arms are estimated from what the earlier run recorded: with two arms started
     * and a third slot free before anything finished, the slot goes to the arm whose recorded balloons
     * took longer, not to the first arm as between two arms never seen.
     */
    @Test
    void whatAnEarlierRunRecordedCountsBeforeAnythingFinishes() {
        FakeClock clock = new FakeClock();
        ArmScheduler unseen = scheduler(3, 3, 2, 1, 10, clock);
        unseen.next(item -> true);
        unseen.next(item -> true);
        assertThat(unseen.next(item -> true).item().arm()).isEqualTo(0);

        ArmScheduler resumed = scheduler(3, 3, 2, 1, 10, clock);
        ArmScheduler.History quick = new ArmScheduler.History();
        quick.add(1_000, ArmScheduler.Played.UNKNOWN);
        ArmScheduler.History slow = new ArmScheduler.History();
        slow.add(9_000, ArmScheduler.Played.UNKNOWN);
        slow.add(11_000, ArmScheduler.Played.UNKNOWN);
        resumed.recorded(0, quick);
        resumed.recorded(1, slow);
        resumed.next(item -> true);
        resumed.next(item -> true); // every arm still starts in the first round
        assertThat(resumed.next(item -> true).item().arm()).isEqualTo(1);
    }
}
