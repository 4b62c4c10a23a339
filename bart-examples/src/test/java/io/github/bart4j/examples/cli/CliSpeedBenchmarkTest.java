package io.github.bart4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ExperimentResult;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.Task;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench run-speed} runs the CLI path on a small size and counts every decision it played. No timing asserted. */
class CliSpeedBenchmarkTest {

    @Test
    void run_speed_counts_the_decisions_the_run_played(@TempDir Path tmp) throws Exception {
        StringWriter text = new StringWriter();
        CliSpeedBenchmark.run(new PrintWriter(text, true), 30);
        String out = text.toString();
        Matcher m = Pattern.compile("run_speed_decisions: (\\d+) decisions \\(4 simulated models x 30 balloons = 120"
                + " balloons, every file written\\)").matcher(out);
        assertThat(m.find()).as(out).isTrue();

        // the same experiment through the library: as many decisions
        Path config = Files.writeString(tmp.resolve("speed.yaml"), "backend: simulated\nmodel_list: [\"crra:2\","
                + " \"crra:1\", \"crra:0\", \"crra:-1\"]\nnum_balloons: 30\nseed: 7\n");
        RunConfig cfg = new ConfigLoader(Map.of()).load(config);
        Schedule schedule = RunCommand.schedule(cfg, 7);
        Experiment.Builder b = Experiment.builder().schedule(schedule).task(Task.classic(cfg.maxInvalidRetries()));
        Participants.create(cfg, 7).forEach(a -> b.participant(a.participant(), a.persona()));
        ExperimentResult played = b.build().run();
        long decisions = played.results().stream().mapToLong(r -> r.turns().size()).sum();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(decisions).isGreaterThan(120);
        assertThat(out).containsPattern("run_speed_wall: \\d+\\.\\d\\d s")
                .containsPattern("run_speed_decisions_per_second: \\d+ decisions/s")
                .containsPattern("run_speed_cpu: (\\d+\\.\\d\\d|NaN) s");
    }
}
