package io.github.bart4j.core.analysis;

import java.util.ArrayList;
import java.util.List;

import static io.github.bart4j.core.analysis.Formats.interval;
import static io.github.bart4j.core.analysis.Formats.p;
import static io.github.bart4j.core.analysis.Formats.pumps;
import static io.github.bart4j.core.analysis.Formats.rate;

/** The sections of an {@link Analysis} as formatted tables, and its findings. */
final class Tables {

    private Tables() {
    }

    static AnalysisTable table(Analysis a, String name) {
        return switch (name) {
            case "summary" -> summary(a);
            case "comparisons" -> comparisons(a, "comparisons", a.comparisons(), false);
            case "persona_contrasts" -> comparisons(a, "persona_contrasts", a.personaContrasts(), true);
            case "reliability" -> reliability(a);
            case "intended_pumps" -> intendedPumps(a);
            case "slopes" -> slopes(a);
            case "cogbench" -> cogBench(a);
            case "risk_aversion" -> riskAversion(a);
            case "fit_par4" -> fit(a, a.fit(CognitiveModel.PAR4).orElseThrow());
            case "fit_ewmv" -> fit(a, a.fit(CognitiveModel.EWMV).orElseThrow());
            case "ladder" -> ladder(a);
            default -> throw new IllegalArgumentException("no section '" + name + "'");
        };
    }

    private static List<String> head(Analysis a, String... rest) {
        List<String> h = new ArrayList<>(List.of("model"));
        if (a.design().hasPersonas()) {
            h.add("persona");
        }
        h.addAll(List.of(rest));
        return h;
    }

    private static List<String> start(Analysis a, String participant, String persona) {
        List<String> r = new ArrayList<>();
        r.add(participant);
        if (a.design().hasPersonas()) {
            r.add(persona);
        }
        return r;
    }

    private static String ci(Estimate e, java.util.function.DoubleFunction<String> f) {
        return interval(e.lower(), e.upper(), f);
    }

    private static AnalysisTable summary(Analysis a) {
        List<List<String>> rows = new ArrayList<>();
        for (GroupSummary s : a.summaries()) {
            List<String> r = start(a, s.participant(), s.persona());
            r.addAll(List.of(s.balloonType().isEmpty() ? "all" : s.balloonType(), Integer.toString(s.balloons()),
                    Integer.toString(s.errored()), pumps(s.avgPumps().value()), ci(s.avgPumps(), Formats::pumps),
                    pumps(s.adjustedPumps().value()), ci(s.adjustedPumps(), Formats::pumps), rate(s.burstRate().value()),
                    ci(s.burstRate(), Formats::rate)));
            rows.add(r);
        }
        AnalysisOptions o = a.options();
        return new AnalysisTable("summary", "Summary with " + a.level() + " bootstrap intervals",
                o.bootstrapSamples() + " resamples of balloons (seed " + o.seed() + "), percentile intervals; "
                        + a.erroredBalloons() + " errored balloons "
                        + (o.scoring() == io.github.bart4j.core.Statistics.Scoring.SEED
                                ? "scored as 0 pumps, not burst (seed scoring)." : "left out (bart4j scoring)."),
                head(a, "balloon_type", "n", "errored", "avg_pumps", "avg_pumps_ci", "adjusted_pumps",
                        "adjusted_pumps_ci", "burst_rate", "burst_rate_ci"), rows);
    }

    private static AnalysisTable comparisons(Analysis a, String name, List<Comparison> list, boolean personas) {
        boolean personaColumn = !personas && a.design().hasPersonas();
        List<String> h = new ArrayList<>();
        if (personas) {
            h.add("model");
        } else if (personaColumn) {
            h.add("persona");
        }
        h.add("within");
        h.addAll(personas ? List.of("persona_a", "persona_b") : List.of("model_a", "model_b"));
        h.addAll(List.of("paired", "test", "measure", "n_a", "n_b", "statistic", "p", "p_holm", "effect", "magnitude",
                "differs"));
        List<List<String>> rows = new ArrayList<>();
        for (Comparison c : list) {
            List<String> r = new ArrayList<>();
            if (personas || personaColumn) {
                r.add(c.persona());
            }
            r.addAll(List.of(c.within(), c.first(), c.second(), Boolean.toString(c.paired()), c.test(), c.measure(),
                    Integer.toString(c.firstN()), Integer.toString(c.secondN()), pumps(c.statistic()), p(c.pValue()),
                    p(c.pHolm()), rate(c.effect()), c.magnitude(), c.differs() ? "yes" : "no"));
            rows.add(r);
        }
        long tests = list.stream().filter(c -> !Double.isNaN(c.pValue())).count();
        long differ = list.stream().filter(Comparison::differs).count();
        String what = personas ? "Persona contrasts within each participant" : "Pairwise comparisons";
        return new AnalysisTable(name, what + (a.design().typed() ? " within each balloon type" : ""),
                "paired=true: Wilcoxon signed-rank on pumps of the same balloons (epoch, balloon id), effect = matched-pairs"
                        + " rank-biserial; paired=false (balloons differ): Mann-Whitney U on adjusted pumps, effect = Cliff's"
                        + " delta; effect > 0: " + (personas ? "persona_a" : "model_a") + " pumps more; normal approximation"
                        + " with tie correction; Holm over " + tests + " tests; differs: p_holm < " + a.options().alpha()
                        + ". " + differ + " differ.", h, rows);
    }

    private static AnalysisTable reliability(Analysis a) {
        Reliability rel = a.reliability().orElseThrow();
        List<Integer> epochs = a.design().epochs();
        List<String> h = head(a);
        epochs.forEach(e -> h.add("mean_pumps_epoch_" + e));
        h.addAll(List.of("sd", "range", "icc", "icc_ci"));
        List<List<String>> rows = new ArrayList<>();
        for (Reliability.Row r : rel.participants()) {
            List<String> row = start(a, r.participant(), r.persona());
            r.epochMeans().forEach(v -> row.add(pumps(v)));
            row.addAll(List.of(pumps(r.sd()), pumps(r.range()), "", ""));
            rows.add(row);
        }
        List<String> all = new ArrayList<>();
        all.add(Reliability.FORM + " over " + rel.iccSubjects());
        if (a.design().hasPersonas()) {
            all.add("");
        }
        epochs.forEach(e -> all.add(""));
        all.addAll(List.of("", "", rate(rel.icc()), interval(rel.iccLower(), rel.iccUpper(), Formats::rate)));
        rows.add(all);
        return new AnalysisTable("reliability", "Reliability across " + epochs.size() + " epochs",
                "Mean pumps per epoch; sd and range of a participant's epoch means; " + Reliability.FORM
                        + " (two-way random effects, absolute agreement, single measurement; Shrout & Fleiss 1979) of"
                        + " per-epoch mean pumps over the " + rel.iccSubjects() + " participants with every epoch, "
                        + a.level() + " F interval (McGraw & Wong 1996).", h, rows);
    }

    private static AnalysisTable intendedPumps(Analysis a) {
        List<List<String>> rows = new ArrayList<>();
        for (IntendedPumps k : a.intendedPumps()) {
            List<String> r = start(a, k.participant(), k.persona());
            String medianCi = Double.isNaN(k.medianLower()) ? "n/a"
                    : "[" + pumps(k.medianLower()) + ", " + (Double.isNaN(k.medianUpper()) ? "> " + k.largest()
                            : pumps(k.medianUpper())) + "]";
            r.addAll(List.of(k.balloonType().isEmpty() ? "all" : k.balloonType(), Integer.toString(k.balloons()),
                    Integer.toString(k.censored()), k.medianText(), medianCi, pumps(k.restrictedMean()),
                    interval(k.restrictedMeanLower(), k.restrictedMeanUpper(), Formats::pumps),
                    Integer.toString(k.horizon())));
            rows.add(r);
        }
        return new AnalysisTable("intended_pumps", "Intended pumps (Kaplan-Meier, bursts censored)",
                "A burst balloon is right-censored at the pump that burst it; median: smallest count with S <= 0.5"
                        + " (\"> k\" when more than half the mass lies past the largest count k), " + a.level()
                        + " interval from Greenwood bands; restricted mean of min(intended, horizon), horizon = the end of"
                        + " the burst range, Greenwood variance.",
                head(a, "balloon_type", "n", "censored", "median", "median_ci", "restricted_mean", "restricted_mean_ci",
                        "horizon"), rows);
    }

    private static AnalysisTable slopes(Analysis a) {
        List<List<String>> rows = new ArrayList<>();
        for (LearningSlope s : a.slopes()) {
            List<String> r = start(a, s.participant(), s.persona());
            r.addAll(List.of(Integer.toString(s.balloons()), rate(s.slope()), rate(s.standardError()),
                    interval(s.lower(), s.upper(), Formats::rate), p(s.pValue())));
            rows.add(r);
        }
        return new AnalysisTable("slopes", "Learning: pumps over balloon index",
                "Least-squares slope of pumps (all balloons) on position in play order; " + a.level() + " t interval.",
                head(a, "n", "slope", "se", "slope_ci", "p"), rows);
    }

    private static AnalysisTable cogBench(Analysis a) {
        List<List<String>> rows = new ArrayList<>();
        for (CogBenchScore c : a.cogBench()) {
            List<String> r = start(a, c.participant(), c.persona());
            r.addAll(List.of(pumps(c.meanPumps()), c.applicable() ? rate(c.score()) : CogBenchScore.NOT_APPLICABLE));
            rows.add(r);
        }
        return new AnalysisTable("cogbench", "CogBench normalised risk score",
                "(mean pumps - random) / (human - random) with " + CogBenchScore.REFERENCES
                        + "; only for the typed 128/32/8 design.", head(a, "mean_pumps", "cogbench_score"), rows);
    }

    private static AnalysisTable riskAversion(Analysis a) {
        List<List<String>> rows = new ArrayList<>();
        for (ImpliedRiskAversion c : a.riskAversion()) {
            List<String> r = start(a, c.participant(), c.persona());
            r.addAll(List.of(p(c.gamma()), interval(c.lower(), c.upper(), Formats::p) + (c.atGridEdge() ? " (range edge)" : ""),
                    c.riskClass(), c.deterministic(), c.deterministic().isEmpty() ? pumps(c.noise()) : "n/a",
                    rate(c.lapse()), pumps(c.logLikelihood()), Integer.toString(c.balloons())));
            rows.add(r);
        }
        return new AnalysisTable("risk_aversion", "Implied CRRA risk aversion",
                "Noisy expected-utility agent (reference wealth $" + pumps(a.options().referenceWealth())
                        + "): P(pump) = logistic((CE of pumping on - CE of stopping) / noise), noise in dollars;"
                        + " a share of stray balloons follows a uniformly random plan; burst balloons are censored; gamma 2 averse, 1 log, "
                        + "0 neutral, -1 seeking; " + a.level() + " profile-likelihood interval over gamma in ["
                        + ImpliedRiskAversion.GAMMA_MIN + ", " + ImpliedRiskAversion.GAMMA_MAX + "]. class from the"
                        + " interval: risk-averse above 0, risk-seeking below 0, risk-neutral when it contains 0 within"
                        + " (-0.5, 0.5), else undetermined (also at the range edge). A deterministic participant (one plan"
                        + " on every balloon) has no noise estimate: its interval is the range of gamma with that plan.",
                head(a, "gamma", "gamma_ci", "class", "deterministic", "noise", "stray_share", "log_likelihood",
                        "n_balloons"), rows);
    }

    private static AnalysisTable fit(Analysis a, FitTable t) {
        List<List<String>> rows = new ArrayList<>();
        for (ModelFit f : t.rows()) {
            List<String> r = start(a, f.participant(), f.persona());
            for (int i = 0; i < f.parameters().size(); i++) {
                r.add(p(f.parameters().get(i)));
                r.add(interval(f.lower().get(i), f.upper().get(i), Formats::p));
            }
            r.addAll(List.of(pumps(f.logLikelihood()), pumps(f.aic()), pumps(f.bic()), Integer.toString(f.balloons()),
                    Integer.toString(f.decisions()), f.converged() ? "yes" : "no", String.join(";", f.atBound()),
                    f.deterministic()));
            rows.add(r);
        }
        List<String> h = head(a);
        for (String p : t.model().parameterNames()) {
            h.add(p);
            h.add(p + "_ci");
        }
        h.addAll(List.of("log_likelihood", "aic", "bic", "n_balloons", "n_decisions", "converged", "at_bound",
                "deterministic"));
        return new AnalysisTable("fit_" + t.model().label(), "Model fit: " + t.model().label(),
                "Maximum likelihood per participant (hBayesDM's likelihood); AIC = 2k - 2LL, BIC = k ln(decisions) - 2LL;"
                        + " 95% Wald intervals from the observed information (n/a on a bound); converged: the optimiser"
                        + " converged and no parameter is on a search bound (at_bound names them: the estimate is then"
                        + " only a limit); a deterministic participant (one plan on every balloon) is not fitted.",
                h, rows);
    }

    private static AnalysisTable ladder(Analysis a) {
        List<List<String>> rows = new ArrayList<>();
        boolean personas = a.design().hasPersonas();
        for (Ladder l : a.ladder()) {
            List<String> r = new ArrayList<>();
            if (personas) {
                r.add(l.persona());
            }
            r.addAll(List.of(Integer.toString(l.points().size()), pumps(l.slope()),
                    interval(l.lower(), l.upper(), Formats::pumps), p(l.pValue()), rate(l.rSquared()),
                    pumps(l.intercept())));
            rows.add(r);
        }
        List<String> h = new ArrayList<>(personas ? List.of("persona") : List.of());
        h.addAll(List.of("n_models", "slope_per_10x", "slope_ci", "p", "r_squared", "intercept"));
        List<String> missing = a.design().participants().stream().filter(p -> !a.options().sizes().containsKey(p)).toList();
        return new AnalysisTable("ladder", "Model ladder: mean pumps on log10 size",
                "Least-squares regression of mean pumps on log10(size) over the participants with a size; slope per"
                        + " tenfold size with " + a.level() + " t interval." + (missing.isEmpty() ? ""
                        : " Without a size (left out): " + String.join(", ", missing) + "."), h, rows);
    }

    static List<String> findings(Analysis a, List<String> sections) {
        List<String> out = new ArrayList<>();
        if (sections.contains("comparisons")) {
            List<Comparison> differ = new ArrayList<>(a.differingPairs());
            differ.sort(java.util.Comparator.comparingDouble(Comparison::pHolm));
            for (Comparison c : differ) { // within a persona, both sides played under it: it leads the line
                out.add((c.persona().isEmpty() ? "" : "persona " + c.persona() + ": ")
                        + line(c.effect() >= 0 ? c.first() : c.second(), c.effect() >= 0 ? c.second() : c.first(),
                        c, a.design().typed() ? c.within() : ""));
            }
        }
        if (sections.contains("persona_contrasts")) {
            List<Comparison> contrasts = new ArrayList<>(a.personaContrasts());
            contrasts.sort(java.util.Comparator.comparingDouble(Comparison::pHolm));
            for (Comparison c : contrasts) {
                if (c.differs()) {
                    out.add(c.persona() + ": persona " + line(c.effect() >= 0 ? c.first() : c.second(),
                            "persona " + (c.effect() >= 0 ? c.second() : c.first()), c,
                            a.design().typed() ? c.within() : ""));
                }
            }
        }
        if (sections.contains("reliability")) {
            Reliability r = a.reliability().orElseThrow();
            if (!Double.isNaN(r.icc())) {
                out.add("Reliability across " + r.epochs() + " epochs: " + Reliability.FORM + " = " + rate(r.icc())
                        + " " + interval(r.iccLower(), r.iccUpper(), Formats::rate) + " over " + r.iccSubjects()
                        + " participants");
            }
        }
        if (sections.contains("ladder")) {
            for (Ladder l : a.ladder()) {
                if (l.pValue() < a.options().alpha()) {
                    out.add("Model ladder" + (l.persona().isEmpty() ? "" : " [" + l.persona() + "]")
                            + ": mean pumps change by " + pumps(l.slope()) + " per tenfold size "
                            + interval(l.lower(), l.upper(), Formats::pumps) + ", p = " + p(l.pValue()));
                }
            }
        }
        return out;
    }

    private static String line(String more, String less, Comparison c, String type) {
        return more + " pumps more than " + less + (type.isEmpty() ? "" : " on " + type + " balloons") + " ("
                + (c.paired() ? "paired Wilcoxon, n = " + c.firstN() + ", r = "
                        : "Mann-Whitney on adjusted pumps, n = " + c.firstN() + "/" + c.secondN() + ", delta = ")
                + rate(Math.abs(c.effect())) + ", p_holm = " + p(c.pHolm()) + ")";
    }
}
