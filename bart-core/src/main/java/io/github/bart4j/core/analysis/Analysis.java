package io.github.bart4j.core.analysis;

import io.github.bart4j.core.BalloonResult;
import org.hipparchus.stat.regression.SimpleRegression;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The analysis of an experiment's results, made for its {@link #design()}. Immutable: each part
 * is computed once, when first asked for, so the default output of a large file computes only
 * what it prints. Identical inputs and options give identical numbers (the bootstrap is seeded
 * per group).
 *
 * <p>One scoring rules every table, figure and fit: errored balloons are left out (bart4j's rule)
 * or, with {@link AnalysisOptions#scoring()} {@code SEED}, scored as the seed did (0 pumps, not burst).
 * {@link Design#scoring()} says which.
 *
 * <p>Sections (tables), in reading order, each only where the design has it:
 * <ul>
 *   <li>{@code summary}: avg pumps, adjusted pumps and burst rate with bootstrap intervals, counts
 *       of balloons and errored balloons, per participant and (typed designs) per balloon type;</li>
 *   <li>{@code comparisons}: every pair of participants under the same persona within each balloon
 *       type, paired (Wilcoxon signed-rank) where they played the same balloons, else unpaired
 *       (Mann–Whitney on adjusted pumps), Holm-corrected; see {@link Comparison};</li>
 *   <li>{@code persona_contrasts}: the same tests between the personas of each participant;</li>
 *   <li>{@code reliability}: with two or more epochs, per-epoch mean pumps and ICC(2,1);</li>
 *   <li>{@code intended_pumps}: Kaplan–Meier intended pumps (bursts censored);</li>
 *   <li>{@code slopes}, {@code cogbench} (128/32/8 design only), {@code risk_aversion}
 *       (implied CRRA), {@code fit_par4}/{@code fit_ewmv} (when asked), {@code ladder} (when
 *       model sizes are given).</li>
 * </ul>
 * The sections of {@link #CLASSIC_RULES_SECTIONS} assume the classic BART rules: for balloons of
 * other {@link io.github.bart4j.core.Rules} they do not apply, and asking for them directly
 * (fits in the options, {@link #riskAversion()}, {@link #cogBench()}) throws, naming the rules.
 *
 * <pre>{@code
 * Analysis a = Analysis.of(results, AnalysisOptions.defaults().withFits(CognitiveModel.PAR4));
 * System.out.print(a.toText());                          // design, summary, findings
 * System.out.print(a.toText(Analysis.SECTIONS));         // everything that applies
 * a.fit(CognitiveModel.PAR4).ifPresent(t -> System.out.print(t.toCsv()));
 * }</pre>
 */
public final class Analysis {

    /** Every section name, in reading order. */
    public static final List<String> SECTIONS = List.of("summary", "comparisons", "persona_contrasts", "reliability",
            "intended_pumps", "slopes", "cogbench", "risk_aversion", "fit_par4", "fit_ewmv", "ladder");

    /**
     * The sections that assume the classic BART rules (thresholds uniform on a known range): the
     * CogBench score, implied CRRA risk aversion, the par4 and EWMV fits. The others describe any rules.
     */
    public static final List<String> CLASSIC_RULES_SECTIONS = List.of("cogbench", "risk_aversion", "fit_par4",
            "fit_ewmv");

    /** Findings printed by {@link #toText()} before "and N more". */
    public static final int MAX_FINDINGS = 20;

    private final AnalysisOptions options;
    private final List<BalloonResult> results;
    private final List<BalloonResult> raw;
    private final Design design;
    private final Map<Sequences.Subject, List<BalloonResult>> subjects;
    private final Map<String, Object> cache = new LinkedHashMap<>();

    private Analysis(AnalysisOptions options, List<BalloonResult> raw, List<BalloonResult> results, Design design,
                     Map<Sequences.Subject, List<BalloonResult>> subjects) {
        this.options = options;
        this.raw = raw;
        this.results = results;
        this.design = design;
        this.subjects = subjects;
    }

    /** The analysis with {@link AnalysisOptions#defaults()}. */
    public static Analysis of(List<BalloonResult> results) {
        return of(results, AnalysisOptions.defaults());
    }

    /**
     * Analyses {@code results} (any order; errored balloons are counted and scored by the options).
     *
     * @throws IllegalArgumentException when the options ask for a fit and a result was played under
     *     rules other than the classic ones (the message names the fit and the rules)
     */
    public static Analysis of(List<BalloonResult> results, AnalysisOptions options) {
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(options, "options");
        for (CognitiveModel m : options.fits()) {
            ClassicRules.require("the " + m.label() + " fit", results);
        }
        int errored = 0;
        for (BalloonResult r : results) {
            errored += r.isError() ? 1 : 0;
        }
        List<BalloonResult> raw = List.copyOf(results);
        boolean seedScoring = options.scoring() == io.github.bart4j.core.Statistics.Scoring.SEED;
        List<BalloonResult> scored = seedScoring ? seedScored(raw) : raw;
        Map<Sequences.Subject, List<BalloonResult>> subjects = Sequences.bySubject(scored);
        int analysed = seedScoring ? results.size() : results.size() - errored;
        return new Analysis(options, raw, scored, design(scored, errored, analysed, options), subjects);
    }

    /** The seed's rule: an errored balloon is a 0-pump, unburst, 0-earnings balloon. */
    private static List<BalloonResult> seedScored(List<BalloonResult> results) {
        List<BalloonResult> out = new ArrayList<>(results.size());
        for (BalloonResult r : results) {
            out.add(r.isError() ? new BalloonResult(r.participant(), r.persona(), r.epoch(), r.balloon(), 0, false, 0.0,
                    List.of(), BalloonResult.Status.OK, null) : r);
        }
        return out;
    }

    /**
     * The first rules other than the classic ones among {@code results}, or empty when every
     * balloon was played under the classic rules (so every section can apply).
     */
    public static Optional<io.github.bart4j.core.Rules> otherRules(Collection<BalloonResult> results) {
        return ClassicRules.other(Objects.requireNonNull(results, "results"));
    }

    private static Design design(List<BalloonResult> results, int errored, int analysed, AnalysisOptions options) {
        Set<String> rules = new LinkedHashSet<>();
        Set<String> participants = new TreeSet<>();
        Set<String> personas = new TreeSet<>();
        Set<Integer> epochs = new TreeSet<>();
        Map<String, Integer> capacity = new TreeMap<>();
        for (BalloonResult r : results) {
            rules.add(r.balloon().rules().describe());
            participants.add(r.participant());
            personas.add(r.persona());
            epochs.add(r.epoch());
            capacity.merge(r.balloon().type(), r.balloon().capacity(), Math::max);
        }
        Map<Sequences.Subject, Comparisons.Played> played = Comparisons.played(results);
        boolean same = true;
        Comparisons.Played first = null;
        for (Comparisons.Played p : played.values()) {
            if (first == null) {
                first = p;
            } else if (p.key.length != first.key.length || !Comparisons.sameBalloons(first, p)) {
                same = false;
                break;
            }
        }
        return new Design(List.copyOf(participants), List.copyOf(personas), typeOrder(capacity), List.copyOf(epochs),
                same && first != null, analysed, errored, options.scoring() == io.github.bart4j.core.Statistics.Scoring.SEED
                        ? "seed" : "bart4j",
                rules.isEmpty() ? List.of(io.github.bart4j.core.Rules.classic().describe()) : List.copyOf(rules));
    }

    static List<String> typeOrder(Map<String, Integer> capacity) {
        List<String> types = new ArrayList<>(capacity.keySet());
        types.sort(java.util.Comparator.comparing((String t) -> -capacity.get(t)).thenComparing(t -> t));
        return types;
    }

    @SuppressWarnings("unchecked")
    private synchronized <T> T memo(String key, Supplier<T> compute) {
        Object v = cache.get(key);
        if (v == null) {
            v = compute.get();
            cache.put(key, v);
        }
        return (T) v;
    }

    public AnalysisOptions options() {
        return options;
    }

    /** The design found in the results. */
    public Design design() {
        return design;
    }

    /** The results analysed, as scored (under seed scoring errored balloons became 0-pump balloons), e.g. for plots. */
    public List<BalloonResult> results() {
        return results;
    }

    /** Balloons analysed. */
    public int balloons() {
        return design.balloons();
    }

    /** Balloons that ended in an error. */
    public int erroredBalloons() {
        return design.errored();
    }

    /** One row per participant (and persona); in typed schedules followed by one row per balloon type. */
    public List<GroupSummary> summaries() {
        return memo("summary", () -> {
            Map<String, Integer> errored = new java.util.HashMap<>();
            // errored counts per (participant, persona, type), whatever the scoring
            for (BalloonResult r : raw) {
                if (r.isError()) {
                    errored.merge(r.participant() + '\u0000' + r.persona() + '\u0000', 1, Integer::sum);
                    if (!r.balloon().type().isEmpty()) {
                        errored.merge(r.participant() + '\u0000' + r.persona() + '\u0000' + r.balloon().type(), 1,
                                Integer::sum);
                    }
                }
            }
            Map<Sequences.Subject, List<BalloonResult>> all = new LinkedHashMap<>(subjects);
            for (BalloonResult r : raw) { // participants with only errored balloons still get a row
                if (r.isError()) {
                    all.putIfAbsent(new Sequences.Subject(r.participant(), r.persona()), List.of());
                }
            }
            Map<Sequences.Subject, List<BalloonResult>> sorted = new TreeMap<>(
                    java.util.Comparator.comparing(Sequences.Subject::participant).thenComparing(Sequences.Subject::persona));
            sorted.putAll(all);
            List<GroupSummary> out = new ArrayList<>();
            for (GroupSummary g : Descriptives.summaries(sorted, options)) {
                int e = errored.getOrDefault(g.participant() + '\u0000' + g.persona() + '\u0000' + g.balloonType(), 0);
                out.add(new GroupSummary(g.participant(), g.persona(), g.balloonType(), g.balloons(), e, g.avgPumps(),
                        g.adjustedPumps(), g.burstRate()));
            }
            return List.copyOf(out);
        });
    }

    /** Pairs of participants under the same persona, within each balloon type; see {@link Comparison}. */
    public List<Comparison> comparisons() {
        return memo("comparisons", () -> {
            Map<Sequences.Subject, Comparisons.Played> played = Comparisons.played(results);
            List<Sequences.Subject> keys = new ArrayList<>(played.keySet());
            keys.sort(java.util.Comparator.comparing(Sequences.Subject::persona)
                    .thenComparing(Sequences.Subject::participant));
            List<Comparisons.Pair> pairs = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                for (int j = i + 1; j < keys.size(); j++) {
                    Sequences.Subject a = keys.get(i);
                    Sequences.Subject b = keys.get(j);
                    if (a.persona().equals(b.persona())) {
                        pairs.add(new Comparisons.Pair(a.persona(), a.participant(), b.participant(), played.get(a),
                                played.get(b)));
                    }
                }
            }
            return List.copyOf(Comparisons.test(pairs, design.balloonTypes(), options.alpha()));
        });
    }

    /** The comparisons that differ after Holm's correction. */
    public List<Comparison> differingPairs() {
        return comparisons().stream().filter(Comparison::differs).toList();
    }

    /**
     * Every pair of personas of each participant within each balloon type (paired by balloon where
     * they played the same balloons), Holm-corrected over this table; {@link Comparison#persona()}
     * holds the participant, {@code first}/{@code second} the personas.
     */
    public List<Comparison> personaContrasts() {
        return memo("persona_contrasts", () -> {
            Map<Sequences.Subject, Comparisons.Played> played = Comparisons.played(results);
            List<Sequences.Subject> keys = new ArrayList<>(played.keySet());
            List<Comparisons.Pair> pairs = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                for (int j = i + 1; j < keys.size(); j++) {
                    Sequences.Subject a = keys.get(i);
                    Sequences.Subject b = keys.get(j);
                    if (a.participant().equals(b.participant())) {
                        pairs.add(new Comparisons.Pair(a.participant(), a.persona(), b.persona(), played.get(a),
                                played.get(b)));
                    }
                }
            }
            return List.copyOf(Comparisons.test(pairs, design.balloonTypes(), options.alpha()));
        });
    }

    /** Reliability across epochs; empty with fewer than two epochs. */
    public Optional<Reliability> reliability() {
        return memo("reliability", () -> {
            List<Integer> epochs = design.epochs();
            if (epochs.size() < 2) {
                return Optional.<Reliability>empty();
            }
            List<Reliability.Row> rows = new ArrayList<>();
            List<double[]> complete = new ArrayList<>();
            for (Map.Entry<Sequences.Subject, List<BalloonResult>> e : subjects.entrySet()) {
                double[] sum = new double[epochs.size()];
                int[] n = new int[epochs.size()];
                for (BalloonResult r : e.getValue()) {
                    int k = epochs.indexOf(r.epoch());
                    sum[k] += r.pumps();
                    n[k]++;
                }
                List<Double> means = new ArrayList<>();
                double[] y = new double[epochs.size()];
                boolean full = true;
                for (int k = 0; k < y.length; k++) {
                    y[k] = n[k] == 0 ? Double.NaN : sum[k] / n[k];
                    full &= n[k] > 0;
                    means.add(y[k]);
                }
                double[] present = java.util.Arrays.stream(y).filter(v -> !Double.isNaN(v)).toArray();
                double mean = java.util.Arrays.stream(present).average().orElse(Double.NaN);
                double ss = 0;
                for (double v : present) {
                    ss += (v - mean) * (v - mean);
                }
                double sd = present.length < 2 ? Double.NaN : Math.sqrt(ss / (present.length - 1));
                double range = present.length < 2 ? Double.NaN
                        : java.util.Arrays.stream(present).max().orElseThrow() - java.util.Arrays.stream(present).min().orElseThrow();
                rows.add(new Reliability.Row(e.getKey().participant(), e.getKey().persona(), means, sd, range));
                if (full) {
                    complete.add(y);
                }
            }
            double[] icc = Reliability.icc21(complete.toArray(new double[0][]), options.confidenceLevel());
            return Optional.of(new Reliability(rows, icc[0], icc[1], icc[2], complete.size(), epochs.size()));
        });
    }

    /** Kaplan–Meier intended pumps per participant and, in typed designs, per balloon type. */
    public List<IntendedPumps> intendedPumps() {
        return memo("intended_pumps", () -> {
            List<IntendedPumps> out = new ArrayList<>();
            for (Map.Entry<Sequences.Subject, List<BalloonResult>> e : subjects.entrySet()) {
                List<String> groups = new ArrayList<>();
                groups.add("");
                if (design.typed()) {
                    groups.addAll(design.balloonTypes());
                }
                for (String type : groups) {
                    List<BalloonResult> b = type.isEmpty() ? e.getValue()
                            : e.getValue().stream().filter(r -> r.balloon().type().equals(type)).toList();
                    if (b.isEmpty()) {
                        continue;
                    }
                    int[] pumps = new int[b.size()];
                    boolean[] burst = new boolean[b.size()];
                    int horizon = 0;
                    for (int i = 0; i < pumps.length; i++) {
                        pumps[i] = b.get(i).pumps();
                        burst[i] = b.get(i).burst();
                        horizon = Math.max(horizon, b.get(i).balloon().capacity());
                    }
                    out.add(IntendedPumps.estimate(e.getKey().participant(), e.getKey().persona(), type, pumps, burst,
                            horizon, options.confidenceLevel()));
                }
            }
            return List.copyOf(out);
        });
    }

    public List<LearningSlope> slopes() {
        return memo("slopes", () -> subjects.entrySet().stream()
                .map(e -> Descriptives.slope(e.getKey(), e.getValue(), options.confidenceLevel())).toList());
    }

    /**
     * CogBench's normalised risk score per participant.
     *
     * @throws IllegalStateException naming the rules when the balloons were not played under the classic rules
     */
    public List<CogBenchScore> cogBench() {
        requireClassic("the CogBench score");
        return memo("cogbench", () -> subjects.entrySet().stream()
                .map(e -> Descriptives.cogBench(e.getKey(), e.getValue())).toList());
    }

    /**
     * The implied CRRA coefficients; empty when switched off in the options.
     *
     * @throws IllegalStateException naming the rules when the balloons were not played under the classic rules
     */
    public List<ImpliedRiskAversion> riskAversion() {
        requireClassic("implied CRRA risk aversion");
        return memo("risk_aversion", () -> options.impliedRiskAversion() ? subjects.values().stream()
                .map(b -> ImpliedRiskAversion.estimate(b, options.referenceWealth(), options.confidenceLevel())).toList()
                : List.<ImpliedRiskAversion>of());
    }

    /** The fits of {@code model}, when the options asked for it. */
    public Optional<FitTable> fit(CognitiveModel model) {
        if (!options.fits().contains(model)) {
            return Optional.empty();
        }
        return Optional.of(memo("fit_" + model.label(), () -> FitTable.fit(model, results)));
    }

    /** Every fit table asked for, par4 before EWMV. */
    public List<FitTable> fits() {
        Map<CognitiveModel, FitTable> out = new EnumMap<>(CognitiveModel.class);
        for (CognitiveModel m : CognitiveModel.values()) {
            fit(m).ifPresent(t -> out.put(m, t));
        }
        return List.copyOf(out.values());
    }

    /**
     * The model-ladder regression of mean pumps on log10 of model size, per persona, over the
     * participants with a size in {@link AnalysisOptions#sizes()}; empty when no sizes are given.
     */
    public List<Ladder> ladder() {
        return memo("ladder", () -> {
            if (options.sizes().isEmpty()) {
                return List.<Ladder>of();
            }
            List<Ladder> out = new ArrayList<>();
            for (String persona : design.personas()) {
                List<Ladder.Point> points = new ArrayList<>();
                for (GroupSummary g : summaries()) {
                    Double size = options.sizes().get(g.participant());
                    if (g.persona().equals(persona) && g.balloonType().isEmpty() && size != null
                            && g.avgPumps().isDefined()) {
                        points.add(new Ladder.Point(g.participant(), size, g.avgPumps().value()));
                    }
                }
                if (points.isEmpty()) {
                    continue;
                }
                SimpleRegression reg = new SimpleRegression();
                points.forEach(p -> reg.addData(Math.log10(p.size()), p.score()));
                double slope = points.size() >= 2 ? reg.getSlope() : Double.NaN;
                double half = points.size() >= 3 && reg.getSlopeStdErr() > 0
                        ? reg.getSlopeConfidenceInterval(1 - options.confidenceLevel()) : Double.NaN;
                double p = points.size() >= 3 && reg.getSlopeStdErr() > 0 ? reg.getSignificance() : Double.NaN;
                out.add(new Ladder(persona, points, slope, slope - half, slope + half, p, reg.getIntercept(),
                        points.size() >= 2 ? reg.getRSquare() : Double.NaN));
            }
            return List.copyOf(out);
        });
    }

    /** The sections that apply to this design and options, in reading order. */
    public List<String> sections() {
        List<String> out = new ArrayList<>();
        out.add("summary");
        Map<String, Integer> perPersona = new java.util.HashMap<>();
        Map<String, Integer> perParticipant = new java.util.HashMap<>();
        subjects.keySet().forEach(s -> {
            perPersona.merge(s.persona(), 1, Integer::sum);
            perParticipant.merge(s.participant(), 1, Integer::sum);
        });
        if (perPersona.values().stream().anyMatch(n -> n > 1)) {
            out.add("comparisons");
        }
        if (perParticipant.values().stream().anyMatch(n -> n > 1)) {
            out.add("persona_contrasts");
        }
        if (design.epochs().size() > 1) {
            out.add("reliability");
        }
        out.add("intended_pumps");
        out.add("slopes");
        if (design.classicRules() && !subjects.isEmpty() && cogBench().stream().anyMatch(CogBenchScore::applicable)) {
            out.add("cogbench");
        }
        if (design.classicRules() && options.impliedRiskAversion() && !subjects.isEmpty()) {
            out.add("risk_aversion");
        }
        for (CognitiveModel m : CognitiveModel.values()) {
            if (options.fits().contains(m)) {
                out.add("fit_" + m.label());
            }
        }
        if (!options.sizes().isEmpty()) {
            out.add("ladder");
        }
        return out;
    }

    /** Every table that applies ({@link #sections()}), formatted, in reading order. */
    public List<AnalysisTable> tables() {
        return tables(sections());
    }

    /**
     * The tables of {@code names} that apply, in reading order.
     *
     * @throws IllegalArgumentException naming an unknown section and the known ones
     */
    public List<AnalysisTable> tables(Collection<String> names) {
        for (String n : names) {
            if (!SECTIONS.contains(n)) {
                throw new IllegalArgumentException("section must be one of " + String.join(", ", SECTIONS)
                        + ", but is: '" + n + "'");
            }
        }
        List<AnalysisTable> out = new ArrayList<>();
        for (String s : sections()) {
            if (names.contains(s)) {
                out.add(Tables.table(this, s));
            }
        }
        return out;
    }

    /** The table named {@code name} (one of {@link #SECTIONS}) when it applies. */
    public Optional<AnalysisTable> table(String name) {
        return sections().contains(name) ? Optional.of(Tables.table(this, name)) : Optional.empty();
    }

    /**
     * One line per finding that holds after correction: pairs and persona contrasts that differ
     * (Holm), the reliability across epochs, the ladder slope when its p is below alpha.
     */
    public List<String> findings() {
        return memo("findings", () -> Tables.findings(this, sections()));
    }

    /** The default output: the design, the summary, and the findings (at most {@value #MAX_FINDINGS} lines). */
    public String toText() {
        return toText(List.of("summary"));
    }

    /** The design, the tables of {@code names} that apply, and the findings. */
    public String toText(Collection<String> names) {
        StringBuilder sb = new StringBuilder(design.toText());
        for (AnalysisTable t : tables(names)) {
            sb.append('\n').append(t.toText());
        }
        List<String> f = findings();
        sb.append('\n').append("Findings (Holm-corrected, alpha ").append(options.alpha()).append("):\n");
        if (f.isEmpty()) {
            sb.append("  none\n");
        }
        boolean all = names.contains("comparisons") || names.contains("persona_contrasts");
        int shown = all ? f.size() : Math.min(f.size(), MAX_FINDINGS);
        for (int i = 0; i < shown; i++) {
            sb.append("  ").append(f.get(i)).append('\n');
        }
        if (shown < f.size()) {
            sb.append("  ... and ").append(f.size() - shown)
                    .append(" more: --section comparisons / --section persona_contrasts list them all\n");
        }
        return sb.toString();
    }

    private void requireClassic(String analysis) {
        if (!design.classicRules()) {
            throw new IllegalStateException(ClassicRules.message(analysis, ClassicRules.other(raw).orElseThrow()));
        }
    }

    String level() {
        return String.format(Locale.ROOT, "%.0f%%", options.confidenceLevel() * 100);
    }

    Map<Sequences.Subject, List<BalloonResult>> subjects() {
        return subjects;
    }

    static Set<String> set(String... s) {
        return new LinkedHashSet<>(List.of(s));
    }

    @Override
    public String toString() {
        return "Analysis[" + design.participants().size() + " participants, " + balloons() + " balloons, "
                + design.scoring() + " scoring]";
    }
}
