package io.github.bart4j.core.agents;

import io.github.bart4j.core.Rules;

/**
 * Expected-utility arithmetic of the BART for an agent with constant relative risk aversion (CRRA).
 *
 * <p>Utility of wealth {@code x > 0}: {@code u(x) = x^(1-γ) / (1-γ)}, and {@code ln x} for
 * {@code γ = 1}. {@code γ = 2} is risk-averse, {@code 1} log utility, {@code 0} risk-neutral
 * (expected value), {@code -1} risk-loving. Wealth is the reference wealth {@code w0} plus the
 * balloon's earnings; a burst leaves {@code w0}.
 *
 * <p>With the threshold {@code T} uniform on {@code [min, max]}, the plan "pump {@code k} times,
 * then cash out" survives with probability {@code P(T > k) = (max - k) / (max - min + 1)}
 * (1 for {@code k < min}), so its expected utility is
 * {@code P(T > k)·u(w0 + k·r) + (1 - P(T > k))·u(w0)}. Because the survival probabilities of
 * later plans are proportional to the unconditional ones, the best plan made up front stays best
 * after every safe pump: the optimal policy is "pump until {@code k*}".
 *
 * <p>Under the {@linkplain Rules#constantHazard constant-hazard} rules (burst probability {@code p}
 * per pump from {@code min} on, pump {@code max} bursts for sure) the survival is
 * {@code P(T > k) = (1 - p)^(k - min + 1)} for {@code min <= k < max}; the same argument holds, so
 * the methods taking {@link Rules} give that agent's plans.
 */
public final class ExpectedUtility {

    private ExpectedUtility() {
    }

    /** CRRA utility of wealth {@code x > 0}. */
    public static double utility(double x, double gamma) {
        if (gamma == 1.0) {
            return Math.log(x);
        }
        return Math.pow(x, 1.0 - gamma) / (1.0 - gamma);
    }

    /** The wealth whose utility is {@code u}: the inverse of {@link #utility}. */
    public static double certaintyEquivalent(double u, double gamma) {
        if (gamma == 1.0) {
            return Math.exp(u);
        }
        return Math.pow(u * (1.0 - gamma), 1.0 / (1.0 - gamma));
    }

    /** {@code P(T > k)} for {@code T} uniform on {@code [min, max]}. */
    public static double survival(int k, int min, int max) {
        if (k < min) {
            return 1.0;
        }
        if (k >= max) {
            return 0.0;
        }
        return (double) (max - k) / (max - min + 1);
    }

    /** {@code P(T > k)} for the thresholds of {@code rules} on the range {@code [min, max]}. */
    public static double survival(int k, int min, int max, Rules rules) {
        if (rules.isClassic() || k < min) {
            return survival(k, min, max);
        }
        if (k >= max) {
            return 0.0;
        }
        return Math.pow(1.0 - rules.burstProbability(), k - min + 1);
    }

    /** Expected utility of the plan "pump {@code k} times, then cash out". */
    public static double planUtility(int k, double gamma, double w0, double reward, int min, int max) {
        return planUtility(k, gamma, w0, reward, min, max, Rules.classic());
    }

    /** Expected utility of the plan "pump {@code k} times, then cash out" under {@code rules}. */
    public static double planUtility(int k, double gamma, double w0, double reward, int min, int max, Rules rules) {
        double s = survival(k, min, max, rules);
        return s * utility(w0 + k * reward, gamma) + (1.0 - s) * utility(w0, gamma);
    }

    /**
     * The number of pumps that maximises expected utility (the smallest such number on ties).
     *
     * @throws IllegalArgumentException if {@code w0 <= 0}, {@code reward <= 0} or the range is empty
     */
    public static int optimalPumps(double gamma, double w0, double reward, int min, int max) {
        return optimalPumps(gamma, w0, reward, min, max, Rules.classic());
    }

    /**
     * The number of pumps that maximises expected utility under {@code rules} (the smallest such number on ties).
     *
     * @throws IllegalArgumentException if {@code w0 <= 0}, {@code reward <= 0} or the range is empty
     */
    public static int optimalPumps(double gamma, double w0, double reward, int min, int max, Rules rules) {
        check(w0, reward, min, max);
        int best = 0;
        double bestU = planUtility(0, gamma, w0, reward, min, max, rules);
        for (int k = 1; k < max; k++) {
            double u = planUtility(k, gamma, w0, reward, min, max, rules);
            if (u > bestU + 1e-12 * Math.abs(bestU)) {
                best = k;
                bestU = u;
            }
        }
        return best;
    }

    /**
     * The expected-value-optimal number of pumps ({@code γ = 0}): {@code M/2} for a capacity
     * {@code M} with thresholds on {@code 1..M}, 10 for the seed's {@code 1..20}.
     */
    public static int evOptimalPumps(int min, int max) {
        return optimalPumps(0.0, 1.0, 1.0, min, max);
    }

    static void check(double w0, double reward, int min, int max) {
        if (!(w0 > 0)) {
            throw new IllegalArgumentException("w0 (reference wealth) must be > 0, but is " + w0);
        }
        if (!(reward > 0)) {
            throw new IllegalArgumentException("reward must be > 0, but is " + reward);
        }
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("min and max must satisfy 1 <= min <= max, but are " + min + ".." + max);
        }
    }
}
