package io.github.bart4j.core.analysis;

import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.BalloonType;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.agents.ScriptedParticipants;
import io.github.bart4j.core.spi.Participant;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.github.bart4j.core.analysis.ImpliedRiskAversionTest.play;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AnalysisTest {

    private static final Schedule SCHEDULE = Schedule.uniform(1, 20, 60, 0.10, 42);
    private static final AnalysisOptions FAST = AnalysisOptions.defaults().withBootstrapSamples(500);

    private static List<BalloonResult> results(Participant... participants) {
        List<BalloonResult> out = new ArrayList<>();
        for (Participant p : participants) {
            out.addAll(play(p, SCHEDULE));
        }
        return out;
    }

    private static BalloonResult withPersona(BalloonResult r, String persona) {
        return new BalloonResult(r.participant(), persona, r.epoch(), r.balloon(), r.pumps(), r.burst(), r.earnings(),
                r.turns(), r.status(), r.error());
    }

    @Test
    void summaries_have_reproducible_bootstrap_intervals_around_the_estimate() {
        List<BalloonResult> data = results(ScriptedParticipants.random(0.8, 1));
        GroupSummary a = Analysis.of(data, FAST).summaries().get(0);
        GroupSummary b = Analysis.of(data, FAST).summaries().get(0);
        assertThat(a).isEqualTo(b);
        double mean = data.stream().mapToInt(BalloonResult::pumps).average().orElseThrow();
        assertThat(a.avgPumps().value()).isCloseTo(mean, within(1e-12));
        for (Estimate e : List.of(a.avgPumps(), a.adjustedPumps(), a.burstRate())) {
            assertThat(e.lower()).isLessThan(e.value());
            assertThat(e.upper()).isGreaterThan(e.value());
        }
        GroupSummary other = Analysis.of(data, FAST.withSeed(7)).summaries().get(0);
        assertThat(other.avgPumps().value()).isEqualTo(a.avgPumps().value());
        assertThat(other.avgPumps().lower()).isNotEqualTo(a.avgPumps().lower());
    }

    @Test
    void the_bootstrap_interval_is_the_percentile_interval_of_resamples_drawn_with_the_groups_seed() {
        // the textbook percentile bootstrap, drawn index by index from the same stream the analysis uses
        List<BalloonResult> data = results(ScriptedParticipants.random(0.7, 5));
        GroupSummary g = Analysis.of(data, FAST).summaries().get(0);
        int n = data.size();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(FAST.seed()
                ^ Descriptives.key(new Sequences.Subject(g.participant(), g.persona()), ""));
        double[][] reps = new double[3][FAST.bootstrapSamples()];
        int[] counts = new int[3];
        for (int r = 0; r < FAST.bootstrapSamples(); r++) {
            List<BalloonResult> sample = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                sample.add(data.get(rng.nextInt(n)));
            }
            double avg = sample.stream().mapToInt(BalloonResult::pumps).average().orElse(Double.NaN);
            double adjusted = sample.stream().filter(x -> !x.burst()).mapToInt(BalloonResult::pumps).average()
                    .orElse(Double.NaN);
            double rate = sample.stream().filter(BalloonResult::burst).count() / (double) n;
            double[] st = {avg, adjusted, rate};
            for (int k = 0; k < 3; k++) {
                if (!Double.isNaN(st[k])) {
                    reps[k][counts[k]++] = st[k];
                }
            }
        }
        Estimate[] got = {g.avgPumps(), g.adjustedPumps(), g.burstRate()};
        for (int k = 0; k < 3; k++) {
            org.hipparchus.stat.descriptive.rank.Percentile p = new org.hipparchus.stat.descriptive.rank.Percentile()
                    .withEstimationType(org.hipparchus.stat.descriptive.rank.Percentile.EstimationType.R_7);
            p.setData(java.util.Arrays.copyOf(reps[k], counts[k]));
            assertThat(got[k].lower()).as("lower %d", k).isCloseTo(p.evaluate(2.5), within(1e-12));
            assertThat(got[k].upper()).as("upper %d", k).isCloseTo(p.evaluate(97.5), within(1e-12));
        }
    }

    @Test
    void a_wider_confidence_level_gives_a_wider_interval() {
        List<BalloonResult> data = results(ScriptedParticipants.random(0.8, 3));
        Estimate e95 = Analysis.of(data, FAST).summaries().get(0).burstRate();
        Estimate e50 = Analysis.of(data, FAST.withConfidenceLevel(0.5)).summaries().get(0).burstRate();
        assertThat(e95.upper() - e95.lower()).isGreaterThan(e50.upper() - e50.lower());
    }

    @Test
    void adjusted_pumps_are_undefined_when_every_balloon_burst() {
        List<BalloonResult> data = results(ScriptedParticipants.fixed(25));
        GroupSummary s = Analysis.of(data, FAST).summaries().get(0);
        assertThat(s.burstRate().value()).isEqualTo(1.0);
        assertThat(s.adjustedPumps().isDefined()).isFalse();
        assertThat(Analysis.of(data, FAST).tables().get(0).toText()).contains("n/a");
    }

    @Test
    void errored_balloons_are_left_out_and_counted() {
        List<BalloonResult> data = results(ScriptedParticipants.fixed(5));
        data.add(new BalloonResult("fixed:5", "", 2, new Balloon(1, "", 1, 20, 3, 0.1), 40, false, 0.0, List.of(),
                BalloonResult.Status.ERROR, "ERROR: timeout"));
        Analysis a = Analysis.of(data, FAST);
        assertThat(a.erroredBalloons()).isEqualTo(1);
        assertThat(a.balloons()).isEqualTo(60);
        assertThat(a.summaries().get(0).balloons()).isEqualTo(60);
        assertThat(a.slopes().get(0).balloons()).isEqualTo(60);
    }

    @Test
    void different_pumpers_differ_and_identical_ones_do_not() {
        Analysis a = Analysis.of(results(ScriptedParticipants.fixed(3), ScriptedParticipants.fixed(8),
                ScriptedParticipants.crra(1.0)), FAST);
        assertThat(a.comparisons()).hasSize(3);
        // participants come sorted by name, as in the summary: crra:1, fixed:3, fixed:8
        assertThat(a.comparisons()).extracting(Comparison::first).containsExactly("crra:1", "crra:1", "fixed:3");
        Comparison c = a.comparisons().get(2);
        assertThat(c.first()).isEqualTo("fixed:3");
        assertThat(c.second()).isEqualTo("fixed:8");
        assertThat(c.paired()).isTrue(); // same schedule: paired by balloon
        assertThat(c.effect()).isEqualTo(-1.0);
        assertThat(c.statistic()).isZero();
        assertThat(c.magnitude()).isEqualTo("large");
        assertThat(c.differs()).isTrue();
        assertThat(c.pHolm()).isGreaterThanOrEqualTo(c.pValue());
        assertThat(a.differingPairs()).contains(c);

        Analysis same = Analysis.of(results(ScriptedParticipants.fixed(5), ScriptedParticipants.parse("fixed:5")), FAST);
        // same name: one participant; rename to compare two identical pumpers
        List<BalloonResult> twins = new ArrayList<>(results(ScriptedParticipants.fixed(5)));
        for (BalloonResult r : results(ScriptedParticipants.fixed(5))) {
            twins.add(new BalloonResult("twin", "", r.epoch(), r.balloon(), r.pumps(), r.burst(), r.earnings(),
                    r.turns(), r.status(), r.error()));
        }
        Comparison t = Analysis.of(twins, FAST).comparisons().get(0);
        assertThat(t.effect()).isZero();
        assertThat(t.differs()).isFalse();
        assertThat(same.comparisons()).isEmpty();
    }

    @Test
    void holm_multiplies_the_ordered_p_values_and_keeps_them_monotone() {
        double[] adjusted = Descriptives.holm(new double[] {0.01, 0.04, 0.03, 0.005, Double.NaN});
        assertThat(adjusted[3]).isCloseTo(0.02, within(1e-12));
        assertThat(adjusted[0]).isCloseTo(0.03, within(1e-12));
        assertThat(adjusted[2]).isCloseTo(0.06, within(1e-12));
        assertThat(adjusted[1]).isCloseTo(0.06, within(1e-12));
        assertThat(adjusted[4]).isNaN();
    }

    @Test
    void participants_are_compared_only_within_the_same_persona() {
        List<BalloonResult> data = new ArrayList<>();
        for (String persona : List.of("calm", "bold")) {
            for (BalloonResult r : results(ScriptedParticipants.fixed(3), ScriptedParticipants.fixed(6))) {
                data.add(withPersona(r, persona));
            }
        }
        Analysis a = Analysis.of(data, FAST.withImpliedRiskAversion(false));
        assertThat(a.summaries()).hasSize(4);
        assertThat(a.comparisons()).extracting(Comparison::persona).containsExactly("bold", "calm"); // sorted
        assertThat(a.tables().get(0).header()).contains("persona");
        assertThat(a.riskAversion()).isEmpty();
    }

    @Test
    void the_learning_slope_follows_pumps_over_balloons() {
        List<BalloonResult> data = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            data.add(CognitiveModel.result("learner", new Balloon(i, "", 1, 64, 64, 0.1), 2 * i + (i % 2), false));
        }
        LearningSlope s = Analysis.of(data, FAST).slopes().get(0);
        assertThat(s.slope()).isCloseTo(2.0, within(0.1));
        assertThat(s.lower()).isLessThan(s.slope());
        assertThat(s.upper()).isGreaterThan(s.slope());
        assertThat(s.pValue()).isLessThan(1e-6);
        LearningSlope flat = Analysis.of(results(ScriptedParticipants.fixed(0)), FAST).slopes().get(0);
        assertThat(flat.slope()).isZero();
    }

    @Test
    void cogbench_score_is_given_only_for_the_128_32_8_design() {
        Schedule lejuez = Schedule.typed(List.of(new BalloonType("blue", 128, 10), new BalloonType("yellow", 32, 10),
                new BalloonType("orange", 8, 10)), Schedule.Order.SHUFFLED, 0.05, 1);
        List<BalloonResult> typed = play(ScriptedParticipants.fixed(6), lejuez);
        Analysis a = Analysis.of(typed, FAST);
        CogBenchScore c = a.cogBench().get(0);
        double mean = typed.stream().mapToInt(BalloonResult::pumps).average().orElseThrow();
        assertThat(c.applicable()).isTrue();
        assertThat(c.score()).isCloseTo((mean - 0.99) / (17.22 - 0.99), within(1e-12));
        assertThat(a.summaries()).extracting(GroupSummary::balloonType).containsExactly("", "blue", "yellow", "orange");

        CogBenchScore uniform = Analysis.of(results(ScriptedParticipants.fixed(6)), FAST).cogBench().get(0);
        assertThat(uniform.applicable()).isFalse();
        assertThat(uniform.note()).isEqualTo("n/a (design differs)");
        assertThat(Analysis.of(results(ScriptedParticipants.fixed(6)), FAST).sections()).doesNotContain("cogbench");
        assertThat(a.toText(List.of("cogbench"))).contains("human 17.22").contains("random agent 0.99");
    }

    @Test
    void requested_fits_and_every_table_are_in_the_report() {
        Analysis a = Analysis.of(results(ScriptedParticipants.crra(1.0, 1.0, 0.02, 1)),
                FAST.withFits(CognitiveModel.PAR4));
        assertThat(a.fit(CognitiveModel.PAR4)).isPresent();
        assertThat(a.fit(CognitiveModel.EWMV)).isEmpty();
        assertThat(a.tables()).extracting(AnalysisTable::name)
                .containsExactly("summary", "intended_pumps", "slopes", "risk_aversion", "fit_par4");
        assertThat(a.tables().get(0).toCsv()).startsWith(
                "model,balloon_type,n,errored,avg_pumps,avg_pumps_ci,adjusted_pumps,adjusted_pumps_ci,burst_rate,burst_rate_ci\n");
        assertThat(a.riskAversion().get(0).gamma()).isCloseTo(1.0, within(0.5));
        assertThat(a.table("fit_par4").orElseThrow().rows()).hasSize(1);
        assertThat(a.table("fit_ewmv")).isEmpty();
    }

    @Test
    void an_empty_run_gives_empty_tables() {
        Analysis a = Analysis.of(List.of(), FAST.withFits(CognitiveModel.PAR4, CognitiveModel.EWMV));
        assertThat(a.summaries()).isEmpty();
        assertThat(a.comparisons()).isEmpty();
        assertThat(a.fit(CognitiveModel.PAR4).orElseThrow().rows()).isEmpty();
        assertThat(a.toText()).contains("Summary with 95% bootstrap intervals");
    }

    @Test
    void options_are_validated_with_the_field_and_value() {
        assertThatThrownBy(() -> AnalysisOptions.defaults().withBootstrapSamples(10))
                .hasMessageContaining("bootstrapSamples").hasMessageContaining("10");
        assertThatThrownBy(() -> AnalysisOptions.defaults().withConfidenceLevel(1.5))
                .hasMessageContaining("confidenceLevel").hasMessageContaining("1.5");
    }
}
