package io.github.bart4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.core.ResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: usage, unknown commands and options, listings, defaults, epilogue. */
class CommandLineBehaviourTest {

    @TempDir
    Path tmp;

    private Path config;

    @BeforeEach
    void smallConfig() throws IOException {
        config = tmp.resolve("small.yaml");
        Files.writeString(config, "experiment_name: small\nbackend: simulated\nmodel_list: ['crra:1', 'crra:-1']\n"
                + "num_balloons: 8\nseed: 7\n");
    }

    private Path run() {
        Path dir = tmp.resolve("run");
        CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--config", config.toString(), "--run-dir", dir.toString());
        assertThat(o.exitCode()).as(o.err()).isZero();
        return dir;
    }

    @Test
    void bart_alone_prints_the_usage_with_every_command() {
        CliHarness.Outcome o = CliHarness.run(Map.of());

        assertThat(o.exitCode()).isZero();
        assertThat(o.out()).startsWith("Usage: bart").contains("run", "analyze", "plot", "examples", "example", "bench");
        assertThat(o.err()).isEmpty();
    }

    @Test
    void an_unknown_command_is_one_line_naming_the_commands_and_the_help_once() {
        CliHarness.Outcome o = CliHarness.run(Map.of(), "foo");

        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().lines()).hasSize(1).first().asString()
                .startsWith("bart: unknown command 'foo'; the commands are run, ")
                .contains("analyze", "plot", "example", "bench").endsWith(" (see: bart --help)");
        assertThat(o.err()).doesNotContain("bart bart");
    }

    @Test
    void a_subcommand_s_bad_option_points_to_that_subcommand_s_help() {
        CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--frobnicate");

        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().lines()).hasSize(1).first().asString().endsWith("(see: bart run --help)");
    }

    @Test
    void a_long_error_is_said_whole_on_one_line() {
        String[] args = new String[40];
        args[0] = "run";
        for (int i = 1; i < args.length; i++) {
            args[i] = "argument" + i;
        }
        CliHarness.Outcome o = CliHarness.run(Map.of(), args);

        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().lines()).hasSize(1).first().asString().contains("'argument1'", "'argument39'")
                .doesNotContain("...");
    }

    @Test
    void bench_alone_lists_every_benchmark_with_what_it_measures() {
        CliHarness.Outcome o = CliHarness.run(Map.of(), "bench");

        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out().lines()).hasSize(BenchCommand.BENCHMARKS.size()).allSatisfy(l -> assertThat(l.split("\\s{2,}", 2)).hasSize(2))
                .extracting(l -> l.split("\\s+", 2)[0])
                .contains("simulate", "chat-fake", "efficiency", "tokens", "stats", "memory", "fit");
    }

    @Test
    void an_example_s_help_lists_its_own_options() {
        CliHarness.Outcome ladder = CliHarness.run(Map.of(), "example", "model-ladder", "--help");
        CliHarness.Outcome quickstart = CliHarness.run(Map.of(), "example", "quickstart", "--help");

        assertThat(ladder.exitCode()).isZero();
        assertThat(ladder.out()).startsWith("Usage: bart example model-ladder").contains("--config=FILE", "--out=DIR");
        assertThat(quickstart.out()).startsWith("Usage: bart example quickstart").contains("BACKEND", "MODEL");
        assertThat(CliHarness.run(Map.of(), "example", "human", "--help").out()).contains("--participant=ID",
                "--balloons=N", "--seed=N", "--out=DIR");
    }

    @Test
    void an_option_an_example_does_not_take_is_exit_2_with_one_line() {
        CliHarness.Outcome o = CliHarness.run(Map.of(), "example", "quickstart", "--bogus");
        CliHarness.Outcome extra = CliHarness.run(Map.of(), "example", "unit-test", "surplus");

        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().lines()).containsExactly("bart: example quickstart: Unknown option: '--bogus'"
                + " (see: bart example quickstart --help)");
        assertThat(o.out()).isEmpty();
        assertThat(extra.exitCode()).isEqualTo(2);
        assertThat(extra.err().lines()).hasSize(1);
    }

    @Test
    void a_run_ends_with_the_commands_to_try_next() {
        Path dir = tmp.resolve("run");
        CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--config", config.toString(), "--run-dir", dir.toString());

        assertThat(o.out()).contains("./bart analyze --file " + dir, "./bart plot --file " + dir);
        assertThat(o.err()).doesNotContain("ETA 0s");
    }

    @Test
    void the_demo_also_says_where_a_real_model_goes() {
        CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--run-dir", tmp.resolve("demo").toString(), "--quiet");

        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).contains("docs/configuration.md");
    }

    @Test
    void analyze_reads_a_run_directory_as_its_combined_csv() {
        Path dir = run();

        for (String format : new String[] {"text", "json", "csv"}) {
            CliHarness.Outcome fromDir = CliHarness.run(Map.of(), "analyze", "--file", dir.toString(), "--format", format);
            CliHarness.Outcome fromCsv = CliHarness.run(Map.of(), "analyze", "--file",
                    dir.resolve("BART_combined.csv").toString(), "--format", format);
            assertThat(fromDir.exitCode()).as(fromDir.err()).isZero();
            assertThat(fromDir.out()).as(format).isEqualTo(fromCsv.out()).isNotBlank();
        }
    }

    @Test
    void analyze_reads_a_run_directory_through_its_journal() throws IOException {
        Path dir = run();
        Files.delete(dir.resolve("BART_combined.csv")); // the journal alone is enough (and lossless)

        CliHarness.Outcome o = CliHarness.run(Map.of(), "analyze", "--file", dir.toString(), "--format", "csv");

        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).contains("crra:1,8,", "crra:-1,8,");
    }

    @Test
    void analyze_of_a_partial_run_directory_says_it_is_partial() throws IOException {
        Path dir = run();
        Path manifest = dir.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"status\" : \"complete\"",
                "\"status\" : \"stopped\""));

        CliHarness.Outcome o = CliHarness.run(Map.of(), "analyze", "--file", dir.toString());

        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).startsWith("PARTIAL: 16 of 16 balloons (run status: stopped)");
    }

    @Test
    void a_directory_without_results_is_one_line_naming_what_is_missing() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));

        CliHarness.Outcome o = CliHarness.run(Map.of(), "analyze", "--file", empty.toString());

        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().lines()).containsExactly("bart: " + empty + ": is a directory without journal.jsonl or"
                + " BART_combined.csv; give a run directory or a result file");
    }

    @Test
    void plot_without_out_writes_into_the_run_directory_s_report_folder() throws IOException {
        Path dir = run();

        CliHarness.Outcome o = CliHarness.run(Map.of(), "plot", "--file", dir.toString());

        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(dir.resolve("report/report.html")).isNotEmptyFile();
        assertThat(ResultFiles.readJournal(dir.resolve("journal.jsonl"))).hasSize(16);
    }

    @Test
    void plot_of_a_file_without_out_writes_beside_the_file() throws IOException {
        Path dir = run();
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Path csv = Files.copy(dir.resolve("BART_combined.csv"), elsewhere.resolve("mine.csv"));

        CliHarness.Outcome o = CliHarness.run(Map.of(), "plot", "--file", csv.toString());

        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(elsewhere.resolve("report/report.html")).isNotEmptyFile();
    }
}
