package io.github.bart4j.examples.report;

import io.github.bart4j.core.Bart4jException;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.analysis.Analysis;
import io.github.bart4j.core.analysis.AnalysisOptions;
import io.github.bart4j.core.analysis.AnalysisTable;
import io.github.bart4j.core.analysis.CognitiveModel;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes an experiment's plots and one self-contained HTML report into a directory.
 *
 * <p>For every plot {@code NAME} the directory gets {@code NAME.png} (and {@code NAME.svg} on request); the
 * report {@value #REPORT_FILE} embeds the PNGs (base64), every table of the {@link Analysis}, and
 * the run's parameters when given, so it can be mailed or archived alone. Plots: {@code
 * adjusted_pumps}, {@code pumps_boxplot}, {@code burst_vs_pumps}, {@code pumps_over_balloons},
 * {@code implied_gamma} (when computed) and {@code fit_MODEL_PARAMETER} for each fitted parameter.
 * Existing files of those names are replaced.
 *
 * <pre>{@code
 * Path html = Report.write(results, Path.of("runs/demo/report"), Map.of("seed", 42));
 * }</pre>
 */
public final class Report {

    /** The report's file name. */
    public static final String REPORT_FILE = "report.html";

    private Report() {
    }

    /** {@link #write(List, Path, Map)} without run parameters. */
    public static Path write(List<BalloonResult> results, Path outDir) {
        return write(results, outDir, Map.of());
    }

    /**
     * Analyses {@code results} with the default options plus par4 and EWMV fits, then writes the
     * plots and the report.
     *
     * @param runParameters shown in the report as a table (e.g. the config), in iteration order; may be empty
     * @return the path of {@value #REPORT_FILE}
     * @throws Bart4jException naming the directory when it cannot be written
     */
    public static Path write(List<BalloonResult> results, Path outDir, Map<String, ?> runParameters) {
        Objects.requireNonNull(results, "results");
        return write(Analysis.of(results, options(results)), outDir, runParameters);
    }

    /**
     * The report's analysis options: the defaults plus par4 and EWMV fits, which are left out when a
     * result was played under rules other than the classic ones (they assume the classic rules).
     */
    public static AnalysisOptions options(List<BalloonResult> results) {
        return Analysis.otherRules(results).isPresent() ? AnalysisOptions.defaults()
                : AnalysisOptions.defaults().withFits(CognitiveModel.PAR4, CognitiveModel.EWMV);
    }

    /**
     * Writes the plots and the report of an analysis already made.
     *
     * @return the path of {@value #REPORT_FILE}
     * @throws Bart4jException naming the directory when it cannot be written
     */
    public static Path write(Analysis analysis, Path outDir, Map<String, ?> runParameters) {
        return write(analysis, outDir, runParameters, false);
    }

    /**
     * Writes the plots (PNG; also SVG when {@code svg}) and the report of an analysis already made.
     *
     * @return the path of {@value #REPORT_FILE}
     * @throws Bart4jException naming the directory when it cannot be written
     */
    public static Path write(Analysis analysis, Path outDir, Map<String, ?> runParameters, boolean svg) {
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(outDir, "outDir");
        Map<String, ?> params = runParameters == null ? Map.of() : runParameters;
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        try {
            Files.createDirectories(outDir);
            List<String> figures = new ArrayList<>();
            for (Plots.Plot p : Plots.all(analysis)) {
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                BitmapEncoder.saveBitmap(p.chart(), png, BitmapEncoder.BitmapFormat.PNG);
                Files.write(outDir.resolve(p.name() + ".png"), png.toByteArray());
                if (svg) {
                    try (OutputStream out = Files.newOutputStream(outDir.resolve(p.name() + ".svg"))) {
                        VectorGraphicsEncoder.saveVectorGraphic(p.chart(), out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                    }
                }
                figures.add("<figure><img alt=\"" + esc(p.chart().getTitle()) + "\" src=\"data:image/png;base64,"
                        + Base64.getEncoder().encodeToString(png.toByteArray()) + "\"><figcaption>" + esc(p.caption())
                        + (svg ? " <a href=\"" + esc(p.name()) + ".svg\">SVG</a>" : "") + "</figcaption></figure>");
            }
            Path html = outDir.resolve(REPORT_FILE);
            Files.writeString(html, html(analysis, params, figures), StandardCharsets.UTF_8);
            return html;
        } catch (IOException e) {
            throw new Bart4jException("cannot write the report to " + outDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the model-ladder plot of an analysis made with model sizes ({@link AnalysisOptions#withSizes}):
     * each participant's mean pumps against its size on a log axis, with the regression line and the
     * lines of the slope's interval ends.
     *
     * @return whether a plot was written ({@code false} when no participant has a size)
     * @throws Bart4jException naming the file when it cannot be written
     */
    public static boolean writeLadderPlot(Analysis analysis, Path png) {
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(png, "png");
        if (analysis.ladder().isEmpty()) {
            return false;
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        Plots.Plot p = Plots.ladder(analysis.ladder(), "mean pumps per balloon", analysis.options().confidenceLevel());
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(p.chart(), bytes, BitmapEncoder.BitmapFormat.PNG);
            Files.write(png, bytes.toByteArray());
            return true;
        } catch (IOException e) {
            throw new Bart4jException("cannot write the ladder plot to " + png + ": " + e.getMessage(), e);
        }
    }

    static String html(Analysis a, Map<String, ?> runParameters, List<String> figures) {
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        runParameters.forEach((k, v) -> {
            if (!(v == null || v instanceof java.util.Collection<?> c && c.isEmpty() || v instanceof Map<?, ?> m && m.isEmpty())) {
                params.put(k, v); // not set for this run: nothing to show
            }
        });
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>bart4j report</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:2em auto;")
                .append("max-width:1180px;color:#222;line-height:1.4}\n")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:13px}\n")
                .append("th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;white-space:nowrap}\n")
                .append("th{background:#f0f3f8}tr:nth-child(even) td{background:#fafafa}\n")
                .append(".scroll{overflow-x:auto}.note{color:#555;font-size:13px}\n")
                .append("figure{margin:1.5em 0}figure img{max-width:100%;border:1px solid #eee}")
                .append("figcaption{color:#555;font-size:13px}\n</style>\n</head>\n<body>\n");
        sb.append("<h1>BART report</h1>\n<p>").append(a.balloons()).append(" balloons analysed, ")
                .append(a.erroredBalloons()).append(a.design().scoring().equals("seed")
                        ? " errored balloons scored as 0 pumps (seed scoring); generated "
                        : " errored balloons left out; generated ")
                .append(esc(Instant.now().toString())).append(" by bart4j.</p>\n");
        sb.append("<h2 id=\"design\">Design</h2>\n<p>").append(esc(a.design().toText()).replace("\n", "<br>\n"))
                .append("</p>\n");
        sb.append("<h2 id=\"findings\">Findings</h2>\n<p class=\"note\">Ranking by mean pumps with ")
                .append(Math.round(a.options().confidenceLevel() * 100)).append("% bootstrap intervals:</p>\n<ol>\n");
        for (io.github.bart4j.core.analysis.GroupSummary g : Plots.overall(a).stream()
                .sorted(java.util.Comparator.comparingDouble(g -> -g.avgPumps().value())).toList()) {
            sb.append("<li>").append(esc(Plots.label(g.participant(), g.persona()))).append(": ")
                    .append(String.format(java.util.Locale.ROOT, "%.2f [%.2f, %.2f]", g.avgPumps().value(),
                            g.avgPumps().lower(), g.avgPumps().upper()))
                    .append(" (n ").append(g.balloons()).append(", errored ").append(g.errored()).append(")</li>\n");
        }
        sb.append("</ol>\n<ul>\n");
        List<String> findings = a.findings();
        findings.stream().limit(60).forEach(f -> sb.append("<li>").append(esc(f)).append("</li>\n"));
        if (findings.size() > 60) {
            sb.append("<li>... and ").append(findings.size() - 60).append(" more (see the comparisons table)</li>\n");
        }
        if (findings.isEmpty()) {
            sb.append("<li>No difference holds after Holm's correction.</li>\n");
        }
        sb.append("</ul>\n");
        List<AnalysisTable> tables = a.tables();
        sb.append("<h2>Contents</h2>\n<ul>\n");
        for (AnalysisTable t : tables) {
            sb.append("<li><a href=\"#").append(esc(t.name())).append("\">").append(esc(t.title())).append("</a></li>\n");
        }
        if (!figures.isEmpty()) {
            sb.append("<li><a href=\"#plots\">Plots</a></li>\n");
        }
        if (!params.isEmpty()) {
            sb.append("<li><a href=\"#parameters\">Run parameters</a></li>\n");
        }
        sb.append("</ul>\n");
        for (AnalysisTable t : tables) {
            sb.append("<h2 id=\"").append(esc(t.name())).append("\">").append(esc(t.title())).append("</h2>\n");
            if (!t.note().isEmpty()) {
                sb.append("<p class=\"note\">").append(esc(t.note())).append("</p>\n");
            }
            if (t.name().equals("comparisons") && t.rows().size() > 60) {
                sb.append("<details><summary>").append(t.rows().size()).append(" pairs (")
                        .append(a.differingPairs().size()).append(" differ)</summary>\n");
                table(sb, t);
                sb.append("</details>\n");
            } else {
                table(sb, t);
            }
        }
        if (!figures.isEmpty()) {
            sb.append("<h2 id=\"plots\">Plots</h2>\n");
            figures.forEach(f -> sb.append(f).append('\n'));
        }
        if (!params.isEmpty()) {
            sb.append("<h2 id=\"parameters\">Run parameters</h2>\n<table>\n");
            for (Map.Entry<String, Object> e : params.entrySet()) {
                sb.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(String.valueOf(e.getValue())))
                        .append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private static void table(StringBuilder sb, AnalysisTable t) {
        sb.append("<div class=\"scroll\"><table>\n<tr>");
        t.header().forEach(h -> sb.append("<th>").append(esc(h)).append("</th>"));
        sb.append("</tr>\n");
        for (List<String> row : t.rows()) {
            sb.append("<tr>");
            row.forEach(c -> sb.append("<td>").append(esc(c)).append("</td>"));
            sb.append("</tr>\n");
        }
        sb.append("</table></div>\n");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
