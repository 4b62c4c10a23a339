package io.github.bart4j.core.io;

import static io.github.bart4j.core.io.Fixtures.cashedOut;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Bart4jException;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ResultFiles;
import io.github.bart4j.core.ResultIoException;
import io.github.bart4j.core.ResultSink;
import io.github.bart4j.core.ResultSinks;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.Statistics;
import io.github.bart4j.core.agents.ScriptedParticipants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bart4jException is the one type to catch: a file bart4j cannot read or write (the machine's
 * failure, not the content's) is a {@link ResultIoException} naming the file, its cause the I/O error.
 */
class FileFailureTest {

    @TempDir
    Path dir;

    private static final List<BalloonResult> RESULTS = List.of(cashedOut("m", 1, 6, 3));

    /** A path whose parent is a regular file: no file can be created or read there, even by root. */
    private Path blocked(String name) throws IOException {
        Path file = dir.resolve("not-a-dir");
        if (!Files.exists(file)) {
            Files.writeString(file, "x");
        }
        return file.resolve(name);
    }

    private static void assertIoFailure(ThrowingCallable call, Path file) {
        assertThatThrownBy(call)
                .isInstanceOf(Bart4jException.class)
                .isInstanceOf(ResultIoException.class)
                .hasMessageStartingWith("cannot ")
                .hasMessageContaining(file.toString())
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void writing_result_files_where_it_is_impossible_throws_ResultIoException() throws IOException {
        Path csv = blocked("BART_combined.csv");
        assertIoFailure(() -> ResultFiles.writeCombinedCsv(csv, RESULTS), csv);
        Path json = blocked("BART_results.json");
        assertIoFailure(() -> ResultFiles.writeResultsJson(json, "x", "now", Map.of(),
                Statistics.summarize(RESULTS), RESULTS), json);
        Path summary = blocked("BART_summary.csv");
        assertIoFailure(() -> Statistics.writeCsv(summary, Statistics.summarize(RESULTS)), summary);
        Path journal = blocked("journal.jsonl");
        assertIoFailure(() -> ResultSinks.jsonLines(journal), journal);
        assertIoFailure(() -> ResultSinks.csv(csv), csv);
    }

    @Test
    void reading_a_result_file_that_cannot_be_read_throws_ResultIoException() throws IOException {
        Path csv = blocked("BART_combined.csv");
        assertThatThrownBy(() -> ResultFiles.read(csv)).isInstanceOf(Bart4jException.class)
                .hasMessageContaining(csv.toString());
        Path unreadable = Files.createDirectories(dir.resolve("journal.jsonl"));
        assertThatThrownBy(() -> ResultFiles.readJournal(unreadable)).isInstanceOf(Bart4jException.class)
                .hasMessageContaining(unreadable.toString());
    }

    @Test
    void a_full_disk_under_a_sink_is_a_ResultIoException_and_the_run_fails_with_a_Bart4jException() {
        Path full = Path.of("/dev/full");
        assumeThat(full).as("Linux's always-full device").exists();
        try (ResultSink sink = ResultSinks.jsonLines(full, ResultSinks.WriteMode.APPEND)) {
            assertThatThrownBy(() -> sink.accept(RESULTS.get(0)))
                    .isInstanceOf(ResultIoException.class)
                    .hasMessage("cannot write /dev/full: No space left on device")
                    .hasCauseInstanceOf(IOException.class);
        }
        try (ResultSink sink = ResultSinks.jsonLines(full, ResultSinks.WriteMode.APPEND)) {
            Experiment experiment = Experiment.builder()
                    .schedule(Schedule.explicit(List.of(5), 1, 20, 0.10))
                    .participant(ScriptedParticipants.fixed(2))
                    .sink(sink)
                    .build();
            assertThatThrownBy(experiment::run)
                    .isInstanceOf(Bart4jException.class)
                    .hasMessageContaining("cannot write /dev/full: No space left on device")
                    .hasCauseInstanceOf(ResultIoException.class)
                    .hasRootCauseInstanceOf(IOException.class);
        }
    }
}
