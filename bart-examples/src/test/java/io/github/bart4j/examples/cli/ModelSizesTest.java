package io.github.bart4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config key {@code sizes}: a model ladder from a run's own config, in analyze and in plot. */
class ModelSizesTest {

    @TempDir
    Path tmp;

    private Path config(String... lines) throws IOException {
        Path f = tmp.resolve("ladder.yaml");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    private static final String[] LADDER = {"backend: simulated", "model_list: ['crra:-1', 'crra:0.5', 'crra:2']",
        "num_balloons: 30", "seed: 3"};

    private Path run(String... extra) throws IOException {
        String[] lines = java.util.stream.Stream.concat(java.util.Arrays.stream(LADDER), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        Path dir = tmp.resolve("run");
        CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--config", config(lines).toString(), "--run-dir",
                dir.toString(), "--quiet");
        assertThat(o.exitCode()).as(o.err()).isZero();
        return dir;
    }

    @Test
    void a_runs_sizes_key_gives_analyze_and_plot_the_ladder() throws IOException {
        // risk falls with size by construction: crra:-1 (seeking) is the smallest, crra:2 (averse) the largest
        Path dir = run("sizes: {'crra:-1': 1, 'crra:0.5': 10, 'crra:2': 100}");
        assertThat(Files.readString(dir.resolve(RunDirectory.MANIFEST))).contains("\"sizes\"");

        CliHarness.Outcome analyze = CliHarness.run(Map.of(), "analyze", "--file", dir.toString());
        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
        String ladderRow = analyze.out().lines().dropWhile(l -> !l.startsWith("Model ladder")).skip(3).findFirst()
                .orElseThrow();
        assertThat(ladderRow).startsWith("3"); // n_models
        assertThat(Double.parseDouble(ladderRow.split("\\s+")[1])).isNegative(); // slope per tenfold size

        Path out = tmp.resolve("report");
        CliHarness.Outcome plot = CliHarness.run(Map.of(), "plot", "--file", dir.toString(), "--out", out.toString());
        assertThat(plot.exitCode()).as(plot.err()).isZero();
        assertThat(out.resolve("ladder.png")).isNotEmptyFile();
        assertThat(Files.readString(out.resolve("report.html"))).contains("Model ladder");
    }

    @Test
    void a_sizes_file_wins_over_the_manifest_and_a_run_without_sizes_has_no_ladder() throws IOException {
        Path dir = run();
        CliHarness.Outcome plain = CliHarness.run(Map.of(), "analyze", "--file", dir.toString());
        assertThat(plain.out()).doesNotContain("Model ladder");
        Path out = tmp.resolve("report");
        assertThat(CliHarness.run(Map.of(), "plot", "--file", dir.toString(), "--out", out.toString()).exitCode())
                .isZero();
        assertThat(out.resolve("ladder.png")).doesNotExist();

        Path sizes = tmp.resolve("sizes.csv");
        Files.writeString(sizes, "model,size\ncrra:-1,100\ncrra:0.5,10\ncrra:2,1\n"); // the ladder reversed
        CliHarness.Outcome analyze = CliHarness.run(Map.of(), "analyze", "--file", dir.toString(), "--sizes",
                sizes.toString());
        String ladderRow = analyze.out().lines().dropWhile(l -> !l.startsWith("Model ladder")).skip(3).findFirst()
                .orElseThrow();
        assertThat(Double.parseDouble(ladderRow.split("\\s+")[1])).isPositive();
        assertThat(CliHarness.run(Map.of(), "plot", "--file", dir.toString(), "--out", out.toString(), "--sizes",
                sizes.toString()).exitCode()).isZero();
        assertThat(out.resolve("ladder.png")).isNotEmptyFile();
    }

    @Test
    void bad_sizes_exit_2_with_one_line_naming_the_key_the_value_and_the_rule() throws IOException {
        String[][] cases = {
            {"sizes: {'gpt-9': 7}", "key 'sizes.gpt-9' must name a model of model_list"},
            {"sizes: {'crra:2': -3}", "key 'sizes.crra:2' must be a number > 0"},
            {"sizes: {'crra:2': 'big'}", "key 'sizes.crra:2' must be a number > 0"},
            {"sizes: [1, 2]", "key 'sizes' must be a mapping of model_list entry to its size"},
        };
        for (String[] c : cases) {
            String[] lines = java.util.stream.Stream.concat(java.util.Arrays.stream(LADDER), java.util.stream.Stream.of(c[0]))
                    .toArray(String[]::new);
            CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--config", config(lines).toString(), "--run-dir",
                    tmp.resolve("bad").toString(), "--quiet");
            assertThat(o.exitCode()).as(c[0]).isEqualTo(2);
            assertThat(o.err().strip().lines()).as(c[0]).hasSize(1);
            assertThat(o.err()).as(c[0]).contains(c[1]);
            assertThat(tmp.resolve("bad")).doesNotExist();
        }
    }

    @Test
    void the_report_shows_only_the_run_parameters_that_apply() throws IOException {
        Path dir = run();
        Path out = tmp.resolve("report");
        assertThat(CliHarness.run(Map.of(), "plot", "--file", dir.toString(), "--out", out.toString()).exitCode())
                .isZero();
        String html = Files.readString(out.resolve("report.html"));
        String params = html.substring(html.indexOf("id=\"parameters\""));
        assertThat(params).contains("<th>backend</th><td>simulated</td>", "<th>seed</th><td>3</td>");
        // simulated agents send no request; no balloon types to order; nothing unset
        assertThat(params).doesNotContain("base_url", "http_referer", "x_title", "api_key_source", "max_retries",
                "request_timeout_seconds", "temperature", "balloon_order", "personas", "null", "{}", "[]");
    }
}
