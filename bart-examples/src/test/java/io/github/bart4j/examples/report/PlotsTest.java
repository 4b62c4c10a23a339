package io.github.bart4j.examples.report;

import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.BalloonType;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.Task;
import io.github.bart4j.core.agents.ScriptedParticipants;
import io.github.bart4j.core.analysis.Analysis;
import io.github.bart4j.core.analysis.AnalysisOptions;
import io.github.bart4j.core.analysis.Ladder;
import io.github.bart4j.core.spi.Participant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Facets, log axes, point labels and the ladder plot of the report. */
class PlotsTest {

    private static final AnalysisOptions FAST = AnalysisOptions.defaults().withBootstrapSamples(100)
            .withImpliedRiskAversion(false);

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static List<BalloonResult> play(Schedule schedule, List<Participant> players, List<String> personas) {
        List<BalloonResult> out = new ArrayList<>();
        for (Participant p : players) {
            for (String persona : personas) {
                for (Balloon b : schedule.balloons()) {
                    BalloonResult r = Task.classic().play(p, b);
                    out.add(new BalloonResult(r.participant(), persona, 1, r.balloon(), r.pumps(), r.burst(),
                            r.earnings(), r.turns(), r.status(), r.error()));
                }
            }
        }
        return out;
    }

    private static List<String> files(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void typed_balloons_get_per_type_facets_personas_per_persona_facets_and_one_group_none(@TempDir Path dir)
            throws IOException {
        Schedule lejuez = Schedule.typed(List.of(new BalloonType("blue", 128, 6), new BalloonType("yellow", 32, 6),
                new BalloonType("orange", 8, 6)), Schedule.Order.SHUFFLED, 0.05, 3);
        List<Participant> two = List.of(ScriptedParticipants.fixed(5), ScriptedParticipants.crra(0.0));
        Report.write(Analysis.of(play(lejuez, two, List.of("")), FAST), dir.resolve("typed"), Map.of());
        assertThat(files(dir.resolve("typed"))).contains("adjusted_pumps_by_type.png", "pumps_boxplot_by_type.png")
                .noneMatch(f -> f.contains("by_persona"));

        Schedule uniform = Schedule.uniform(1, 20, 20, 0.10, 5);
        Report.write(Analysis.of(play(uniform, two, List.of("calm", "bold")), FAST), dir.resolve("personas"), Map.of());
        assertThat(files(dir.resolve("personas"))).contains("adjusted_pumps_by_persona.png",
                "pumps_boxplot_by_persona.png").noneMatch(f -> f.contains("by_type"));

        Report.write(Analysis.of(play(uniform, two, List.of("")), FAST), dir.resolve("plain"), Map.of());
        assertThat(files(dir.resolve("plain"))).contains("adjusted_pumps.png").noneMatch(f -> f.contains("_by_"));
    }

    @Test
    void facet_rows_carry_distinct_labels_so_xchart_keeps_every_row_label() {
        Schedule uniform = Schedule.uniform(1, 20, 20, 0.10, 5);
        Analysis a = Analysis.of(play(uniform, List.of(ScriptedParticipants.fixed(5), ScriptedParticipants.fixed(8)),
                List.of("calm", "bold")), FAST);
        List<Plots.Facet> facets = Plots.facets(a, Plots.overall(a));
        assertThat(facets).extracting(Plots.Facet::title).containsExactly("persona bold", "persona calm");
        XYChart c = Plots.adjustedPumpsFaceted(facets, a).chart();
        List<String> labels = new ArrayList<>();
        for (int row = 1; row <= 6; row++) {
            labels.add(c.getStyler().getyAxisTickLabelsFormattingFunction().apply((double) row)); // the rowChart's formatter, top row = 6
        }
        assertThat(labels).doesNotHaveDuplicates()
                .contains("\u2014 persona bold \u2014", "fixed:5 [calm] (n 20)", "fixed:5 [bold] (n 20)");
    }

    @Test
    void log_axis_labels_name_the_value_at_each_tick() {
        assertThat(LogAxis.label(Math.log10(2.5), 2)).isEqualTo("2.5");
        assertThat(LogAxis.label(0.2, 2)).isEqualTo("1.6"); // 10^0.2 = 1.58
        assertThat(LogAxis.label(Math.log10(40), 2)).isEqualTo("40");
        assertThat(LogAxis.label(Math.log10(0.025), 2)).isEqualTo("0.025");
        assertThat(LogAxis.label(Math.log10(6.3e-6), 2)).isEqualTo("6.3e-6");
        assertThat(LogAxis.label(Math.log10(2e6), 2)).isEqualTo("2e6");
        assertThat(LogAxis.worth(new double[] {3, 72})).isTrue();
        assertThat(LogAxis.worth(new double[] {3, 20})).isFalse(); // under a tenfold range
        assertThat(LogAxis.worth(new double[] {0, 72})).isFalse();
        assertThat(LogAxis.worth(new double[] {Double.NaN, 0.01}, new double[] {1})).isTrue();
    }

    @Test
    void point_labels_in_a_dense_cluster_do_not_overlap_each_other_or_the_points() throws IOException {
        XYChart c = new XYChart(Plots.WIDTH, 700);
        int n = 14;
        double[] x = new double[n];
        double[] y = new double[n];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) { // a cluster about 60 by 60 pixels
            x[i] = 6 + 0.08 * (i % 4) + 0.01 * i;
            y[i] = 0.4 + 0.02 * (i / 4);
            names.add("provider/model-" + i);
        }
        c.addSeries("points", x, y);
        c.getStyler().setXAxisMin(0.0).setXAxisMax(12.0).setYAxisMin(0.0).setYAxisMax(1.0);
        PointLabels.Frame frame = PointLabels.Frame.of(c, 0, 12, 0, 1);
        List<Rectangle2D> boxes = PointLabels.place(c, frame, x, y, names, List.of());
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                assertThat(boxes.get(i).intersects(boxes.get(j))).as("%s and %s", names.get(i), names.get(j)).isFalse();
            }
            for (int k = 0; k < n; k++) {
                assertThat(boxes.get(i).contains(frame.px(x[k]), frame.py(y[k]))).as("label %d over point %d", i, k)
                        .isFalse();
            }
        }
        assertThat(c.getSeriesMap().keySet()).anyMatch(s -> s.startsWith("label leader"));
        BitmapEncoder.getBufferedImage(c); // renders
    }

    @Test
    void the_ladder_plot_draws_the_regression_line_and_the_slopes_at_the_intervals_ends() {
        List<Participant> rungs = List.of(ScriptedParticipants.crra(-1.0), ScriptedParticipants.crra(0.0),
                ScriptedParticipants.crra(1.0), ScriptedParticipants.crra(2.0));
        Map<String, Double> sizes = new LinkedHashMap<>();
        double[] b = {3, 8, 30, 72};
        for (int i = 0; i < rungs.size(); i++) {
            sizes.put(rungs.get(i).name(), b[i]);
        }
        Analysis a = Analysis.of(play(Schedule.uniform(1, 20, 30, 0.10, 9), rungs, List.of("")), FAST.withSizes(sizes));
        Ladder l = a.ladder().get(0);
        XYChart c = Plots.ladder(a.ladder(), "mean pumps per balloon", 0.95).chart();
        XYSeries line = c.getSeriesMap().values().stream().filter(s -> s.getName().startsWith("least squares"))
                .findFirst().orElseThrow();
        assertThat(line.getName()).contains("per tenfold size", "95% interval");
        double[] lx = line.getXData();
        double[] ly = line.getYData();
        assertThat(lx[0]).isCloseTo(Math.log10(3), within(1e-12)); // log10 size on the axis
        assertThat(lx[1]).isCloseTo(Math.log10(72), within(1e-12));
        for (int k = 0; k < 2; k++) {
            assertThat(ly[k]).isCloseTo(l.intercept() + l.slope() * lx[k], within(1e-9));
        }
        double[] slopes = c.getSeriesMap().values().stream()
                .filter(s -> s.getName().startsWith("slopes at") || s.getName().startsWith("upper slope"))
                .mapToDouble(s -> (s.getYData()[1] - s.getYData()[0]) / (s.getXData()[1] - s.getXData()[0]))
                .sorted().toArray();
        assertThat(slopes).hasSize(2);
        assertThat(slopes[0]).isCloseTo(l.lower(), within(1e-9));
        assertThat(slopes[1]).isCloseTo(l.upper(), within(1e-9));
        assertThat(c.getStyler().getxAxisTickLabelsFormattingFunction().apply(Math.log10(10))).isEqualTo("10"); // ticks name sizes, not logs
        BitmapEncoder.getBufferedImage(c); // renders (a custom formatter once hung XChart's log axis)
    }
}
