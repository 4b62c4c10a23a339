package io.github.bart4j.core.analysis;

import io.github.bart4j.core.Answer;
import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.Turn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The learning models of the BART that bart4j fits, with hBayesDM's likelihoods, fitted per
 * participant by maximum likelihood.
 *
 * <p>Data per balloon are its pumps (the bursting pump included) and whether it burst. The
 * modelled decisions of a balloon are its pumps {@code l = 1..pumps}, each a "pump" decision,
 * plus one "stop" decision at {@code l = pumps + 1} when it was cashed out. Errored balloons are
 * left out; the rest are taken in play order (epoch, then balloon id). The reward per pump is not
 * part of either model.
 *
 * <p>Fits maximise the likelihood from several starting points with Nelder–Mead (Hipparchus)
 * over unbounded coordinates (logit of the unit-interval parameters, log of the positive ones)
 * clipped to a box: par4 logit φ ∈ [-9, 9], ln η ∈ [-12, 5], ln γ ∈ [-7, 5], ln τ ∈ [-7, 5]; EWMV
 * logit φ, logit η, logit(ρ + 0.5) ∈ [-9, 9], ln τ, ln λ ∈ [-7, 5]. An estimate on the box's edge
 * (e.g. τ = e⁵ ≈ 148 for a participant who always pumps the same number of times, or η = e⁻¹²
 * when nothing is learnt) means "at least" or "at most" that value.
 *
 * <pre>{@code
 * ModelFit fit = CognitiveModel.PAR4.fit(resultsOfOneParticipant);
 * double gamma = fit.parameter("gamma");
 * FitTable table = FitTable.fit(CognitiveModel.EWMV, allResults);
 * }</pre>
 */
public enum CognitiveModel {

    /**
     * hBayesDM's {@code bart_par4} (van Ravenzwaaij et al. 2011, re-parameterised), parameters
     * {@code phi} ∈ (0, 1) prior belief that a pump is safe, {@code eta} > 0 learning rate,
     * {@code gamma} > 0 risk taking, {@code tau} > 0 inverse temperature. Before each balloon the
     * believed burst probability is {@code p = 1 - (φ + η·S) / (1 + η·N)}, with {@code S} the
     * successful and {@code N} all pumps on the earlier balloons; the planned pumps are
     * {@code ω = -γ / ln(1 - p)}; pump {@code l} is made with probability {@code σ(τ·(ω - l))}.
     */
    PAR4("par4", Par4Spec.INSTANCE),

    /**
     * hBayesDM's {@code bart_ewmv} (Park et al. 2020), parameters {@code phi} ∈ (0, 1) prior
     * belief of burst, {@code eta} ∈ (0, 1) updating exponent, {@code rho} ∈ (-0.5, 0.5) risk
     * preference, {@code tau} > 0 inverse temperature, {@code lambda} > 0 loss aversion. The burst
     * belief is {@code φ} before the first pump and
     * {@code φ + (1 - e^(-η·N))·((N - S)/N - φ)} after; pump {@code l} is made with probability
     * {@code σ(τ·Δu)}, {@code Δu = (1 - p) - λ·p·(l - 1) + ρ·p·(1 - p)·(1 + λ·(l - 1))²}.
     */
    EWMV("ewmv", EwmvSpec.INSTANCE);

    private final String label;
    private final ModelSpec spec;

    CognitiveModel(String label, ModelSpec spec) {
        this.label = label;
        this.spec = spec;
    }

    /** The model's name on the command line and in files: {@code par4} or {@code ewmv}. */
    public String label() {
        return label;
    }

    /** The parameter names in order, as used in {@link ModelFit#parameters()} and CSV headers. */
    public List<String> parameterNames() {
        return spec.names();
    }

    /**
     * The model named {@code label} ({@code par4} or {@code ewmv}, any case).
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static CognitiveModel fromLabel(String label) {
        String s = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
        for (CognitiveModel m : values()) {
            if (m.label.equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("fit model must be par4 or ewmv, but is: '" + label + "'");
    }

    /**
     * The natural-log likelihood of one participant's decisions at {@code parameters}.
     *
     * @param balloons one participant's balloons (errored ones are ignored; the rest are put in play order)
     * @param parameters the values in {@link #parameterNames()} order
     * @return the log-likelihood, {@code -Infinity} when a decision is impossible under the parameters
     * @throws IllegalArgumentException when a parameter is out of its range or the count is wrong, or a
     *     balloon was played under rules other than the classic ones (naming them)
     */
    public double logLikelihood(List<BalloonResult> balloons, double... parameters) {
        ClassicRules.require("the " + label + " model", balloons);
        return spec.logLikelihood(BalloonData.of(balloons), checked(parameters));
    }

    /**
     * Fits the model to one participant's balloons by maximum likelihood (several starting points,
     * Nelder–Mead). A participant that follows one fixed plan is not fitted but named
     * {@link ModelFit#deterministic()}. The reported log-likelihood is {@link #logLikelihood} at the reported parameters.
     *
     * @param balloons one participant's balloons; errored ones are ignored
     * @throws IllegalArgumentException when no balloon is left to fit, or a balloon was played under
     *     rules other than the classic ones (naming them)
     */
    public ModelFit fit(List<BalloonResult> balloons) {
        Objects.requireNonNull(balloons, "balloons");
        ClassicRules.require("the " + label + " fit", balloons);
        List<BalloonResult> played = Sequences.played(balloons);
        if (played.isEmpty()) {
            throw new IllegalArgumentException(label + " fit needs at least one balloon without error, but got none");
        }
        BalloonResult first = played.get(0);
        return fit(first.participant(), first.persona(), BalloonData.of(played));
    }

    ModelFit fit(String participant, String persona, BalloonData data) {
        String deterministic = deterministic(data);
        if (!deterministic.isEmpty()) {
            return ModelFit.deterministic(this, participant, persona, deterministic, data.n, data.decisions);
        }
        MaximumLikelihood.Result r = MaximumLikelihood.fit(spec, data, INTERVAL_LEVEL);
        return ModelFit.of(this, participant, persona, r.params(), r.lower(), r.upper(), r.atBound(),
                r.logLikelihood(), data.n, data.decisions, r.converged());
    }

    /** Confidence level of the parameter intervals. */
    static final double INTERVAL_LEVEL = 0.95;

    /**
     * What a participant explained by one fixed plan did, or {@code ""}: every cashed-out balloon
     * cashed out at the same count {@code k} and every burst came at a pump {@code <= k} (what plan
     * {@code k} does on a balloon of smaller threshold); or no balloon was cashed out at all.
     */
    static String deterministic(BalloonData d) {
        int plan = -1;
        int maxBurst = 0;
        for (int k = 0; k < d.n; k++) {
            if (d.burst[k] == 1) {
                maxBurst = Math.max(maxBurst, d.pumps[k]);
            } else if (plan < 0) {
                plan = d.pumps[k];
            } else if (plan != d.pumps[k]) {
                return "";
            }
        }
        if (d.n == 0) {
            return "";
        }
        if (plan < 0) {
            return "never cashes out (every balloon burst)";
        }
        return maxBurst <= plan ? "cashes out at " + plan + " pumps on every balloon that lasts" : "";
    }

    /**
     * Plays {@code schedule} once under the model's own choice rule with known parameters: a
     * simulated participant for parameter recovery and posterior predictive checks.
     *
     * @param participant the name the results carry
     * @param seed seed of the choices
     * @param parameters the values in {@link #parameterNames()} order
     * @return one result per balloon, in schedule order, epoch 1, no persona
     */
    public List<BalloonResult> simulate(Schedule schedule, String participant, long seed, double... parameters) {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(participant, "participant");
        double[] p = checked(parameters);
        SplittableRandom rng = new SplittableRandom(seed);
        List<BalloonResult> out = new ArrayList<>(schedule.size());
        int succ = 0;
        int all = 0;
        for (Balloon b : schedule.balloons()) {
            int played = spec.play(p, succ, all, b.threshold(), rng);
            boolean burst = played < 0;
            int pumps = Math.abs(played);
            out.add(result(participant, b, pumps, burst));
            succ += burst ? pumps - 1 : pumps;
            all += pumps;
        }
        return out;
    }

    static BalloonResult result(String participant, Balloon b, int pumps, boolean burst) {
        List<Turn> decisions = new ArrayList<>(pumps + 1);
        Turn pump = new Turn(Answer.decision(Decision.PUMP, "Pump"), 0);
        for (int i = 0; i < pumps; i++) {
            decisions.add(pump);
        }
        if (!burst) {
            decisions.add(new Turn(Answer.decision(Decision.CASH_OUT, "Cash Out"), 0));
        }
        return new BalloonResult(participant, "", 1, b, pumps, burst, b.earnings(pumps, burst), decisions,
                BalloonResult.Status.OK, null);
    }

    private double[] checked(double[] parameters) {
        Objects.requireNonNull(parameters, "parameters");
        if (parameters.length != spec.names().size()) {
            throw new IllegalArgumentException(label + " takes " + spec.names().size() + " parameters "
                    + spec.names() + ", but got: " + parameters.length);
        }
        spec.check(parameters);
        return parameters.clone();
    }
}
