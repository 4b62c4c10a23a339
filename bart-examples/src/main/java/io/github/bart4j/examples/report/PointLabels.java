package io.github.bart4j.examples.report;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Names scatter points without letting the names overlap: a greedy placement in pixel space. Each
 * point, taken in order, gets the first spot around it (above, below, right, left, the diagonals,
 * then the same farther out) whose label box stays inside the plot and overlaps no point, no label
 * already placed and no reserved box (the legend); a label placed away from its point gets a thin
 * leader line. A label that finds no free spot goes to the spot that overlaps least.
 *
 * <p>The plot area is estimated from the chart's size (XChart does not expose it before painting),
 * so the axis ranges must be set on the chart and passed here; the estimate is within a few pixels
 * for the report's charts, and each box carries a margin for that.
 */
final class PointLabels {

    static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color TEXT = new Color(50, 50, 50);
    private static final Color LEADER = new Color(120, 120, 120, 160);
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
    private static final double MARKER = 7; // half a marker, with margin, in pixels

    /** The plot area in chart pixels and the data ranges it shows. */
    record Frame(double left, double top, double right, double bottom, double xMin, double xMax, double yMin,
                 double yMax) {

        /** The plot area of a report chart of this size whose axis ranges are set as given. */
        static Frame of(XYChart chart, double xMin, double xMax, double yMin, double yMax) {
            // chart padding 14, y tick labels and title on the left, title on top, x ticks and title below
            return new Frame(78, 46, chart.getWidth() - 18, chart.getHeight() - 64, xMin, xMax, yMin, yMax);
        }

        double px(double x) {
            return left + (x - xMin) / (xMax - xMin) * (right - left);
        }

        double py(double y) {
            return bottom - (y - yMin) / (yMax - yMin) * (bottom - top);
        }

        double dataX(double px) {
            return xMin + (px - left) / (right - left) * (xMax - xMin);
        }

        double dataY(double py) {
            return yMin + (bottom - py) / (bottom - top) * (yMax - yMin);
        }
    }

    private PointLabels() {
    }

    /** A box in pixels reserved from labels, e.g. the legend: left, top, width, height. */
    static Rectangle2D reserve(double left, double top, double width, double height) {
        return new Rectangle2D.Double(left, top, width, height);
    }

    /**
     * Places {@code names[i]} near point ({@code x[i]}, {@code y[i]}) (points with a {@code NaN}
     * coordinate are skipped) and adds the labels to {@code chart}.
     *
     * @return each label's box in pixels (for tests: none overlaps another when there was room)
     */
    static List<Rectangle2D> place(XYChart chart, Frame frame, double[] x, double[] y, List<String> names,
                                   List<Rectangle2D> reserved) {
        chart.getStyler().setAnnotationTextFont(FONT);
        chart.getStyler().setAnnotationTextFontColor(TEXT);
        List<Rectangle2D> obstacles = new ArrayList<>(reserved);
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                obstacles.add(new Rectangle2D.Double(frame.px(x[i]) - MARKER, frame.py(y[i]) - MARKER, 2 * MARKER,
                        2 * MARKER));
            }
        }
        Rectangle2D area = new Rectangle2D.Double(frame.left(), frame.top(), frame.right() - frame.left(),
                frame.bottom() - frame.top());
        List<Rectangle2D> placed = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
                placed.add(null);
                continue;
            }
            Rectangle2D text = FONT.getStringBounds(names.get(i), FRC);
            double w = text.getWidth() + 4;
            double h = text.getHeight() + 1;
            double px = frame.px(x[i]);
            double py = frame.py(y[i]);
            Rectangle2D best = null;
            double bestOverlap = Double.POSITIVE_INFINITY;
            boolean bestFar = false;
            search:
            for (int ring = 1; ring <= 6; ring++) {
                for (double[] d : candidates(w, h, ring)) {
                    Rectangle2D box = new Rectangle2D.Double(px + d[0] - w / 2, py + d[1] - h / 2, w, h);
                    if (!area.contains(box)) {
                        continue;
                    }
                    double overlap = 0;
                    for (Rectangle2D o : obstacles) {
                        Rectangle2D cut = o.createIntersection(box);
                        if (cut.getWidth() > 0 && cut.getHeight() > 0) {
                            overlap += cut.getWidth() * cut.getHeight();
                        }
                    }
                    if (overlap < bestOverlap) {
                        best = box;
                        bestOverlap = overlap;
                        bestFar = ring > 1;
                    }
                    if (overlap == 0) {
                        break search;
                    }
                }
            }
            if (best == null) { // no spot inside the plot at all: just above the point
                best = new Rectangle2D.Double(px - w / 2, py - MARKER - h, w, h);
                bestFar = false;
            }
            obstacles.add(best);
            placed.add(best);
            chart.addAnnotation(new AnnotationText(names.get(i), frame.dataX(best.getCenterX()),
                    frame.dataY(best.getCenterY()), false));
            if (bestFar) {
                leader(chart, frame, i, px, py, best);
            }
        }
        return placed;
    }

    /** Label centres around a point: the 8 spots next to it, {@code ring} times as far out. */
    private static List<double[]> candidates(double w, double h, int ring) {
        double gapY = MARKER + h / 2 + 1;
        double gapX = MARKER + w / 2 + 2;
        double k = ring == 1 ? 1 : 1 + (ring - 1) * 0.9;
        double up = -gapY * k;
        double down = gapY * k;
        double right = gapX + (ring - 1) * 14;
        double left = -right;
        return List.of(new double[] {0, up}, new double[] {0, down}, new double[] {right, 0}, new double[] {left, 0},
                new double[] {right, up}, new double[] {left, up}, new double[] {right, down},
                new double[] {left, down});
    }

    /** A thin line from the point to the nearest edge of its label. */
    private static void leader(XYChart chart, Frame frame, int i, double px, double py, Rectangle2D box) {
        double ex = Math.max(box.getMinX(), Math.min(px, box.getMaxX()));
        double ey = Math.max(box.getMinY(), Math.min(py, box.getMaxY()));
        XYSeries s = chart.addSeries("label leader " + i, new double[] {frame.dataX(px), frame.dataX(ex)},
                new double[] {frame.dataY(py), frame.dataY(ey)});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(LEADER);
        s.setLineStyle(new BasicStroke(0.8f));
        s.setShowInLegend(false);
    }
}
