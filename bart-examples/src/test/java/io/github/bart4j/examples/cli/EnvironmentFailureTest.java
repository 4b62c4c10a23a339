package io.github.bart4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ResultSinks;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.agents.ScriptedParticipants;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one line the command line prints when the machine fails: the journal cannot be appended to
 * (a full disk: Linux's {@code /dev/full} fails every write with ENOSPC, even for root), a
 * directory became read-only.
 */
class EnvironmentFailureTest {

    @Test
    void a_full_disk_while_appending_to_the_journal_names_the_balloon_the_file_and_the_cause() {
        assumeThat(Path.of("/dev/full")).as("Linux's always-full device").exists();
        Path journal = Path.of("/dev/full");
        Experiment experiment = Experiment.builder().schedule(Schedule.explicit(List.of(5, 6), 1, 10, 0.10))
                .participant(ScriptedParticipants.fixed(2)).sink(ResultSinks.jsonLines(journal)).build();

        Throwable failure = catchThrowable(experiment::run);

        IOException io = EnvironmentFailure.ioCause(failure);
        assertThat(io).as("an I/O failure in %s", failure).isNotNull();
        String line = EnvironmentFailure.describe(failure, io);
        assertThat(line).contains("/dev/full").endsWith(": no space left on device").doesNotContain("\n");
    }

    @Test
    void permission_denied_names_the_path() {
        var e = new java.io.UncheckedIOException("cannot write /runs/x/journal.jsonl: Permission denied",
                new AccessDeniedException("/runs/x/journal.jsonl"));

        assertThat(EnvironmentFailure.describe(e, EnvironmentFailure.ioCause(e)))
                .isEqualTo("cannot write /runs/x/journal.jsonl: permission denied");
    }

    @Test
    void a_message_in_the_style_of_file_output_stream_is_reduced_to_its_cause() {
        assertThat(EnvironmentFailure.cause(new IOException("/runs/x/BART_summary.csv (Read-only file system)")))
                .isEqualTo("read-only file system");
    }
}
