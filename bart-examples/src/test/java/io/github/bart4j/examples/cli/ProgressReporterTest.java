package io.github.bart4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Progress;
import io.github.bart4j.core.Task;
import io.github.bart4j.core.agents.ScriptedParticipants;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The plain-lines progress display's policy, on a fake clock. */
class ProgressReporterTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final StringWriter text = new StringWriter();
    private final ProgressReporter lines = ProgressReporter.lines(new PrintWriter(text, true), nanos::get);
    private final BalloonResult ok = Task.classic().play(ScriptedParticipants.parse("fixed:3"),
            new Balloon(1, "", 1, 20, 10, 0.10));

    /** {@code total} balloons finishing one every {@code every} of fake time. */
    private void finish(int total, Duration every) {
        for (int done = 1; done <= total; done++) {
            nanos.addAndGet(every.toNanos());
            lines.balloonFinished(ok, new Progress(done, total, 0, 100L * done, done, 0, Duration.ZERO));
        }
        lines.close();
    }

    @Test
    void a_run_of_a_second_prints_no_progress_at_all() {
        finish(200, Duration.ofMillis(5)); // 200 balloons in one second

        assertThat(text.toString()).isEmpty();
    }

    @Test
    void a_long_run_prints_a_line_every_five_seconds_and_a_last_one() {
        finish(60, Duration.ofSeconds(1)); // one minute

        assertThat(text.toString().lines()).hasSize(12) // at 5, 10, ... 55 s, and the last balloon at 60 s
                .allSatisfy(l -> assertThat(l).startsWith("balloons ").doesNotContain("ETA 0s"));
        assertThat(text.toString().lines().findFirst().orElseThrow()).isEqualTo("balloons 5/60 (8%), ETA 55s,"
                + " tokens 505, errors 0");
        assertThat(text.toString().lines().reduce((a, b) -> b).orElseThrow()).startsWith("balloons 60/60 (100%) in 1m00s");
    }

    @Test
    void an_errored_balloon_is_always_said() {
        BalloonResult error = new BalloonResult("crra:1", "", 1, ok.balloon(), 0, false, 0.0, java.util.List.of(),
                BalloonResult.Status.ERROR, "provider down");
        nanos.addAndGet(1_000_000);
        lines.balloonFinished(error, new Progress(1, 10, 1, 0, 0, 0, Duration.ZERO));

        assertThat(text.toString().lines()).containsExactly("[crra:1] balloon 1: ERROR provider down");
    }

    @Test
    void next_steps_name_the_run_directory_quoted_for_the_shell_when_needed() {
        assertThat(ProgressReporter.nextSteps(Path.of("runs/a b"), true)).contains("./bart analyze --file 'runs/a b'",
                "./bart plot --file 'runs/a b'", "docs/configuration.md");
        assertThat(ProgressReporter.nextSteps(Path.of("runs/x"), false)).contains("./bart analyze --file runs/x")
                .doesNotContain("docs/configuration.md");
    }
}
