package io.github.bart4j.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.ResultFiles;
import io.github.bart4j.core.Statistics;
import io.github.bart4j.core.Summary;
import io.github.bart4j.core.SummaryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bart analyze}: summary statistics (and model fits) of result files — bart4j's combined
 * CSV, {@code BART_results.json} or {@code journal.jsonl}, and the seed project's CSV and JSON.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Summary statistics, intervals, comparisons and model fits of result files.",
                "Reads bart4j's BART_combined.csv, BART_results.json, journal.jsonl and the seed project's",
                "CSV/JSON. Several --file options are merged (runs sharded by model)."})
final class AnalyzeCommand implements Callable<Integer> {

    enum Format { text, csv, json }

    enum Fit { par4, ewmv }

    @Option(names = "--file", paramLabel = "FILE", required = true, description = "A result file (repeatable)")
    List<Path> files = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), csv (the summary CSV) or json")
    Format format;

    @Option(names = "--fit", paramLabel = "MODEL", description = "Fit a cognitive model per participant: par4 or ewmv")
    Fit fit;

    @Option(names = "--seed-scoring", description = "Score errored balloons as the seed did (0 pumps, counted)"
            + " instead of excluding them")
    boolean seedScoring;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        for (Path f : files) {
            if (!Files.exists(f)) {
                throw new UsageException(f + ": no such file");
            }
        }
        List<BalloonResult> results = ResultFiles.readAll(files);
        if (results.isEmpty()) {
            throw new UsageException(files.get(0) + ": holds no balloons");
        }
        for (String note : PartialRuns.notes(files)) { // text: the output's first lines; csv/json: stderr
            if (format == Format.text) {
                spec.commandLine().getOut().println(note);
            } else {
                spec.commandLine().getErr().println("bart: warning: " + note);
            }
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        if (fit != null) {
            var analysis = Analyses.fit(results, fit.name());
            switch (format) {
                case csv -> spec.commandLine().getOut().print(Analyses.fitCsv(results, fit.name()));
                case json -> spec.commandLine().getOut().println(json.writeValueAsString(Analyses.tables(analysis)
                        .stream().filter(t -> t.get("name").equals("fit_" + fit.name())).toList()));
                default -> spec.commandLine().getOut().print(analysis.table("fit_" + fit.name()).orElseThrow()
                        .toText());
            }
            return 0;
        }
        List<Summary> summary = Statistics.summarize(results, seedScoring ? SummaryOptions.seedScoring()
                : SummaryOptions.defaults());
        switch (format) {
            case csv -> spec.commandLine().getOut().print(Statistics.toCsv(summary));
            case json -> {
                var doc = new java.util.LinkedHashMap<String, Object>();
                doc.put("summary", summary);
                doc.put("analysis", Analyses.tables(io.github.bart4j.core.analysis.Analysis.of(results)));
                spec.commandLine().getOut().println(json.writeValueAsString(doc));
            }
            default -> {
                spec.commandLine().getOut().print(Statistics.toTable(summary));
                spec.commandLine().getOut().print(Analyses.text(results));
            }
        }
        return 0;
    }
}
