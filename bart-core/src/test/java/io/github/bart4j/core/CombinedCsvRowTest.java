package io.github.bart4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CombinedCsv#appendRow} (and {@link ResultFiles#writeCombinedCsv}, which writes its rows in
 * blocks) gives exactly the rows of the list-of-fields encoder it replaced: each column converted to
 * text, then {@link PythonCsv#appendRow}, written through a strict UTF-8 writer.
 */
class CombinedCsvRowTest {

    @TempDir
    Path dir;

    /** The encoder before: one string per column, then Python's quoting. */
    private static String reference(BalloonResult r) {
        TokenUsage usage = r.usage();
        List<String> fields = new ArrayList<>();
        fields.add(r.participant());
        fields.add(Integer.toString(r.balloon().id()));
        fields.add(Integer.toString(r.balloon().threshold()));
        fields.add(Integer.toString(r.pumps()));
        fields.add(r.burst() ? "True" : "False");
        fields.add(bigDecimalStr(r.earnings()));
        fields.add(CombinedCsv.choices(r.choices()));
        fields.add(CombinedCsv.fullResponses(r));
        fields.add(r.status().label());
        fields.add(r.error());
        fields.add(Integer.toString(r.epoch()));
        fields.add(r.persona());
        fields.add(r.balloon().type());
        fields.add(Integer.toString(r.balloon().minThreshold()));
        fields.add(Integer.toString(r.balloon().capacity()));
        fields.add(bigDecimalStr(r.balloon().rewardPerPump()));
        fields.add(String.join(CombinedCsv.RESPONSE_SEPARATOR, r.invalidResponses()));
        fields.add(usage.inputTokens() == null ? null : usage.inputTokens().toString());
        fields.add(usage.outputTokens() == null ? null : usage.outputTokens().toString());
        fields.add(usage.cost() == null ? null : bigDecimalStr(usage.cost()));
        fields.add(Long.toString(r.latencyMillis()));
        return PythonCsv.appendRow(new StringBuilder(), fields).toString();
    }

    /** {@link PythonNumbers#str} as it was: always through BigDecimal. */
    private static String bigDecimalStr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        java.math.BigDecimal d = new java.math.BigDecimal(Double.toString(x)).stripTrailingZeros();
        return (d.scale() < 1 ? d.setScale(1, java.math.RoundingMode.UNNECESSARY) : d).toPlainString();
    }

    private static void referenceFile(Path file, List<BalloonResult> results) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(CombinedCsv.header());
            for (BalloonResult r : results) {
                out.write(reference(r));
            }
        }
    }

    @Test
    void rows_of_tricky_and_random_results_are_the_rows_written_before() throws IOException {
        List<BalloonResult> all = new ArrayList<>(ResultJsonLineTest.tricky());
        SplittableRandom random = new SplittableRandom(41);
        for (int n = 0; n < 5_000; n++) {
            all.add(ResultJsonLineTest.random(random, true));
        }
        for (BalloonResult r : all) {
            assertThat(CombinedCsv.row(r)).isEqualTo(reference(r));
        }

        List<BalloonResult> encodable = new ArrayList<>(ResultJsonLineTest.tricky().stream()
                .filter(r -> !r.participant().startsWith("unicode")).toList()); // that one holds unpaired surrogates
        List<BalloonResult> ascii = List.copyOf(encodable);
        for (int n = 0; n < 6_000; n++) { // blocks of ASCII only (copied as they are), then of any text
            encodable.add(ascii.get(n % ascii.size()));
        }
        for (int n = 0; n < 20_000; n++) { // several blocks of the file writer
            encodable.add(ResultJsonLineTest.random(random, false));
            if (n % 1000 == 0) {
                for (int i = 0; i < 3_000; i++) {
                    encodable.add(ascii.get(i % ascii.size()));
                }
            }
        }
        Path expected = dir.resolve("expected.csv");
        referenceFile(expected, encodable);
        Path ours = dir.resolve("BART_combined.csv");
        ResultFiles.writeCombinedCsv(ours, encodable);
        assertThat(Files.readAllBytes(ours)).isEqualTo(Files.readAllBytes(expected));
        assertThat(Files.size(ours)).isGreaterThan(2L * ResultFiles.BLOCK);
    }

    @Test
    void an_unpaired_surrogate_fails_the_write_as_before() {
        Balloon b = new Balloon(1, "", 1, 20, 5, 0.1);
        for (String text : List.of("a\uD83Cb", "\uDF88", "x,\uD83C")) {
            List<BalloonResult> results = List.of(new BalloonResult("m", text, 1, b, 0, false, 0.0, List.of(),
                    BalloonResult.Status.OK, null));
            assertThatThrownBy(() -> referenceFile(dir.resolve("expected.csv"), results))
                    .isInstanceOf(java.nio.charset.MalformedInputException.class);
            Path file = dir.resolve("BART_combined.csv");
            assertThatThrownBy(() -> ResultFiles.writeCombinedCsv(file, results)).isInstanceOf(ResultIoException.class)
                    .hasMessageContaining("cannot write " + file)
                    .hasCauseInstanceOf(java.nio.charset.MalformedInputException.class);
            assertThat(file).doesNotExist();
        }
    }

    @Test
    void a_results_usage_is_the_sum_of_its_turns_usage_as_token_usage_plus_adds_them() {
        SplittableRandom random = new SplittableRandom(43);
        Balloon b = new Balloon(1, "", 1, 20, 5, 0.1);
        Integer[] ints = {null, 0, 7, 1_000_000, Integer.MAX_VALUE};
        Double[] costs = {null, 0.0, -0.0, 0.1, 1e-9, 0.2, Double.NaN};
        for (int n = 0; n < 2_000; n++) {
            List<Turn> turns = new ArrayList<>();
            for (int i = random.nextInt(5); i > 0; i--) {
                turns.add(new Turn(new Answer.Choice(Decision.PUMP, "Pump", null, random.nextInt(6) == 0 ? null
                        : new TokenUsage(ints[random.nextInt(ints.length)], ints[random.nextInt(ints.length)],
                        costs[random.nextInt(costs.length)])), 0));
            }
            BalloonResult r = new BalloonResult("m", "", 1, b, 0, false, 0.0, turns, BalloonResult.Status.OK, null);
            TokenUsage folded = TokenUsage.UNKNOWN;
            for (Turn t : turns) {
                folded = folded.plus(t.answer().usage());
            }
            assertThat(r.usage()).isEqualTo(folded);
        }
    }
}
