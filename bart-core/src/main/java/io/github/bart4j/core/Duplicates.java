package io.github.bart4j.core;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The rule that result files hold each balloon — (participant, persona, epoch, balloon id) — once:
 * within a CSV or JSON result file, and across the files read together. (A journal may record a
 * balloon again after {@code --retry-errors}; its reader keeps the later record, so a journal
 * never holds a duplicate here.) A duplicate is refused with a {@link ResultFileException} naming
 * the key and both places.
 */
final class Duplicates {

    /** How results are placed in a file, for the message. */
    public enum Layout { CSV, JSON, JOURNAL }

    private Duplicates() {
    }

    /** Refuses a second record of a balloon within one file. */
    public static void refuseWithin(Path file, Layout layout, List<BalloonResult> results) {
        Map<BalloonResult.Key, Integer> seen = new HashMap<>();
        for (int i = 0; i < results.size(); i++) {
            Integer first = seen.putIfAbsent(results.get(i).key(), i);
            if (first != null) {
                throw refusal(results.get(i).key(), file, layout, first, file, layout, i);
            }
        }
    }

    /**
     * Refuses a balloon found in two of several files (each already free of duplicates).
     *
     * @param layouts the layout of each file
     */
    public static void refuseAcross(List<Path> files, List<Layout> layouts, List<List<BalloonResult>> results) {
        Map<BalloonResult.Key, int[]> seen = new HashMap<>();
        for (int f = 0; f < files.size(); f++) {
            List<BalloonResult> rs = results.get(f);
            for (int i = 0; i < rs.size(); i++) {
                int[] first = seen.putIfAbsent(rs.get(i).key(), new int[] {f, i});
                if (first != null) {
                    throw refusal(rs.get(i).key(), files.get(first[0]), layouts.get(first[0]), first[1], files.get(f),
                            layouts.get(f), i);
                }
            }
        }
    }

    private static ResultFileException refusal(BalloonResult.Key key, Path firstFile, Layout firstLayout, int first,
                                               Path file, Layout layout, int index) {
        long line = layout == Layout.CSV ? csvLine(file, index) : 0;
        String where = line > 0 ? "" : layout == Layout.JSON ? " (result " + (index + 1) + ")" : " (journal)";
        return new ResultFileException(file, line, "balloon " + key.balloonId() + " of '" + key.participant()
                + "' (persona '" + key.persona() + "', epoch " + key.epoch() + ")" + where + " is also at "
                + place(firstFile, firstLayout, first) + "; each balloon may be in the input once (a file written"
                + " twice, or two runs mixed): remove the copy or analyse the files separately");
    }

    private static String place(Path file, Layout layout, int index) {
        switch (layout) {
            case CSV:
                return file + " line " + csvLine(file, index);
            case JSON:
                return file + " (result " + (index + 1) + ")";
            default:
                return file + " (journal)";
        }
    }

    /** The line where the {@code index}-th data record (0-based) of a CSV file starts. */
    private static long csvLine(Path file, int index) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get().parse(in)) {
            Iterator<CSVRecord> records = parser.iterator();
            records.next(); // the header
            long before = parser.getCurrentLineNumber();
            for (int i = 0; records.hasNext(); i++) {
                records.next();
                if (i == index) {
                    return before + 1;
                }
                before = parser.getCurrentLineNumber();
            }
            return 0;
        } catch (IOException e) {
            throw new ResultIoException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
