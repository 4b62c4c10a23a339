package io.github.bart4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bart4j.core.Rules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code burst_probability}: the constant-hazard variant from the config to the files and the analysis. */
class VariantsCommandTest {

    private static final String HAZARD = "backend: simulated\nmodel_list: ['crra:1', 'random:0.8']\nnum_balloons: 12\n"
            + "max_pumps: 32\nseed: 5\nburst_probability: 0.1\n";
    private static final String RULES = "constant_hazard (burst probability 0.1 per pump)";

    @TempDir
    Path tmp;

    private Path run(String name, String config) throws IOException {
        Path file = tmp.resolve(name + ".yaml");
        Files.writeString(file, config);
        Path dir = tmp.resolve(name);
        CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--quiet", "--config", file.toString(), "--run-dir",
                dir.toString());
        assertThat(o.exitCode()).as(o.err()).isZero();
        return dir;
    }

    private CliHarness.Outcome badConfig(String extra) throws IOException {
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, "backend: simulated\nmodel_list: ['crra:1']\n" + extra);
        CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--config", file.toString(), "--run-dir",
                tmp.resolve("never").toString());
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().strip()).doesNotContain("\n").doesNotContain("Exception");
        assertThat(tmp.resolve("never")).doesNotExist();
        return o;
    }

    @Test
    void a_bad_burst_probability_is_one_line_naming_the_key_the_value_and_the_rule() throws IOException {
        for (String bad : List.of("0", "1.5", "-0.2", "'often'")) {
            assertThat(badConfig("burst_probability: " + bad + "\n").err())
                    .contains("key 'burst_probability' must be");
        }
        assertThat(badConfig("burst_probability: 0\n").err().strip()).endsWith("bad.yaml: key 'burst_probability' must"
                + " be > 0 and <= 1 (the chance that one pump bursts the balloon), but is: 0");
        assertThat(badConfig("burst_probability: 0.1\nthresholds: [3, 4]\n").err().strip()).endsWith("bad.yaml: key"
                + " 'burst_probability' draws the thresholds, so it cannot be set with 'thresholds'");
        assertThat(badConfig("burst_probability: 0.1\nballoon_types: [{label: a, max_pumps: 8, count: 2}]\n").err())
                .contains("cannot be set with 'balloon_types'");
    }

    @Test
    void journal_and_manifest_carry_the_variant_and_a_classic_run_carries_nothing_new() throws IOException {
        Path hazard = run("hazard", HAZARD);
        Path classic = run("classic", HAZARD.replace("burst_probability: 0.1\n", ""));
        ObjectMapper json = new ObjectMapper();

        assertThat(Files.readAllLines(hazard.resolve("journal.jsonl"))).hasSize(24).allSatisfy(l -> assertThat(l)
                .contains("\"rules\":\"constant_hazard\",\"burst_probability\":0.1,"));
        JsonNode manifest = json.readTree(hazard.resolve("manifest.json").toFile());
        assertThat(manifest.path("config").path("burst_probability").asDouble()).isEqualTo(0.1);
        assertThat(manifest.path("schedule").path("kind").asText()).isEqualTo("constant_hazard");
        assertThat(manifest.path("schedule").path("rules").asText()).isEqualTo("constant_hazard");
        assertThat(manifest.path("schedule").path("burst_probability").asDouble()).isEqualTo(0.1);
        assertThat(json.readTree(hazard.resolve("BART_results.json").toFile()).path("results").get(0)
                .path("burst_probability").asDouble()).isEqualTo(0.1);

        assertThat(Files.readString(classic.resolve("journal.jsonl"))).doesNotContain("rules", "burst_probability");
        assertThat(Files.readString(classic.resolve("BART_results.json"))).doesNotContain("rules", "burst_probability");
        JsonNode classicManifest = json.readTree(classic.resolve("manifest.json").toFile());
        assertThat(classicManifest.path("config").has("burst_probability")).isFalse();
        assertThat(classicManifest.path("schedule").path("rules").asText()).isEqualTo("classic");
        assertThat(classicManifest.path("schedule").has("burst_probability")).isFalse();
        // the same seed draws other thresholds under the other rules; the CSV's columns are the same
        assertThat(Files.readAllLines(hazard.resolve("BART_combined.csv")).get(0))
                .isEqualTo(Files.readAllLines(classic.resolve("BART_combined.csv")).get(0));
    }

    @Test
    void resuming_across_variants_is_refused() throws IOException {
        Path dir = run("hazard", HAZARD);
        Path classicConfig = tmp.resolve("classic.yaml");
        Files.writeString(classicConfig, HAZARD.replace("burst_probability: 0.1\n", ""));

        CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--config", classicConfig.toString(), "--run-dir",
                dir.toString());

        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().strip()).contains("key 'burst_probability' was 0.1, now unset").doesNotContain("\n");
    }

    @Test
    void a_journal_whose_balloons_lost_their_rules_is_refused_on_resume() throws IOException {
        Path dir = run("hazard", HAZARD);
        Path journal = dir.resolve("journal.jsonl");
        Files.writeString(journal, Files.readString(journal).replace("\"rules\":\"constant_hazard\",\"burst_probability\":0.1,", ""));

        CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--config", tmp.resolve("hazard.yaml").toString(),
                "--run-dir", dir.toString());

        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().strip()).contains("was played under the classic rules, but the config's balloons are played"
                + " under the " + RULES + " rules").doesNotContain("\n");
    }

    @Test
    void analyze_describes_any_rules_and_refuses_the_classic_only_analyses_in_one_line() throws IOException {
        Path dir = run("hazard", HAZARD);

        CliHarness.Outcome summary = CliHarness.run(Map.of(), "analyze", "--file", dir.toString());
        assertThat(summary.exitCode()).as(summary.err()).isZero();
        assertThat(summary.out()).contains("Rules: " + RULES, "crra:1", "random:0.8");

        CliHarness.Outcome all = CliHarness.run(Map.of(), "analyze", "--file", dir.toString(), "--all");
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains("ntended pumps").doesNotContain("CogBench").doesNotContain("CRRA");

        for (List<String> asked : List.of(List.of("--fit", "par4"), List.of("--fit", "ewmv"),
                List.of("--section", "risk_aversion"), List.of("--section", "cogbench"))) {
            CliHarness.Outcome o = CliHarness.run(Map.of(), "analyze", "--file", dir.toString(), asked.get(0),
                    asked.get(1));
            assertThat(o.exitCode()).as(asked.toString()).isEqualTo(2);
            assertThat(o.err().strip()).isEqualTo("bart: " + asked.get(0) + " " + asked.get(1) + " assumes the classic"
                    + " BART rules (thresholds uniform on a known range), but these results were played under the "
                    + RULES + " rules; the other sections describe results of any rules");
        }
    }

    @Test
    void analyze_learns_the_rules_of_a_combined_csv_from_the_manifest_beside_it() throws IOException {
        Path dir = run("hazard", HAZARD);
        Path csv = dir.resolve("BART_combined.csv");

        assertThat(ResultInputs.read(List.of(csv))).hasSize(24)
                .allSatisfy(r -> assertThat(r.balloon().rules()).isEqualTo(Rules.constantHazard(0.1)));
        CliHarness.Outcome o = CliHarness.run(Map.of(), "analyze", "--file", csv.toString(), "--fit", "par4");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains(RULES);

        Path alone = Files.createDirectories(tmp.resolve("copied")).resolve("BART_combined.csv");
        Files.copy(csv, alone); // without its manifest a CSV is taken as classic: documented
        assertThat(ResultInputs.read(List.of(alone))).allSatisfy(r -> assertThat(r.balloon().rules().isClassic()).isTrue());
    }

    @Test
    void plot_writes_a_report_without_the_classic_only_figures() throws IOException {
        Path dir = run("hazard", HAZARD);

        CliHarness.Outcome o = CliHarness.run(Map.of(), "plot", "--file", dir.toString(), "--out",
                tmp.resolve("report").toString());

        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(tmp.resolve("report/report.html")).exists();
        assertThat(Files.readString(tmp.resolve("report/report.html"))).contains(RULES);
    }
}
