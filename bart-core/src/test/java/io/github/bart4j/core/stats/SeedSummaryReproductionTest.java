package io.github.bart4j.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.ResultFiles;
import io.github.bart4j.core.Statistics;
import io.github.bart4j.core.Summary;
import io.github.bart4j.core.io.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SeedSummaryReproductionTest {

    @ParameterizedTest
    @ValueSource(strings = {"20250407-172848", "20250407-175732"})
    void seed_scoring_reproduces_the_seed_summary_file_byte_for_byte(String run) throws IOException {
        List<BalloonResult> results = ResultFiles.read(Fixtures.seedRuns().resolve("BART_combined_" + run + ".csv"));
        String expected = Files.readString(Fixtures.seedRuns().resolve("BART_summary_" + run + ".csv"),
                StandardCharsets.UTF_8);

        String actual = Statistics.toSeedCsv(Statistics.summarize(results, Statistics.Scoring.SEED));

        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void bart4j_scoring_changes_only_the_models_with_errors_and_counts_their_errors() {
        Path file = Fixtures.seedRuns().resolve("BART_combined_20250407-175732.csv");
        List<BalloonResult> results = ResultFiles.read(file);
        Map<String, Summary> seed = byModel(Statistics.summarize(results, Statistics.Scoring.SEED));
        Map<String, Summary> bart4j = byModel(Statistics.summarize(results, Statistics.Scoring.BART4J));
        Map<String, Long> expectedErrors = Map.of("openai/o1", 47L, "google/gemini-2.5-pro-preview-03-25", 42L,
                "anthropic/claude-3.7-sonnet:thinking", 34L, "openai/o3-mini-high", 31L, "openai/o1-mini", 15L,
                "openai/o3-mini", 6L);

        assertThat(bart4j.keySet()).isEqualTo(seed.keySet()).hasSize(27);
        for (String model : seed.keySet()) {
            Summary s = seed.get(model);
            Summary b = bart4j.get(model);
            if (model.equals(Summary.ALL)) {
                assertThat(b.erroredBalloons()).isEqualTo(175);
                assertThat(b.totalBalloons()).isEqualTo(1300 - 175);
            } else if (expectedErrors.containsKey(model)) {
                assertThat(b.erroredBalloons()).as(model).isEqualTo(expectedErrors.get(model));
                assertThat(b.totalBalloons()).as(model).isEqualTo(50 - expectedErrors.get(model));
                assertThat(b.avgPumps()).as(model).isGreaterThan(s.avgPumps());
            } else {
                assertThat(b).as(model).isEqualTo(s);
                assertThat(b.erroredBalloons()).isZero();
            }
        }
        assertThat(seed.values()).allSatisfy(s -> assertThat(s.erroredBalloons()).isZero());
    }

    @Test
    void bart4j_summary_csv_has_the_seed_columns_first_then_errors_and_spreads() {
        List<BalloonResult> results = ResultFiles.read(
                Fixtures.seedRuns().resolve("BART_combined_20250407-175732.csv"));
        String csv = Statistics.toCsv(Statistics.summarize(results));
        List<String> lines = List.of(csv.split("\r\n"));

        assertThat(lines.get(0)).isEqualTo("model,total_balloons,avg_pumps,adjusted_pumps,burst_rate,avg_earnings,"
                + "total_earnings,errored_balloons,persona,balloon_type,sd_pumps,sd_adjusted_pumps,sd_earnings");
        assertThat(lines).hasSize(28);
        assertThat(lines.get(1)).startsWith("01-ai/yi-large,50,5.5,5.85,0.34,0.39,19.3,0,,,");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("openai/o1,3,"));
        assertThat(lines.get(27)).startsWith("ALL,1125,");
    }

    private static Map<String, Summary> byModel(List<Summary> rows) {
        return rows.stream().collect(Collectors.toMap(Summary::participant, Function.identity()));
    }
}
