package io.github.bart4j.core.analysis;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    /** Free coordinates closer than this to a box edge count as "on the bound". */
    static final double BOUND_TOLERANCE = 0.01;
    /** Step of the central differences of the observed information, in free coordinates. */
    static final double HESSIAN_STEP = 1e-3;

    /**
     * The result in natural coordinates, its log-likelihood, whether an ascent converged, which
     * parameters ended on a bound of the searched box, and per parameter a Wald interval from the
     * observed information (computed in free coordinates, mapped back, so it respects the
     * parameter's range); {@code NaN} ends for a parameter on a bound or when the information is
     * not positive definite.
     */
    record Result(double[] params, double logLikelihood, boolean converged, List<String> atBound, double[] lower,
                  double[] upper) {
    }

    static Result fit(ModelSpec spec, BalloonData data, double level) {
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
        List<String> atBound = new ArrayList<>();
        boolean[] bound = new boolean[dims];
        for (int i = 0; i < dims; i++) {
            bound[i] = best.x[i] - lo[i] < BOUND_TOLERANCE || hi[i] - best.x[i] < BOUND_TOLERANCE;
            if (bound[i]) {
                atBound.add(spec.names().get(i));
            }
        }
        double[][] ends = waldIntervals(spec, data, best.x, bound, lo, hi, level);
        return new Result(params, spec.logLikelihood(data, params), converged, atBound, ends[0], ends[1]);
    }

    /**
     * Wald intervals {@code x ± z·se} in free coordinates from the inverse of the observed
     * information over the parameters not on a bound (those on a bound are held fixed), mapped
     * back to natural coordinates one parameter at a time (every transform is monotone).
     */
    private static double[][] waldIntervals(ModelSpec spec, BalloonData data, double[] x, boolean[] bound,
                                            double[] lo, double[] hi, double level) {
        int dims = x.length;
        double[] lower = new double[dims];
        double[] upper = new double[dims];
        Arrays.fill(lower, Double.NaN);
        Arrays.fill(upper, Double.NaN);
        int[] free = java.util.stream.IntStream.range(0, dims).filter(i -> !bound[i]).toArray();
        if (free.length == 0) {
            return new double[][] {lower, upper};
        }
        double f0 = spec.logLikelihood(data, spec.fromFree(x));
        double h = HESSIAN_STEP;
        double[][] info = new double[free.length][free.length];
        for (int a = 0; a < free.length; a++) {
            for (int b = a; b < free.length; b++) {
                double d;
                if (a == b) {
                    d = (at(spec, data, x, free[a], h, free[a], 0) - 2 * f0 + at(spec, data, x, free[a], -h, free[a], 0))
                            / (h * h);
                } else {
                    d = (at(spec, data, x, free[a], h, free[b], h) - at(spec, data, x, free[a], h, free[b], -h)
                            - at(spec, data, x, free[a], -h, free[b], h) + at(spec, data, x, free[a], -h, free[b], -h))
                            / (4 * h * h);
                }
                if (!Double.isFinite(d)) {
                    return new double[][] {lower, upper};
                }
                info[a][b] = -d;
                info[b][a] = -d;
            }
        }
        RealMatrix covariance;
        try {
            covariance = new CholeskyDecomposition(new Array2DRowRealMatrix(info, false),
                    1e-12, 1e-14).getSolver().getInverse();
        } catch (MathRuntimeException e) {
            return new double[][] {lower, upper}; // flat or saddle: no finite standard error
        }
        double z = new NormalDistribution().inverseCumulativeProbability(0.5 + level / 2);
        for (int a = 0; a < free.length; a++) {
            int i = free[a];
            double se = Math.sqrt(covariance.getEntry(a, a));
            if (!Double.isFinite(se)) {
                continue;
            }
            double[] down = x.clone();
            double[] up = x.clone();
            down[i] = Math.max(lo[i], x[i] - z * se);
            up[i] = Math.min(hi[i], x[i] + z * se);
            double v1 = spec.fromFree(down)[i];
            double v2 = spec.fromFree(up)[i];
            lower[i] = Math.min(v1, v2);
            upper[i] = Math.max(v1, v2);
        }
        return new double[][] {lower, upper};
    }

    private static double at(ModelSpec spec, BalloonData data, double[] x, int i, double di, int j, double dj) {
        double[] y = x.clone();
        y[i] += di;
        y[j] += dj;
        return spec.logLikelihood(data, spec.fromFree(y));
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
