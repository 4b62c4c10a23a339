package io.github.bart4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code BART_results.json}'s results and balloons are written by {@link JsonText} instead of
 * Jackson's pretty printer: byte for byte what the Jackson generator (with {@code
 * useDefaultPrettyPrinter()}, through a strict UTF-8 writer) wrote for the same results.
 */
class ResultsJsonEncoderTest {

    @TempDir
    Path dir;

    /** The whole file as Jackson wrote it before (one generator, pretty, to a strict UTF-8 writer). */
    private static void jacksonFile(Path file, Map<String, ?> parameters, List<BalloonResult> results)
            throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JsonGenerator g = ResultJson.MAPPER.getFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("experiment_name", "demo \"x\"");
            g.writeStringField("timestamp", "2026-12-02T10:00:00Z");
            g.writeFieldName("parameters");
            ResultJson.MAPPER.writeValue(g, parameters);
            g.writeArrayFieldStart("summary");
            g.writeEndArray();
            g.writeArrayFieldStart("results");
            Map<Integer, Balloon> balloons = new TreeMap<>();
            for (BalloonResult r : results) {
                ResultJson.write(g, r);
                balloons.putIfAbsent(r.balloon().id(), r.balloon());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("balloons");
            for (Balloon b : balloons.values()) {
                g.writeStartObject();
                g.writeNumberField("balloon_id", b.id());
                g.writeStringField("balloon_type", b.type());
                g.writeNumberField("threshold_pumps", b.threshold());
                g.writeNumberField("min_pumps", b.minThreshold());
                g.writeNumberField("max_pumps", b.capacity());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("model_list", List.of("a", "b"));
        p.put("personas", Map.of());
        p.put("seed", 7);
        return p;
    }

    /** Both ways of writing the file (summary given, summary asked after the results) against Jackson's. */
    private void assertSameAsJackson(List<BalloonResult> results) throws IOException {
        Path expected = dir.resolve("jackson.json");
        jacksonFile(expected, parameters(), results);
        Path given = dir.resolve("given.json");
        ResultFiles.writeResultsJson(given, "demo \"x\"", "2026-12-02T10:00:00Z", parameters(), List.of(), results);
        Path streamed = dir.resolve("streamed.json");
        ResultFiles.writeResultsJson(streamed, "demo \"x\"", "2026-12-02T10:00:00Z", parameters(), results,
                List::of);
        byte[] want = Files.readAllBytes(expected);
        assertThat(Files.readAllBytes(given)).isEqualTo(want);
        assertThat(Files.readAllBytes(streamed)).isEqualTo(want);
    }

    private static String jacksonPretty(BalloonResult r) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = ResultJson.MAPPER.getFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartArray();
            ResultJson.write(g, r);
            g.writeEndArray();
        }
        return out.toString();
    }

    private static String ours(BalloonResult r) {
        JsonText t = JsonText.pretty(256, 0);
        t.startArray();
        ResultJson.write(t.element(), r);
        return t.endArray().toString();
    }

    @Test
    void tricky_results_are_laid_out_as_jackson_lays_them_out() throws IOException {
        for (BalloonResult r : ResultJsonLineTest.tricky()) {
            assertThat(ours(r)).isEqualTo(jacksonPretty(r));
        }
        List<BalloonResult> encodable = ResultJsonLineTest.tricky().stream()
                .filter(r -> !r.participant().startsWith("unicode")).toList(); // that one holds unpaired surrogates
        assertSameAsJackson(encodable);
    }

    @Test
    void no_results_and_empty_lists_are_laid_out_as_jackson_lays_them_out() throws IOException {
        assertSameAsJackson(List.of());
        Balloon b = new Balloon(2, "", 1, 20, 5, 0.1);
        assertSameAsJackson(List.of(new BalloonResult("m", "", 1, b, 0, false, 0.0, List.of(),
                BalloonResult.Status.ERROR, "gave up")));
    }

    @Test
    void thousands_of_random_results_are_written_as_jackson_writes_them() throws IOException {
        SplittableRandom random = new SplittableRandom(29);
        for (int n = 0; n < 3_000; n++) { // unpaired surrogates too: compared as text
            BalloonResult r = ResultJsonLineTest.random(random, true);
            assertThat(ours(r)).isEqualTo(jacksonPretty(r));
        }
        List<BalloonResult> ascii = ResultJsonLineTest.tricky().stream()
                .filter(r -> !r.participant().startsWith("unicode")).toList();
        List<BalloonResult> results = new ArrayList<>();
        for (int n = 0; n < 3_000; n++) { // as files: blocks of ASCII only (copied as they are), then any text
            results.add(ascii.get(n % ascii.size()));
        }
        for (int n = 0; n < 3_000; n++) {
            results.add(ResultJsonLineTest.random(random, false));
            if (n % 500 == 0) {
                for (int i = 0; i < 1_000; i++) {
                    results.add(ascii.get(i % ascii.size()));
                }
            }
        }
        assertSameAsJackson(results);
    }

    @Test
    void an_unpaired_surrogate_fails_the_write_as_it_did_through_jackson() {
        Balloon b = new Balloon(1, "", 1, 20, 5, 0.1);
        for (String text : List.of("a\uD83Cb", "\uDF88", "x\uD83C")) {
            List<BalloonResult> results = List.of(new BalloonResult("m" + text, "", 1, b, 0, false, 0.0, List.of(),
                    BalloonResult.Status.OK, null));
            assertThatThrownBy(() -> jacksonFile(dir.resolve("jackson.json"), parameters(), results))
                    .isInstanceOf(java.nio.charset.MalformedInputException.class);
            for (boolean streamed : List.of(false, true)) {
                Path file = dir.resolve("ours.json");
                assertThatThrownBy(() -> {
                    if (streamed) {
                        ResultFiles.writeResultsJson(file, "demo", "now", parameters(), results, List::of);
                    } else {
                        ResultFiles.writeResultsJson(file, "demo", "now", parameters(), List.of(), results);
                    }
                }).isInstanceOf(ResultIoException.class).hasMessageContaining("cannot write " + file)
                        .hasCauseInstanceOf(java.nio.charset.MalformedInputException.class);
                assertThat(file).doesNotExist();
            }
        }
        // a whole pair is fine
        Balloon typed = new Balloon(1, "\uD83C\uDF88", 1, 20, 5, 0.1);
        assertThat(ours(new BalloonResult("m", "", 1, typed, 0, false, 0.0, List.of(), BalloonResult.Status.OK,
                null))).contains("\uD83C\uDF88");
    }
}
