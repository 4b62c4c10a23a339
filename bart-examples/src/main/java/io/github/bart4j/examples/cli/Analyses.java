package io.github.bart4j.examples.cli;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Statistics;
import io.github.bart4j.core.analysis.Analysis;
import io.github.bart4j.core.analysis.AnalysisOptions;
import io.github.bart4j.core.analysis.AnalysisTable;
import io.github.bart4j.core.analysis.CognitiveModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The analysis layer as the CLI uses it. */
final class Analyses {

    private Analyses() {
    }

    /** One analysis with one scoring for every table, figure and fit. */
    static Analysis analysis(List<BalloonResult> results, Statistics.Scoring scoring, CognitiveModel fit,
                             Map<String, Double> sizes) {
        AnalysisOptions o = AnalysisOptions.defaults().withScoring(scoring).withSizes(sizes);
        if (fit != null) {
            o = o.withFits(fit);
        }
        return Analysis.of(results, o);
    }

    /**
     * Refuses what assumes the classic BART rules (a fit, or a section of
     * {@link Analysis#CLASSIC_RULES_SECTIONS} asked for by name) when a result was played under other
     * rules; {@code --all} leaves those sections out instead.
     *
     * @throws UsageException naming the options and the rules
     */
    static void refuseClassicOnly(List<BalloonResult> results, String fit, List<String> sections) {
        java.util.Optional<io.github.bart4j.core.Rules> other = Analysis.otherRules(results);
        if (other.isEmpty()) {
            return;
        }
        List<String> asked = new ArrayList<>();
        if (fit != null) {
            asked.add("--fit " + fit);
        }
        sections.stream().filter(Analysis.CLASSIC_RULES_SECTIONS::contains).distinct()
                .forEach(s -> asked.add("--section " + s));
        if (!asked.isEmpty()) {
            throw new UsageException(String.join(", ", asked) + " assumes the classic BART rules (thresholds uniform"
                    + " on a known range), but these results were played under the " + other.get().describe()
                    + " rules; the other sections describe results of any rules");
        }
    }

    /**
     * Model sizes from a file of {@code model,size} lines ({@code #} comments and blank lines
     * ignored; a header line whose size is not a number is skipped when it is the first line).
     *
     * @throws UsageException naming the file, line and value when a line is malformed
     */
    static Map<String, Double> readSizes(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read --sizes file: " + ConfigLoader.oneLine(e.getMessage()));
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int comma = line.lastIndexOf(',');
            String model = comma < 0 ? "" : line.substring(0, comma).strip();
            String value = comma < 0 ? "" : line.substring(comma + 1).strip();
            double size;
            try {
                size = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                if (out.isEmpty() && comma > 0) {
                    continue; // a header line
                }
                throw new UsageException(file + " line " + (i + 1) + ": expected 'model,size' with a number > 0, but is: '"
                        + line + "'");
            }
            if (model.isEmpty() || !(size > 0) || Double.isInfinite(size)) {
                throw new UsageException(file + " line " + (i + 1) + ": expected 'model,size' with a number > 0, but is: '"
                        + line + "'");
            }
            out.put(model, size);
        }
        return out;
    }

    /** Every given table as a list of {name, title, note, rows: [{column: value}]} for JSON output. */
    static List<Map<String, Object>> tables(List<AnalysisTable> tables) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (AnalysisTable t : tables) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("title", t.title());
            m.put("note", t.note());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (List<String> row : t.rows()) {
                Map<String, Object> r = new LinkedHashMap<>();
                for (int i = 0; i < t.header().size() && i < row.size(); i++) {
                    String h = t.header().get(i);
                    r.put(h, h.equals("paired") ? (Object) Boolean.valueOf(row.get(i)) : row.get(i));
                }
                rows.add(r);
            }
            m.put("rows", rows);
            out.add(m);
        }
        return out;
    }
}
