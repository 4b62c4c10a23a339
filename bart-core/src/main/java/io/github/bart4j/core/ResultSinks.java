package io.github.bart4j.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Ready-made {@link ResultSink}s. Every sink is thread-safe, and its {@code close()} is idempotent.
 * File sinks write and flush each result before {@code accept} returns, and throw
 * {@link ResultIoException} naming the file when they cannot write. A file sink refuses
 * a file that already holds results unless asked to {@linkplain WriteMode#APPEND append} (a resumed
 * run continuing its file) or to {@linkplain WriteMode#REPLACE replace} it, so running the same
 * program twice never silently yields a file with every balloon twice.
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

    /** What a file sink does with a file that already holds something. */
    public enum WriteMode {
        /** The default: the file must not exist or be empty; otherwise {@link ResultFileException}. */
        NEW,
        /** Continue an existing file (a resumed run): its results are kept and new ones follow. */
        APPEND,
        /** Start the file afresh: an existing file's content is discarded. */
        REPLACE
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
     * <p>A new or empty file gets the header. A file that holds anything is refused: see
     * {@link #csv(Path, WriteMode)} to continue or replace it.
     *
     * @throws ResultFileException if the file exists and is not empty
     * @throws ResultIoException if the file cannot be opened
     */
    public static ResultSink csv(Path file) {
        return csv(file, WriteMode.NEW);
    }

    /**
     * {@link #csv(Path)} with a choice for an existing file. With {@link WriteMode#APPEND} an
     * existing file must have the same header; an incomplete last row (left by a crash mid-write) is
     * cut off and the file continued.
     *
     * @throws ResultFileException if the file is not empty and {@code mode} is {@code NEW}, or with
     *     {@code APPEND} has a different header
     * @throws ResultIoException if the file cannot be opened
     */
    public static ResultSink csv(Path file, WriteMode mode) {
        prepare(file, mode, "csv");
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
     * <p>A file that holds anything is refused: see {@link #jsonLines(Path, WriteMode)} to continue
     * (a resumed run's journal) or replace it.
     *
     * @throws ResultFileException if the file exists and is not empty
     * @throws ResultIoException if the file cannot be opened
     */
    public static ResultSink jsonLines(Path file) {
        return jsonLines(file, WriteMode.NEW);
    }

    /**
     * {@link #jsonLines(Path)} with a choice for an existing file. With {@link WriteMode#APPEND} an
     * existing file is continued; an incomplete last line is cut off first.
     *
     * @throws ResultFileException if the file is not empty and {@code mode} is {@code NEW}
     * @throws ResultIoException if the file cannot be opened
     */
    public static ResultSink jsonLines(Path file, WriteMode mode) {
        prepare(file, mode, "jsonLines");
        return JsonLinesResultSink.open(file);
    }

    private static void prepare(Path file, WriteMode mode, String factory) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(mode, "mode");
        try {
            if (mode == WriteMode.REPLACE) {
                Files.deleteIfExists(file);
            } else if (mode == WriteMode.NEW && Files.isRegularFile(file) && Files.size(file) > 0) {
                throw new ResultFileException(file, 0, "already holds results (" + Files.size(file) + " bytes);"
                        + " writing more would mix two runs in one file: choose a new file, or pass"
                        + " ResultSinks.WriteMode.APPEND to " + factory + "(file, mode) to continue it or"
                        + " WriteMode.REPLACE to start it afresh");
            }
        } catch (IOException e) {
            throw new ResultIoException("cannot prepare " + file + " for writing: " + e.getMessage(), e);
        }
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
