package io.github.bart4j.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Summary statistics of balloon results (the seed's definitions, see {@link Summary}) and their
 * file and console formats.
 *
 * <pre>{@code
 * List<Summary> rows = Statistics.summarize(ResultFiles.read(Path.of("BART_combined.csv")));
 * System.out.print(Statistics.toTable(rows));
 * Statistics.writeCsv(runDir.resolve("BART_summary.csv"), rows);
 * }</pre>
 */
public final class Statistics {

    /** The columns of {@code BART_summary.csv}: the seed's seven, then bart4j's. */
    public static final List<String> CSV_COLUMNS = List.of("model", "total_balloons", "avg_pumps", "adjusted_pumps",
            "burst_rate", "avg_earnings", "total_earnings", "errored_balloons", "persona", "balloon_type", "sd_pumps",
            "sd_adjusted_pumps", "sd_earnings");

    /** The seed's summary columns. */
    public static final List<String> SEED_CSV_COLUMNS = CSV_COLUMNS.subList(0, 7);

    private Statistics() {
    }

    /** A recorder that accumulates summaries as results arrive. */
    public static SummaryRecorder recorder(SummaryOptions options) {
        return new SummaryRecorder(options);
    }

    /** {@link #summarize(Iterable, SummaryOptions)} with bart4j's scoring. */
    public static List<Summary> summarize(Iterable<BalloonResult> results) {
        return summarize(results, SummaryOptions.defaults());
    }

    /**
     * The summary rows of {@code results}, in the order of {@link SummaryRecorder#summaries()}:
     * per (participant, persona) sorted by name then persona, the row over all balloon types, then
     * (when results have types) one row per type; last the {@code ALL} row. Sums follow the order
     * of {@code results}.
     */
    public static List<Summary> summarize(Iterable<BalloonResult> results, SummaryOptions options) {
        Objects.requireNonNull(results, "results");
        SummaryRecorder recorder = recorder(options);
        for (BalloonResult r : results) {
            recorder.accept(r);
        }
        return recorder.summaries();
    }

    /**
     * {@code BART_summary.csv} with every column of {@link #CSV_COLUMNS}: numbers rounded as the
     * seed ({@link Money#round2} then {@link Money#format}), counts as integers, {@code NaN} as an
     * empty cell; Python csv quoting and {@code "\r\n"} line ends.
     */
    public static String toCsv(List<Summary> rows) {
        return csv(rows, CSV_COLUMNS.size());
    }

    /** Only the seed's seven columns, byte for byte as the seed's {@code BART_summary_*.csv}. */
    public static String toSeedCsv(List<Summary> rows) {
        return csv(rows, SEED_CSV_COLUMNS.size());
    }

    /**
     * Writes {@link #toCsv} to {@code file}, replacing it.
     *
     * @throws ResultIoException naming the file when it cannot be written
     */
    public static void writeCsv(Path file, List<Summary> rows) {
        try {
            Files.writeString(file, toCsv(rows), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ResultIoException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String csv(List<Summary> rows, int columns) {
        StringBuilder out = new StringBuilder();
        PythonCsv.appendRow(out, CSV_COLUMNS.subList(0, columns));
        for (Summary s : rows) {
            List<String> cells = new ArrayList<>(List.of(s.participant(), Long.toString(s.totalBalloons()),
                    num(s.avgPumps()), num(s.adjustedPumps()), num(s.burstRate()), num(s.avgEarnings()),
                    num(s.totalEarnings()), Long.toString(s.erroredBalloons()), s.persona(), s.balloonType(),
                    num(s.sdPumps()), num(s.sdAdjustedPumps()), num(s.sdEarnings())));
            PythonCsv.appendRow(out, cells.subList(0, columns));
        }
        return out.toString();
    }

    private static String num(double x) {
        return Double.isNaN(x) ? "" : Money.format(Money.round2(x));
    }

    /**
     * A plain-text table for the console: one line per row, aligned columns, two decimals,
     * {@code -} for undefined values. The persona and type columns appear only when some row
     * has one. Lines end in {@code "\n"}.
     */
    public static String toTable(List<Summary> rows) {
        boolean personas = rows.stream().anyMatch(s -> !s.persona().isEmpty());
        boolean types = rows.stream().anyMatch(s -> !s.balloonType().isEmpty());
        List<String[]> lines = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("model"));
        if (personas) {
            head.add("persona");
        }
        if (types) {
            head.add("type");
        }
        int labels = head.size();
        head.addAll(List.of("balloons", "errored", "avg pumps", "adj pumps", "burst rate", "avg earn", "total earn",
                "sd pumps"));
        lines.add(head.toArray(String[]::new));
        for (Summary s : rows) {
            List<String> cells = new ArrayList<>(List.of(s.participant()));
            if (personas) {
                cells.add(s.persona());
            }
            if (types) {
                cells.add(s.balloonType());
            }
            cells.addAll(List.of(Long.toString(s.totalBalloons()), Long.toString(s.erroredBalloons()),
                    fixed(s.avgPumps()), fixed(s.adjustedPumps()), fixed(s.burstRate()), fixed(s.avgEarnings()),
                    fixed(s.totalEarnings()), fixed(s.sdPumps())));
            lines.add(cells.toArray(String[]::new));
        }
        int[] width = new int[head.size()];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : lines) {
            StringBuilder l = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                if (i > 0) {
                    l.append("  ");
                }
                String pad = " ".repeat(width[i] - line[i].length());
                l.append(i < labels ? line[i] + pad : pad + line[i]);
            }
            out.append(l.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String fixed(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.2f", Money.round2(x));
    }
}
