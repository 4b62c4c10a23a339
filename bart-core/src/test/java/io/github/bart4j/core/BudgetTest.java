package io.github.bart4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bart4j.core.Answer;
import io.github.bart4j.core.agents.ScriptedParticipants;
import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.BalloonState;
import io.github.bart4j.core.spi.Participant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Experiment.Builder#budget}: the run stops starting balloons before it passes the budget. */
class BudgetTest {

    private static final Schedule SCHEDULE = Schedule.uniform(1, 20, 40, 0.10, 7);
    private static final double PER_ANSWER = 0.001;

    /** Plays {@code fixed:k}; every answer reports {@code PER_ANSWER} dollars (or no cost) and 100 + 2 tokens. */
    private static Participant paying(String name, int k, boolean reportsCost, boolean sequential) {
        Participant policy = ScriptedParticipants.fixed(k);
        return new Participant() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean sequentialBalloons() {
                return sequential;
            }

            @Override
            public BalloonSession open(BalloonContext context) {
                BalloonSession s = policy.open(context);
                return new BalloonSession() {
                    @Override
                    public Answer decide(BalloonState state) {
                        return s.decide(state).withUsage(new TokenUsage(100, 2, reportsCost ? PER_ANSWER : null));
                    }

                    @Override
                    public Answer declarePumps(BalloonState state) {
                        return s.declarePumps(state);
                    }
                };
            }
        };
    }

    private static double cost(List<BalloonResult> results, Budget budget) {
        return results.stream().mapToDouble(r -> budget.costOf(r).getAsDouble()).sum();
    }

    /** The most one balloon of fixed:k can cost: k pumps and a cash-out. */
    private static double maxBalloonCost(int k) {
        return (k + 1) * PER_ANSWER;
    }

    @Test
    void oneAtATimeStopsAtTheLastBalloonThatFits() {
        // fixed:0 cashes out at once: every balloon costs exactly one answer
        Budget budget = Budget.maxCostUsd(0.0105);
        ExperimentResult result = Experiment.builder().schedule(SCHEDULE).participant(paying("m", 0, true, false))
                .maxConcurrency(1).budget(budget).build().run();
        assertThat(result.results()).hasSize(10);
        assertThat(result.stopped()).isTrue();
        assertThat(result.budgetReached()).isTrue();
        assertThat(result.budgetStop()).startsWith("budget max_cost_usd 0.0105 reached: $0.0100 recorded");
        assertThat(result.notRun()).isEqualTo(30);
    }

    @Test
    void concurrentRunPassesTheBudgetByAtMostTheBalloonsInFlight() {
        int slots = 4;
        for (double limit : new double[] {0.02, 0.05, 0.13}) {
            Budget budget = Budget.maxCostUsd(limit);
            ExperimentResult result = Experiment.builder().schedule(SCHEDULE)
                    .participant(paying("a", 6, true, false)).participant(paying("b", 12, true, false))
                    .maxConcurrency(slots).budget(budget).build().run();
            double spent = cost(result.results(), budget);
            assertThat(result.budgetReached()).as("limit %s", limit).isTrue();
            assertThat(spent).as("limit %s", limit).isLessThanOrEqualTo(limit + slots * maxBalloonCost(12) + 1e-12);
            // and it did not stop early: one more balloon per slot would have passed the limit
            assertThat(spent + (slots + 1) * maxBalloonCost(12)).as("limit %s", limit).isGreaterThan(limit);
        }
    }

    @Test
    void resumingWithALargerBudgetGivesTheUninterruptedRunsResults() {
        Participant a = paying("a", 5, true, false);
        Participant b = paying("b", 9, true, true); // across balloons: one series per epoch
        ExperimentResult whole = Experiment.builder().schedule(SCHEDULE).epochs(2).participant(a).participant(b)
                .maxConcurrency(3).build().run();

        ExperimentResult first = Experiment.builder().schedule(SCHEDULE).epochs(2).participant(a).participant(b)
                .maxConcurrency(3).budget(Budget.maxCostUsd(0.1)).build().run();
        assertThat(first.budgetReached()).isTrue();
        assertThat(first.results().size()).isLessThan(whole.results().size());
        ExperimentResult second = Experiment.builder().schedule(SCHEDULE).epochs(2).participant(a).participant(b)
                .maxConcurrency(3).budget(Budget.maxCostUsd(0.2)).completed(first.results()).build().run();
        assertThat(second.budgetReached()).isTrue();
        // the budget counts the recorded balloons: the second run spent at most the difference (plus in flight)
        double spentSecond = cost(second.results(), Budget.NONE.withMaxCostUsd(1)) - cost(first.results(),
                Budget.NONE.withMaxCostUsd(1));
        assertThat(spentSecond).isLessThanOrEqualTo(0.2 - 0.1 + 3 * maxBalloonCost(9) + 1e-12);
        ExperimentResult last = Experiment.builder().schedule(SCHEDULE).epochs(2).participant(a).participant(b)
                .maxConcurrency(3).budget(Budget.maxCostUsd(100)).completed(second.results()).build().run();
        assertThat(last.complete()).isTrue();
        assertThat(last.budgetReached()).isFalse();
        assertThat(outcomes(last.results())).isEqualTo(outcomes(whole.results()));
    }

    private static List<String> outcomes(List<BalloonResult> results) {
        return results.stream().map(r -> r.key() + " " + r.pumps() + " " + r.burst() + " " + r.earnings() + " "
                + r.choices() + " " + r.usage()).toList();
    }

    @Test
    void resumingFromCompletedBalloonsCountsTheirSpendAsTheirResultsDo() {
        // a clock that never moves: which arm plays next does not depend on how long balloons took
        Ticker still = () -> 0L;
        TokenPrice price = new TokenPrice(10, 50);
        for (boolean reportsCost : new boolean[] {true, false}) {
            for (Budget limit : List.of(Budget.maxCostUsd(0.0405), Budget.maxTokens(4050))) {
                Budget budget = reportsCost ? limit : limit.withPrice("a", price).withPrice("b", price);
                ExperimentResult first = Experiment.builder().schedule(SCHEDULE).participant(paying("a", 3, reportsCost,
                        false)).participant(paying("b", 1, reportsCost, false)).maxConcurrency(1)
                        .budget(reportsCost ? Budget.maxCostUsd(0.02) : Budget.maxTokens(2000).withPrice("a", price)
                                .withPrice("b", price)).build().run();
                assertThat(first.budgetReached()).isTrue();
                CompletedBalloons done = CompletedBalloons.of(first.results());
                assertThat(done.costUsd(budget)).isCloseTo(cost(first.results(), budget),
                        org.assertj.core.data.Offset.offset(1e-12));
                assertThat(done.tokens()).isEqualTo(first.results().stream()
                        .mapToLong(r -> budget.tokensOf(r).getAsLong()).sum());

                ExperimentResult byResults = Experiment.builder().schedule(SCHEDULE)
                        .participant(paying("a", 3, reportsCost, false)).participant(paying("b", 1, reportsCost, false))
                        .maxConcurrency(1).ticker(still).budget(budget).completed(first.results()).build().run();
                ExperimentResult byKeys = Experiment.builder().schedule(SCHEDULE)
                        .participant(paying("a", 3, reportsCost, false)).participant(paying("b", 1, reportsCost, false))
                        .maxConcurrency(1).ticker(still).budget(budget).completed(done).build().run();
                assertThat(byKeys.budgetStop()).as("%s %s", reportsCost, limit).isNotNull()
                        .isEqualTo(byResults.budgetStop());
                assertThat(byKeys.notRun()).as("%s %s %s", reportsCost, limit, byKeys.budgetStop())
                        .isEqualTo(byResults.notRun());
                assertThat(outcomes(byKeys.results())).isEqualTo(outcomes(byResults.results().stream()
                        .filter(r -> !done.contains(r.key())).toList()));
            }
        }
        // a recorded balloon whose cost cannot be known stops the run at once, saying so, either way
        ExperimentResult unpriced = Experiment.builder().schedule(SCHEDULE).participant(paying("m", 0, false, false))
                .maxConcurrency(1).build().run();
        List<BalloonResult> three = unpriced.results().subList(0, 3);
        for (Budget budget : List.of(Budget.maxCostUsd(5), Budget.maxTokens(1_000_000))) {
            ExperimentResult byResults = Experiment.builder().schedule(SCHEDULE)
                    .participant(paying("m", 0, false, false))
                    .budget(budget).completed(three).build().run();
            ExperimentResult byKeys = Experiment.builder().schedule(SCHEDULE).participant(paying("m", 0, false, false))
                    .budget(budget).completed(CompletedBalloons.of(three)).build().run();
            assertThat(byKeys.budgetStop()).isEqualTo(byResults.budgetStop());
            assertThat(byKeys.notRun()).isEqualTo(byResults.notRun());
        }
        assertThat(Experiment.builder().schedule(SCHEDULE).participant(paying("m", 0, false, false))
                .budget(Budget.maxCostUsd(5)).completed(CompletedBalloons.of(three)).build().run().budgetStop())
                .isEqualTo("the cost of a balloon of m is unknown (its provider reported no cost and it has no price),"
                        + " so budget max_cost_usd 5 cannot be kept");
    }

    @Test
    void tokenBudgetWorksTheSameWay() {
        Budget budget = Budget.maxTokens(1000);
        ExperimentResult result = Experiment.builder().schedule(SCHEDULE).participant(paying("m", 0, false, false))
                .maxConcurrency(1).budget(budget).build().run();
        // 102 tokens per balloon: 9 fit in 1000
        assertThat(result.results()).hasSize(9);
        assertThat(result.budgetStop()).startsWith("budget max_tokens_total 1000 reached: 918 tokens recorded");
    }

    @Test
    void tokensTimesPriceWhereNoCostIsReported() {
        // 100 prompt + 2 completion tokens at $10 / $50 per million = $0.0011 per answer
        Budget budget = Budget.maxCostUsd(0.0050).withPrice("m", new TokenPrice(10, 50));
        ExperimentResult result = Experiment.builder().schedule(SCHEDULE).participant(paying("m", 0, false, false))
                .maxConcurrency(1).budget(budget).build().run();
        assertThat(result.results()).hasSize(4);
        assertThat(budget.costOf(result.results().get(0)).getAsDouble()).isEqualTo(0.0011, org.assertj.core.data.Offset
                .offset(1e-12));
    }

    @Test
    void unknownCostStopsTheRunSayingWhy() {
        ExperimentResult result = Experiment.builder().schedule(SCHEDULE).participant(paying("m", 0, false, false))
                .maxConcurrency(1).budget(Budget.maxCostUsd(5)).build().run();
        assertThat(result.results()).hasSize(1);
        assertThat(result.budgetStop()).isEqualTo("the cost of a balloon of m is unknown (its provider reported no"
                + " cost and it has no price), so budget max_cost_usd 5 cannot be kept");
    }

    @Test
    void noBudgetNoStop() {
        ExperimentResult result = Experiment.builder().schedule(SCHEDULE).participant(paying("m", 3, false, false))
                .build().run();
        assertThat(result.complete()).isTrue();
        assertThat(result.budgetReached()).isFalse();
    }

    @Test
    void badLimitsAreRejected() {
        assertThatThrownBy(() -> Budget.maxCostUsd(0)).hasMessage("usd must be a number > 0, but is 0.0");
        assertThatThrownBy(() -> Budget.maxTokens(0)).hasMessage("tokens must be >= 1, but is 0");
        assertThatThrownBy(() -> new TokenPrice(-1, 0))
                .hasMessage("promptPerMillion must be a number >= 0, but is -1.0");
    }

    /** Files list the prices (the manifest's budget): the order given, not a hash order that differs between runs. */
    @Test
    void prices_keep_the_order_they_were_given_in() {
        List<String> names = List.of("zeta", "alpha", "mu", "beta", "omega", "kappa", "delta");
        Budget budget = Budget.maxCostUsd(1);
        for (String n : names) {
            budget = budget.withPrice(n, TokenPrice.FREE);
        }
        assertThat(budget.prices().keySet()).containsExactlyElementsOf(names);
        assertThat(budget.withMaxTokens(10).prices().keySet()).containsExactlyElementsOf(names);
    }
}
