package io.github.bart4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void uniform_schedule_is_reproducible_from_its_seed_and_within_range() {
        Schedule a = Schedule.uniform(1, 20, 500, 0.10, 42);
        Schedule b = Schedule.uniform(1, 20, 500, 0.10, 42);
        assertThat(a.thresholds()).isEqualTo(b.thresholds());
        assertThat(a.thresholds()).allSatisfy(t -> assertThat(t).isBetween(1, 20));
        assertThat(a.thresholds()).contains(1, 20); // both ends reachable
        assertThat(Schedule.uniform(1, 20, 500, 0.10, 43).thresholds()).isNotEqualTo(a.thresholds());
        assertThat(a.balloons()).extracting(Balloon::id).startsWith(1, 2, 3).endsWith(500);
        assertThat(a.seed()).isEqualTo(42L);
    }

    @Test
    void uniform_thresholds_are_pinned_for_seed_42() {
        // Changing the draw algorithm would silently change every recorded experiment.
        assertThat(Schedule.uniform(1, 20, 8, 0.10, 42).thresholds())
                .isEqualTo(Schedule.uniform(1, 20, 8, 0.10, 42).thresholds())
                .hasSize(8);
        java.util.SplittableRandom r = new java.util.SplittableRandom(42);
        List<Integer> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            expected.add(r.nextInt(1, 21));
        }
        assertThat(Schedule.uniform(1, 20, 8, 0.10, 42).thresholds()).isEqualTo(expected);
    }

    @Test
    void typed_schedule_has_counts_per_type_and_thresholds_on_one_to_capacity() {
        List<BalloonType> types = List.of(new BalloonType("blue", 128, 30), new BalloonType("yellow", 32, 30),
                new BalloonType("orange", 8, 30));
        Schedule s = Schedule.typed(types, Schedule.Order.SHUFFLED, 0.05, 7);
        assertThat(s.size()).isEqualTo(90);
        Map<String, Long> counts = s.balloons().stream().collect(Collectors.groupingBy(Balloon::type,
                Collectors.counting()));
        assertThat(counts).containsEntry("blue", 30L).containsEntry("yellow", 30L).containsEntry("orange", 30L);
        assertThat(s.balloons()).allSatisfy(b -> {
            assertThat(b.minThreshold()).isEqualTo(1);
            assertThat(b.threshold()).isBetween(1, b.capacity());
        });
        assertThat(s.balloons()).filteredOn(b -> b.type().equals("orange")).allSatisfy(
                b -> assertThat(b.capacity()).isEqualTo(8));
        // shuffled: the first 30 are not all blue
        assertThat(s.balloons().subList(0, 30)).extracting(Balloon::type).contains("yellow");
    }

    @Test
    void blocked_schedule_keeps_types_together_in_the_order_given() {
        List<BalloonType> types = List.of(new BalloonType("blue", 128, 3), new BalloonType("orange", 8, 2));
        Schedule s = Schedule.typed(types, Schedule.Order.BLOCKED, 0.05, 7);
        assertThat(s.balloons()).extracting(Balloon::type).containsExactly("blue", "blue", "blue", "orange", "orange");
        assertThat(Schedule.typed(types, Schedule.Order.BLOCKED, 0.05, 7).thresholds()).isEqualTo(s.thresholds());
    }

    @Test
    void explicit_schedule_plays_thresholds_as_given() {
        Schedule s = Schedule.explicit(List.of(6, 3, 20), 1, 20, 0.10);
        assertThat(s.thresholds()).containsExactly(6, 3, 20);
        assertThat(s.seed()).isNull();
        assertThat(s.kind()).isEqualTo(Schedule.Kind.EXPLICIT);
    }

    @Test
    void invalid_arguments_name_the_key_the_value_and_the_rule() {
        assertThatThrownBy(() -> Schedule.uniform(5, 3, 10, 0.1, 1))
                .hasMessage("maxPumps must be >= minPumps (5), but is 3");
        assertThatThrownBy(() -> Schedule.uniform(0, 3, 10, 0.1, 1)).hasMessage("minPumps must be >= 1, but is 0");
        assertThatThrownBy(() -> Schedule.uniform(1, 3, 0, 0.1, 1)).hasMessage("count must be >= 1, but is 0");
        assertThatThrownBy(() -> Schedule.uniform(1, 3, 1, -0.1, 1))
                .hasMessage("rewardPerPump must be a positive number, but is -0.1");
        assertThatThrownBy(() -> Schedule.explicit(List.of(3, 0), 1, 20, 0.1))
                .hasMessage("thresholds[1] must be between minPumps and maxPumps (1..20), but is 0");
        assertThatThrownBy(() -> Schedule.typed(List.of(), Schedule.Order.SHUFFLED, 0.1, 1))
                .hasMessage("types must name at least one balloon type, but is empty");
        assertThatThrownBy(() -> new BalloonType("blue", 0, 3)).hasMessage("capacity must be >= 1, but is 0 (balloon type 'blue')");
    }
}
