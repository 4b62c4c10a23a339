package io.github.bart4j.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Statistics;
import io.github.bart4j.core.Summary;
import io.github.bart4j.core.analysis.Analysis;
import io.github.bart4j.core.analysis.CognitiveModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bart analyze}: the design, summary statistics with intervals, findings, and on request
 * every other section of the analysis (and model fits) of result files — bart4j's combined CSV,
 * {@code BART_results.json} or {@code journal.jsonl}, and the seed project's CSV and JSON.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"The design, summary with intervals and findings of result files; more with --section/--all.",
                "Reads bart4j's BART_combined.csv, BART_results.json, journal.jsonl and the seed project's",
                "CSV/JSON. Several --file options are merged (runs sharded by model)."})
final class AnalyzeCommand implements Callable<Integer> {

    enum Format { text, csv, json }

    enum Fit { par4, ewmv }

    @Option(names = "--file", paramLabel = "FILE|DIR", required = true,
            description = "A result file or a run directory (read through its journal.jsonl); repeatable")
    List<Path> files = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), csv (the summary CSV) or json")
    Format format;

    @Option(names = "--fit", paramLabel = "MODEL", description = "Fit a cognitive model per participant: par4 or ewmv")
    Fit fit;

    @Option(names = "--seed-scoring", description = "Score errored balloons as the seed did (0 pumps, counted)"
            + " instead of excluding them, in every table and fit")
    boolean seedScoring;

    private Statistics.Scoring scoring() {
        return seedScoring ? Statistics.Scoring.SEED : Statistics.Scoring.BART4J;
    }

    @Option(names = "--section", paramLabel = "NAME", description = "Print this section too (repeatable): summary,"
            + " comparisons, persona_contrasts, reliability, intended_pumps, slopes, cogbench, risk_aversion,"
            + " fit_par4, fit_ewmv, ladder")
    List<String> sections = new ArrayList<>();

    @Option(names = "--all", description = "Print every section that applies to the design")
    boolean all;

    @Option(names = "--sizes", paramLabel = "FILE", description = "Model sizes for the ladder regression: lines"
            + " 'model,size' (e.g. billions of parameters); default: the run's config key sizes, from its manifest")
    Path sizes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        for (String s : sections) {
            if (!Analysis.SECTIONS.contains(s)) {
                throw new UsageException("--section must be one of " + String.join(", ", Analysis.SECTIONS)
                        + ", but is: '" + s + "'");
            }
        }
        // outcomes only: every statistic needs pumps, bursts and balloons, not the answers' text
        List<BalloonResult> results = ResultInputs.readOutcomes(files);
        if (results.isEmpty()) {
            throw new UsageException(files.get(0) + ": holds no balloons");
        }
        Analyses.refuseClassicOnly(results, fit == null ? null : fit.name(), sections);
        for (String note : PartialRuns.notes(files)) { // text: the output's first lines; csv/json: stderr
            if (format == Format.text) {
                spec.commandLine().getOut().println(note);
            } else {
                spec.commandLine().getErr().println("bart: warning: " + note);
            }
        }
        java.util.Map<String, Double> modelSizes = ModelSizes.forAnalysis(sizes, files); // --sizes, else the manifest
        Analysis analysis = Analyses.analysis(results, scoring(), fit == null ? null : CognitiveModel.fromLabel(fit.name()),
                modelSizes);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Set<String> chosen = new LinkedHashSet<>(sections.isEmpty() && !all ? List.of("summary") : sections);
        if (all) {
            chosen.addAll(Analysis.SECTIONS);
        }
        if (fit != null) {
            chosen.add("fit_" + fit.name());
        }
        if (!modelSizes.isEmpty()) {
            chosen.add("ladder");
        }
        var out = spec.commandLine().getOut();
        if (fit != null && format == Format.csv) {
            out.print(analysis.fit(CognitiveModel.fromLabel(fit.name())).orElseThrow().toCsv());
            return 0;
        }
        List<Summary> summary = Statistics.summarize(results, scoring());
        switch (format) {
            case csv -> out.print(Statistics.toCsv(summary));
            case json -> {
                var doc = new java.util.LinkedHashMap<String, Object>();
                doc.put("summary", summary);
                doc.put("design", analysis.design());
                doc.put("findings", analysis.findings());
                doc.put("analysis", Analyses.tables(sections.isEmpty() && fit == null && modelSizes.isEmpty()
                        ? analysis.tables() : analysis.tables(chosen)));
                out.println(json.writeValueAsString(doc));
            }
            default -> out.print(analysis.toText(chosen));
        }
        return 0;
    }
}
