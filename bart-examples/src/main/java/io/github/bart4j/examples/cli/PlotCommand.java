package io.github.bart4j.examples.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.examples.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bart plot}: PNG and SVG plots and one self-contained HTML report of result files. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"PNG and SVG plots and one self-contained HTML report of result files.",
                "Reads the same files as analyze; several --file options are merged."})
final class PlotCommand implements Callable<Integer> {

    @Option(names = "--file", paramLabel = "FILE|DIR", required = true,
            description = "A result file or a run directory (read through its journal.jsonl); repeatable")
    List<Path> files = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Directory for the plots and report"
            + " (default: report/ in the first --file's run directory, or beside the file)")
    Path out;

    @Option(names = "--svg", description = "Also write each plot as SVG (PNG only by default)")
    boolean svg;

    @Option(names = "--sizes", paramLabel = "FILE", description = "Model sizes for the ladder plot: lines"
            + " 'model,size' (e.g. billions of parameters); default: the run's config key sizes, from its manifest")
    Path sizes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<BalloonResult> results = ResultInputs.read(files);
        if (out == null) {
            out = ResultInputs.defaultReportDir(files.get(0));
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException(out + ": --out must be a directory, but is a file");
        }
        if (results.isEmpty()) {
            throw new UsageException(files.get(0) + ": holds no balloons");
        }
        Path report = Report.write(io.github.bart4j.core.analysis.Analysis.of(results,
                Report.options(results).withSizes(ModelSizes.forAnalysis(sizes, files))),
                out, parameters(), svg);
        spec.commandLine().getOut().println("report: " + report);
        return 0;
    }

    /** The run's parameters: files read, and the config of a bart4j run directory's manifest when there is one. */
    private Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("files", files.stream().map(Path::toString).toList());
        Path parent = ResultInputs.runDirOf(files.get(0));
        Path manifest = parent == null ? null : parent.resolve(RunDirectory.MANIFEST);
        if (manifest != null && Files.exists(manifest)) {
            try {
                Map<String, Object> m = RunDirectory.JSON.readValue(manifest.toFile(),
                        new TypeReference<Map<String, Object>>() { });
                Object config = m.get("config");
                if (config instanceof Map<?, ?> c) {
                    p.putAll(ReportParameters.of(c)); // only what applies to this run: no nulls, no unused defaults
                }
                if (m.get("seed") != null) {
                    p.put("seed", m.get("seed"));
                }
            } catch (IOException e) {
                p.put("manifest", "unreadable: " + ConfigLoader.oneLine(e.getMessage()));
            }
        }
        return p;
    }
}
