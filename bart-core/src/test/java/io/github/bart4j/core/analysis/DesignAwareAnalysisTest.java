package io.github.bart4j.core.analysis;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.BalloonType;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.agents.ScriptedParticipants;
import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.Participant;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The design-aware parts of {@link Analysis}, on simulated participants whose answers are known. */
class DesignAwareAnalysisTest {

    private static final Schedule UNIFORM = Schedule.uniform(1, 20, 40, 0.10, 7);
    private static final AnalysisOptions FAST = AnalysisOptions.defaults().withBootstrapSamples(200)
            .withImpliedRiskAversion(false);

    /** A participant named {@code name} that plays like {@code policy} (so one name can carry two policies). */
    private static Participant named(String name, Participant policy) {
        return new Participant() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public BalloonSession open(BalloonContext context) {
                return policy.open(context);
            }
        };
    }

    private static List<BalloonResult> run(Schedule schedule, int epochs, Object... participantsAndPersonas) {
        Experiment.Builder b = Experiment.builder().schedule(schedule).epochs(epochs);
        for (int i = 0; i < participantsAndPersonas.length; i += 2) {
            b.participant((Participant) participantsAndPersonas[i], (String) participantsAndPersonas[i + 1]);
        }
        return b.build().run().results();
    }

    @Test
    void a_crra_agent_under_two_personas_mapped_to_different_policies_is_contrasted_paired_by_balloon() {
        List<BalloonResult> data = run(UNIFORM, 1,
                named("agent", ScriptedParticipants.crra(-1.0)), "bold",
                named("agent", ScriptedParticipants.crra(2.0)), "careful",
                named("other", ScriptedParticipants.crra(1.0)), "bold",
                named("other", ScriptedParticipants.crra(1.0)), "careful");
        Analysis a = Analysis.of(data, FAST);
        assertThat(a.design().personas()).containsExactly("bold", "careful");
        assertThat(a.design().sameBalloons()).isTrue();
        assertThat(a.sections()).contains("persona_contrasts", "comparisons");
        Comparison agent = a.personaContrasts().stream().filter(c -> c.persona().equals("agent")).findFirst().orElseThrow();
        assertThat(agent.paired()).isTrue();
        assertThat(agent.first()).isEqualTo("bold");
        assertThat(agent.effect()).isPositive(); // risk-seeking persona pumps more
        assertThat(agent.differs()).isTrue();
        Comparison other = a.personaContrasts().stream().filter(c -> c.persona().equals("other")).findFirst().orElseThrow();
        assertThat(other.differs()).isFalse(); // same policy under both personas
        assertThat(other.effect()).isZero();
        assertThat(a.findings()).anySatisfy(f -> assertThat(f).startsWith("agent: persona bold pumps more than persona careful"));
        // a comparison within a persona names it once, ahead of both sides (both played under it)
        assertThat(a.findings()).anySatisfy(f -> assertThat(f).startsWith("persona bold: agent pumps more than other ("));
        AnalysisTable t = a.table("persona_contrasts").orElseThrow();
        assertThat(t.header()).contains("model", "within", "persona_a", "persona_b", "paired", "p_holm");
        // Holm over the two contrasts
        assertThat(agent.pHolm()).isCloseTo(Math.min(1, 2 * agent.pValue()), within(1e-12));
    }

    @Test
    void comparisons_are_paired_within_each_balloon_type_and_never_pooled() {
        Schedule lejuez = Schedule.typed(List.of(new BalloonType("blue", 128, 8), new BalloonType("yellow", 32, 8),
                new BalloonType("orange", 8, 8)), Schedule.Order.SHUFFLED, 0.05, 3);
        List<BalloonResult> data = run(lejuez, 1, ScriptedParticipants.fixed(4), "", ScriptedParticipants.fixed(12), "",
                ScriptedParticipants.crra(1.0), "");
        Analysis a = Analysis.of(data, FAST);
        assertThat(a.design().balloonTypes()).containsExactly("blue", "yellow", "orange");
        assertThat(a.comparisons()).hasSize(3 * 3);
        assertThat(a.comparisons()).extracting(Comparison::within).containsOnly("blue", "yellow", "orange");
        assertThat(a.comparisons()).allMatch(Comparison::paired);
        Comparison blue = a.comparisons().stream()
                .filter(c -> c.within().equals("blue") && c.first().equals("fixed:12") && c.second().equals("fixed:4"))
                .findFirst().orElseThrow();
        assertThat(blue.effect()).isEqualTo(1.0); // 12 pumps beat 4 on every blue balloon
        assertThat(blue.firstN()).isEqualTo(8);
        assertThat(a.table("comparisons").orElseThrow().header()).contains("within", "paired", "test");
    }

    @Test
    void participants_whose_balloons_differ_are_compared_unpaired_and_the_table_says_so() {
        List<BalloonResult> data = new ArrayList<>(run(Schedule.uniform(1, 20, 40, 0.10, 1), 1,
                ScriptedParticipants.fixed(5), ""));
        data.addAll(run(Schedule.uniform(1, 20, 40, 0.10, 2), 1, ScriptedParticipants.fixed(9), ""));
        Analysis a = Analysis.of(data, FAST);
        assertThat(a.design().sameBalloons()).isFalse();
        Comparison c = a.comparisons().get(0);
        assertThat(c.paired()).isFalse();
        assertThat(c.test()).isEqualTo("mann-whitney");
        assertThat(c.measure()).isEqualTo("adjusted_pumps");
        assertThat(c.within()).isEmpty();
        assertThat(c.effect()).isEqualTo(-1.0);
        assertThat(a.table("comparisons").orElseThrow().rows().get(0)).contains("false", "mann-whitney");
    }

    @Test
    void rank_tests_agree_with_the_textbook_on_data_without_ties() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] x = new double[80];
        double[] y = new double[70];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() + 0.2;
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = rng.nextDouble();
        }
        double[] mw = RankTests.mannWhitney(x, y);
        long greater = 0;
        for (double xi : x) {
            for (double yj : y) {
                greater += xi > yj ? 1 : 0;
            }
        }
        assertThat(mw[0]).isEqualTo(greater);
        double z = (greater - 80 * 70 / 2.0) / Math.sqrt(80 * 70 * 151 / 12.0);
        assertThat(mw[1]).isCloseTo(2 * new org.hipparchus.distribution.continuous.NormalDistribution()
                .cumulativeProbability(-Math.abs(z)), within(1e-12));
        double[] d = new double[60];
        for (int i = 0; i < d.length; i++) {
            d[i] = x[i] - y[i];
        }
        double[] w = RankTests.wilcoxon(d);
        double wPlus = 0;
        for (double di : d) { // rank of |d_i| by counting, no ties
            int rank = 1;
            for (double dj : d) {
                rank += Math.abs(dj) < Math.abs(di) ? 1 : 0;
            }
            wPlus += di > 0 ? rank : 0;
        }
        assertThat(w[0]).isEqualTo(wPlus);
        double zw = (wPlus - 60 * 61 / 4.0) / Math.sqrt(60 * 61 * 121 / 24.0);
        assertThat(w[2]).isCloseTo(2 * new org.hipparchus.distribution.continuous.NormalDistribution()
                .cumulativeProbability(-Math.abs(zw)), within(1e-12));
        assertThat(w[3]).isCloseTo((2 * wPlus - 60 * 61 / 2.0) / (60 * 61 / 2.0), within(1e-12));
        assertThat(RankTests.wilcoxon(new double[] {3, 1, 2})[3]).isEqualTo(1.0); // every difference positive
    }

    @Test
    void reliability_separates_stable_participants_from_noise_across_epochs() {
        Object[] stable = new Object[12];
        for (int i = 0; i < 6; i++) {
            stable[2 * i] = ScriptedParticipants.fixed(2 + 2 * i);
            stable[2 * i + 1] = "";
        }
        List<BalloonResult> data = run(UNIFORM, 3, stable);
        Analysis a = Analysis.of(data, FAST);
        assertThat(a.design().epochs()).containsExactly(1, 2, 3);
        Reliability r = a.reliability().orElseThrow();
        assertThat(r.icc()).isGreaterThan(0.99); // different fixed plans, identical in every epoch
        assertThat(r.participants()).allSatisfy(row -> assertThat(row.sd()).isCloseTo(0.0, within(1e-9)));

        // six identical noisy agents whose epochs differ: no stable differences between them
        List<BalloonResult> noisy = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(11);
        for (int p = 0; p < 6; p++) {
            for (int e = 1; e <= 3; e++) {
                for (BalloonResult b : ImpliedRiskAversionTest.play(ScriptedParticipants.random(0.75, rng.nextLong()), UNIFORM)) {
                    noisy.add(new BalloonResult("noisy-" + p, "", e, b.balloon(), b.pumps(), b.burst(), b.earnings(),
                            b.turns(), b.status(), b.error()));
                }
            }
        }
        Reliability n = Analysis.of(noisy, FAST).reliability().orElseThrow();
        assertThat(n.participants()).allSatisfy(row -> assertThat(row.sd()).isPositive());
        assertThat(n.icc()).isLessThan(0.5);
        assertThat(n.iccLower()).isLessThan(n.icc());
        assertThat(n.iccUpper()).isGreaterThan(n.icc());
        assertThat(Analysis.of(noisy, FAST).table("reliability").orElseThrow().toText()).contains("ICC(2,1)");
    }

    @Test
    void icc_matches_shrout_and_fleiss() {
        double[][] y = {{9, 2, 5, 8}, {6, 1, 3, 2}, {8, 4, 6, 8}, {7, 1, 2, 6}, {10, 5, 6, 9}, {6, 2, 4, 7}};
        double[] icc = Reliability.icc21(y, 0.95);
        assertThat(icc[0]).isCloseTo(0.29, within(0.005)); // Shrout & Fleiss (1979), Table 4
        assertThat(icc[1]).isCloseTo(0.019, within(0.01)); // McGraw & Wong (1996) interval
        assertThat(icc[2]).isCloseTo(0.76, within(0.01));
    }

    @Test
    void intended_pumps_are_censoring_corrected_for_agents_that_pump_past_the_thresholds() {
        List<BalloonResult> data = run(UNIFORM, 1, ScriptedParticipants.fixed(15), "", ScriptedParticipants.fixed(40), "");
        Analysis a = Analysis.of(data, FAST);
        IntendedPumps fifteen = a.intendedPumps().stream().filter(k -> k.participant().equals("fixed:15")).findFirst()
                .orElseThrow();
        assertThat(fifteen.median()).isEqualTo(15);
        assertThat(fifteen.restrictedMean()).isCloseTo(15, within(1e-9));
        assertThat(fifteen.horizon()).isEqualTo(20);
        assertThat(fifteen.censored()).isPositive();
        // an agent that never cashes out: no median, only "more than the largest count seen"
        IntendedPumps never = a.intendedPumps().stream().filter(k -> k.participant().equals("fixed:40")).findFirst()
                .orElseThrow();
        assertThat(never.censored()).isEqualTo(never.balloons());
        assertThat(never.median()).isNaN();
        assertThat(never.medianText()).startsWith("> ");
        assertThat(never.restrictedMean()).isCloseTo(20, within(1e-9));
        assertThat(a.summaries().stream().filter(s -> s.participant().equals("fixed:40")).findFirst().orElseThrow()
                .adjustedPumps().isDefined()).isFalse();
        assertThat(a.table("intended_pumps").orElseThrow().toText()).contains("> ");
        // a noisy agent: median between the observed cash-outs, interval around it
        IntendedPumps noisy = Analysis.of(run(Schedule.uniform(1, 64, 200, 0.10, 3), 1,
                ScriptedParticipants.crra(1.0, 1.0, 0.05, 2), ""), FAST).intendedPumps().get(0);
        assertThat(noisy.medianLower()).isLessThanOrEqualTo(noisy.median());
        assertThat(noisy.medianUpper()).isGreaterThanOrEqualTo(noisy.median());
        assertThat(noisy.restrictedMeanLower()).isLessThan(noisy.restrictedMean());
    }

    @Test
    void seed_scoring_applies_to_every_table_and_the_output_says_which() {
        List<BalloonResult> data = new ArrayList<>(run(UNIFORM, 1, ScriptedParticipants.fixed(6), ""));
        BalloonResult first = data.get(0);
        data.set(0, new BalloonResult(first.participant(), "", 1, first.balloon(), 2, false, 0.0, List.of(),
                BalloonResult.Status.ERROR, "timeout"));
        Analysis bart4j = Analysis.of(data, FAST);
        Analysis seed = Analysis.of(data, FAST.withScoring(io.github.bart4j.core.Statistics.Scoring.SEED));
        assertThat(bart4j.design().scoring()).isEqualTo("bart4j");
        assertThat(seed.design().scoring()).isEqualTo("seed");
        assertThat(bart4j.summaries().get(0).balloons()).isEqualTo(39);
        assertThat(bart4j.summaries().get(0).errored()).isEqualTo(1);
        assertThat(seed.summaries().get(0).balloons()).isEqualTo(40);
        assertThat(bart4j.intendedPumps().get(0).balloons()).isEqualTo(39);
        assertThat(seed.intendedPumps().get(0).balloons()).isEqualTo(40);
        assertThat(seed.intendedPumps().get(0).restrictedMean()).as("the errored balloon scored as a 0-pump cash-out")
                .isLessThan(bart4j.intendedPumps().get(0).restrictedMean());
        assertThat(seed.slopes().get(0).balloons()).isEqualTo(40);
        assertThat(seed.toText()).contains("Scoring: seed");
        assertThat(bart4j.toText()).contains("Scoring: bart4j");
    }

    @Test
    void the_default_text_is_the_design_the_summary_and_the_findings_with_fixed_decimals() {
        List<BalloonResult> data = run(UNIFORM, 1, ScriptedParticipants.fixed(3), "", ScriptedParticipants.fixed(8), "");
        String text = Analysis.of(data, FAST).toText();
        assertThat(text).startsWith("Design: 2 participants, 1 epoch; everyone played the same balloons");
        assertThat(text).contains("Summary with 95% bootstrap intervals", "Findings", "fixed:8 pumps more than fixed:3");
        assertThat(text).doesNotContain("Pairwise comparisons", "Learning");
        assertThat(text).containsPattern(" 3\\.00 ").containsPattern("\\[0\\.\\d{3}, 0\\.\\d{3}\\]");
        assertThat(Formats.p(0.000012345)).isEqualTo("1.23e-5");
        assertThat(Formats.p(0.5)).isEqualTo("0.500");
        assertThat(Formats.pumps(5.8485)).isEqualTo("5.85");
        assertThat(Formats.rate(0.1)).isEqualTo("0.100");
    }

    @Test
    void a_model_ladder_regresses_mean_pumps_on_log_size() {
        List<BalloonResult> data = run(UNIFORM, 1, ScriptedParticipants.fixed(2), "", ScriptedParticipants.fixed(4), "",
                ScriptedParticipants.fixed(6), "", ScriptedParticipants.fixed(8), "");
        java.util.Map<String, Double> sizes = java.util.Map.of("fixed:2", 1.0, "fixed:4", 10.0, "fixed:6", 100.0,
                "fixed:8", 1000.0);
        Analysis a = Analysis.of(data, FAST.withSizes(sizes));
        Ladder l = a.ladder().get(0);
        assertThat(l.points()).hasSize(4);
        double[] means = a.summaries().stream().mapToDouble(s -> s.avgPumps().value()).toArray();
        assertThat(l.slope()).isPositive();
        assertThat(l.lower()).isLessThan(l.slope());
        assertThat(l.upper()).isGreaterThan(l.slope());
        assertThat(l.intercept()).isCloseTo(means[0], within(1.0));
        assertThat(a.sections()).contains("ladder");
        assertThat(a.table("ladder").orElseThrow().header()).contains("slope_per_10x", "slope_ci", "p");
    }
}
