package io.github.bart4j.core.analysis;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Multi-start maximum likelihood: the likelihood is evaluated at every candidate start of the
 * model, Nelder–Mead (Hipparchus {@link SimplexOptimizer}) climbs from the best few, and a last
 * climb restarts from the best point found. The search runs in the model's unbounded coordinates
 * (logit/log transforms), clipped to a box. (BOBYQA was tried first: its per-evaluation overhead
 * was four times the likelihood's and it failed with "trust region step has failed to reduce Q"
 * on some simulated participants.)
 */
final class MaximumLikelihood {

    /** How many of the best candidate starts are refined. */
    static final int REFINED_STARTS = 3;
    static final int MAX_EVALUATIONS = 3000;
    static final double RELATIVE_TOLERANCE = 1e-10;
    static final double ABSOLUTE_TOLERANCE = 1e-9;
    /** Initial simplex edge in free coordinates (logits and logs). */
    static final double INITIAL_STEP = 0.5;
    /** Stands in for an impossible point (log-likelihood -∞), which BOBYQA cannot digest. */
    private static final double IMPOSSIBLE = -1e100;

    private MaximumLikelihood() {
    }

    /** The result in natural coordinates, its log-likelihood, and whether an ascent converged. */
    record Result(double[] params, double logLikelihood, boolean converged) {
    }

    static Result fit(ModelSpec spec, BalloonData data) {
        double[] lo = spec.freeLower();
        double[] hi = spec.freeUpper();
        double[][] starts = spec.starts();
        double[][] free = new double[starts.length][];
        double[] value = new double[starts.length];
        Integer[] order = new Integer[starts.length];
        for (int i = 0; i < starts.length; i++) {
            free[i] = clip(spec.toFree(starts[i]), lo, hi);
            value[i] = objective(spec, data, free[i]);
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> -value[i]));

        Best best = new Best(free[order[0]], value[order[0]]);
        boolean converged = false;
        int dims = lo.length;
        for (int s = 0; s < Math.min(REFINED_STARTS, starts.length); s++) {
            converged |= ascend(spec, data, free[order[s]], lo, hi, best, dims);
        }
        // a second ascent from the best point guards against BOBYQA stalling on a poor model
        converged |= ascend(spec, data, best.x.clone(), lo, hi, best, dims);
        double[] params = spec.fromFree(best.x);
        return new Result(params, spec.logLikelihood(data, params), converged);
    }


    private static boolean ascend(ModelSpec spec, BalloonData data, double[] start, double[] lo, double[] hi,
                                  Best best, int dims) {
        SimplexOptimizer optimizer = new SimplexOptimizer(RELATIVE_TOLERANCE, ABSOLUTE_TOLERANCE);
        try {
            optimizer.optimize(new MaxEval(MAX_EVALUATIONS),
                    new ObjectiveFunction(x -> {
                        double[] inside = clip(x, lo, hi);
                        return best.offer(inside, objective(spec, data, inside));
                    }), GoalType.MAXIMIZE,
                    new InitialGuess(start), new NelderMeadSimplex(dims, INITIAL_STEP));
            return true;
        } catch (MathIllegalStateException e) {
            return false; // the best point seen is kept
        }
    }

    /** The best point any ascent has evaluated. */
    private static final class Best {
        double[] x;
        double value;
        long evaluations;

        Best(double[] x, double value) {
            this.x = x.clone();
            this.value = value;
        }

        double offer(double[] point, double v) {
            evaluations++;
            if (v > value) {
                value = v;
                x = point.clone();
            }
            return v;
        }
    }

    private static double objective(ModelSpec spec, BalloonData data, double[] x) {
        double ll = spec.logLikelihood(data, spec.fromFree(x));
        return Double.isFinite(ll) ? ll : IMPOSSIBLE;
    }

    private static double[] clip(double[] x, double[] lo, double[] hi) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.min(hi[i], Math.max(lo[i], x[i]));
        }
        return out;
    }
}
