package io.github.bart4j.core.analysis;

import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.agents.ExpectedUtility;
import org.hipparchus.analysis.MultivariateFunction;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The noisy CRRA choice model behind {@link ImpliedRiskAversion}, a mixture per balloon: with
 * probability {@code 1 - ε} the balloon is played by the sequential noisy expected-utility rule of
 * {@code ScriptedParticipants.crra(γ, w0, s, seed)} (after {@code j} safe pumps, pump with
 * probability {@code σ(A_γ(j) / s)}, {@code A_γ(j)} the certainty equivalent of pumping on with the
 * best plan minus the wealth of cashing out now, in dollars); with probability {@code ε} it follows
 * a plan drawn uniformly from {@code 0..M} (a stray balloon). A burst balloon ends its record after
 * its last pump (censored). The data enter as counts per balloon design (reward, burst range) and
 * outcome (pumps, burst).
 */
final class CrraChoiceModel {

    static final double LOG_NOISE_MIN = Math.log(1e-5);
    static final double LOG_NOISE_MAX = Math.log(10.0);
    /** Largest share of stray balloons. */
    static final double LAPSE_MAX = 0.5;
    /** {@code ε = 0.5·σ(z)}, from about 1e-9 to 0.48. */
    static final double LAPSE_Z_MIN = -20.0;
    static final double LAPSE_Z_MAX = 3.0;

    private final double w0;
    private final List<Design> designs;
    final int balloons;
    final int decisions;

    private CrraChoiceModel(double w0, List<Design> designs, int balloons, int decisions) {
        this.w0 = w0;
        this.designs = designs;
        this.balloons = balloons;
        this.decisions = decisions;
    }

    /** Observed plan counts of one balloon design. */
    private static final class Design {
        final double reward;
        final int min;
        final int max;
        /** Balloons cashed out after k pumps, k = 0..max. */
        final long[] cashedAt;
        /** Balloons that burst on pump T, T = 0..max. */
        final long[] burstAt;

        Design(double reward, int min, int max) {
            this.reward = reward;
            this.min = min;
            this.max = max;
            this.cashedAt = new long[max + 1];
            this.burstAt = new long[max + 1];
        }
    }

    private record DesignKey(double reward, int min, int max) {
    }

    static CrraChoiceModel of(List<BalloonResult> played, double w0) {
        Map<DesignKey, Design> designs = new LinkedHashMap<>();
        int decisions = 0;
        for (BalloonResult r : played) {
            Balloon b = r.balloon();
            Design d = designs.computeIfAbsent(new DesignKey(b.rewardPerPump(), b.minThreshold(), b.capacity()),
                    k -> new Design(k.reward(), k.min(), k.max()));
            int pumps = Math.min(r.pumps(), d.max);
            if (r.burst()) {
                d.burstAt[pumps]++;
            } else {
                d.cashedAt[pumps]++;
            }
            decisions += r.pumps() + (r.burst() ? 0 : 1);
        }
        return new CrraChoiceModel(w0, new ArrayList<>(designs.values()), played.size(), decisions);
    }

    /**
     * {@code A_γ(j)} for {@code j = 0..max-1}: certainty equivalent of the best plan that pumps at
     * least once more (a sure burst included) minus the wealth of cashing out now.
     */
    static double[] advantages(double gamma, double w0, double reward, int min, int max) {
        double u0 = ExpectedUtility.utility(w0, gamma);
        double[] gain = new double[max + 1]; // s_k (u_k - u0)
        for (int k = 0; k <= max; k++) {
            gain[k] = ExpectedUtility.survival(k, min, max) * (ExpectedUtility.utility(w0 + k * reward, gamma) - u0);
        }
        double[] a = new double[max];
        double best = gain[max];
        for (int j = max - 1; j >= 0; j--) {
            best = Math.max(best, gain[j + 1]);
            double sj = ExpectedUtility.survival(j, min, max);
            double ce = ExpectedUtility.certaintyEquivalent(u0 + best / sj, gamma);
            a[j] = ce - (w0 + j * reward);
        }
        return a;
    }

    /** The advantages of every design at {@code gamma}. */
    double[][] advantages(double gamma) {
        double[][] out = new double[designs.size()][];
        for (int i = 0; i < out.length; i++) {
            Design d = designs.get(i);
            out[i] = advantages(gamma, w0, d.reward, d.min, d.max);
        }
        return out;
    }

    /** Log-likelihood at noise {@code s} and share of stray balloons {@code ε}. */
    double logLikelihood(double[][] adv, double noise, double lapse) {
        double ll = 0;
        double logKeep = Math.log1p(-lapse);
        double logLapse = Math.log(lapse);
        for (int i = 0; i < adv.length; i++) {
            Design d = designs.get(i);
            double[] a = adv[i];
            int m = d.max;
            double logPlans = Math.log(m + 1.0);
            double pumped = 0; // log P(pump at 0..k-1) under the CRRA rule
            for (int k = 0; k <= m; k++) {
                if (d.burstAt[k] > 0) {
                    // burst on pump k: pumped k times; a random plan did so when it was >= k
                    double random = Math.log(m + 1.0 - k) - logPlans;
                    ll += d.burstAt[k] * mix(logKeep + pumped, logLapse + random);
                }
                if (k < m) {
                    double z = a[k] / noise;
                    if (d.cashedAt[k] > 0) {
                        ll += d.cashedAt[k] * mix(logKeep + pumped + LogLik.logSigmoid(-z), logLapse - logPlans);
                    }
                    pumped += LogLik.logSigmoid(z);
                }
            }
        }
        return ll;
    }

    /** {@code log(exp(a) + exp(b))}. */
    private static double mix(double a, double b) {
        double hi = Math.max(a, b);
        if (hi == Double.NEGATIVE_INFINITY) {
            return hi;
        }
        return hi + Math.log1p(Math.exp(Math.min(a, b) - hi));
    }

    static double lapse(double z) {
        return LAPSE_MAX / (1 + Math.exp(-z));
    }

    /** The best noise and share of stray balloons at {@code gamma}, and the log-likelihood: {@code {noise, lapse, ll}}. */
    double[] profile(double gamma) {
        double[][] adv = advantages(gamma);
        double[] lo = {LOG_NOISE_MIN, LAPSE_Z_MIN};
        double[] hi = {LOG_NOISE_MAX, LAPSE_Z_MAX};
        double[] start = null;
        double startLl = Double.NEGATIVE_INFINITY;
        for (double s : new double[] {0.003, 0.02, 0.1, 0.5}) {
            for (double z : new double[] {LAPSE_Z_MIN, -6, -2}) {
                double ll = logLikelihood(adv, s, lapse(z));
                if (ll > startLl) {
                    startLl = ll;
                    start = new double[] {Math.log(s), z};
                }
            }
        }
        double[][] bestPoint = {start};
        double[] bestValue = {startLl};
        MultivariateFunction f = x -> {
            double[] in = {Math.min(hi[0], Math.max(lo[0], x[0])), Math.min(hi[1], Math.max(lo[1], x[1]))};
            double ll = logLikelihood(adv, Math.exp(in[0]), lapse(in[1]));
            if (ll > bestValue[0]) {
                bestValue[0] = ll;
                bestPoint[0] = in;
            }
            return ll;
        };
        try {
            new SimplexOptimizer(1e-12, 1e-12).optimize(new MaxEval(2000), new ObjectiveFunction(f), GoalType.MAXIMIZE,
                    new InitialGuess(start), new NelderMeadSimplex(new double[] {0.5, 1.0}));
        } catch (MathIllegalStateException e) {
            // the best point seen is kept
        }
        return new double[] {Math.exp(bestPoint[0][0]), lapse(bestPoint[0][1]), bestValue[0]};
    }
}
