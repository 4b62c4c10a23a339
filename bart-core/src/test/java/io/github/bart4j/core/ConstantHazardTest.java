package io.github.bart4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bart4j.core.agents.ExpectedUtility;
import io.github.bart4j.core.agents.ScriptedParticipants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The constant-hazard variant: its schedule, its balloons' rules, and how they travel through files and resumes. */
class ConstantHazardTest {

    @TempDir
    Path tmp;

    @Test
    void thresholds_are_geometric_capped_at_the_range_end_with_the_documented_mean() {
        double p = 0.1;
        Schedule s = Schedule.constantHazard(p, 1, 32, 20_000, 0.05, 7);

        double mean = s.thresholds().stream().mapToInt(Integer::intValue).average().orElseThrow();
        double expectedMean = (1 - Math.pow(1 - p, 32)) / p; // 9.66
        long atCap = s.thresholds().stream().filter(t -> t == 32).count();
        double expectedAtCap = Math.pow(1 - p, 31) * 20_000; // 759

        assertThat(s.thresholds()).allSatisfy(t -> assertThat(t).isBetween(1, 32));
        assertThat(mean).isCloseTo(expectedMean, org.assertj.core.data.Offset.offset(0.3)); // sd of the mean ~0.06
        assertThat((double) atCap).isBetween(expectedAtCap * 0.8, expectedAtCap * 1.2);
        // geometric: the count at each pump is 1 - p times the count at the pump before
        long first = s.thresholds().stream().filter(t -> t == 1).count();
        long second = s.thresholds().stream().filter(t -> t == 2).count();
        assertThat((double) second / first).isBetween(0.8, 1.0);
    }

    @Test
    void the_draw_is_one_bernoulli_draw_per_pump_from_the_seed_as_documented() {
        SplittableRandom r = new SplittableRandom(42);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int t = 3;
            while (t < 12 && !(r.nextDouble() < 0.2)) {
                t++;
            }
            expected.add(t);
        }

        Schedule s = Schedule.constantHazard(0.2, 3, 12, 50, 0.10, 42);

        assertThat(s.thresholds()).isEqualTo(expected);
        assertThat(Schedule.constantHazard(0.2, 3, 12, 50, 0.10, 42).thresholds()).isEqualTo(s.thresholds());
        assertThat(Schedule.constantHazard(0.2, 3, 12, 50, 0.10, 43).thresholds()).isNotEqualTo(s.thresholds());
        assertThat(s.kind()).isEqualTo(Schedule.Kind.CONSTANT_HAZARD);
        assertThat(s.seed()).isEqualTo(42L);
        assertThat(s.rules()).isEqualTo(Rules.constantHazard(0.2));
        assertThat(s.balloons()).allSatisfy(b -> {
            assertThat(b.rules()).isEqualTo(Rules.constantHazard(0.2));
            assertThat(b.minThreshold()).isEqualTo(3);
            assertThat(b.capacity()).isEqualTo(12);
        });
        assertThat(Schedule.constantHazard(1.0, 3, 12, 5, 0.10, 1).thresholds()).containsOnly(3);
    }

    @Test
    void the_other_schedules_play_by_the_classic_rules() {
        assertThat(Schedule.uniform(1, 20, 5, 0.10, 1).rules().isClassic()).isTrue();
        assertThat(Schedule.explicit(List.of(3, 4), 1, 20, 0.10).rules()).isEqualTo(Rules.classic());
        assertThat(new Balloon(1, "", 1, 20, 7, 0.10).rules()).isSameAs(Rules.classic());
        assertThat(new Balloon(1, "", 1, 20, 7, 0.10)).isNotEqualTo(
                new Balloon(1, "", 1, 20, 7, 0.10, Rules.constantHazard(0.1)));
    }

    @Test
    void a_bad_burst_probability_names_the_java_parameter() {
        for (double p : new double[] {0.0, -0.1, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> Schedule.constantHazard(p, 1, 20, 5, 0.10, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("burstProbability must be > 0 and <= 1, but is " + p);
        }
    }

    @Test
    void rules_describe_themselves_for_prompts_and_messages() {
        assertThat(Rules.constantHazard(0.1).burstChance()).isEqualTo("10%");
        assertThat(Rules.constantHazard(0.125).burstChance()).isEqualTo("12.5%");
        assertThat(Rules.constantHazard(1).burstChance()).isEqualTo("100%");
        assertThat(Rules.classic().burstChance()).isEmpty();
        assertThat(Rules.constantHazard(0.1).describe()).isEqualTo("constant_hazard (burst probability 0.1 per pump)");
        assertThat(Rules.classic().describe()).isEqualTo("classic");
    }

    @Test
    void the_journal_records_the_rules_of_a_constant_hazard_balloon_and_nothing_for_a_classic_one() throws Exception {
        Path hazard = tmp.resolve("hazard.jsonl");
        Path classic = tmp.resolve("classic.jsonl");
        play(Schedule.constantHazard(0.25, 1, 16, 6, 0.05, 3), hazard);
        play(Schedule.uniform(1, 16, 6, 0.05, 3), classic);

        assertThat(Files.readAllLines(hazard)).allSatisfy(l -> assertThat(l)
                .contains("\"reward_per_pump\":0.05,\"rules\":\"constant_hazard\",\"burst_probability\":0.25,"));
        assertThat(Files.readString(classic)).doesNotContain("rules").doesNotContain("burst_probability");
        assertThat(ResultFiles.readJournal(hazard)).hasSize(6)
                .allSatisfy(r -> assertThat(r.balloon().rules()).isEqualTo(Rules.constantHazard(0.25)));
        assertThat(ResultFiles.readJournal(classic)).allSatisfy(r -> assertThat(r.balloon().rules().isClassic()).isTrue());
    }

    @Test
    void a_result_file_naming_unknown_rules_is_refused_naming_them() throws Exception {
        Path hazard = tmp.resolve("hazard.jsonl");
        play(Schedule.constantHazard(0.25, 1, 16, 1, 0.05, 3), hazard);
        Files.writeString(hazard, Files.readString(hazard).replace("constant_hazard", "sometimes"));

        assertThatThrownBy(() -> ResultFiles.read(hazard)).isInstanceOf(ResultFileException.class)
                .hasMessageContaining("rules must be classic or constant_hazard, but is: 'sometimes'");
    }

    @Test
    void results_of_other_rules_are_not_taken_as_completed_balloons_of_this_experiment() {
        Schedule hazard = Schedule.constantHazard(0.25, 1, 16, 3, 0.05, 3);
        Balloon b = hazard.balloons().get(0);
        BalloonResult classicResult = Task.classic().play(ScriptedParticipants.fixed(0),
                new Balloon(b.id(), b.type(), b.minThreshold(), b.capacity(), b.threshold(), b.rewardPerPump()));

        assertThatThrownBy(() -> Experiment.builder().schedule(hazard).participant(ScriptedParticipants.fixed(0))
                .completed(List.of(classicResult)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the schedule's balloons are played under the constant_hazard (burst probability"
                        + " 0.25 per pump) rules, the result's under the classic rules");
    }

    @Test
    void participants_are_told_the_rules_and_an_expected_utility_agent_plans_by_them() {
        Schedule hazard = Schedule.constantHazard(0.15, 1, 64, 5, 0.10, 3);
        List<io.github.bart4j.core.spi.BalloonContext> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.github.bart4j.core.spi.Participant spy = new io.github.bart4j.core.spi.Participant() {
            @Override
            public String name() {
                return "spy";
            }

            @Override
            public io.github.bart4j.core.spi.BalloonSession open(io.github.bart4j.core.spi.BalloonContext context) {
                seen.add(context);
                return ScriptedParticipants.fixed(0).open(context);
            }
        };
        Experiment.builder().schedule(hazard).participant(spy).build().run();

        assertThat(seen).hasSize(5).allSatisfy(c -> assertThat(c.rules()).isEqualTo(Rules.constantHazard(0.15)));
        // expected value of "pump k times" is k·r·0.85^k: best at k = 6 (the classic rules on 1..64 give 32)
        assertThat(ExpectedUtility.optimalPumps(0.0, 1.0, 0.10, 1, 64, Rules.constantHazard(0.15))).isEqualTo(6);
        assertThat(ExpectedUtility.optimalPumps(0.0, 1.0, 0.10, 1, 64)).isEqualTo(32);
        ExperimentResult ev = Experiment.builder().schedule(hazard).participant(ScriptedParticipants.crra(0.0)).build().run();
        assertThat(ev.results()).allSatisfy(r -> assertThat(r.pumps()).isLessThanOrEqualTo(6));
    }

    private static void play(Schedule schedule, Path journal) throws Exception {
        try (ResultSink sink = ResultSinks.jsonLines(journal, ResultSinks.WriteMode.APPEND)) {
            Experiment.builder().schedule(schedule).participant(ScriptedParticipants.fixed(4)).sink(sink).build().run();
        }
    }
}
