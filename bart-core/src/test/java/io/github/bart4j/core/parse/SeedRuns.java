package io.github.bart4j.core.parse;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** The seed project's published runs ({@code testdata/seed-runs/BART_combined_*.csv}), read for tests. */
final class SeedRuns {

    /** One balloon row: its recorded choices and its raw answers split at {@code " | "}. */
    record Row(String file, String model, String balloonId, List<String> choices, List<String> answers,
               boolean errored) {

        /** Whether each answer can be paired with one recorded choice. */
        boolean aligned() {
            return !errored && answers.size() == choices.size();
        }
    }

    private static List<Row> rows;

    private SeedRuns() {
    }

    static synchronized List<Row> rows() {
        if (rows == null) {
            rows = List.copyOf(read());
        }
        return rows;
    }

    private static List<Row> read() {
        Path dir = io.github.bart4j.core.io.Fixtures.seedRuns();
        List<Row> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().startsWith("BART_combined_")).sorted()
                    .toList()) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
                    for (CSVRecord r : format.parse(reader)) {
                        String responses = r.get("full_responses");
                        String choices = r.get("choices");
                        out.add(new Row(file.getFileName().toString(), r.get("model"), r.get("balloon_id"),
                                choices.isEmpty() ? List.of() : Arrays.asList(choices.split(", ", -1)),
                                Arrays.asList(responses.split(" \\| ", -1)), responses.startsWith("ERROR")));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed runs in " + dir, e);
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no BART_combined_*.csv in " + dir);
        }
        return out;
    }
}
