package io.github.bart4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.ResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    @TempDir
    Path tmp;

    @Test
    void demo_writes_every_output_file_and_prints_the_summary() throws IOException {
        Path dir = tmp.resolve("demo");
        CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--run-dir", dir.toString());
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(dir.resolve("BART_combined.csv")).exists();
        assertThat(dir.resolve("BART_summary.csv")).exists();
        assertThat(dir.resolve("BART_results.json")).exists();
        assertThat(dir.resolve("journal.jsonl")).exists();
        assertThat(dir.resolve("manifest.json")).exists();
        assertThat(o.out()).contains("crra:2", "crra:-1", "ALL");
        List<BalloonResult> csv = ResultFiles.read(dir.resolve("BART_combined.csv"));
        assertThat(csv).hasSize(200);
        // risk-averse agents pump less: the summary orders as the utilities do
        String summary = Files.readString(dir.resolve("BART_summary.csv"));
        assertThat(summary).contains("crra:2,50,6.04,7.0,").contains("crra:-1,50,8.82,12.0,");
        String manifest = Files.readString(dir.resolve("manifest.json"));
        assertThat(manifest).contains("\"status\" : \"complete\"", "\"seed\" : 42", "\"langchain4j_version\"",
                "\"thresholds\"", "\"input_tokens\"");
    }

    @Test
    void same_config_and_seed_give_the_same_files() throws IOException {
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, "backend: simulated\nmodel_list: ['random:0.8', 'crra:0']\nnum_balloons: 20\n"
                + "seed: 9\nmax_concurrency: 1\n");
        Path config2 = tmp.resolve("c2.yaml");
        Files.writeString(config2, "backend: simulated\nmodel_list: ['random:0.8', 'crra:0']\nnum_balloons: 20\n"
                + "seed: 9\nmax_concurrency: 16\n");
        assertThat(CliHarness.run(Map.of(), "run", "--config", config.toString(), "--run-dir",
                tmp.resolve("a").toString()).exitCode()).isZero();
        assertThat(CliHarness.run(Map.of(), "run", "--config", config2.toString(), "--run-dir",
                tmp.resolve("b").toString()).exitCode()).isZero();
        assertThat(withoutLatency(tmp.resolve("a/BART_combined.csv")))
                .isEqualTo(withoutLatency(tmp.resolve("b/BART_combined.csv")));
        assertThat(Files.readString(tmp.resolve("a/BART_summary.csv")))
                .isEqualTo(Files.readString(tmp.resolve("b/BART_summary.csv")));
    }

    @Test
    void a_result_file_that_cannot_be_written_fails_the_run_with_one_line_and_the_files_written_as_before()
            throws IOException {
        Path dir = tmp.resolve("r");
        assertThat(CliHarness.run(Map.of(), "run", "--run-dir", dir.toString()).exitCode()).isZero();
        String csv = Files.readString(dir.resolve("BART_combined.csv"));
        String json = Files.readString(dir.resolve("BART_results.json"));
        for (String name : List.of("BART_combined.csv", "BART_summary.csv", "BART_results.json")) {
            Files.delete(dir.resolve(name));
        }

        // the CSV (written by its own thread) cannot be written: nothing after it is written
        Files.createDirectories(dir.resolve("BART_combined.csv/in-the-way"));
        CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--run-dir", dir.toString());
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.err()).contains("cannot write " + dir.resolve("BART_combined.csv")).doesNotContain("\tat ");
        assertThat(dir.resolve("BART_summary.csv")).doesNotExist();
        assertThat(dir.resolve("BART_results.json")).doesNotExist();

        // the JSON cannot be written: the CSV and the summary still are
        Files.delete(dir.resolve("BART_combined.csv/in-the-way"));
        Files.delete(dir.resolve("BART_combined.csv"));
        Files.createDirectories(dir.resolve("BART_results.json/in-the-way"));
        o = CliHarness.run(Map.of(), "run", "--run-dir", dir.toString());
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.err()).contains("cannot write " + dir.resolve("BART_results.json")).doesNotContain("\tat ");
        assertThat(Files.readString(dir.resolve("BART_combined.csv"))).isEqualTo(csv);
        assertThat(dir.resolve("BART_summary.csv")).exists();

        Files.delete(dir.resolve("BART_results.json/in-the-way"));
        Files.delete(dir.resolve("BART_results.json"));
        assertThat(CliHarness.run(Map.of(), "run", "--run-dir", dir.toString()).exitCode()).isZero();
        String stamp = "\"timestamp\" : \"[^\"]*\"";
        assertThat(Files.readString(dir.resolve("BART_results.json")).replaceFirst(stamp, ""))
                .isEqualTo(json.replaceFirst(stamp, ""));
    }

    static List<String> withoutLatency(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    @Test
    void rerunning_with_the_same_run_dir_asks_nothing_again() throws IOException {
        Path dir = tmp.resolve("r");
        assertThat(CliHarness.run(Map.of(), "run", "--run-dir", dir.toString()).exitCode()).isZero();
        long journalLines = Files.lines(dir.resolve("journal.jsonl")).count();
        CliHarness.Outcome again = CliHarness.run(Map.of(), "run", "--run-dir", dir.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("resuming 200 recorded balloons");
        assertThat(Files.lines(dir.resolve("journal.jsonl")).count()).isEqualTo(journalLines);
    }

    @Test
    void resuming_with_a_different_config_is_refused_with_the_key_that_differs() throws IOException {
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, "backend: simulated\nmodel_list: ['crra:1']\nnum_balloons: 10\nseed: 3\n");
        Path dir = tmp.resolve("r");
        assertThat(CliHarness.run(Map.of(), "run", "--config", config.toString(), "--run-dir", dir.toString())
                .exitCode()).isZero();
        Files.writeString(config, "backend: simulated\nmodel_list: ['crra:1']\nnum_balloons: 12\nseed: 3\n");
        CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--config", config.toString(), "--run-dir",
                dir.toString());
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().strip()).contains("key 'num_balloons' was 10, now 12").doesNotContain("\n")
                .doesNotContain("Exception");
    }

    @Test
    void a_torn_last_journal_line_is_ignored_and_the_balloon_played_again() throws IOException {
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, "backend: simulated\nmodel_list: ['fixed:3']\nnum_balloons: 10\nseed: 3\n");
        Path dir = tmp.resolve("r");
        CliHarness.run(Map.of(), "run", "--config", config.toString(), "--run-dir", dir.toString());
        List<String> lines = Files.readAllLines(dir.resolve("journal.jsonl"));
        String torn = lines.get(9).substring(0, lines.get(9).length() / 2);
        Files.write(dir.resolve("journal.jsonl"), List.of(lines.subList(0, 9).toArray(String[]::new)));
        Files.writeString(dir.resolve("journal.jsonl"), torn, java.nio.file.StandardOpenOption.APPEND);
        CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--config", config.toString(), "--run-dir",
                dir.toString());
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(ResultFiles.readJournal(dir.resolve("journal.jsonl"))).hasSize(10);
        assertThat(ResultFiles.read(dir.resolve("BART_combined.csv"))).hasSize(10);
    }

    @Test
    void a_results_json_that_cannot_be_written_fails_with_one_line_while_the_other_files_are_written()
            throws IOException {
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, "backend: simulated\nmodel_list: ['fixed:3', 'crra:1']\nnum_balloons: 3000\n"
                + "seed: 3\n");
        Path dir = tmp.resolve("r");
        assertThat(CliHarness.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir",
                dir.toString()).exitCode()).isZero();
        Files.delete(dir.resolve("BART_combined.csv"));
        // the JSON file's results go to a temporary file beside it, on another thread: make that fail
        Path blocked = Files.createDirectories(dir.resolve("BART_results.json.tmp.results.tmp"));
        Files.writeString(blocked.resolve("keep"), "x");

        CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--quiet", "--config", config.toString(),
                "--run-dir", dir.toString());

        assertThat(o.exitCode()).as(o.err()).isNotZero();
        assertThat(o.err().strip()).contains("BART_results.json").doesNotContain("\n").doesNotContain("Exception");
        assertThat(ResultFiles.read(dir.resolve("BART_combined.csv"))).hasSize(6000);
    }

    @Test
    void bad_config_exits_2_with_one_line_and_starts_nothing() throws IOException {
        Path config = tmp.resolve("bad.yaml");
        Files.writeString(config, "backend: simulated\nmodel_list: ['crra:1']\nmin_pumps: 9\nmax_pumps: 3\n");
        Path dir = tmp.resolve("never");
        CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--config", config.toString(), "--run-dir",
                dir.toString());
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().strip()).isEqualTo("bart: " + config + ": key 'max_pumps' must be >= min_pumps (9), but is: 3");
        assertThat(dir).doesNotExist();
    }

    @Test
    void unknown_simulated_agent_is_bad_input() throws IOException {
        Path config = tmp.resolve("bad.yaml");
        Files.writeString(config, "backend: simulated\nmodel_list: ['gpt-9']\n");
        CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--config", config.toString(), "--run-dir",
                tmp.resolve("x").toString());
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("gpt-9").contains("crra:G");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void unknown_option_is_bad_input() {
        CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--frobnicate");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void simulated_agents_with_personas_are_warned_once_that_they_cannot_read_the_persona_prompts()
            throws IOException {
        Path config = tmp.resolve("p.yaml");
        Files.writeString(config, "backend: simulated\nmodel_list: ['crra:1', 'fixed:3']\nnum_balloons: 3\nseed: 2\n"
                + "personas:\n  risky: 'You love risk.'\n  careful: 'You avoid risk.'\n");
        CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir",
                tmp.resolve("p").toString());
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.err().lines().filter(l -> l.contains("persona"))).singleElement().asString()
                .startsWith("bart: warning: backend simulated: scripted agents cannot read persona prompts;"
                        + " personas 'risky', 'careful' only label the results");
        CliHarness.Outcome plain = CliHarness.run(Map.of(), "run", "--quiet", "--run-dir", tmp.resolve("d").toString());
        assertThat(plain.err()).doesNotContain("persona");
    }
}
