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

/**
 * Resuming a run directory: the journal is read in one streaming pass ({@link ResumeState}); the
 * resumed run asks only what is not recorded and writes the files of an uninterrupted run.
 */
class ResumeTest {

    @TempDir
    Path tmp;

    /** A run directory as a run stopped after {@code records} balloons leaves it: manifest, first journal lines. */
    private static void stoppedCopy(Path from, Path to, int records) throws IOException {
        Files.createDirectories(to);
        Files.copy(from.resolve("manifest.json"), to.resolve("manifest.json"));
        List<String> lines = Files.readAllLines(from.resolve("journal.jsonl"));
        Files.write(to.resolve("journal.jsonl"), lines.subList(0, records));
    }

    @Test
    void a_run_resumed_from_part_of_its_journal_writes_the_files_of_the_uninterrupted_run() throws IOException {
        // per_balloon: balloons known by identity only; across_balloons: each series needs its history
        for (String conversation : List.of("per_balloon", "across_balloons")) {
            Path config = tmp.resolve(conversation + ".yaml");
            Files.writeString(config, "backend: simulated\nmodel_list: ['crra:1', 'random:0.7', 'fixed:4']\n"
                    + "num_balloons: 12\nepochs: 2\nseed: 5\nconversation: " + conversation + "\n");
            Path whole = tmp.resolve(conversation + "-whole");
            CliHarness.Outcome first = CliHarness.run(Map.of(), "run", "--quiet", "--config", config.toString(),
                    "--run-dir", whole.toString());
            assertThat(first.exitCode()).as(first.err()).isZero();

            // a stopped run holds a prefix of each series: here series crra:1 epoch 1 finished, the others
            // at 5 of 12 (a finished series of an across_balloons model is kept by identity, the others
            // as results: their history)
            Path stopped = tmp.resolve(conversation + "-stopped");
            Files.createDirectories(stopped);
            Files.copy(whole.resolve("manifest.json"), stopped.resolve("manifest.json"));
            List<String> lines = Files.readAllLines(whole.resolve("journal.jsonl"));
            List<BalloonResult> records = ResultFiles.readJournal(whole.resolve("journal.jsonl"));
            List<String> kept = new java.util.ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                BalloonResult r = records.get(i);
                if (r.participant().equals("crra:1") && r.epoch() == 1 || r.balloon().id() <= 5) {
                    kept.add(lines.get(i));
                }
            }
            Files.write(stopped.resolve("journal.jsonl"), kept);
            assertThat(kept).hasSize(12 + 5 * 5);
            CliHarness.Outcome resumed = CliHarness.run(Map.of(), "run", "--quiet", "--config", config.toString(),
                    "--run-dir", stopped.toString());
            assertThat(resumed.exitCode()).as(conversation + ": " + resumed.err()).isZero();
            assertThat(resumed.out()).contains("resuming 37 recorded balloons in: " + stopped);
            assertThat(Files.readAllLines(stopped.resolve("journal.jsonl"))).as("each balloon asked once")
                    .hasSize(72);
            assertThat(RunCommandTest.withoutLatency(stopped.resolve("BART_combined.csv"))).as(conversation)
                    .isEqualTo(RunCommandTest.withoutLatency(whole.resolve("BART_combined.csv")));
            assertThat(Files.readString(stopped.resolve("BART_summary.csv")))
                    .isEqualTo(Files.readString(whole.resolve("BART_summary.csv")));
        }
    }

    @Test
    void a_journal_recording_a_balloon_twice_with_status_ok_is_refused_in_one_line() throws IOException {
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, "backend: simulated\nmodel_list: ['fixed:3']\nnum_balloons: 6\nseed: 3\n");
        Path whole = tmp.resolve("whole");
        assertThat(CliHarness.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir",
                whole.toString()).exitCode()).isZero();
        Path edited = tmp.resolve("edited");
        stoppedCopy(whole, edited, 4);
        String line = Files.readAllLines(edited.resolve("journal.jsonl")).get(1);
        Files.writeString(edited.resolve("journal.jsonl"), line + "\n", java.nio.file.StandardOpenOption.APPEND);

        CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir",
                edited.toString());
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().strip()).startsWith("bart: " + edited.resolve("journal.jsonl") + ": balloon ")
                .contains("of 'fixed:3' (persona '', epoch 1) is already completed with status ok")
                .endsWith("this journal was edited or two runs were mixed; use a new --run-dir")
                .doesNotContain("\n").doesNotContain("Exception");
    }
}
