package io.github.bart4j.core.analysis;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.agents.ScriptedParticipants;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.univariate.BrentOptimizer;
import org.hipparchus.optim.univariate.SearchInterval;
import org.hipparchus.optim.univariate.UnivariateObjectiveFunction;
import org.hipparchus.optim.univariate.UnivariatePointValuePair;

import java.util.List;
import java.util.Objects;

/**
 * The CRRA coefficient {@code γ} that best explains a participant's pumping, with a
 * profile-likelihood interval: the participant's risk attitude on the scale of
 * {@link io.github.bart4j.core.agents.ExpectedUtility} (2 averse, 1 log, 0 neutral, -1 loving).
 *
 * <p><b>Model.</b> The noisy expected-utility agent of {@link ScriptedParticipants#crra(double,
 * double, double, long)}: after {@code j} safe pumps on a balloon it pumps with probability
 * {@code σ(A_γ(j) / s)}, where {@code A_γ(j)} is the certainty equivalent (in dollars, reference
 * wealth {@code w0}, $1 by default) of pumping on with the best plan minus the wealth of cashing
 * out now, computed from the balloon's reward and burst range, and {@code s > 0} is the noise in
 * dollars; the agent's most likely plan is
 * {@link io.github.bart4j.core.agents.ExpectedUtility#optimalPumps}. A burst balloon ends the
 * record after its last pump: the agent wanted at least that many pumps, and the likelihood counts
 * exactly that (a censored observation), never a cash-out. Each balloon is, with probability
 * {@code ε} (the {@link #lapse()}, up to 0.5), a stray one whose plan is drawn uniformly from
 * {@code 0..M}: a few balloons pumped far past any sensible plan then cost a bounded penalty each
 * instead of forcing the noise up and dragging {@code γ} to an extreme.
 *
 * <p><b>Estimation.</b> For each {@code γ} on a grid from {@value #GAMMA_MIN} to {@value #GAMMA_MAX}
 * (step {@value #GAMMA_STEP}) the noise and the lapse are maximised out (Nelder–Mead); the best grid point is refined
 * by Brent's method. The interval is the set of {@code γ} whose profile log-likelihood lies within
 * {@code χ²₁(level)/2} of the maximum (1.92 at 95%), its ends refined by bisection. A participant
 * whose behaviour fits every {@code γ} beyond a grid end (e.g. stops at once) has
 * {@link #atGridEdge()} set and the interval ends there. A deterministic participant has a flat
 * profile over every {@code γ} whose optimal plan it follows: the interval covers them all.
 *
 * @param participant the participant's name
 * @param persona the persona label, {@code ""} for none
 * @param gamma the maximum-likelihood CRRA coefficient
 * @param lower lower end of the profile-likelihood interval
 * @param upper upper end of the interval
 * @param noise the maximum-likelihood noise {@code s} at {@code gamma}, in dollars
 * @param lapse the maximum-likelihood share {@code ε} of stray balloons at {@code gamma}
 * @param logLikelihood the log-likelihood at ({@code gamma}, {@code noise}, {@code lapse})
 * @param balloons balloons used (errored ones excluded)
 * @param decisions decisions modelled (pumps and cash-outs)
 * @param atGridEdge whether the interval reaches an end of the searched range
 * @param referenceWealth the wealth {@code w0} before each balloon
 * @param deterministicPlan see {@link #deterministic()}
 */
public record ImpliedRiskAversion(String participant, String persona, double gamma, double lower, double upper,
                                  double noise, double lapse, double logLikelihood, int balloons, int decisions, boolean atGridEdge,
                                  double referenceWealth, String deterministicPlan) {

    /** Smallest {@code γ} searched. */
    public static final double GAMMA_MIN = -5.0;
    /** Largest {@code γ} searched. */
    public static final double GAMMA_MAX = 10.0;
    /** Grid step of the search. */
    public static final double GAMMA_STEP = 0.05;
    /** Log-likelihoods this close to the best count as the same (a plateau). */
    private static final double PLATEAU = 1e-6;

    /** {@link #estimate(List, double, double)} with reference wealth $1 and a 95% interval. */
    public static ImpliedRiskAversion estimate(List<BalloonResult> balloons) {
        return estimate(balloons, ScriptedParticipants.DEFAULT_REFERENCE_WEALTH, 0.95);
    }

    /**
     * Estimates {@code γ} from one participant's balloons.
     *
     * @param balloons one participant's balloons; errored ones are ignored
     * @param referenceWealth {@code w0 > 0}
     * @param level confidence level of the interval, in (0, 1)
     * @throws IllegalArgumentException when no balloon is left, an argument is out of range, or a
     *     balloon was played under rules other than the classic ones (naming them)
     */
    public static ImpliedRiskAversion estimate(List<BalloonResult> balloons, double referenceWealth, double level) {
        Objects.requireNonNull(balloons, "balloons");
        ClassicRules.require("implied CRRA risk aversion", balloons);
        if (!(referenceWealth > 0) || Double.isInfinite(referenceWealth)) {
            throw new IllegalArgumentException("referenceWealth must be > 0, but is " + referenceWealth);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), but is " + level);
        }
        List<BalloonResult> played = Sequences.played(balloons);
        if (played.isEmpty()) {
            throw new IllegalArgumentException("implied risk aversion needs at least one balloon without error, but got none");
        }
        CrraChoiceModel model = CrraChoiceModel.of(played, referenceWealth);
        int n = (int) Math.round((GAMMA_MAX - GAMMA_MIN) / GAMMA_STEP) + 1;
        double[] grid = new double[n];
        double[] ll = new double[n];
        int best = 0;
        for (int i = 0; i < n; i++) {
            grid[i] = GAMMA_MIN + i * GAMMA_STEP;
            ll[i] = model.profile(grid[i])[2];
            if (ll[i] > ll[best]) {
                best = i;
            }
        }
        double gamma = grid[best];
        double bestLl = ll[best];
        // A deterministic participant fits every gamma whose plan it follows equally well: report the
        // middle of that plateau rather than an arbitrary point on it.
        int flatLo = best;
        while (flatLo > 0 && ll[flatLo - 1] >= bestLl - PLATEAU) {
            flatLo--;
        }
        int flatHi = best;
        while (flatHi < n - 1 && ll[flatHi + 1] >= bestLl - PLATEAU) {
            flatHi++;
        }
        if (flatHi > flatLo) {
            gamma = (grid[flatLo] + grid[flatHi]) / 2;
            bestLl = Math.max(bestLl, model.profile(gamma)[2]);
        } else if (best > 0 && best < n - 1) {
            BrentOptimizer brent = new BrentOptimizer(1e-8, 1e-10);
            UnivariatePointValuePair p = brent.optimize(new MaxEval(200), GoalType.MAXIMIZE,
                    new UnivariateObjectiveFunction(g -> model.profile(g)[2]),
                    new SearchInterval(grid[best - 1], grid[best + 1], grid[best]));
            if (p.getValue() > bestLl) {
                gamma = p.getPoint();
                bestLl = p.getValue();
            }
        }
        double cut = bestLl - new ChiSquaredDistribution(1).inverseCumulativeProbability(level) / 2;
        int lo = best;
        while (lo > 0 && ll[lo - 1] >= cut) {
            lo--;
        }
        int hi = best;
        while (hi < n - 1 && ll[hi + 1] >= cut) {
            hi++;
        }
        double lower = lo == 0 ? grid[0] : crossing(model, grid[lo - 1], grid[lo], cut);
        double upper = hi == n - 1 ? grid[n - 1] : crossing(model, grid[hi + 1], grid[hi], cut);
        double[] atBest = model.profile(gamma);
        BalloonResult first = played.get(0);
        return new ImpliedRiskAversion(first.participant(), first.persona(), gamma, Math.min(lower, gamma),
                Math.max(upper, gamma), atBest[0], atBest[1], atBest[2], model.balloons, model.decisions,
                lo == 0 || hi == n - 1, referenceWealth, CognitiveModel.deterministic(BalloonData.of(played)));
    }

    /** Bisection for the profile crossing {@code cut} between {@code out} (below) and {@code in} (above). */
    private static double crossing(CrraChoiceModel model, double out, double in, double cut) {
        for (int i = 0; i < 30; i++) {
            double mid = (out + in) / 2;
            if (model.profile(mid)[2] >= cut) {
                in = mid;
            } else {
                out = mid;
            }
        }
        return (out + in) / 2;
    }

    /**
     * The risk class read from the interval, never from the point alone: {@code risk-averse} when
     * the interval lies above 0, {@code risk-seeking} when it lies below 0, {@code risk-neutral}
     * when it contains 0 and lies within (-0.5, 0.5), else {@code undetermined} — also whenever
     * the interval reaches an end of the searched range ({@link #atGridEdge()}).
     */
    public String riskClass() {
        if (atGridEdge || Double.isNaN(lower) || Double.isNaN(upper)) {
            return "undetermined";
        }
        if (lower > 0) {
            return "risk-averse";
        }
        if (upper < 0) {
            return "risk-seeking";
        }
        return lower > -0.5 && upper < 0.5 ? "risk-neutral" : "undetermined";
    }

    /**
     * Empty for a participant with choice noise, else what the deterministic participant did (one
     * fixed plan on every balloon): its interval is then the range of {@code γ} whose optimal plan
     * that is, and the noise is not an estimate but the smallest the search allows.
     */
    public String deterministic() {
        return deterministicPlan;
    }
}
