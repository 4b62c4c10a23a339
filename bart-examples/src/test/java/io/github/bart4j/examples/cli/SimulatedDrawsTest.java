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

/** Issue 11 §4: a simulated agent's draws depend on seed, participant, persona, epoch and balloon. */
class SimulatedDrawsTest {

    @TempDir
    Path tmp;

    private List<BalloonResult> run(String name, String yaml) throws IOException {
        Path config = tmp.resolve(name + ".yaml");
        Files.writeString(config, yaml);
        Path dir = tmp.resolve(name);
        CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--config", config.toString(), "--run-dir",
                dir.toString(), "--quiet");
        assertThat(o.exitCode()).as(o.err()).isZero();
        return ResultFiles.read(dir.resolve("BART_combined.csv"));
    }

    private static List<Integer> pumps(List<BalloonResult> results, String participant, String persona, int epoch) {
        return results.stream().filter(r -> r.participant().equals(participant) && r.persona().equals(persona)
                && r.epoch() == epoch).map(BalloonResult::pumps).toList();
    }

    @Test
    void epochs_and_personas_draw_afresh_and_reruns_with_the_same_seed_are_identical() throws IOException {
        String yaml = "backend: simulated\nmodel_list: ['random:0.7', 'random:0.5']\nnum_balloons: 30\nepochs: 3\n"
                + "seed: 11\npersonas:\n  calm: 'You are calm.'\n  bold: 'You are bold.'\n";
        List<BalloonResult> a = run("a", yaml);
        List<BalloonResult> b = run("b", yaml);

        assertThat(a).hasSize(2 * 2 * 3 * 30);
        List<Integer> e1 = pumps(a, "random:0.7", "calm", 1);
        assertThat(pumps(a, "random:0.7", "calm", 2)).isNotEqualTo(e1);
        assertThat(pumps(a, "random:0.7", "calm", 3)).isNotEqualTo(e1);
        assertThat(pumps(a, "random:0.7", "bold", 1)).isNotEqualTo(e1);
        assertThat(a).extracting(r -> r.key() + " " + r.pumps() + " " + r.burst())
                .containsExactlyElementsOf(b.stream().map(r -> r.key() + " " + r.pumps() + " " + r.burst()).toList());

        List<BalloonResult> other = run("c", yaml.replace("seed: 11", "seed: 12"));
        assertThat(pumps(other, "random:0.7", "calm", 1)).isNotEqualTo(e1);
    }
}
