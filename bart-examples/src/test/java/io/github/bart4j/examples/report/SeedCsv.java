package io.github.bart4j.examples.report;

import io.github.bart4j.core.Answer;
import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.Turn;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test-only reader of the seed project's 8-column combined CSV (range 1..20, reward $0.10). */
final class SeedCsv {

    private SeedCsv() {
    }

    static Path seedRun(String name) {
        return io.github.bart4j.examples.TestData.seedRuns().resolve(name);
    }

    static List<BalloonResult> read(Path csv) throws IOException {
        List<BalloonResult> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            for (CSVRecord rec : p) {
                int id = Integer.parseInt(rec.get("balloon_id"));
                int threshold = Integer.parseInt(rec.get("threshold_pumps"));
                int pumps = Integer.parseInt(rec.get("pumps_attempted"));
                boolean burst = rec.get("burst").equals("True");
                String responses = rec.get("full_responses");
                Balloon b = new Balloon(id, "", 1, 20, threshold, 0.10);
                List<Turn> decisions = new ArrayList<>();
                String choices = rec.get("choices");
                if (!choices.isBlank()) {
                    for (String c : choices.split(", ")) {
                        decisions.add(new Turn(new Answer.Choice(Decision.fromLabel(c), c, null, null), 0));
                    }
                }
                if (responses.startsWith("ERROR")) {
                    out.add(new BalloonResult(rec.get("model"), "", 1, b, pumps, false, 0.0, decisions,
                            BalloonResult.Status.ERROR, responses));
                } else {
                    out.add(new BalloonResult(rec.get("model"), "", 1, b, pumps, burst,
                            Double.parseDouble(rec.get("earnings")), decisions, BalloonResult.Status.OK, null));
                }
            }
        }
        return out;
    }
}
