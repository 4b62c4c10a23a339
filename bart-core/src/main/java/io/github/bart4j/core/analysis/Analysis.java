package io.github.bart4j.core.analysis;

import io.github.bart4j.core.BalloonResult;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The analysis of an experiment's results: an immutable snapshot computed once by
 * {@link #of(List, AnalysisOptions)}. Errored balloons are excluded from every statistic and
 * counted in {@link #erroredBalloons()}. Participants are kept apart per persona and listed in
 * the order they first appear. Identical inputs and options give identical numbers (the
 * bootstrap is seeded per group).
 *
 * <ul>
 *   <li>{@link #summaries()}: avg pumps, adjusted pumps and burst rate with bootstrap intervals,
 *       per participant and, in typed schedules, per balloon type;</li>
 *   <li>{@link #comparisons()}: Mann–Whitney U on adjusted pumps for every pair of participants
 *       under the same persona, Cliff's delta, Holm correction;</li>
 *   <li>{@link #slopes()}: change of pumps over the balloons played;</li>
 *   <li>{@link #cogBench()}: CogBench's normalised risk score where the design matches;</li>
 *   <li>{@link #riskAversion()}: the implied CRRA coefficient;</li>
 *   <li>{@link #fit(CognitiveModel)}: par4 / EWMV fits when requested.</li>
 * </ul>
 *
 * <pre>{@code
 * Analysis a = Analysis.of(results, AnalysisOptions.defaults().withFits(CognitiveModel.PAR4));
 * System.out.print(a.toText());
 * a.fit(CognitiveModel.PAR4).ifPresent(t -> System.out.print(t.toCsv()));
 * }</pre>
 */
public final class Analysis {

    private final AnalysisOptions options;
    private final List<BalloonResult> results;
    private final int balloons;
    private final int erroredBalloons;
    private final List<GroupSummary> summaries;
    private final List<Comparison> comparisons;
    private final List<LearningSlope> slopes;
    private final List<CogBenchScore> cogBench;
    private final List<ImpliedRiskAversion> riskAversion;
    private final Map<CognitiveModel, FitTable> fits;

    private Analysis(AnalysisOptions options, List<BalloonResult> results, int balloons, int erroredBalloons, List<GroupSummary> summaries,
                     List<Comparison> comparisons, List<LearningSlope> slopes, List<CogBenchScore> cogBench,
                     List<ImpliedRiskAversion> riskAversion, Map<CognitiveModel, FitTable> fits) {
        this.options = options;
        this.results = List.copyOf(results);
        this.balloons = balloons;
        this.erroredBalloons = erroredBalloons;
        this.summaries = List.copyOf(summaries);
        this.comparisons = List.copyOf(comparisons);
        this.slopes = List.copyOf(slopes);
        this.cogBench = List.copyOf(cogBench);
        this.riskAversion = List.copyOf(riskAversion);
        this.fits = fits;
    }

    /** The analysis with {@link AnalysisOptions#defaults()}. */
    public static Analysis of(List<BalloonResult> results) {
        return of(results, AnalysisOptions.defaults());
    }

    /** Analyses {@code results} (any order; errored balloons are counted and left out). */
    public static Analysis of(List<BalloonResult> results, AnalysisOptions options) {
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(options, "options");
        int errored = (int) results.stream().filter(BalloonResult::isError).count();
        Map<Sequences.Subject, List<BalloonResult>> subjects = Sequences.bySubject(results);
        List<LearningSlope> slopes = new ArrayList<>();
        List<CogBenchScore> cog = new ArrayList<>();
        List<ImpliedRiskAversion> crra = new ArrayList<>();
        for (Map.Entry<Sequences.Subject, List<BalloonResult>> e : subjects.entrySet()) {
            slopes.add(Descriptives.slope(e.getKey(), e.getValue(), options.confidenceLevel()));
            cog.add(Descriptives.cogBench(e.getKey(), e.getValue()));
            if (options.impliedRiskAversion()) {
                crra.add(ImpliedRiskAversion.estimate(e.getValue(), options.referenceWealth(), options.confidenceLevel()));
            }
        }
        Map<CognitiveModel, FitTable> fits = new EnumMap<>(CognitiveModel.class);
        for (CognitiveModel m : CognitiveModel.values()) {
            if (options.fits().contains(m)) {
                fits.put(m, FitTable.fit(m, results));
            }
        }
        return new Analysis(options, results, results.size() - errored, errored, Descriptives.summaries(subjects, options),
                Descriptives.comparisons(subjects, options.alpha()), slopes, cog, crra, fits);
    }

    public AnalysisOptions options() {
        return options;
    }

    /** The results analysed, as given (errored balloons included), e.g. for plots. */
    public List<BalloonResult> results() {
        return results;
    }

    /** Balloons analysed (errored ones excluded). */
    public int balloons() {
        return balloons;
    }

    /** Balloons that ended in an error and were left out. */
    public int erroredBalloons() {
        return erroredBalloons;
    }

    /** One row per participant (and persona); in typed schedules followed by one row per balloon type. */
    public List<GroupSummary> summaries() {
        return summaries;
    }

    /** Every pair of participants under the same persona. */
    public List<Comparison> comparisons() {
        return comparisons;
    }

    /** The pairs whose adjusted pumps differ after Holm's correction. */
    public List<Comparison> differingPairs() {
        return comparisons.stream().filter(Comparison::differs).toList();
    }

    public List<LearningSlope> slopes() {
        return slopes;
    }

    public List<CogBenchScore> cogBench() {
        return cogBench;
    }

    /** The implied CRRA coefficients; empty when switched off in the options. */
    public List<ImpliedRiskAversion> riskAversion() {
        return riskAversion;
    }

    /** The fits of {@code model}, when the options asked for it. */
    public Optional<FitTable> fit(CognitiveModel model) {
        return Optional.ofNullable(fits.get(model));
    }

    /** Every fit table computed, par4 before EWMV. */
    public List<FitTable> fits() {
        return List.copyOf(fits.values());
    }

    /** Every table of the analysis, formatted, in reading order. */
    public List<AnalysisTable> tables() {
        List<AnalysisTable> out = new ArrayList<>();
        boolean personas = summaries.stream().anyMatch(s -> !s.persona().isEmpty());
        String level = pct(options.confidenceLevel());

        List<String> h = new ArrayList<>(List.of("model"));
        if (personas) {
            h.add("persona");
        }
        h.addAll(List.of("balloon_type", "n", "avg_pumps", "avg_pumps_ci", "adjusted_pumps", "adjusted_pumps_ci",
                "burst_rate", "burst_rate_ci"));
        List<List<String>> rows = new ArrayList<>();
        for (GroupSummary s : summaries) {
            List<String> r = start(s.participant(), s.persona(), personas);
            r.addAll(List.of(s.balloonType().isEmpty() ? "all" : s.balloonType(), Integer.toString(s.balloons()),
                    num(s.avgPumps().value()), ci(s.avgPumps()), num(s.adjustedPumps().value()), ci(s.adjustedPumps()),
                    num(s.burstRate().value()), ci(s.burstRate())));
            rows.add(r);
        }
        out.add(new AnalysisTable("summary", "Summary with " + level + " bootstrap intervals",
                options.bootstrapSamples() + " resamples of balloons (seed " + options.seed()
                        + "), percentile intervals; " + erroredBalloons + " errored balloons left out.", h, rows));

        h = new ArrayList<>(personas ? List.of("persona") : List.of());
        h.addAll(List.of("model_a", "model_b", "n_a", "n_b", "u", "p", "p_holm", "cliffs_delta", "magnitude", "differs"));
        rows = new ArrayList<>();
        for (Comparison c : comparisons) {
            List<String> r = new ArrayList<>(personas ? List.of(c.persona()) : List.of());
            r.addAll(List.of(c.first(), c.second(), Integer.toString(c.firstN()), Integer.toString(c.secondN()),
                    num(c.u()), p(c.pValue()), p(c.pHolm()), num(c.cliffsDelta()), c.magnitude(),
                    c.differs() ? "yes" : "no"));
            rows.add(r);
        }
        out.add(new AnalysisTable("comparisons", "Pairwise comparisons of adjusted pumps",
                "Two-sided Mann-Whitney U (normal approximation); Cliff's delta > 0: model_a pumps more; Holm correction over "
                        + comparisons.stream().filter(c -> !Double.isNaN(c.pValue())).count() + " tests; differs: p_holm < "
                        + options.alpha() + ". " + differingPairs().size() + " pairs differ.", h, rows));

        h = new ArrayList<>(List.of("model"));
        if (personas) {
            h.add("persona");
        }
        h.addAll(List.of("n", "slope", "se", "slope_ci", "p"));
        rows = new ArrayList<>();
        for (LearningSlope s : slopes) {
            List<String> r = start(s.participant(), s.persona(), personas);
            r.addAll(List.of(Integer.toString(s.balloons()), num(s.slope()), num(s.standardError()),
                    interval(s.lower(), s.upper()), p(s.pValue())));
            rows.add(r);
        }
        out.add(new AnalysisTable("slopes", "Learning: pumps over balloon index",
                "Least-squares slope of pumps (all balloons) on position in play order; " + level + " t interval.", h, rows));

        h = new ArrayList<>(List.of("model"));
        if (personas) {
            h.add("persona");
        }
        h.addAll(List.of("mean_pumps", "cogbench_score"));
        rows = new ArrayList<>();
        for (CogBenchScore c : cogBench) {
            List<String> r = start(c.participant(), c.persona(), personas);
            r.addAll(List.of(num(c.meanPumps()), c.applicable() ? num(c.score()) : CogBenchScore.NOT_APPLICABLE));
            rows.add(r);
        }
        out.add(new AnalysisTable("cogbench", "CogBench normalised risk score",
                "(mean pumps - random) / (human - random) with " + CogBenchScore.REFERENCES
                        + "; only for the typed 128/32/8 design.", h, rows));

        if (!riskAversion.isEmpty()) {
            h = new ArrayList<>(List.of("model"));
            if (personas) {
                h.add("persona");
            }
            h.addAll(List.of("gamma", "gamma_ci", "class", "noise", "stray_share", "log_likelihood", "n_balloons"));
            rows = new ArrayList<>();
            for (ImpliedRiskAversion c : riskAversion) {
                List<String> r = start(c.participant(), c.persona(), personas);
                r.addAll(List.of(num(c.gamma()), interval(c.lower(), c.upper()) + (c.atGridEdge() ? " (range edge)" : ""),
                        c.riskClass(), num(c.noise()), num(c.lapse()), num(c.logLikelihood()),
                        Integer.toString(c.balloons())));
                rows.add(r);
            }
            out.add(new AnalysisTable("risk_aversion", "Implied CRRA risk aversion",
                    "Noisy expected-utility agent (reference wealth $" + num(options.referenceWealth())
                            + "): P(pump) = logistic((CE of pumping on - CE of stopping) / noise), noise in dollars;"
                            + " a share of stray balloons follows a uniformly random plan; burst balloons are censored; gamma 2 averse, 1 log, "
                            + "0 neutral, -1 loving; " + level + " profile-likelihood interval over gamma in ["
                            + ImpliedRiskAversion.GAMMA_MIN + ", " + ImpliedRiskAversion.GAMMA_MAX + "].", h, rows));
        }

        for (FitTable t : fits.values()) {
            List<List<String>> fr = new ArrayList<>();
            for (ModelFit f : t.rows()) {
                List<String> r = start(f.participant(), f.persona(), personas);
                for (int i = 0; i < f.parameters().size(); i++) {
                    r.add(num(f.parameters().get(i)));
                    r.add(interval(f.lower().get(i), f.upper().get(i)));
                }
                r.addAll(List.of(num(f.logLikelihood()), num(f.aic()), num(f.bic()), Integer.toString(f.balloons()),
                        Integer.toString(f.decisions()), f.converged() ? "yes" : "no", String.join(";", f.atBound()),
                        f.deterministic()));
                fr.add(r);
            }
            List<String> fh = new ArrayList<>(List.of("model"));
            if (personas) {
                fh.add("persona");
            }
            for (String p : t.model().parameterNames()) {
                fh.add(p);
                fh.add(p + "_ci");
            }
            fh.addAll(List.of("log_likelihood", "aic", "bic", "n_balloons", "n_decisions", "converged", "at_bound",
                    "deterministic"));
            out.add(new AnalysisTable("fit_" + t.model().label(), "Model fit: " + t.model().label(),
                    "Maximum likelihood per participant (hBayesDM's likelihood); AIC = 2k - 2LL, BIC = k ln(decisions) - 2LL.",
                    fh, fr));
        }
        return out;
    }

    /**
     * The table named {@code name}: {@code summary}, {@code comparisons}, {@code slopes},
     * {@code cogbench}, {@code risk_aversion} (when computed), {@code fit_par4} / {@code fit_ewmv}
     * (when fitted).
     */
    public Optional<AnalysisTable> table(String name) {
        return tables().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Every table as aligned text, separated by blank lines. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        for (AnalysisTable t : tables()) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(t.toText());
        }
        return sb.toString();
    }

    private static List<String> start(String participant, String persona, boolean personas) {
        List<String> r = new ArrayList<>();
        r.add(participant);
        if (personas) {
            r.add(persona);
        }
        return r;
    }

    /** A number with up to four decimals ({@code n/a} for NaN). */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return s.equals("-0") ? "0" : s;
    }

    static String p(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return v < 1e-4 ? String.format(Locale.ROOT, "%.1e", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    static String ci(Estimate e) {
        return interval(e.lower(), e.upper());
    }

    static String interval(double lo, double hi) {
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            return "n/a";
        }
        return "[" + num(lo) + ", " + num(hi) + "]";
    }

    private static String pct(double level) {
        return num(level * 100) + "%";
    }

    @Override
    public String toString() {
        return "Analysis[" + balloons + " balloons, " + summaries.size() + " summary rows, " + fits.keySet() + "]";
    }
}
