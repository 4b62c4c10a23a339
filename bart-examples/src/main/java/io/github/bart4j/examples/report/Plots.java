package io.github.bart4j.examples.report;

import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.agents.ExpectedUtility;
import io.github.bart4j.core.analysis.Analysis;
import io.github.bart4j.core.analysis.FitTable;
import io.github.bart4j.core.analysis.GroupSummary;
import io.github.bart4j.core.analysis.ImpliedRiskAversion;
import io.github.bart4j.core.analysis.ModelFit;
import org.hipparchus.stat.descriptive.rank.Percentile;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the report's charts from an {@link Analysis}. Participants keep one order in every chart. */
final class Plots {

    static final int WIDTH = 1100;
    private static final Color POINT = new Color(31, 90, 160);
    private static final Color BAR = new Color(31, 90, 160, 150);
    private static final Color REFERENCE = new Color(200, 60, 40);
    private static final Color FAINT = new Color(120, 120, 120, 70);
    private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TITLES = new Font(Font.SANS_SERIF, Font.BOLD, 15);

    /** A chart with the file stem it is saved under and a caption. */
    record Plot(String name, String caption, XYChart chart) {
    }

    private Plots() {
    }

    static List<Plot> all(Analysis analysis) {
        List<GroupSummary> rows = overall(analysis);
        List<Plot> plots = new ArrayList<>();
        if (rows.isEmpty()) {
            return plots; // nothing was played without error: the report holds only its tables
        }
        plots.add(adjustedPumps(rows, analysis));
        plots.add(pumpBoxes(rows, analysis));
        plots.add(burstVsPumps(rows, analysis));
        plots.add(pumpsOverBalloons(analysis));
        if (analysis.design().classicRules() && !analysis.riskAversion().isEmpty()) {
            plots.add(impliedGamma(rows, analysis));
        }
        for (FitTable t : analysis.fits()) {
            for (String p : t.model().parameterNames()) {
                // no plot of nothing: when every participant is deterministic (not fitted), the fit table says so
                if (t.rows().stream().anyMatch(f -> f.fitted() && Double.isFinite(f.parameter(p)))) {
                    plots.add(parameter(rows, t, p));
                }
            }
        }
        return plots;
    }

    /** Per-participant rows (not per type), sorted by adjusted pumps, highest first. */
    static List<GroupSummary> overall(Analysis analysis) {
        List<GroupSummary> rows = new ArrayList<>(analysis.summaries().stream()
                .filter(s -> s.balloonType().isEmpty() && s.balloons() > 0).toList());
        rows.sort(Comparator.comparingDouble((GroupSummary s) -> {
            double v = s.adjustedPumps().value();
            return Double.isNaN(v) ? Double.POSITIVE_INFINITY : -v;
        }));
        return rows;
    }

    static String label(String participant, String persona) {
        return persona.isEmpty() ? participant : participant + " [" + persona + "]";
    }

    private static List<String> labels(List<GroupSummary> rows) {
        return rows.stream().map(s -> label(s.participant(), s.persona())).toList();
    }

    /** Row labels with the balloons behind each row: "name (n 50, 3 errored)". */
    private static List<String> display(List<GroupSummary> rows) {
        return rows.stream().map(s -> label(s.participant(), s.persona()) + " (n " + s.balloons()
                + (s.errored() > 0 ? ", " + s.errored() + " errored)" : ")")).toList();
    }

    // ---- charts

    static Plot adjustedPumps(List<GroupSummary> rows, Analysis a) {
        int n = rows.size();
        double[] v = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rows.get(i).adjustedPumps().value();
            lo[i] = rows.get(i).adjustedPumps().lower();
            hi[i] = rows.get(i).adjustedPumps().upper();
        }
        XYChart c = rowChart("Adjusted pumps (mean pumps on balloons that did not burst)",
                "adjusted pumps, " + pct(a) + " bootstrap interval", display(rows));
        intervals(c, v, lo, hi);
        evLine(c, a);
        return new Plot("adjusted_pumps", "Adjusted pumps per participant with " + pct(a)
                + " bootstrap intervals; the red line is the expected-value-optimal plan.", c);
    }

    static Plot pumpBoxes(List<GroupSummary> rows, Analysis a) {
        Map<String, List<Integer>> pumps = new LinkedHashMap<>();
        for (BalloonResult r : a.results()) {
            if (!r.isError()) {
                pumps.computeIfAbsent(label(r.participant(), r.persona()), k -> new ArrayList<>()).add(r.pumps());
            }
        }
        List<String> names = labels(rows);
        int n = names.size();
        XYChart c = rowChart("Pumps per balloon", "pumps (box: quartiles, diamond: median, whiskers: 1.5 IQR, dots: outliers)",
                display(rows));
        List<Double> outX = new ArrayList<>();
        List<Double> outY = new ArrayList<>();
        double[] med = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double[] d = pumps.getOrDefault(names.get(i), List.of()).stream().mapToDouble(Integer::doubleValue).toArray();
            y[i] = n - i;
            if (d.length == 0) {
                med[i] = Double.NaN;
                continue;
            }
            Arrays.sort(d);
            Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
            p.setData(d);
            double q1 = p.evaluate(25);
            double q3 = p.evaluate(75);
            med[i] = p.evaluate(50);
            double iqr = q3 - q1;
            double wlo = d[0];
            double whi = d[d.length - 1];
            for (double x : d) {
                if (x >= q1 - 1.5 * iqr) {
                    wlo = x;
                    break;
                }
            }
            for (int k = d.length - 1; k >= 0; k--) {
                if (d[k] <= q3 + 1.5 * iqr) {
                    whi = d[k];
                    break;
                }
            }
            for (double x : d) {
                if (x < wlo || x > whi) {
                    outX.add(x);
                    outY.add(y[i]);
                }
            }
            segment(c, "whisker " + i, wlo, whi, y[i], POINT, 1.5f);
            // a zero-width box is drawn as a short bar so a constant participant stays visible
            double boxLo = q3 > q1 ? q1 : q1 - 0.15;
            double boxHi = q3 > q1 ? q3 : q3 + 0.15;
            segment(c, "box " + i, boxLo, boxHi, y[i], BAR, 12f);
        }
        XYSeries m = c.addSeries("median", med, y);
        m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        m.setMarker(SeriesMarkers.DIAMOND);
        m.setMarkerColor(Color.BLACK);
        if (!outX.isEmpty()) {
            XYSeries o = c.addSeries("outliers", outX, outY);
            o.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            o.setMarker(SeriesMarkers.CIRCLE);
            o.setMarkerColor(FAINT.darker());
        }
        evLine(c, a);
        return new Plot("pumps_boxplot", "Distribution of pumps per balloon (the bursting pump counted); the red line is the"
                + " expected-value-optimal plan.", c);
    }

    static Plot burstVsPumps(List<GroupSummary> rows, Analysis a) {
        XYChart c = baseChart("Burst rate against average pumps", "average pumps per balloon", "burst rate", 700);
        c.getStyler().setLegendVisible(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        List<Balloon> balloons = a.results().stream().filter(r -> !r.isError()).map(BalloonResult::balloon).toList();
        int maxCap = balloons.stream().mapToInt(Balloon::capacity).max().orElse(1);
        double[] planX = new double[maxCap + 1];
        double[] planY = new double[maxCap + 1];
        for (int k = 0; k <= maxCap; k++) {
            int plan = k;
            double[] e = expectedOfPlan(balloons, b -> plan);
            planX[k] = e[0];
            planY[k] = e[1];
        }
        XYSeries plans = c.addSeries("fixed plans: pump k times", planX, planY);
        plans.setMarker(SeriesMarkers.NONE);
        plans.setLineColor(FAINT.darker());
        plans.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {5f, 4f}, 0f));
        double[] x = rows.stream().mapToDouble(s -> s.avgPumps().value()).toArray();
        double[] y = rows.stream().mapToDouble(s -> s.burstRate().value()).toArray();
        XYSeries models = c.addSeries("participants", x, y);
        models.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        models.setMarker(SeriesMarkers.CIRCLE);
        models.setMarkerColor(BAR);
        c.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        c.getStyler().setAnnotationTextFontColor(new Color(60, 60, 60));
        for (int i = 0; i < rows.size(); i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) { // each point names its participant, just above it
                c.addAnnotation(new AnnotationText(label(rows.get(i).participant(), rows.get(i).persona()), x[i],
                        y[i] + 0.022, false));
            }
        }
        double[] ev = expectedOfPlan(balloons, b -> ExpectedUtility.evOptimalPumps(b.minThreshold(), b.capacity()));
        XYSeries evPoint = c.addSeries("EV-optimal plan", new double[] {ev[0]}, new double[] {ev[1]});
        evPoint.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        evPoint.setMarker(SeriesMarkers.DIAMOND);
        evPoint.setMarkerColor(REFERENCE);
        c.getStyler().setMarkerSize(11);
        c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setXAxisMin(0.0);
        return new Plot("burst_vs_pumps", "Each participant's burst rate against its average pumps; the dashed line shows"
                + " every fixed plan on this schedule, the red diamond the expected-value-optimal one.", c);
    }

    /** Expected pumps (bursting pump counted) and burst probability of a plan, averaged over the balloons' ranges. */
    private static double[] expectedOfPlan(List<Balloon> balloons, java.util.function.ToIntFunction<Balloon> plan) {
        if (balloons.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double pumps = 0;
        double burst = 0;
        for (Balloon b : balloons) {
            int k = plan.applyAsInt(b);
            int min = b.minThreshold();
            int max = b.capacity();
            double width = max - min + 1;
            // threshold T uniform on [min, max]: burst when T <= k, then the pumps are T
            for (int t = min; t <= max; t++) {
                pumps += (t <= k ? t : k) / width;
            }
            burst += 1.0 - ExpectedUtility.survival(k, min, max);
        }
        return new double[] {pumps / balloons.size(), burst / balloons.size()};
    }

    static Plot pumpsOverBalloons(Analysis a) {
        XYChart c = baseChart("Pumps over the balloons played", "balloon (position in play order)", "pumps", 600);
        c.getStyler().setLegendVisible(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        Map<String, List<BalloonResult>> bySubject = new LinkedHashMap<>();
        for (BalloonResult r : a.results()) {
            if (!r.isError()) {
                bySubject.computeIfAbsent(label(r.participant(), r.persona()), k -> new ArrayList<>()).add(r);
            }
        }
        int longest = 0;
        List<double[]> series = new ArrayList<>();
        for (List<BalloonResult> rs : bySubject.values()) {
            rs.sort(Comparator.comparingInt(BalloonResult::epoch).thenComparingInt(r -> r.balloon().id()));
            double[] p = rs.stream().mapToDouble(BalloonResult::pumps).toArray();
            series.add(p);
            longest = Math.max(longest, p.length);
        }
        int i = 0;
        for (double[] p : series) {
            XYSeries s = c.addSeries("p" + i++, index(p.length), p);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(SeriesLines.SOLID);
            s.setLineColor(FAINT);
            s.setLineWidth(1f);
            s.setShowInLegend(false);
        }
        double[] mean = new double[longest];
        for (int k = 0; k < longest; k++) {
            double sum = 0;
            int cnt = 0;
            for (double[] p : series) {
                if (k < p.length) {
                    sum += p[k];
                    cnt++;
                }
            }
            mean[k] = sum / cnt;
        }
        if (longest > 0) {
            XYSeries m = c.addSeries("mean over participants", index(longest), mean);
            m.setMarker(SeriesMarkers.NONE);
            m.setLineStyle(SeriesLines.SOLID);
            m.setLineColor(POINT);
            m.setLineWidth(3f);
        }
        XYSeries grey = c.addSeries("one participant", new double[] {1}, new double[] {Double.NaN});
        grey.setMarker(SeriesMarkers.NONE);
        grey.setLineStyle(SeriesLines.SOLID);
        grey.setLineColor(FAINT.darker());
        c.getStyler().setXAxisMin(1.0).setYAxisMin(0.0);
        return new Plot("pumps_over_balloons", "Pumps on each balloon in play order: one grey line per participant and"
                + " their mean; the slopes table gives each participant's trend.", c);
    }

    static Plot impliedGamma(List<GroupSummary> rows, Analysis a) {
        Map<String, ImpliedRiskAversion> by = new LinkedHashMap<>();
        a.riskAversion().forEach(r -> by.put(label(r.participant(), r.persona()), r));
        List<String> names = labels(rows);
        int n = names.size();
        double[] v = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            ImpliedRiskAversion r = by.get(names.get(i));
            v[i] = r == null ? Double.NaN : r.gamma();
            lo[i] = r == null ? Double.NaN : r.lower();
            hi[i] = r == null ? Double.NaN : r.upper();
        }
        XYChart c = rowChart("Implied CRRA risk aversion",
                "gamma (2 averse, 1 log, 0 neutral, -1 seeking), " + pct(a) + " profile-likelihood interval", display(rows));
        intervals(c, v, lo, hi);
        c.addAnnotation(referenceLine(0.0));
        return new Plot("implied_gamma", "CRRA coefficient whose noisy expected-utility agent best explains each"
                + " participant's decisions; the red line is risk neutrality.", c);
    }

    static Plot parameter(List<GroupSummary> rows, FitTable t, String parameter) {
        Map<String, ModelFit> by = new LinkedHashMap<>();
        t.rows().forEach(f -> by.put(label(f.participant(), f.persona()), f));
        List<String> names = labels(rows);
        int n = names.size();
        double[] v = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        List<String> shown = new ArrayList<>(display(rows));
        for (int i = 0; i < n; i++) {
            ModelFit f = by.get(names.get(i));
            v[i] = f == null ? Double.NaN : f.parameter(parameter);
            lo[i] = f == null ? Double.NaN : f.interval(parameter)[0];
            hi[i] = f == null ? Double.NaN : f.interval(parameter)[1];
            if (f != null && !f.fitted()) {
                shown.set(i, shown.get(i) + " deterministic");
            } else if (f != null && f.atBound().contains(parameter)) {
                shown.set(i, shown.get(i) + " at bound");
            }
        }
        boolean logScale = !parameter.equals("phi") && !parameter.equals("rho")
                && !(t.model().label().equals("ewmv") && parameter.equals("eta"))
                && Arrays.stream(v).filter(x -> !Double.isNaN(x)).allMatch(x -> x > 0);
        XYChart c = rowChart(t.model().label() + " fit: " + parameter,
                parameter + " (maximum likelihood, 95% Wald interval" + (logScale ? ", log scale" : "") + ")", shown);
        c.getStyler().setXAxisLogarithmic(logScale);
        if (!logScale) {
            c.getStyler().setXAxisDecimalPattern("0.###");
        }
        intervals(c, v, lo, hi);
        return new Plot("fit_" + t.model().label() + "_" + parameter, "Fitted " + t.model().label() + " parameter "
                + parameter + " per participant.", c);
    }

    // ---- building blocks

    private static XYChart baseChart(String title, String xTitle, String yTitle, int height) {
        XYChart c = new XYChart(WIDTH, height);
        c.setTitle(title);
        c.setXAxisTitle(xTitle);
        c.setYAxisTitle(yTitle);
        var s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setLegendVisible(false);
        s.setAxisTickLabelsFont(TICKS);
        s.setAxisTitleFont(TICKS);
        s.setChartTitleFont(TITLES);
        s.setLegendFont(TICKS);
        s.setMarkerSize(9);
        s.setAntiAlias(true);
        s.setChartPadding(14);
        s.setAnnotationLineColor(REFERENCE);
        s.setAnnotationLineStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                new float[] {6f, 4f}, 0f));
        return c;
    }

    /** A chart with one row per name (first name on top) and a numeric x axis. */
    private static XYChart rowChart(String title, String xTitle, List<String> names) {
        int n = Math.max(names.size(), 1);
        XYChart c = baseChart(title, xTitle, null, Math.max(320, 130 + 24 * n));
        var s = c.getStyler();
        s.setYAxisMin(0.0).setYAxisMax(n + 1.0);
        s.setYAxisTickMarkSpacingHint(16);
        s.setYAxisTitleVisible(false);
        s.setPlotGridHorizontalLinesVisible(true);
        // XChart drops every tick label when two are equal, so ticks between rows get distinct blanks
        c.setCustomYAxisTickLabelsFormatter(y -> {
            long k = Math.round(y);
            if (Math.abs(y - k) > 1e-6 || k < 1 || k > names.size()) {
                return " ".repeat((int) Math.round(Math.abs(y) * 4) + 1);
            }
            return names.get(names.size() - (int) k);
        });
        return c;
    }

    /** Dots at {@code v} with horizontal interval bars, row {@code i} at height {@code n - i}. */
    private static void intervals(XYChart c, double[] v, double[] lo, double[] hi) {
        int n = v.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = n - i;
            if (!Double.isNaN(lo[i]) && !Double.isNaN(hi[i]) && hi[i] > lo[i]) {
                segment(c, "interval " + i, lo[i], hi[i], y[i], BAR, 3f);
            }
        }
        XYSeries dots = c.addSeries("estimate", v, y);
        dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        dots.setMarker(SeriesMarkers.CIRCLE);
        dots.setMarkerColor(POINT);
    }

    private static void segment(XYChart c, String name, double from, double to, double y, Color color, float width) {
        XYSeries s = c.addSeries(name, new double[] {from, to}, new double[] {y, y});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        s.setShowInLegend(false);
    }

    /** A vertical line at the EV-optimal plan when every balloon has the same burst range. */
    private static void evLine(XYChart c, Analysis a) {
        List<Balloon> balloons = a.results().stream().filter(r -> !r.isError()).map(BalloonResult::balloon).toList();
        if (balloons.isEmpty()) {
            return;
        }
        Balloon first = balloons.get(0);
        boolean single = balloons.stream().allMatch(b -> b.minThreshold() == first.minThreshold()
                && b.capacity() == first.capacity());
        if (single) {
            c.addAnnotation(referenceLine(ExpectedUtility.evOptimalPumps(first.minThreshold(), first.capacity())));
        }
    }

    private static AnnotationLine referenceLine(double x) {
        return new AnnotationLine(x, true, false);
    }

    private static double[] index(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    private static String pct(Analysis a) {
        double p = a.options().confidenceLevel() * 100;
        return (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)) + "%";
    }
}
