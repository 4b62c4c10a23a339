package io.github.bart4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {

    @TempDir
    Path tmp;

    static Path seedDir() {
        return io.github.bart4j.examples.TestData.seedRuns();
    }

    static Path seed(String run, String kind) {
        return seedDir().resolve("BART_" + kind + "_" + run + ".csv");
    }

    @Test
    void seed_csv_reproduces_the_seed_summary_for_every_model_without_errors() throws IOException {
        CliHarness.Outcome o = CliHarness.run(Map.of(), "analyze", "--file",
                seed("20250407-175732", "combined").toString(), "--format", "csv");
        assertThat(o.exitCode()).as(o.err()).isZero();
        List<String> ours = o.out().lines().toList();
        List<String> theirs = Files.readAllLines(seed("20250407-175732", "summary"));
        List<String> errored = List.of("openai/o1", "google/gemini-2.5-pro-preview-03-25",
                "anthropic/claude-3.7-sonnet:thinking", "openai/o3-mini-high", "openai/o1-mini", "openai/o3-mini");
        int compared = 0;
        for (String seedRow : theirs.subList(1, theirs.size() - 1)) {
            String model = seedRow.substring(0, seedRow.indexOf(','));
            String ourRow = ours.stream().filter(l -> l.startsWith(model + ",")).findFirst().orElseThrow();
            String[] cells = ourRow.split(",");
            if (errored.contains(model)) {
                assertThat(Integer.parseInt(cells[7])).as(model).isPositive();
            } else {
                assertThat(String.join(",", List.of(cells).subList(0, 7))).isEqualTo(seedRow.strip());
                assertThat(cells[7]).isEqualTo("0");
                compared++;
            }
        }
        assertThat(compared).isEqualTo(20);
        assertThat(ours.stream().filter(l -> l.startsWith("openai/o1,")).findFirst().orElseThrow())
                .startsWith("openai/o1,3,").contains(",47,");
    }

    @Test
    void seed_scoring_reproduces_the_whole_seed_summary() throws IOException {
        CliHarness.Outcome o = CliHarness.run(Map.of(), "analyze", "--file",
                seed("20250407-175732", "combined").toString(), "--format", "csv", "--seed-scoring");
        List<String> ours = o.out().lines().map(l -> String.join(",", List.of(l.split(",", -1)).subList(0, 7)))
                .toList();
        assertThat(ours).isEqualTo(Files.readAllLines(seed("20250407-175732", "summary")).stream()
                .map(String::strip).toList());
    }

    @Test
    void files_of_a_run_sharded_by_model_are_analysed_together() throws IOException {
        Path seedCsv = seed("20250407-172848", "combined");
        List<BalloonResultRows> shards = BalloonResultRows.splitByModel(seedCsv, "01-ai/yi-large");
        Path a = tmp.resolve("a.csv");
        Path b = tmp.resolve("b.csv");
        Files.writeString(a, shards.get(0).text());
        Files.writeString(b, shards.get(1).text());

        CliHarness.Outcome whole = CliHarness.run(Map.of(), "analyze", "--file", seedCsv.toString(), "--format", "csv");
        CliHarness.Outcome merged = CliHarness.run(Map.of(), "analyze", "--file", a.toString(), "--file",
                b.toString(), "--format", "csv");

        assertThat(merged.exitCode()).as(merged.err()).isZero();
        assertThat(merged.out()).contains("01-ai/yi-large,10,");
        assertThat(merged.out().lines().sorted().toList()).isEqualTo(whole.out().lines().sorted().toList());
    }

    @Test
    void two_runs_of_the_same_models_are_not_pooled_silently() {
        CliHarness.Outcome o = CliHarness.run(Map.of(), "analyze", "--file",
                seed("20250407-172848", "combined").toString(), "--file",
                seed("20250407-175732", "combined").toString(), "--format", "csv");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).startsWith("bart: " + seed("20250407-175732", "combined") + " line ")
                .contains("is also at " + seed("20250407-172848", "combined") + " line ");
    }

    /** The header and the rows of a seed CSV for one model, and for the others (rows may span lines). */
    record BalloonResultRows(String text) {
        static List<BalloonResultRows> splitByModel(Path csv, String model) throws IOException {
            StringBuilder mine = new StringBuilder();
            StringBuilder others = new StringBuilder();
            try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                    .get().parse(Files.newBufferedReader(csv));
                 var p1 = new org.apache.commons.csv.CSVPrinter(mine, org.apache.commons.csv.CSVFormat.DEFAULT);
                 var p2 = new org.apache.commons.csv.CSVPrinter(others, org.apache.commons.csv.CSVFormat.DEFAULT)) {
                p1.printRecord(parser.getHeaderNames());
                p2.printRecord(parser.getHeaderNames());
                for (var r : parser) {
                    (r.get("model").equals(model) ? p1 : p2).printRecord(r.toList());
                }
            }
            return List.of(new BalloonResultRows(mine.toString()), new BalloonResultRows(others.toString()));
        }
    }

    @Test
    void text_output_has_the_summary_and_the_analysis() {
        CliHarness.Outcome o = CliHarness.run(Map.of(), "analyze", "--file",
                seed("20250407-172848", "combined").toString());
        assertThat(o.exitCode()).isZero();
        assertThat(o.out()).startsWith("Design: 25 participants, 1 epoch").contains("Summary with 95% bootstrap intervals",
                "Findings").doesNotContain("Implied CRRA");
        assertThat(o.out().lines().count()).as("short by default").isLessThan(60);
        CliHarness.Outcome all = CliHarness.run(Map.of(), "analyze", "--file",
                seed("20250407-172848", "combined").toString(), "--all");
        assertThat(all.out()).contains("Implied CRRA", "Intended pumps", "Pairwise comparisons", "Learning");
        CliHarness.Outcome one = CliHarness.run(Map.of(), "analyze", "--file",
                seed("20250407-172848", "combined").toString(), "--section", "intended_pumps");
        assertThat(one.out()).contains("Intended pumps").doesNotContain("Summary with");
        CliHarness.Outcome bad = CliHarness.run(Map.of(), "analyze", "--file",
                seed("20250407-172848", "combined").toString(), "--section", "nope");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--section", "nope");
    }

    @Test
    void seed_scoring_rules_every_table_and_the_output_says_which() {
        CliHarness.Outcome o = CliHarness.run(Map.of(), "analyze", "--file",
                seed("20250407-175732", "combined").toString(), "--seed-scoring");
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).contains("Scoring: seed", "scored as 0 pumps");
        // openai/o1 played 3 balloons without error and 47 errored ones: seed scoring counts all 50
        assertThat(o.out().lines().filter(l -> l.startsWith("openai/o1 ")).findFirst().orElseThrow())
                .contains(" 50 ", " 47 ");
        CliHarness.Outcome bart4j = CliHarness.run(Map.of(), "analyze", "--file",
                seed("20250407-175732", "combined").toString());
        assertThat(bart4j.out().lines().filter(l -> l.startsWith("openai/o1 ")).findFirst().orElseThrow())
                .contains(" 3 ", " 47 ");
    }

    @Test
    void json_has_the_design_and_named_tables_with_paired_comparisons() throws IOException {
        CliHarness.Outcome o = CliHarness.run(Map.of(), "analyze", "--file",
                seed("20250407-172848", "combined").toString(), "--format", "json", "--section", "comparisons",
                "--section", "intended_pumps");
        assertThat(o.exitCode()).as(o.err()).isZero();
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(o.out());
        assertThat(doc.get("design").get("participants").size()).isEqualTo(25);
        assertThat(doc.get("design").get("sameBalloons").asBoolean()).isTrue();
        assertThat(doc.get("design").get("scoring").asText()).isEqualTo("bart4j");
        var tables = doc.get("analysis");
        assertThat(tables.get(0).get("name").asText()).isEqualTo("comparisons");
        var row = tables.get(0).get("rows").get(0);
        assertThat(row.get("paired").isBoolean()).isTrue();
        assertThat(row.get("within").asText()).isEmpty();
        assertThat(tables.get(1).get("name").asText()).isEqualTo("intended_pumps");
    }

    @Test
    void fit_prints_one_row_per_participant_with_the_documented_columns() {
        CliHarness.Outcome o = CliHarness.run(Map.of(), "analyze", "--file",
                seed("20250407-172848", "combined").toString(), "--fit", "par4", "--format", "csv");
        assertThat(o.exitCode()).as(o.err()).isZero();
        List<String> lines = o.out().lines().toList();
        assertThat(lines.get(0)).startsWith("model,phi,eta,gamma,tau,log_likelihood");
        assertThat(lines).hasSize(1 + 25);
        CliHarness.Outcome ewmv = CliHarness.run(Map.of(), "analyze", "--file",
                seed("20250407-172848", "combined").toString(), "--fit", "ewmv", "--format", "csv");
        assertThat(ewmv.out().lines().findFirst().orElseThrow()).startsWith("model,phi,eta,rho,tau,lambda,log_likelihood");
    }

    @Test
    void malformed_or_missing_files_exit_2_with_one_line() throws IOException {
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "model,balloon_id,threshold_pumps,pumps_attempted,burst,earnings,choices,full_responses\n"
                + "a,1,5,3,maybe,0.3,\"PUMP, PUMP, PUMP, CASH OUT\",x\n");
        CliHarness.Outcome o = CliHarness.run(Map.of(), "analyze", "--file", bad.toString());
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().strip()).contains(bad.toString()).contains("line 2").doesNotContain("\n")
                .doesNotContain("Exception");
        CliHarness.Outcome missing = CliHarness.run(Map.of(), "analyze", "--file", tmp.resolve("none.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        CliHarness.Outcome noFile = CliHarness.run(Map.of(), "analyze");
        assertThat(noFile.exitCode()).isEqualTo(2);
    }

    @Test
    void plot_writes_the_report_for_a_run_directory() throws IOException {
        Path run = tmp.resolve("run");
        assertThat(CliHarness.run(Map.of(), "run", "--run-dir", run.toString(), "--quiet").exitCode()).isZero();
        Path out = tmp.resolve("plots");
        CliHarness.Outcome o = CliHarness.run(Map.of(), "plot", "--file", run.resolve("journal.jsonl").toString(),
                "--out", out.toString());
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(out.resolve("report.html")).exists();
        assertThat(out.resolve("adjusted_pumps.png")).exists();
        assertThat(out.resolve("adjusted_pumps.svg")).doesNotExist(); // PNG by default
        assertThat(CliHarness.run(Map.of(), "plot", "--file", run.resolve("journal.jsonl").toString(), "--out",
                out.toString(), "--svg").exitCode()).isZero();
        assertThat(out.resolve("adjusted_pumps.svg")).exists();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("crra:2", "bart4j-demo"); // the run's parameters from its manifest
    }

    @Test
    void a_result_file_holding_balloons_twice_is_refused_naming_the_key_and_both_lines() throws IOException {
        Path csv = tmp.resolve("BART_combined.csv");
        List<String> lines = Files.readAllLines(seed("20250407-172848", "combined"));
        // the seed file, its rows written again below (what an appending sink run twice produced)
        Files.write(csv, lines);
        Files.write(csv, lines.subList(1, lines.size()), java.nio.file.StandardOpenOption.APPEND);

        CliHarness.Outcome o = CliHarness.run(Map.of(), "analyze", "--file", csv.toString());

        assertThat(o.exitCode()).as(o.err()).isEqualTo(2);
        assertThat(o.err().lines()).singleElement().asString()
                .startsWith("bart: " + csv + " line " + (lines.size() + 1) + ": balloon 1 of '")
                .contains("is also at " + csv + " line 2;");
        assertThat(o.out()).isEmpty();
    }

    @Test
    void the_same_run_given_twice_is_refused_also_across_files_and_formats() throws IOException {
        Path run = tmp.resolve("run");
        assertThat(CliHarness.run(Map.of(), "run", "--run-dir", run.toString(), "--quiet").exitCode()).isZero();
        Path csv = run.resolve("BART_combined.csv");
        Path json = run.resolve("BART_results.json");

        CliHarness.Outcome twice = CliHarness.run(Map.of(), "analyze", "--file", csv.toString(), "--file",
                csv.toString());
        CliHarness.Outcome mixed = CliHarness.run(Map.of(), "analyze", "--file", csv.toString(), "--file",
                json.toString());

        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err().strip()).startsWith("bart: " + csv + " line 2: balloon 1 of 'crra:2' (persona '',"
                + " epoch 1) is also at " + csv + " line 2;");
        assertThat(mixed.exitCode()).isEqualTo(2);
        assertThat(mixed.err().strip()).startsWith("bart: " + json + ": balloon 1 of 'crra:2' (persona '', epoch 1)"
                + " (result 1) is also at " + csv + " line 2;");
        assertThat(CliHarness.run(Map.of(), "analyze", "--file", run.resolve("journal.jsonl").toString())
                .exitCode()).as("one file of the run is fine").isZero();
    }
}
