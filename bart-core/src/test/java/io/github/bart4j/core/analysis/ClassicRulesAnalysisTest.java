package io.github.bart4j.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.Rules;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.agents.ScriptedParticipants;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The analyses that assume the classic BART rules refuse balloons of other rules; the descriptive ones work. */
class ClassicRulesAnalysisTest {

    private static final String RULES = "constant_hazard (burst probability 0.1 per pump)";

    private static List<BalloonResult> play(Schedule schedule) {
        return Experiment.builder().schedule(schedule)
                .participant(ScriptedParticipants.crra(1.0, 1.0, 0.02, 5))
                .participant(ScriptedParticipants.random(0.8, 6))
                .build().run().results();
    }

    private static final List<BalloonResult> HAZARD = play(Schedule.constantHazard(0.1, 1, 32, 30, 0.05, 11));
    private static final List<BalloonResult> CLASSIC = play(Schedule.uniform(1, 32, 30, 0.05, 11));

    @Test
    void descriptive_tables_work_and_the_design_names_the_rules() {
        Analysis a = Analysis.of(HAZARD);

        assertThat(a.design().classicRules()).isFalse();
        assertThat(a.design().rules()).containsExactly(RULES);
        assertThat(a.summaries()).hasSize(2);
        assertThat(a.intendedPumps()).hasSize(2);
        assertThat(a.sections()).contains("summary", "comparisons", "intended_pumps", "slopes")
                .doesNotContainAnyElementsOf(Analysis.CLASSIC_RULES_SECTIONS);
        assertThat(a.toText(Analysis.SECTIONS)).contains("Rules: " + RULES + "; the sections cogbench, risk_aversion,"
                + " fit_par4, fit_ewmv assume the classic rules and do not apply.\n");
        assertThat(Analysis.otherRules(HAZARD)).contains(Rules.constantHazard(0.1));
    }

    @Test
    void classic_results_keep_every_section_and_their_design_text() {
        Analysis a = Analysis.of(CLASSIC, AnalysisOptions.defaults().withFits(CognitiveModel.PAR4));

        assertThat(a.design().classicRules()).isTrue();
        assertThat(a.design().rules()).containsExactly("classic");
        assertThat(a.sections()).contains("risk_aversion", "fit_par4");
        assertThat(a.design().toText()).doesNotContain("Rules");
        assertThat(Analysis.otherRules(CLASSIC)).isEmpty();
    }

    @Test
    void fits_in_the_options_are_refused_naming_the_fit_and_the_rules() {
        assertThatThrownBy(() -> Analysis.of(HAZARD, AnalysisOptions.defaults().withFits(CognitiveModel.EWMV)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the ewmv fit assumes the classic BART rules (thresholds uniform on a known range), but these"
                        + " results were played under the " + RULES + " rules");
    }

    @Test
    void risk_aversion_and_cogbench_are_refused_by_the_analysis() {
        Analysis a = Analysis.of(HAZARD);

        assertThatThrownBy(a::riskAversion).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("implied CRRA risk aversion assumes the classic BART rules").hasMessageContaining(RULES);
        assertThatThrownBy(a::cogBench).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the CogBench score assumes the classic BART rules").hasMessageContaining(RULES);
    }

    @Test
    void the_fitting_entry_points_refuse_too() {
        List<BalloonResult> one = HAZARD.stream().filter(r -> r.participant().startsWith("crra")).toList();

        assertThatThrownBy(() -> CognitiveModel.PAR4.fit(one)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the par4 fit assumes the classic BART rules").hasMessageContaining(RULES);
        assertThatThrownBy(() -> CognitiveModel.PAR4.logLikelihood(one, 0.5, 0.1, 1.0, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(RULES);
        assertThatThrownBy(() -> FitTable.fit(CognitiveModel.EWMV, HAZARD)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RULES);
        assertThatThrownBy(() -> ImpliedRiskAversion.estimate(one)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("implied CRRA risk aversion assumes the classic BART rules")
                .hasMessageContaining(RULES);
    }
}
