package io.github.bart4j.examples.report;

import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.agents.ExpectedUtility;
import io.github.bart4j.core.analysis.Analysis;
import io.github.bart4j.core.analysis.FitTable;
import io.github.bart4j.core.analysis.GroupSummary;
import io.github.bart4j.core.analysis.ImpliedRiskAversion;
import io.github.bart4j.core.analysis.Ladder;
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
        List<Facet> facets = facets(analysis, rows);
        plots.add(adjustedPumps(rows, analysis));
        if (!facets.isEmpty()) {
            plots.add(adjustedPumpsFaceted(facets, analysis));
        }
        plots.add(pumpBoxes(rows, analysis));
        if (!facets.isEmpty()) {
            plots.add(pumpBoxesFaceted(facets, analysis));
        }
        plots.add(burstVsPumps(rows, facets, analysis));
        plots.add(pumpsOverBalloons(analysis));
        if (!analysis.ladder().isEmpty()) {
            plots.add(ladder(analysis.ladder(), "mean pumps per balloon", analysis.options().confidenceLevel()));
        }
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

    /** One panel of a faceted chart: a title ("type blue", "persona bold") and its rows. */
    record Facet(String title, List<GroupSummary> rows, java.util.function.Predicate<Balloon> balloons) {
    }

    /**
     * The facets the design has: one per balloon type when the balloons are typed (rows: each
     * participant's summary on that type), else one per persona when there are several (rows: the
     * participants, in one order in every facet); none otherwise.
     */
    static List<Facet> facets(Analysis a, List<GroupSummary> overall) {
        List<Facet> out = new ArrayList<>();
        if (a.design().typed()) {
            for (String type : a.design().balloonTypes()) {
                List<GroupSummary> rows = new ArrayList<>();
                for (GroupSummary o : overall) {
                    a.summaries().stream().filter(s -> s.balloonType().equals(type) && s.balloons() > 0
                            && s.participant().equals(o.participant()) && s.persona().equals(o.persona()))
                            .findFirst().ifPresent(rows::add);
                }
                if (!rows.isEmpty()) {
                    out.add(new Facet("type " + type, rows, b -> b.type().equals(type)));
                }
            }
        } else if (a.design().personas().size() >= 2) {
            List<String> participants = overall.stream().map(GroupSummary::participant).distinct().toList();
            for (String persona : a.design().personas()) {
                List<GroupSummary> rows = new ArrayList<>();
                for (String participant : participants) {
                    overall.stream().filter(s -> s.participant().equals(participant) && s.persona().equals(persona))
                            .findFirst().ifPresent(rows::add);
                }
                if (!rows.isEmpty()) {
                    out.add(new Facet("persona " + (persona.isEmpty() ? "none" : persona), rows, b -> true));
                }
            }
        }
        return out;
    }

    /** "type" or "persona": what the facets split by. */
    private static String facetKind(List<Facet> facets) {
        return facets.get(0).title().startsWith("type ") ? "type" : "persona";
    }

    /**
     * A facet row's label: participant, persona and (when the facets are types) the type, with n and
     * errored; distinct across facets, as XChart drops tick labels when two are equal.
     */
    private static String facetRowLabel(GroupSummary s, boolean byType) {
        String name = label(s.participant(), s.persona()) + (byType ? ", " + s.balloonType() : "");
        return name + " (n " + s.balloons() + (s.errored() > 0 ? ", " + s.errored() + " errored)" : ")");
    }

    private static String facetHeader(Facet f) {
        return "\u2014 " + f.title() + " \u2014";
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
        List<double[]> data = new ArrayList<>();
        for (String name : labels(rows)) {
            data.add(pumps.getOrDefault(name, List.of()).stream().mapToDouble(Integer::doubleValue).toArray());
        }
        XYChart c = rowChart("Pumps per balloon", BOX_AXIS, display(rows));
        boxes(c, data);
        evLine(c, a);
        return new Plot("pumps_boxplot", "Distribution of pumps per balloon (the bursting pump counted); the red line is the"
                + " expected-value-optimal plan.", c);
    }

    private static final String BOX_AXIS = "pumps (box: quartiles, diamond: median, whiskers: 1.5 IQR, dots: outliers)";

    /** The boxplot per facet: per balloon type or per persona, one panel under another on one axis. */
    static Plot pumpBoxesFaceted(List<Facet> facets, Analysis a) {
        boolean byType = facetKind(facets).equals("type");
        Map<String, List<Integer>> pumps = new LinkedHashMap<>();
        for (BalloonResult r : a.results()) {
            if (!r.isError()) {
                pumps.computeIfAbsent(r.participant() + '\u0000' + r.persona() + '\u0000' + (byType ? r.balloon().type() : ""),
                        k -> new ArrayList<>()).add(r.pumps());
            }
        }
        List<String> names = new ArrayList<>();
        List<double[]> data = new ArrayList<>();
        for (Facet f : facets) {
            names.add(facetHeader(f));
            data.add(null);
            for (GroupSummary s : f.rows()) {
                names.add(facetRowLabel(s, byType));
                data.add(pumps.getOrDefault(s.participant() + '\u0000' + s.persona() + '\u0000' + s.balloonType(), List.of())
                        .stream().mapToDouble(Integer::doubleValue).toArray());
            }
        }
        XYChart c = rowChart("Pumps per balloon, by " + facetKind(facets), BOX_AXIS, names);
        boxes(c, data);
        facetReferences(c, facets, names.size(), a);
        return new Plot("pumps_boxplot_by_" + facetKind(facets), "Distribution of pumps per balloon in each "
                + facetKind(facets) + " (the bursting pump counted); red lines: the expected-value-optimal plan"
                + (byType ? " of each type." : "."), c);
    }

    /** Box, whiskers, median and outliers for each row; row {@code i} at height {@code n - i}, {@code null} rows empty. */
    private static void boxes(XYChart c, List<double[]> data) {
        int n = data.size();
        List<Double> outX = new ArrayList<>();
        List<Double> outY = new ArrayList<>();
        double[] med = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double[] d = data.get(i);
            y[i] = n - i;
            if (d == null || d.length == 0) {
                med[i] = Double.NaN;
                continue;
            }
            d = d.clone();
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
    }

    /** Adjusted pumps with intervals per facet: per balloon type or per persona, one panel under another. */
    static Plot adjustedPumpsFaceted(List<Facet> facets, Analysis a) {
        boolean byType = facetKind(facets).equals("type");
        List<String> names = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (Facet f : facets) {
            names.add(facetHeader(f));
            values.add(new double[] {Double.NaN, Double.NaN, Double.NaN});
            for (GroupSummary s : f.rows()) {
                names.add(facetRowLabel(s, byType));
                values.add(new double[] {s.adjustedPumps().value(), s.adjustedPumps().lower(), s.adjustedPumps().upper()});
            }
        }
        XYChart c = rowChart("Adjusted pumps, by " + facetKind(facets),
                "adjusted pumps, " + pct(a) + " bootstrap interval", names);
        intervals(c, values.stream().mapToDouble(v -> v[0]).toArray(), values.stream().mapToDouble(v -> v[1]).toArray(),
                values.stream().mapToDouble(v -> v[2]).toArray());
        facetReferences(c, facets, names.size(), a);
        return new Plot("adjusted_pumps_by_" + facetKind(facets), "Adjusted pumps in each " + facetKind(facets) + " with "
                + pct(a) + " bootstrap intervals; red lines: the expected-value-optimal plan"
                + (byType ? " of each type." : "."), c);
    }

    /**
     * The expected-value-optimal plan of each facet's balloons as a red line over its rows (types have
     * their own ranges); one line for the whole chart when every balloon has the same range.
     */
    private static void facetReferences(XYChart c, List<Facet> facets, int rows, Analysis a) {
        List<Balloon> played = a.results().stream().filter(r -> !r.isError()).map(BalloonResult::balloon).toList();
        int top = rows;
        for (Facet f : facets) {
            List<Balloon> own = played.stream().filter(f.balloons()).toList();
            int first = top - 1; // the facet's first row under its header
            int last = top - f.rows().size();
            top = last - 1;
            if (own.isEmpty()) {
                continue;
            }
            Balloon b = own.get(0);
            if (own.stream().allMatch(o -> o.minThreshold() == b.minThreshold() && o.capacity() == b.capacity())) {
                double ev = ExpectedUtility.evOptimalPumps(b.minThreshold(), b.capacity());
                XYSeries s = c.addSeries("ev " + f.title(), new double[] {ev, ev}, new double[] {first + 0.45, last - 0.45});
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(REFERENCE);
                s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                        new float[] {6f, 4f}, 0f));
                s.setShowInLegend(false);
            }
        }
    }

    static Plot burstVsPumps(List<GroupSummary> rows, List<Facet> facets, Analysis a) {
        int height = 700;
        XYChart c = baseChart(facets.isEmpty() ? "Burst rate against average pumps"
                : "Burst rate against average pumps, by " + facetKind(facets), "average pumps per balloon", "burst rate", height);
        c.getStyler().setLegendVisible(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        List<Balloon> balloons = a.results().stream().filter(r -> !r.isError()).map(BalloonResult::balloon).toList();
        boolean byType = !facets.isEmpty() && facetKind(facets).equals("type");
        // one group of points per facet (all participants when there are none), each with its colour
        List<Facet> groups = facets.isEmpty() ? List.of(new Facet("participants", rows, b -> true)) : facets;
        List<String> legend = new ArrayList<>();
        double xMax = 1;
        List<double[]> planCurves = new ArrayList<>();
        for (Facet g : byType ? groups : List.of(new Facet("", rows, b -> true))) {
            List<Balloon> own = balloons.stream().filter(g.balloons()).toList();
            int maxCap = own.stream().mapToInt(Balloon::capacity).max().orElse(1);
            double[] planX = new double[maxCap + 1];
            double[] planY = new double[maxCap + 1];
            for (int k = 0; k <= maxCap; k++) {
                int plan = k;
                double[] e = expectedOfPlan(own, b -> plan);
                planX[k] = e[0];
                planY[k] = e[1];
                xMax = Math.max(xMax, e[0]);
            }
            planCurves.add(planX);
            planCurves.add(planY);
        }
        for (int i = 0; i < planCurves.size(); i += 2) {
            String name = byType ? "fixed plans, " + groups.get(i / 2).title() : "fixed plans: pump k times";
            XYSeries plans = c.addSeries(name, planCurves.get(i), planCurves.get(i + 1));
            plans.setMarker(SeriesMarkers.NONE);
            plans.setLineColor(byType ? faded(color(i / 2)) : FAINT.darker());
            plans.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {5f, 4f}, 0f));
            legend.add(name);
        }
        List<Double> allX = new ArrayList<>();
        List<Double> allY = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int gi = 0; gi < groups.size(); gi++) {
            Facet g = groups.get(gi);
            double[] x = g.rows().stream().mapToDouble(s -> s.avgPumps().value()).toArray();
            double[] y = g.rows().stream().mapToDouble(s -> s.burstRate().value()).toArray();
            XYSeries points = c.addSeries(g.title(), x, y);
            points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            points.setMarker(SeriesMarkers.CIRCLE);
            points.setMarkerColor(facets.isEmpty() ? BAR : color(gi));
            legend.add(g.title());
            for (int i = 0; i < x.length; i++) {
                GroupSummary s = g.rows().get(i);
                allX.add(x[i]);
                allY.add(y[i]);
                names.add(facets.isEmpty() || byType ? label(s.participant(), s.persona()) : s.participant());
                if (!Double.isNaN(x[i])) {
                    xMax = Math.max(xMax, x[i]);
                }
            }
        }
        double[] ev = expectedOfPlan(balloons, b -> ExpectedUtility.evOptimalPumps(b.minThreshold(), b.capacity()));
        if (!byType) { // a typed schedule has one EV-optimal plan per type: the red lines of the by-type plots
            XYSeries evPoint = c.addSeries("EV-optimal plan", new double[] {ev[0]}, new double[] {ev[1]});
            evPoint.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            evPoint.setMarker(SeriesMarkers.DIAMOND);
            evPoint.setMarkerColor(REFERENCE);
            legend.add("EV-optimal plan");
        }
        c.getStyler().setMarkerSize(11);
        xMax = Math.ceil(xMax * 1.04);
        c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setXAxisMin(0.0).setXAxisMax(xMax);
        PointLabels.Frame frame = PointLabels.Frame.of(c, 0, xMax, 0, 1);
        List<java.awt.geom.Rectangle2D> reserved = new ArrayList<>(List.of(legendBox(frame, legend)));
        if (!byType && !Double.isNaN(ev[0])) { // the EV-optimal diamond
            reserved.add(PointLabels.reserve(frame.px(ev[0]) - 8, frame.py(ev[1]) - 8, 16, 16));
        }
        PointLabels.place(c, frame, allX.stream().mapToDouble(Double::doubleValue).toArray(),
                allY.stream().mapToDouble(Double::doubleValue).toArray(), names, reserved);
        return new Plot("burst_vs_pumps",
                "Each participant's burst rate against its average pumps"
                + (facets.isEmpty() ? "" : byType ? " on each balloon type" : " under each persona")
                + "; the dashed line" + (byType ? "s show" : " shows") + " every fixed plan on "
                + (byType ? "each type's balloons" : "this schedule")
                + (byType ? "." : ", the red diamond the expected-value-optimal one."), c);
    }

    /** The inside-north-west legend's box in pixels (estimated from its entries), kept free of point labels. */
    private static java.awt.geom.Rectangle2D legendBox(PointLabels.Frame frame, List<String> entries) {
        double widest = entries.stream().mapToDouble(e -> TICKS.getStringBounds(e,
                new java.awt.font.FontRenderContext(null, true, true)).getWidth()).max().orElse(0);
        return PointLabels.reserve(frame.left(), frame.top(), widest + 70, entries.size() * 22 + 16);
    }

    private static final Color[] PALETTE = {new Color(31, 90, 160), new Color(230, 120, 20), new Color(40, 150, 70),
        new Color(140, 70, 170), new Color(160, 90, 50), new Color(20, 150, 160), new Color(200, 60, 130)};

    private static Color color(int i) {
        Color c = PALETTE[i % PALETTE.length];
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 190);
    }

    private static Color faded(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 110);
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
        // a log axis where the parameter is a positive scale spanning a tenfold range or more
        boolean logScale = !parameter.equals("phi") && !parameter.equals("rho")
                && !(t.model().label().equals("ewmv") && parameter.equals("eta"))
                && LogAxis.worth(v, lo, hi);
        XYChart c = rowChart(t.model().label() + " fit: " + parameter,
                parameter + " (maximum likelihood, 95% Wald interval" + (logScale ? ", log scale" : "") + ")", shown);
        if (logScale) {
            LogAxis.onX(c, v, lo, hi);
            intervals(c, LogAxis.log10(v), LogAxis.log10(lo), LogAxis.log10(hi));
        } else {
            c.getStyler().setXAxisDecimalPattern("0.###");
            intervals(c, v, lo, hi);
        }
        return new Plot("fit_" + t.model().label() + "_" + parameter, "Fitted " + t.model().label() + " parameter "
                + parameter + " per participant.", c);
    }

    /**
     * The model ladder: each participant's score against its size (log axis), the least-squares line
     * of the score on log10 size per persona, and dashed lines through the mean point with the slopes
     * at the ends of the slope's interval (the interval of the slope, not a band for the line).
     */
    static Plot ladder(List<Ladder> ladders, String score, double level) {
        XYChart c = baseChart("Model ladder: " + score + " against model size", "model size (log scale)", score, 620);
        c.getStyler().setLegendVisible(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        double lxMin = Double.POSITIVE_INFINITY;
        double lxMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Ladder l : ladders) {
            for (Ladder.Point p : l.points()) {
                lxMin = Math.min(lxMin, Math.log10(p.size()));
                lxMax = Math.max(lxMax, Math.log10(p.size()));
                yMin = Math.min(yMin, p.score());
                yMax = Math.max(yMax, p.score());
            }
        }
        double padX = Math.max(0.08, (lxMax - lxMin) * 0.06);
        lxMin -= padX;
        lxMax += padX;
        List<Double> px = new ArrayList<>();
        List<Double> py = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> legend = new ArrayList<>();
        double[] raw = new double[] {Math.pow(10, lxMin), Math.pow(10, lxMax)};
        for (int i = 0; i < ladders.size(); i++) {
            Ladder l = ladders.get(i);
            String who = l.persona().isEmpty() ? "" : " [" + l.persona() + "]";
            double[] x = l.points().stream().mapToDouble(p -> Math.log10(p.size())).toArray();
            double[] y = l.points().stream().mapToDouble(Ladder.Point::score).toArray();
            XYSeries pts = c.addSeries("participants" + who, x, y);
            pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            pts.setMarker(SeriesMarkers.CIRCLE);
            pts.setMarkerColor(color(i));
            legend.add("participants" + who);
            for (Ladder.Point p : l.points()) {
                px.add(Math.log10(p.size()));
                py.add(p.score());
                names.add(ladders.size() > 1 ? p.participant() + who : p.participant());
            }
            if (Double.isNaN(l.slope())) {
                continue; // one point: no line
            }
            double x0 = Arrays.stream(x).min().orElse(0);
            double x1 = Arrays.stream(x).max().orElse(0);
            String fit = String.format(java.util.Locale.ROOT, "slope %s per tenfold size%s", signed(l.slope()),
                    Double.isNaN(l.lower()) ? "" : String.format(java.util.Locale.ROOT, ", %s%% interval [%s, %s], p %s",
                            pct(level), signed(l.lower()), signed(l.upper()), pValue(l.pValue())));
            XYSeries line = c.addSeries("least squares" + who + ": " + fit, new double[] {x0, x1},
                    new double[] {l.intercept() + l.slope() * x0, l.intercept() + l.slope() * x1});
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(color(i));
            line.setLineWidth(2f);
            legend.add("least squares" + who + ": " + fit);
            yMin = Math.min(yMin, Math.min(l.intercept() + l.slope() * x0, l.intercept() + l.slope() * x1));
            yMax = Math.max(yMax, Math.max(l.intercept() + l.slope() * x0, l.intercept() + l.slope() * x1));
            if (!Double.isNaN(l.lower()) && !Double.isNaN(l.upper())) {
                double mx = Arrays.stream(x).average().orElse(0);
                double my = Arrays.stream(y).average().orElse(0);
                for (double slope : new double[] {l.lower(), l.upper()}) {
                    boolean first = slope == l.lower();
                    double ya = my + slope * (x0 - mx);
                    double yb = my + slope * (x1 - mx);
                    String name = first ? "slopes at the interval's ends" + who : "upper slope" + who;
                    XYSeries band = c.addSeries(name, new double[] {x0, x1}, new double[] {ya, yb});
                    band.setMarker(SeriesMarkers.NONE);
                    band.setLineColor(faded(color(i)));
                    band.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                            new float[] {5f, 4f}, 0f));
                    band.setShowInLegend(first);
                    if (first) {
                        legend.add(name);
                    }
                    yMin = Math.min(yMin, Math.min(ya, yb));
                    yMax = Math.max(yMax, Math.max(ya, yb));
                }
            }
        }
        double padY = Math.max(0.5, (yMax - yMin) * 0.12);
        yMin = Math.max(0, yMin - padY);
        yMax = yMax + padY * (1 + 0.25 * legend.size()); // room for the legend above the points
        c.getStyler().setXAxisMin(lxMin).setXAxisMax(lxMax).setYAxisMin(yMin).setYAxisMax(yMax);
        LogAxis.onX(c, raw);
        PointLabels.Frame frame = PointLabels.Frame.of(c, lxMin, lxMax, yMin, yMax);
        double legendWidth = legend.stream().mapToDouble(e -> TICKS.getStringBounds(e,
                new java.awt.font.FontRenderContext(null, true, true)).getWidth()).max().orElse(0) + 70;
        PointLabels.place(c, frame, px.stream().mapToDouble(Double::doubleValue).toArray(),
                py.stream().mapToDouble(Double::doubleValue).toArray(), names,
                List.of(PointLabels.reserve(frame.right() - legendWidth, frame.top(), legendWidth, legend.size() * 22 + 16)));
        return new Plot("ladder", "Each participant's " + score + " against its size (log axis); the line is the"
                + " least-squares regression on log10 size (the ladder table gives slope, interval and p); dashed:"
                + " lines through the mean with the slopes at the ends of the slope's interval.", c);
    }

    private static String signed(double v) {
        return String.format(java.util.Locale.ROOT, "%+.2f", v);
    }

    private static String pct(double level) {
        return Long.toString(Math.round(level * 100));
    }

    /** A p-value to 3 significant digits, as the analysis tables write it. */
    private static String pValue(double p) {
        return Double.isNaN(p) ? "n/a" : p == 0 ? "0"
                : String.format(java.util.Locale.ROOT, "%.3g", p).replace("e-0", "e-").replace("e+0", "e+");
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
