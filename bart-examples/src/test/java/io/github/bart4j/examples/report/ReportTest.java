package io.github.bart4j.examples.report;

import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.BalloonType;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.Task;
import io.github.bart4j.core.agents.ScriptedParticipants;
import io.github.bart4j.core.analysis.Analysis;
import io.github.bart4j.core.analysis.AnalysisOptions;
import io.github.bart4j.core.spi.Participant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportTest {

    private static List<BalloonResult> seed;

    @BeforeAll
    static void readSeed() throws IOException {
        System.setProperty("java.awt.headless", "true");
        seed = SeedCsv.read(SeedCsv.seedRun("BART_combined_20250407-175732.csv"));
    }

    @Test
    void the_test_loader_reads_the_seeds_26_models_and_marks_errored_balloons() {
        assertThat(seed).hasSize(1300);
        assertThat(seed.stream().map(BalloonResult::participant).distinct()).hasSize(26);
        assertThat(seed.stream().filter(BalloonResult::isError)).hasSize(175);
    }

    @Test
    void the_seed_report_has_every_plot_as_png_and_svg_and_one_self_contained_html(@TempDir Path dir) throws IOException {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("experiment_name", "seed <26 models>");
        params.put("reward_per_pump", 0.1);
        Path html = Report.write(Analysis.of(seed, AnalysisOptions.defaults().withFits(
                io.github.bart4j.core.analysis.CognitiveModel.PAR4, io.github.bart4j.core.analysis.CognitiveModel.EWMV)),
                dir, params, true);

        assertThat(html).isEqualTo(dir.resolve("report.html"));
        for (String plot : List.of("adjusted_pumps", "pumps_boxplot", "burst_vs_pumps", "pumps_over_balloons",
                "implied_gamma", "fit_par4_gamma", "fit_par4_tau", "fit_ewmv_rho", "fit_ewmv_lambda")) {
            BufferedImage png = ImageIO.read(dir.resolve(plot + ".png").toFile());
            assertThat(png).as(plot).isNotNull();
            assertThat(png.getWidth()).isEqualTo(Plots.WIDTH);
            assertThat(Files.readString(dir.resolve(plot + ".svg"))).as(plot).contains("<svg");
        }
        // a row per model: the 26-name charts are tall enough for one label line each
        assertThat(ImageIO.read(dir.resolve("adjusted_pumps.png").toFile()).getHeight()).isGreaterThanOrEqualTo(26 * 24);

        String page = Files.readString(html);
        Set<String> models = new TreeSet<>();
        seed.forEach(r -> models.add(r.participant()));
        for (String m : models) {
            assertThat(page.contains("<td>" + m + "</td>")).as("a table row of %s", m).isTrue();
        }
        for (String expected : List.of("data:image/png;base64,", "seed &lt;26 models&gt;", "175 errored balloons left out",
                "Model fit: par4", "Model fit: ewmv", "Implied CRRA risk aversion", "Intended pumps")) {
            assertThat(page.contains(expected)).as("report contains %s", expected).isTrue();
        }
        assertThat(page.contains("seed <26 models>")).as("unescaped parameter").isFalse();
        assertThat(page.contains("src=\"adjusted_pumps.png\"")).as("image linked instead of embedded").isFalse();
        // the design and findings open the report; tables come before plots
        assertThat(page.indexOf("id=\"design\"")).isLessThan(page.indexOf("id=\"findings\""));
        assertThat(page.indexOf("id=\"findings\"")).isLessThan(page.indexOf("<h2>Contents</h2>"));
        assertThat(page.indexOf("id=\"summary\"")).isLessThan(page.indexOf("id=\"plots\""));
        assertThat(page.contains(">null<")).as("no nulls").isFalse();
    }

    @Test
    void a_typed_run_with_personas_is_reported_per_persona_with_its_cogbench_score(@TempDir Path dir) throws IOException {
        Schedule lejuez = Schedule.typed(List.of(new BalloonType("blue", 128, 6), new BalloonType("yellow", 32, 6),
                new BalloonType("orange", 8, 6)), Schedule.Order.SHUFFLED, 0.05, 3);
        List<BalloonResult> results = new ArrayList<>();
        for (Participant p : List.of(ScriptedParticipants.crra(0.0), ScriptedParticipants.random(0.9, 2))) {
            for (String persona : List.of("calm", "bold")) {
                for (Balloon b : lejuez.balloons()) {
                    BalloonResult r = Task.classic().play(p, b);
                    results.add(new BalloonResult(r.participant(), persona, 1, r.balloon(), r.pumps(), r.burst(),
                            r.earnings(), r.turns(), r.status(), r.error()));
                }
            }
        }
        Analysis a = Analysis.of(results, AnalysisOptions.defaults().withBootstrapSamples(200));
        Report.write(a, dir, Map.of());
        String page = Files.readString(dir.resolve("report.html"));
        assertThat(page.contains("<td>crra:0</td><td>calm</td>")).as("a row of crra:0 under calm").isTrue();
        assertThat(page.contains("Run parameters")).as("run parameters shown").isFalse();
        assertThat(page.contains("random agent 0.99, human 17.22")).as("CogBench references").isTrue();
        assertThat(a.cogBench()).allMatch(c -> c.applicable());
        assertThat(Files.exists(dir.resolve("fit_par4_gamma.png"))).isFalse();
        assertThat(Files.exists(dir.resolve("burst_vs_pumps.png"))).isTrue();
    }

    @Test
    void fits_of_deterministic_participants_only_get_no_empty_plot(@TempDir Path dir) throws IOException {
        Schedule schedule = Schedule.uniform(1, 20, 30, 0.10, 7);
        List<BalloonResult> results = new ArrayList<>();
        for (Participant p : List.of(ScriptedParticipants.fixed(4), ScriptedParticipants.fixed(9))) {
            for (Balloon b : schedule.balloons()) {
                results.add(Task.classic().play(p, b));
            }
        }
        Analysis a = Analysis.of(results, AnalysisOptions.defaults().withBootstrapSamples(200)
                .withFits(io.github.bart4j.core.analysis.CognitiveModel.PAR4));
        assertThat(a.fits().get(0).rows()).noneMatch(f -> f.fitted());

        Report.write(a, dir, Map.of());

        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("fit_"));
        }
        assertThat(Files.readString(dir.resolve("report.html"))).contains("Model fit: par4").contains("deterministic");
    }

    @Test
    void an_unwritable_directory_is_named_in_the_error(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        List<BalloonResult> few = seed.subList(0, 60);
        Analysis a = Analysis.of(few, AnalysisOptions.defaults().withBootstrapSamples(100).withImpliedRiskAversion(false));
        assertThatThrownBy(() -> Report.write(a, file.resolve("out"), Map.of()))
                .hasMessageContaining("not-a-dir");
    }

    @Test
    void a_run_where_every_balloon_errored_still_gets_a_report_without_plots(@TempDir Path dir) throws IOException {
        List<BalloonResult> errored = seed.stream().filter(BalloonResult::isError).toList();
        Path html = Report.write(errored, dir, Map.of("note", "all failed"));
        String page = Files.readString(html);
        assertThat(page.contains("175 errored balloons left out")).isTrue();
        assertThat(page.contains("<figure>")).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".png"))).isEmpty();
        }
    }

    @Test
    void html_escaping_covers_markup_characters() {
        assertThat(Report.esc("<a href=\"x\">'&'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
