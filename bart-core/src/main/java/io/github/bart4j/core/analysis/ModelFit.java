package io.github.bart4j.core.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One participant's maximum-likelihood fit of a {@link CognitiveModel}: an immutable value.
 *
 * <p>A participant whose every balloon follows one fixed plan (cashes out at the same count, or
 * never cashes out) has no noise for the model to estimate: it is not fitted, {@link #deterministic()}
 * says what it did, and every number of the fit is {@code NaN}.
 *
 * @param model the model fitted
 * @param participant the participant's name
 * @param persona the persona label, {@code ""} for none
 * @param parameters the estimates in {@link CognitiveModel#parameterNames()} order
 * @param lower per parameter the lower end of the 95% Wald interval from the observed information
 *     (in the optimiser's free coordinates, mapped back); {@code NaN} for a parameter on a bound or
 *     when the information matrix is not positive definite
 * @param upper per parameter the upper end of that interval
 * @param atBound the parameters whose estimate lies on an edge of the searched box (the estimate
 *     means "at least" or "at most" that value), empty when none
 * @param logLikelihood natural-log likelihood of the participant's decisions at {@code parameters}
 * @param aic {@code 2k - 2·logLikelihood} with {@code k} parameters
 * @param bic {@code k·ln(decisions) - 2·logLikelihood}
 * @param balloons balloons fitted (errored ones excluded)
 * @param decisions decisions modelled: every pump plus one stop per cashed-out balloon
 * @param converged whether an optimiser ascent converged before its evaluation limit and no
 *     parameter ended on a bound
 * @param deterministic empty for a fitted participant, else what the deterministic participant
 *     did (e.g. {@code "cashes out at 7 pumps on every balloon"})
 */
public record ModelFit(CognitiveModel model, String participant, String persona, List<Double> parameters,
                       List<Double> lower, List<Double> upper, List<String> atBound,
                       double logLikelihood, double aic, double bic, int balloons, int decisions,
                       boolean converged, String deterministic) {

    public ModelFit {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(participant, "participant");
        persona = persona == null ? "" : persona;
        parameters = List.copyOf(parameters);
        lower = List.copyOf(lower);
        upper = List.copyOf(upper);
        atBound = List.copyOf(atBound);
        deterministic = deterministic == null ? "" : deterministic;
        int k = model.parameterNames().size();
        if (parameters.size() != k || lower.size() != k || upper.size() != k) {
            throw new IllegalArgumentException(model.label() + " fit needs " + k
                    + " parameters and interval ends, but has: " + parameters.size() + ", " + lower.size() + ", "
                    + upper.size());
        }
    }

    static ModelFit of(CognitiveModel model, String participant, String persona, double[] params, double[] lower,
                       double[] upper, List<String> atBound, double ll, int balloons, int decisions, boolean converged) {
        int k = params.length;
        double aic = 2.0 * k - 2.0 * ll;
        double bic = k * Math.log(Math.max(decisions, 1)) - 2.0 * ll;
        return new ModelFit(model, participant, persona, list(params), list(lower), list(upper), atBound, ll, aic,
                bic, balloons, decisions, converged && atBound.isEmpty(), "");
    }

    static ModelFit deterministic(CognitiveModel model, String participant, String persona, String what,
                                  int balloons, int decisions) {
        double[] nan = new double[model.parameterNames().size()];
        java.util.Arrays.fill(nan, Double.NaN);
        return new ModelFit(model, participant, persona, list(nan), list(nan), list(nan), List.of(), Double.NaN,
                Double.NaN, Double.NaN, balloons, decisions, false, what);
    }

    private static List<Double> list(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }

    /** Whether the participant was fitted (not {@link #deterministic()}). */
    public boolean fitted() {
        return deterministic.isEmpty();
    }

    /**
     * The estimate of the parameter named {@code name}.
     *
     * @throws IllegalArgumentException naming the parameter and the model's parameters when it is not one of them
     */
    public double parameter(String name) {
        return parameters.get(index(name));
    }

    /** The interval {@code [lower, upper]} of the parameter named {@code name} ({@code NaN}s when none). */
    public double[] interval(String name) {
        int i = index(name);
        return new double[] {lower.get(i), upper.get(i)};
    }

    private int index(String name) {
        int i = model.parameterNames().indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(model.label() + " has parameters " + model.parameterNames()
                    + ", not: '" + name + "'");
        }
        return i;
    }

    /** The estimates as a fresh array in {@link CognitiveModel#parameterNames()} order. */
    public double[] parameterArray() {
        double[] out = new double[parameters.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = parameters.get(i);
        }
        return out;
    }
}
