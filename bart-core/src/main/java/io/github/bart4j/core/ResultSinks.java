package io.github.bart4j.core;

import io.github.bart4j.core.internal.CompositeResultSink;
import io.github.bart4j.core.internal.CsvResultSink;
import io.github.bart4j.core.internal.JsonLinesResultSink;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Ready-made {@link ResultSink}s. Every sink is thread-safe, and its {@code close()} is idempotent.
 * File sinks write and flush each result before {@code accept} returns, append to an existing
 * file (so a resumed run continues it), and throw {@link java.io.UncheckedIOException} naming the
 * file when they cannot write.
 *
 * <pre>{@code
 * try (ResultSink sink = ResultSinks.composite(
 *         ResultSinks.csv(runDir.resolve("BART_combined.csv")),
 *         ResultSinks.jsonLines(runDir.resolve("journal.jsonl")))) {
 *     sink.accept(Task.classic().play(participant, balloon));
 * }
 * }</pre>
 */
public final class ResultSinks {

    private ResultSinks() {
    }

    /** A sink that keeps the results in memory. */
    public static InMemoryResultSink inMemory() {
        return new InMemoryResultSink();
    }

    /**
     * The combined CSV ({@code BART_combined.csv}): one row per balloon, written as Python's
     * {@code csv} module writes (quotes only where needed, rows ending in {@code "\r\n"}), with
     * the columns
     * {@code model, balloon_id, threshold_pumps, pumps_attempted, burst, earnings, choices,
     * full_responses} (the seed's, in its order and formats), then {@code status, error, epoch,
     * persona, balloon_type, min_pumps, max_pumps, reward_per_pump, invalid_responses,
     * input_tokens, output_tokens, cost_usd, latency_ms}.
     *
     * <p>{@code choices} is {@code PUMP, PUMP, CASH OUT}; {@code full_responses} joins the valid
     * answers with {@code " | "}; {@code burst} is {@code True}/{@code False}; money is written as
     * Python prints a float ({@code 0.3}, {@code 0.0}); unknown numbers are empty. An errored
     * balloon has {@code full_responses} = {@code "ERROR: <cause>"}, then {@code " | "} and its valid
     * answers if any, so seed tools that test {@code startswith("ERROR")} still work.
     *
     * <p>Rows are written as balloons finish, so in an {@link Experiment} they come in completion
     * order (balloon 10, 9, 7, ... as the runner happens to finish them), not in the command line's
     * stable order. For the command line's file, write {@link ExperimentResult#results()} after the
     * run with {@link ResultFiles#writeCombinedCsv}; this sink is for keeping each result on disk
     * the moment it exists.
     *
     * <p>A new or empty file gets the header. An existing file must have the same header; an
     * incomplete last row (left by a crash mid-write) is cut off and the file continued.
     *
     * @throws ResultFileException if the file exists with a different header
     * @throws java.io.UncheckedIOException if the file cannot be opened
     */
    public static ResultSink csv(Path file) {
        return CsvResultSink.open(file);
    }

    /**
     * The journal ({@code journal.jsonl}): one JSON object per balloon and line, lossless (every
     * field of {@link BalloonResult}, each {@link DecisionRecord} with usage, reasoning and latency,
     * and the {@link Balloon}), with snake_case keys: {@code model, balloon_id, epoch, persona,
     * balloon_type, threshold_pumps, min_pumps, max_pumps, reward_per_pump, pumps_attempted, burst,
     * earnings, status, error, choices, full_responses, invalid_responses, input_tokens,
     * output_tokens, cost_usd, latency_ms, decisions}. {@link ResultFiles#read} and
     * {@link ResultFiles#readJournal} decode it. Lines are in completion order, as for {@link #csv}.
     *
     * <p>An existing file is continued; an incomplete last line is cut off first.
     *
     * @throws java.io.UncheckedIOException if the file cannot be opened
     */
    public static ResultSink jsonLines(Path file) {
        return JsonLinesResultSink.open(file);
    }

    /**
     * A sink passing each result to every one of {@code sinks}, in order. When one fails, the
     * others still receive the result, then the first failure is thrown (later ones suppressed).
     * Closing closes every sink.
     */
    public static ResultSink composite(ResultSink... sinks) {
        Objects.requireNonNull(sinks, "sinks");
        return new CompositeResultSink(Arrays.asList(sinks));
    }
}
