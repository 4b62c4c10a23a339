package io.github.bart4j.core;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reads result files written by bart4j or by the seed project, and writes {@code BART_results.json}.
 *
 * <p>{@link #read} recognises the format by the content:
 * <ul>
 *   <li><b>bart4j's {@code BART_combined.csv}</b> (the seed's columns, then {@code status} and more):
 *       everything the CSV holds comes back. The CSV keeps per balloon only the valid answers, the
 *       invalid ones and the usage totals, so the {@link Turn}s are rebuilt: one per
 *       valid answer (matched to {@code choices}), then the invalid ones (their reason is not
 *       kept), with the usage and latency totals on the first turn. An empty invalid answer
 *       alone cannot be told from none.</li>
 *   <li><b>the seed's combined CSV</b> (exactly {@code model, balloon_id, threshold_pumps,
 *       pumps_attempted, burst, earnings, choices, full_responses}): a row whose
 *       {@code full_responses} starts with {@code ERROR} is an errored balloon with the text after
 *       {@code "ERROR: "} as its cause and no decisions; other rows get one record per choice,
 *       the raw answers from splitting {@code full_responses} on {@code " | "} (when an answer
 *       itself contained {@code " | "} the counts differ, and the first record keeps the whole
 *       text). Seed files do not record the burst range or the reward: the range is taken as
 *       {@code 1..max(20, threshold)} (the seed's default range) and the reward as earnings / pumps
 *       of the file's first cashed-out balloon with pumps, rounded to cents, else 0.10. Epoch is 1,
 *       persona and type empty.</li>
 *   <li><b>{@code journal.jsonl}</b> (one result object per line, see {@link ResultSinks#jsonLines}):
 *       read losslessly; an incomplete last line (a crash mid-write) is ignored, a bad line
 *       elsewhere is an error. An empty {@code .jsonl} file holds no results.</li>
 *   <li><b>JSON</b>: bart4j's {@code BART_results.json} (lossless) and the seed's per-model JSON log
 *       ({@code {"config": {...}, "results": [...], "model": ...}}), whose results are read as seed
 *       CSV rows, with the range and reward from {@code config} when it has them.</li>
 * </ul>
 * A file that cannot be read as any of these throws {@link ResultFileException} naming the file,
 * the line when there is one, and the problem. No record longer than 16 MiB characters is loaded.
 *
 * <pre>{@code
 * List<BalloonResult> results = ResultFiles.readAll(List.of(Path.of("shard-a/BART_combined.csv"),
 *         Path.of("shard-b/journal.jsonl")));
 * List<Summary> rows = Statistics.summarize(results);
 * }</pre>
 */
public final class ResultFiles {

    private ResultFiles() {
    }

    /**
     * Reads one result file of any supported format, in file order. A journal's balloon recorded
     * again (after {@code --retry-errors}) counts as its later record; a CSV or JSON result file
     * that holds a balloon twice (e.g. written twice by an appending sink) is refused.
     *
     * @throws ResultFileException if the file is missing, empty, not text, of an unknown layout or
     *     malformed, or holds a balloon twice (naming both places)
     * @throws ResultIoException if it cannot be read
     */
    public static List<BalloonResult> read(Path file) {
        return ResultFileReader.read(Objects.requireNonNull(file, "file"));
    }

    /**
     * Reads several result files (e.g. a run sharded by model) and concatenates their results in
     * the order of {@code files}. The files together must hold each balloon (participant, persona,
     * epoch, balloon id) once.
     *
     * @throws ResultFileException naming the first file that cannot be read, or a balloon found in
     *     two files (or twice in one), with both places
     */
    public static List<BalloonResult> readAll(List<Path> files) {
        List<BalloonResult> out = new ArrayList<>();
        List<List<BalloonResult>> each = new ArrayList<>();
        List<Duplicates.Layout> layouts = new ArrayList<>();
        for (Path file : files) {
            List<BalloonResult> results = read(file);
            each.add(results);
            layouts.add(ResultFileReader.layout(file));
            out.addAll(results);
        }
        Duplicates.refuseAcross(files, layouts, each);
        return out;
    }

    /**
     * Reads result files as {@link #readAll} does, but keeps only each balloon's outcome: the
     * results carry no decisions (an empty list), and equal names and balloons are shared. Enough
     * for every statistic of {@code bart4j.core.analysis} and a fraction of the memory: a combined
     * CSV is decoded row by row, so files of millions of balloons fit in a small heap.
     *
     * @throws ResultFileException as {@link #readAll}: a file that cannot be read, or a balloon held twice
     */
    public static List<BalloonResult> readOutcomes(List<Path> files) {
        Map<Object, Object> shared = new HashMap<>();
        java.util.function.UnaryOperator<BalloonResult> lean = r -> new BalloonResult(
                (String) shared.computeIfAbsent(r.participant(), k -> k), (String) shared.computeIfAbsent(r.persona(), k -> k),
                r.epoch(), (Balloon) shared.computeIfAbsent(r.balloon(), k -> k), r.pumps(), r.burst(), r.earnings(),
                List.of(), r.status(), r.error() == null ? null : (String) shared.computeIfAbsent(r.error(), k -> k));
        List<BalloonResult> out = new ArrayList<>();
        List<List<BalloonResult>> each = new ArrayList<>();
        List<Duplicates.Layout> layouts = new ArrayList<>();
        for (Path file : files) {
            List<BalloonResult> results = ResultFileReader.read(Objects.requireNonNull(file, "file"), lean);
            each.add(results);
            layouts.add(ResultFileReader.layout(file));
            out.addAll(results);
        }
        Duplicates.refuseAcross(files, layouts, each); // the same refusal as readAll
        return out;
    }

    /**
     * Reads a journal written by {@link ResultSinks#jsonLines}, whatever its name: the results it
     * holds, ignoring an incomplete last line. A balloon recorded more than once (asked again after
     * an error) appears once, as its last record. A runner resumes from it.
     *
     * @throws ResultFileException if a line other than the last is not a valid result object
     */
    public static List<BalloonResult> readJournal(Path file) {
        return ResultFileReader.readJournal(Objects.requireNonNull(file, "file"));
    }

    /**
     * Hands every record of a journal to {@code each}, in file order and without holding them: a
     * balloon recorded more than once comes once per record. An incomplete last line is ignored.
     *
     * @throws ResultFileException if a line other than the last is not a valid result object
     */
    public static void readJournal(Path file, java.util.function.Consumer<BalloonResult> each) {
        ResultFileReader.readJournal(Objects.requireNonNull(file, "file"), Objects.requireNonNull(each, "each"));
    }

    /**
     * One result as one line of {@code journal.jsonl} (a JSON object, then {@code '\n'}): the format
     * {@link ResultSinks#jsonLines} appends and {@link #readJournal} reads back losslessly. For
     * programs that write journal-format files of their own (e.g. sorted copies of a journal).
     */
    public static String journalLine(BalloonResult result) {
        return ResultJson.line(Objects.requireNonNull(result, "result"));
    }

    /**
     * Writes {@code BART_combined.csv} as the command line does: the header and one row per result,
     * in the order of {@code results}, replacing {@code file} atomically where the file system
     * allows. The format is {@link ResultSinks#csv}'s. Given {@link ExperimentResult#results()},
     * the rows are in the command line's stable order (participant, persona, epoch, balloon),
     * whereas {@code ResultSinks.csv} during a run writes them as balloons finish.
     *
     * <pre>{@code
     * ExperimentResult run = experiment.run();
     * ResultFiles.writeCombinedCsv(runDir.resolve("BART_combined.csv"), run.results());
     * Statistics.writeCsv(runDir.resolve("BART_summary.csv"), Statistics.summarize(run.results()));
     * }</pre>
     *
     * @throws ResultIoException naming the file when it cannot be written
     */
    public static void writeCombinedCsv(Path file, Iterable<BalloonResult> results) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(results, "results");
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (OutputStream out = newStream(tmp)) {
                StringBuilder block = new StringBuilder(BLOCK + (1 << 16)).append(CombinedCsv.header());
                int content = 0;
                for (BalloonResult r : results) {
                    content |= CombinedCsv.appendRow(block, r);
                    if (block.length() >= BLOCK) {
                        writeUtf8(out, block, content);
                        if (content == 0) {
                            block.setLength(0);
                        } else { // not one widened by a char above U+00FF
                            block = new StringBuilder(BLOCK + (1 << 16));
                            content = 0;
                        }
                    }
                }
                writeUtf8(out, block, content);
            }
            replace(tmp, file);
        } catch (IOException e) {
            throw new ResultIoException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code BART_results.json}, replacing {@code file} atomically where the file system
     * allows:
     * <pre>
     * {"experiment_name": ..., "timestamp": ..., "parameters": {...},
     *  "summary": [rows as BART_summary.csv, rounded the same way, NaN as null],
     *  "results": [one object per balloon, as in journal.jsonl: the seed's keys (choices and
     *              full_responses as lists) plus model and bart4j's fields],
     *  "balloons": [{"balloon_id", "balloon_type", "threshold_pumps", "min_pumps", "max_pumps"}]}
     * </pre>
     * The seed's analysis script, which reads {@code data["results"]}, works on it, and
     * {@link #read} reads it back losslessly. {@code balloons} lists each balloon id once (the
     * first result's balloon), sorted by id.
     *
     * @param parameters the run's configuration as JSON-ready values (maps, lists, strings,
     *                   numbers, booleans); the caller removes secrets
     * @throws ResultIoException naming the file when it cannot be written
     */
    public static void writeResultsJson(Path file, String experimentName, String timestamp,
                                        Map<String, ?> parameters, List<Summary> summary,
                                        Iterable<BalloonResult> results) {
        Objects.requireNonNull(file, "file");
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (OutputStream out = newStream(tmp)) {
                writeHead(out, experimentName, timestamp, parameters, summary);
                writeTail(out, results);
            }
            replace(tmp, file);
        } catch (IOException e) {
            throw new ResultIoException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code BART_results.json} exactly as {@link #writeResultsJson(Path, String, String, Map,
     * List, Iterable)} does, iterating {@code results} once and asking for the summary only after
     * the last result, e.g. a summary gathered while the results stream by, or by another thread
     * from the same results. The results are written as they come to a temporary file beside
     * {@code file}, which then follows the summary.
     *
     * @param summary asked once, after {@code results} was iterated to its end
     * @throws ResultIoException naming the file when it cannot be written
     */
    public static void writeResultsJson(Path file, String experimentName, String timestamp,
                                        Map<String, ?> parameters, Iterable<BalloonResult> results,
                                        java.util.function.Supplier<List<Summary>> summary) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(summary, "summary");
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Path tail = file.resolveSibling(file.getFileName() + ".results.tmp");
        try {
            try (OutputStream out = newStream(tail)) {
                writeTail(out, results);
            }
            List<Summary> rows = summary.get();
            try (FileChannel whole = FileChannel.open(tmp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(whole),
                        1 << 16);
                writeHead(out, experimentName, timestamp, parameters, rows);
                out.flush();
                try (FileChannel source = FileChannel.open(tail, StandardOpenOption.READ)) {
                    long size = source.size(); // copied by the kernel, not through a buffer of ours
                    for (long at = 0; at < size; ) {
                        at += source.transferTo(at, size - at, whole);
                    }
                }
            }
            replace(tmp, file);
        } catch (IOException e) {
            throw new ResultIoException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tail);
            } catch (IOException e) {
                // a leftover temporary file; the result file is complete or the error above says why not
            }
        }
    }

    /**
     * A new file for text written in blocks of {@link #BLOCK} characters, which go to the file as they
     * come (the buffer gathers only the few small writes of the head).
     */
    private static OutputStream newStream(Path file) throws IOException {
        return new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    }

    /** {@code {"experiment_name", "timestamp", "parameters", "summary"}, the object left open. */
    private static void writeHead(OutputStream out, String experimentName, String timestamp,
                                  Map<String, ?> parameters, List<Summary> summary) throws IOException {
        Writer text = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8.newEncoder());
        JsonGenerator g = ResultJson.MAPPER.getFactory().createGenerator(text)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeStringField("experiment_name", experimentName);
        g.writeStringField("timestamp", timestamp);
        g.writeFieldName("parameters");
        ResultJson.MAPPER.writeValue(g, parameters == null ? Map.of() : parameters);
        g.writeArrayFieldStart("summary");
        for (Summary s : summary) {
            writeSummary(g, s);
        }
        g.writeEndArray();
        g.close(); // flushes the head, leaves the object open and the stream to the caller
        text.flush();
    }

    /**
     * {@code "results"} and {@code "balloons"}, then the end of the object and a line end, as the
     * head's generator would have continued (pretty, inside the open top object after its summary),
     * written in blocks of about a megabyte by {@link JsonText}.
     */
    private static void writeTail(OutputStream out, Iterable<BalloonResult> results) throws IOException {
        JsonText t = JsonText.pretty(BLOCK + (1 << 16), 1);
        t.field("results").startArray();
        Map<Integer, Balloon> balloons = new TreeMap<>();
        for (BalloonResult r : results) {
            ResultJson.write(t.element(), r);
            balloons.putIfAbsent(r.balloon().id(), r.balloon());
            if (t.length() >= BLOCK) {
                t.writeTo(out);
            }
        }
        t.endArray();
        t.field("balloons").startArray();
        for (Balloon b : balloons.values()) {
            t.element().startObject();
            t.field(BALLOON_ID).number(b.id());
            t.field(BALLOON_TYPE).string(b.type());
            t.field(THRESHOLD_PUMPS).number(b.threshold());
            t.field(MIN_PUMPS).number(b.minThreshold());
            t.field(MAX_PUMPS).number(b.capacity());
            t.endObject();
            if (t.length() >= BLOCK) {
                t.writeTo(out);
            }
        }
        t.endArray();
        t.endObject();
        t.raw("\n");
        t.writeTo(out);
    }

    // the keys of an element of "balloons"
    private static final JsonText.Key BALLOON_ID = new JsonText.Key("balloon_id");
    private static final JsonText.Key BALLOON_TYPE = new JsonText.Key("balloon_type");
    private static final JsonText.Key THRESHOLD_PUMPS = new JsonText.Key("threshold_pumps");
    private static final JsonText.Key MIN_PUMPS = new JsonText.Key("min_pumps");
    private static final JsonText.Key MAX_PUMPS = new JsonText.Key("max_pumps");

    /** Characters of a result file encoded and written at a time (a few of these are in memory at once). */
    static final int BLOCK = 1 << 18;

    /** {@link #writeUtf8}'s {@code content}: the text may hold chars beyond ASCII. */
    static final int NON_ASCII = 1;
    /** {@link #writeUtf8}'s {@code content}: the text may hold surrogate chars (paired or not). */
    static final int SURROGATES = 2;

    /**
     * Writes {@code text} to {@code out} as UTF-8. {@code content} says what it may hold: with
     * {@link #SURROGATES} it is encoded as a {@link Writer} with a strict UTF-8 encoder would (an
     * unpaired surrogate fails with {@link java.nio.charset.MalformedInputException} and nothing is
     * written); else in one fast step (0: ASCII only, copied as it is).
     */
    static void writeUtf8(OutputStream out, CharSequence text, int content) throws IOException {
        if ((content & SURROGATES) != 0) {
            java.nio.ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder().encode(java.nio.CharBuffer.wrap(text));
            out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        } else {
            out.write(text.toString().getBytes(content == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
        }
    }

    private static void replace(Path tmp, Path file) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void writeSummary(JsonGenerator g, Summary s) throws IOException {
        g.writeStartObject();
        g.writeStringField("model", s.participant());
        g.writeNumberField("total_balloons", s.totalBalloons());
        rounded(g, "avg_pumps", s.avgPumps());
        rounded(g, "adjusted_pumps", s.adjustedPumps());
        rounded(g, "burst_rate", s.burstRate());
        rounded(g, "avg_earnings", s.avgEarnings());
        rounded(g, "total_earnings", s.totalEarnings());
        g.writeNumberField("errored_balloons", s.erroredBalloons());
        g.writeStringField("persona", s.persona());
        g.writeStringField("balloon_type", s.balloonType());
        rounded(g, "sd_pumps", s.sdPumps());
        rounded(g, "sd_adjusted_pumps", s.sdAdjustedPumps());
        rounded(g, "sd_earnings", s.sdEarnings());
        g.writeEndObject();
    }

    private static void rounded(JsonGenerator g, String name, double x) throws IOException {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, PythonNumbers.round2(x));
        }
    }
}
