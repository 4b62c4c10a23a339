package io.github.bart4j.core.stats;

import static io.github.bart4j.core.io.Fixtures.burst;
import static io.github.bart4j.core.io.Fixtures.cashedOut;
import static io.github.bart4j.core.io.Fixtures.errored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.ResultFiles;
import io.github.bart4j.core.Statistics;
import io.github.bart4j.core.Summary;
import io.github.bart4j.core.SummaryRecorder;
import io.github.bart4j.core.io.Fixtures;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.stat.descriptive.moment.StandardDeviation;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    private static BalloonResult typed(String model, String persona, String type, int id, int threshold, int pumps) {
        Balloon b = new Balloon(id, type, 1, 128, threshold, 0.05);
        boolean burst = b.burstsAt(pumps);
        int made = burst ? threshold : pumps;
        return new BalloonResult(model, persona, 1, b, made, burst, b.earnings(made, burst), List.of(),
                BalloonResult.Status.OK, null);
    }

    @Test
    void rows_are_sorted_by_participant_then_persona_with_type_rows_and_ALL_last() {
        List<BalloonResult> results = List.of(
                typed("b-model", "", "yellow", 1, 20, 5),
                typed("a-model", "risky", "blue", 2, 100, 50),
                typed("a-model", "careful", "blue", 3, 100, 10),
                typed("a-model", "careful", "orange", 4, 3, 5),
                typed("b-model", "", "blue", 5, 100, 64));

        List<Summary> rows = Statistics.summarize(results);

        assertThat(rows).extracting(s -> s.participant() + "|" + s.persona() + "|" + s.balloonType()).containsExactly(
                "a-model|careful|", "a-model|careful|blue", "a-model|careful|orange",
                "a-model|risky|", "a-model|risky|blue",
                "b-model||", "b-model||blue", "b-model||yellow",
                "ALL||");
        Summary careful = rows.get(0);
        assertThat(careful.totalBalloons()).isEqualTo(2);
        assertThat(careful.avgPumps()).isEqualTo(6.5);
        assertThat(careful.adjustedPumps()).isEqualTo(10.0);
        assertThat(careful.burstRate()).isEqualTo(0.5);
        assertThat(careful.totalEarnings()).isEqualTo(0.5);
        assertThat(rows.get(8).totalBalloons()).isEqualTo(5);
    }

    @Test
    void untyped_results_get_no_type_rows() {
        List<Summary> rows = Statistics.summarize(List.of(cashedOut("m", 1, 10, 4), burst("m", 2, 3)));
        assertThat(rows).extracting(Summary::participant).containsExactly("m", "ALL");
    }

    @Test
    void errored_balloons_are_excluded_and_counted_unless_seed_scoring() {
        List<BalloonResult> results = List.of(cashedOut("m", 1, 10, 4), errored("m", 2, 10, 6, "timeout"),
                burst("m", 3, 2));

        Summary bart4j = Statistics.summarize(results).get(0);
        Summary seed = Statistics.summarize(results, Statistics.Scoring.SEED).get(0);

        assertThat(bart4j.totalBalloons()).isEqualTo(2);
        assertThat(bart4j.erroredBalloons()).isEqualTo(1);
        assertThat(bart4j.avgPumps()).isEqualTo(3.0);
        assertThat(bart4j.burstRate()).isEqualTo(0.5);
        assertThat(seed.totalBalloons()).isEqualTo(3);
        assertThat(seed.erroredBalloons()).isZero();
        assertThat(seed.avgPumps()).isEqualTo(2.0);
        assertThat(seed.adjustedPumps()).isEqualTo(2.0);
        assertThat(seed.avgEarnings()).isEqualTo(0.4 / 3);
    }

    @Test
    void a_participant_whose_balloons_all_failed_has_undefined_averages_and_empty_csv_cells() {
        List<Summary> rows = Statistics.summarize(List.of(errored("m", 1, 10, 0, "HTTP 401")));
        Summary m = rows.get(0);

        assertThat(m.totalBalloons()).isZero();
        assertThat(m.avgPumps()).isNaN();
        assertThat(m.adjustedPumps()).isEqualTo(0.0);
        assertThat(m.totalEarnings()).isEqualTo(0.0);
        assertThat(Statistics.toCsv(rows).split("\r\n")[1]).isEqualTo("m,0,,0.0,,,0.0,1,,,,,");
    }

    @Test
    void standard_deviations_match_commons_math_and_are_NaN_below_two_values() {
        List<BalloonResult> results = new ArrayList<>();
        int[] pumps = {3, 7, 1, 12, 9, 4, 15, 6};
        int[] thresholds = {10, 7, 5, 20, 9, 18, 15, 8};
        for (int i = 0; i < pumps.length; i++) {
            results.add(pumps[i] >= thresholds[i] ? burst("m", i + 1, thresholds[i])
                    : cashedOut("m", i + 1, thresholds[i], pumps[i]));
        }
        Summary s = Statistics.summarize(results).get(0);

        StandardDeviation sd = new StandardDeviation();
        assertThat(s.sdPumps()).isCloseTo(sd.evaluate(results.stream().mapToDouble(BalloonResult::pumps).toArray()),
                within(1e-12));
        assertThat(s.sdEarnings()).isCloseTo(sd.evaluate(results.stream().mapToDouble(BalloonResult::earnings)
                .toArray()), within(1e-12));
        assertThat(s.sdAdjustedPumps()).isCloseTo(sd.evaluate(results.stream().filter(r -> !r.burst())
                .mapToDouble(BalloonResult::pumps).toArray()), within(1e-12));
        Summary single = Statistics.summarize(List.of(cashedOut("m", 1, 10, 4))).get(0);
        assertThat(single.sdPumps()).isNaN();
        assertThat(single.sdEarnings()).isNaN();
    }

    @Test
    void the_all_row_counts_every_balloon_and_every_error_of_the_seed_run() {
        List<BalloonResult> all = ResultFiles.read(Fixtures.seedRuns().resolve("BART_combined_20250407-175732.csv"));
        SummaryRecorder recorder = Statistics.recorder(Statistics.Scoring.BART4J);
        all.forEach(recorder::accept);

        List<Summary> rows = recorder.summaries();
        Summary everything = rows.get(rows.size() - 1);
        assertThat(everything.participant()).isEqualTo(Summary.ALL);
        assertThat(everything.totalBalloons()).isEqualTo(1125);
        assertThat(everything.erroredBalloons()).isEqualTo(175);
        assertThat(rows).isEqualTo(Statistics.summarize(all));
        Summary seed = Statistics.summarize(all, Statistics.Scoring.SEED).get(rows.size() - 1);
        assertThat(seed.totalBalloons()).isEqualTo(1125 + 175);
        assertThat(seed.erroredBalloons()).isZero();
    }

    @Test
    void recording_a_balloon_of_a_known_group_allocates_nothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<BalloonResult> results = List.of(typed("m", "p", "blue", 1, 100, 40), typed("m", "p", "blue", 2, 5, 9),
                errored("m", 3, 10, 2, "x"));
        SummaryRecorder recorder = Statistics.recorder(Statistics.Scoring.BART4J);
        for (int i = 0; i < 20_000; i++) {
            recorder.accept(results.get(i % 3));
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++) {
            recorder.accept(results.get(i % 3));
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(allocated).as("bytes allocated for 100,000 balloons").isLessThan(100_000);
        assertThat(recorder.summaries()).filteredOn(r -> r.persona().equals("p") && r.balloonType().isEmpty())
                .extracting(Summary::totalBalloons).containsExactly(13_334L + 66_667L);
    }

    @Test
    void the_console_table_aligns_columns_with_two_decimals() {
        List<Summary> rows = Statistics.summarize(List.of(cashedOut("openai/gpt-4o", 1, 10, 4),
                burst("x", 2, 3), errored("x", 3, 10, 0, "boom")));

        String table = Statistics.toTable(rows);

        assertThat(table).isEqualTo(""
                + "model          balloons  errored  avg pumps  adj pumps  burst rate  avg earn  total earn  sd pumps\n"
                + "openai/gpt-4o         1        0       4.00       4.00        0.00      0.40        0.40         -\n"
                + "x                     1        1       3.00       0.00        1.00      0.00        0.00         -\n"
                + "ALL                   2        1       3.50       4.00        0.50      0.20        0.40      0.71\n");
    }

    @Test
    void the_recorder_as_a_sink_counts_every_result_from_many_threads() throws Exception {
        SummaryRecorder recorder = Statistics.recorder(Statistics.Scoring.BART4J);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String model = "m" + (t % 2);
            threads.add(new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    recorder.accept(i % 2 == 0 ? cashedOut(model, 1, 10, 4) : burst(model, 2, 3));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }

        List<Summary> rows = recorder.summaries();
        assertThat(rows).extracting(Summary::participant).containsExactly("m0", "m1", "ALL");
        assertThat(rows.get(0).totalBalloons()).isEqualTo(4000);
        assertThat(rows.get(2).totalBalloons()).isEqualTo(8000);
        assertThat(rows.get(2).burstRate()).isEqualTo(0.5);
        assertThat(rows.get(2).avgPumps()).isEqualTo(3.5);
    }

    @Test
    void writeCsv_replaces_the_file_with_the_full_summary() throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("BART_summary", ".csv");
        try {
            java.nio.file.Files.writeString(file, "old content that must go\n");
            List<Summary> rows = Statistics.summarize(List.of(cashedOut("m", 1, 10, 4), burst("m", 2, 3)));

            Statistics.writeCsv(file, rows);

            assertThat(java.nio.file.Files.readString(file)).isEqualTo(Statistics.toCsv(rows))
                    .startsWith("model,total_balloons,avg_pumps,adjusted_pumps,burst_rate,avg_earnings,total_earnings,"
                            + "errored_balloons,persona,balloon_type,sd_pumps,sd_adjusted_pumps,sd_earnings\r\n"
                            + "m,2,3.5,4.0,0.5,0.2,0.4,0,,,0.71,,0.28\r\n");
            assertThat(Statistics.toSeedCsv(rows)).isEqualTo(
                    "model,total_balloons,avg_pumps,adjusted_pumps,burst_rate,avg_earnings,total_earnings\r\n"
                            + "m,2,3.5,4.0,0.5,0.2,0.4\r\n"
                            + "ALL,2,3.5,4.0,0.5,0.2,0.4\r\n");
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
