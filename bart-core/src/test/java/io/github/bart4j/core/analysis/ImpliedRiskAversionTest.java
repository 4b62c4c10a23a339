package io.github.bart4j.core.analysis;

import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.Task;
import io.github.bart4j.core.agents.ExpectedUtility;
import io.github.bart4j.core.agents.ScriptedParticipants;
import io.github.bart4j.core.spi.Participant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ImpliedRiskAversionTest {

    private static final Schedule SEED_LIKE = Schedule.uniform(1, 20, 100, 0.10, 5);

    static List<BalloonResult> play(Participant p, Schedule schedule) {
        List<BalloonResult> out = new ArrayList<>();
        for (Balloon b : schedule.balloons()) {
            out.add(Task.classic().play(p, b));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.0, 0.0, 1.0, 2.0})
    void recovers_gamma_and_noise_of_noisy_crra_agents(double gamma) {
        for (long seed = 1; seed <= 3; seed++) {
            ImpliedRiskAversion e = ImpliedRiskAversion.estimate(play(ScriptedParticipants.crra(gamma, 1.0, 0.02, seed), SEED_LIKE));
            assertThat(e.gamma()).as("gamma %s seed %d", gamma, seed).isCloseTo(gamma, within(0.35));
            assertThat(e.noise()).isCloseTo(0.02, within(0.01));
            assertThat(e.lapse()).isLessThan(0.05);
            assertThat(e.atGridEdge()).isFalse();
            assertThat(e.lower()).isLessThan(e.gamma());
            assertThat(e.upper()).isGreaterThan(e.gamma());
        }
    }

    @Test
    void the_95_percent_intervals_cover_the_true_gamma_of_most_agents() {
        int covered = 0;
        int total = 0;
        for (double gamma : new double[] {-1.0, 0.0, 1.0, 2.0}) {
            for (long seed = 1; seed <= 3; seed++) {
                ImpliedRiskAversion e = ImpliedRiskAversion.estimate(
                        play(ScriptedParticipants.crra(gamma, 1.0, 0.02, seed), SEED_LIKE));
                total++;
                if (gamma >= e.lower() && gamma <= e.upper()) {
                    covered++;
                }
            }
        }
        assertThat(covered).as("intervals covering the truth out of %d", total).isGreaterThanOrEqualTo(10);
    }

    @Test
    void orders_agents_by_risk_aversion_and_names_their_class() {
        double loving = ImpliedRiskAversion.estimate(play(ScriptedParticipants.crra(-1, 1.0, 0.02, 9), SEED_LIKE)).gamma();
        ImpliedRiskAversion averse = ImpliedRiskAversion.estimate(play(ScriptedParticipants.crra(2, 1.0, 0.02, 9), SEED_LIKE));
        assertThat(loving).isLessThan(averse.gamma());
        assertThat(averse.riskClass()).isEqualTo("risk-averse");
    }

    @Test
    void a_few_balloons_pumped_far_past_the_plan_do_not_drag_gamma_to_an_extreme() {
        List<BalloonResult> data = new ArrayList<>(play(ScriptedParticipants.crra(1.0, 1.0, 0.02, 4), SEED_LIKE));
        for (int i = 0; i < 4; i++) {
            data.add(CognitiveModel.result("crra:1", new Balloon(101 + i, "", 1, 20, 20, 0.10), 18, false));
        }
        ImpliedRiskAversion e = ImpliedRiskAversion.estimate(data);
        assertThat(e.gamma()).isCloseTo(1.0, within(0.5));
        assertThat(e.lapse()).as("share of stray balloons").isBetween(0.01, 0.2);
        ImpliedRiskAversion clean = ImpliedRiskAversion.estimate(play(ScriptedParticipants.crra(1.0, 1.0, 0.02, 4), SEED_LIKE));
        assertThat(clean.lapse()).isLessThan(0.01);
    }

    @Test
    void a_deterministic_agent_gets_the_whole_range_of_gammas_whose_plan_it_follows() {
        ImpliedRiskAversion e = ImpliedRiskAversion.estimate(play(ScriptedParticipants.crra(2.0), SEED_LIKE));
        assertThat(ExpectedUtility.optimalPumps(e.gamma(), 1.0, 0.10, 1, 20)).isEqualTo(7);
        assertThat(2.0).isBetween(e.lower(), e.upper());
        assertThat(ExpectedUtility.optimalPumps(e.lower() + 0.01, 1.0, 0.10, 1, 20)).isEqualTo(7);
        assertThat(ExpectedUtility.optimalPumps(e.upper() - 0.01, 1.0, 0.10, 1, 20)).isEqualTo(7);
        assertThat(e.upper() - e.lower()).isLessThan(1.5);
    }

    @Test
    void a_deterministic_agent_is_placed_in_the_middle_of_its_plan_range_and_classed_by_it() {
        ImpliedRiskAversion log = ImpliedRiskAversion.estimate(play(ScriptedParticipants.crra(1.0), SEED_LIKE));
        assertThat(log.gamma()).isCloseTo((log.lower() + log.upper()) / 2, within(0.05));
        assertThat(log.riskClass()).isEqualTo("risk-averse");
        assertThat(log.deterministic()).contains("pumps on every balloon");
        assertThat(ImpliedRiskAversion.estimate(play(ScriptedParticipants.crra(0.0), SEED_LIKE)).riskClass())
                .isEqualTo("risk-neutral");
    }

    @Test
    void the_class_follows_from_the_interval_not_from_the_point() {
        ImpliedRiskAversion seeking = ImpliedRiskAversion.estimate(play(ScriptedParticipants.crra(-1, 1.0, 0.02, 9), SEED_LIKE));
        assertThat(seeking.upper()).isLessThan(0);
        assertThat(seeking.riskClass()).isEqualTo("risk-seeking");
        ImpliedRiskAversion neutral = ImpliedRiskAversion.estimate(play(ScriptedParticipants.crra(0.0), SEED_LIKE));
        assertThat(neutral.riskClass()).isEqualTo("risk-neutral");
        assertThat(neutral.lower()).isGreaterThan(-0.5);
        assertThat(neutral.upper()).isLessThan(0.5);
        // a random agent's interval reaches the edge of the range: no class
        ImpliedRiskAversion random = ImpliedRiskAversion.estimate(play(ScriptedParticipants.random(0.5, 3), SEED_LIKE));
        assertThat(random.riskClass()).isEqualTo("undetermined");
        ImpliedRiskAversion never = ImpliedRiskAversion.estimate(play(ScriptedParticipants.fixed(0), SEED_LIKE));
        assertThat(never.riskClass()).isEqualTo("undetermined");
    }

    @Test
    void burst_balloons_count_as_wanting_more_pumps_not_as_stopping() {
        // an agent that always pumps 15 times: on 1..20 most balloons burst first
        List<BalloonResult> fixed15 = play(ScriptedParticipants.fixed(15), SEED_LIKE);
        List<BalloonResult> unburstOnly = fixed15.stream().filter(r -> !r.burst()).toList();
        ImpliedRiskAversion all = ImpliedRiskAversion.estimate(fixed15);
        assertThat(ExpectedUtility.optimalPumps(all.gamma(), 1.0, 0.10, 1, 20)).isEqualTo(15);
        assertThat(all.gamma()).isLessThan(-1.0);
        // dropping the censored balloons loses information but does not move the estimate elsewhere
        assertThat(ImpliedRiskAversion.estimate(unburstOnly).gamma()).isLessThan(-1.0);
    }

    @Test
    void an_agent_that_never_pumps_reaches_the_edge_of_the_range() {
        ImpliedRiskAversion e = ImpliedRiskAversion.estimate(play(ScriptedParticipants.fixed(0), SEED_LIKE));
        assertThat(e.atGridEdge()).isTrue();
        assertThat(e.upper()).isEqualTo(ImpliedRiskAversion.GAMMA_MAX);
    }

    @Test
    void rejects_empty_input_and_bad_wealth() {
        assertThatThrownBy(() -> ImpliedRiskAversion.estimate(List.of())).hasMessageContaining("at least one balloon");
        List<BalloonResult> some = play(ScriptedParticipants.fixed(3), Schedule.uniform(1, 20, 3, 0.1, 1));
        assertThatThrownBy(() -> ImpliedRiskAversion.estimate(some, 0, 0.95)).hasMessageContaining("referenceWealth must be > 0")
                .hasMessageContaining("0");
    }
}
