package io.github.bart4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ExperimentResult;
import io.github.bart4j.core.ResultFileException;
import io.github.bart4j.core.ResultFiles;
import io.github.bart4j.core.ResultSink;
import io.github.bart4j.core.ResultSinks;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.Statistics;
import io.github.bart4j.core.Summary;
import io.github.bart4j.core.SummaryOptions;
import io.github.bart4j.core.agents.ScriptedParticipants;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFilesTest {

    @TempDir
    Path dir;

    private static final String SEED_HEADER =
            "model,balloon_id,threshold_pumps,pumps_attempted,burst,earnings,choices,full_responses\r\n";

    // ------------------------------------------------------------ the stable-order combined CSV

    @Test
    void write_combined_csv_writes_the_cli_order_in_the_sinks_format_and_replaces_the_file() throws IOException {
        Path live = dir.resolve("live.csv");
        ExperimentResult run;
        try (ResultSink sink = ResultSinks.csv(live)) {
            run = Experiment.builder().schedule(Schedule.uniform(1, 20, 10, 0.10, 7))
                    .participant(ScriptedParticipants.fixed(5)).participant(ScriptedParticipants.crra(1.0))
                    .sink(sink).maxConcurrency(4).build().run();
        }
        Path stable = dir.resolve("BART_combined.csv");
        Files.writeString(stable, "an older file\n");

        ResultFiles.writeCombinedCsv(stable, run.results());

        assertThat(ResultFiles.read(stable)).extracting(BalloonResult::key)
                .containsExactlyElementsOf(run.results().stream().map(BalloonResult::key).toList());
        assertThat(ResultFiles.read(stable)).extracting(r -> r.participant() + " " + r.balloon().id())
                .startsWith("fixed:5 1", "fixed:5 2", "fixed:5 3").endsWith("crra:1 9", "crra:1 10");
        List<String> liveLines = Files.readAllLines(live);
        List<String> stableLines = Files.readAllLines(stable);
        assertThat(stableLines.get(0)).isEqualTo(liveLines.get(0));
        assertThat(stableLines).as("the same rows as the sink wrote, possibly in another order")
                .containsExactlyInAnyOrderElementsOf(liveLines);
        assertThat(Files.list(dir)).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("live.csv", "BART_combined.csv");
    }

    // ------------------------------------------------------------ round trips

    @Test
    void results_written_to_the_csv_sink_read_back_with_every_field_the_csv_holds() {
        List<BalloonResult> results = Fixtures.tricky();
        Path file = dir.resolve("BART_combined.csv");
        write(ResultSinks.csv(file), results);

        List<BalloonResult> read = ResultFiles.read(file);

        assertThat(read).hasSameSizeAs(results);
        for (int i = 0; i < results.size(); i++) {
            BalloonResult expected = results.get(i);
            BalloonResult actual = read.get(i);
            assertThat(actual.participant()).isEqualTo(expected.participant());
            assertThat(actual.persona()).isEqualTo(expected.persona());
            assertThat(actual.epoch()).isEqualTo(expected.epoch());
            assertThat(actual.balloon()).isEqualTo(expected.balloon());
            assertThat(actual.pumps()).isEqualTo(expected.pumps());
            assertThat(actual.burst()).isEqualTo(expected.burst());
            assertThat(actual.earnings()).isEqualTo(expected.earnings());
            assertThat(actual.status()).isEqualTo(expected.status());
            assertThat(actual.error()).isEqualTo(expected.error());
            assertThat(actual.choices()).as("choices of result %d", i).isEqualTo(expected.choices());
            assertThat(actual.responses()).as("responses of result %d", i).isEqualTo(expected.responses());
            assertThat(actual.invalidResponses()).isEqualTo(expected.invalidResponses());
            assertThat(actual.usage()).isEqualTo(expected.usage());
            assertThat(actual.latencyMillis()).isEqualTo(expected.latencyMillis());
        }
    }

    @Test
    void results_written_to_the_journal_read_back_exactly_equal() {
        List<BalloonResult> results = Fixtures.tricky();
        Path file = dir.resolve("journal.jsonl");
        write(ResultSinks.jsonLines(file), results);

        assertThat(ResultFiles.read(file)).isEqualTo(results);
        assertThat(ResultFiles.readJournal(file)).isEqualTo(results);
    }

    @Test
    void results_json_reads_back_exactly_and_keeps_the_seed_keys() throws IOException {
        List<BalloonResult> results = Fixtures.tricky();
        Path file = dir.resolve("BART_results.json");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("num_balloons", 6);
        parameters.put("model_list", List.of("openai/gpt-4o", "local/llama"));
        ResultFiles.writeResultsJson(file, "demo", "20261123-190000", parameters, Statistics.summarize(results),
                results);

        assertThat(ResultFiles.read(file)).isEqualTo(results);
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertThat(root.get("experiment_name").asText()).isEqualTo("demo");
        assertThat(root.get("parameters").get("model_list").size()).isEqualTo(2);
        JsonNode first = root.get("results").get(0);
        for (String key : List.of("model", "balloon_id", "threshold_pumps", "pumps_attempted", "burst", "earnings",
                "choices", "full_responses")) {
            assertThat(first.has(key)).as(key).isTrue();
        }
        assertThat(first.get("choices").get(3).asText()).isEqualTo("CASH OUT");
        assertThat(root.get("results").get(3).get("full_responses").get(0).asText()).startsWith("ERROR: HTTP 429");
        assertThat(root.get("summary").get(0).get("model").asText()).isEqualTo("local/llama");
        assertThat(root.get("balloons")).hasSize(6);
        assertThat(root.get("balloons").get(0).get("balloon_type").asText()).isEqualTo("blue");
        assertThat(Files.exists(dir.resolve("BART_results.json.tmp"))).isFalse();
    }

    @Test
    void results_json_written_in_one_pass_with_the_summary_asked_last_is_the_same_file() throws IOException {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("model_list", List.of("openai/gpt-4o", "local/llama"));
        for (List<BalloonResult> results : List.of(Fixtures.tricky(), List.<BalloonResult>of())) {
            Path given = dir.resolve("given.json");
            Path streamed = dir.resolve("streamed.json");
            List<Summary> summary = Statistics.summarize(results);
            ResultFiles.writeResultsJson(given, "demo", "20261123-190000", parameters, summary, results);
            boolean[] iterated = {false};
            Iterable<BalloonResult> once = () -> {
                java.util.Iterator<BalloonResult> it = results.iterator();
                return new java.util.Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        iterated[0] = !it.hasNext();
                        return !iterated[0];
                    }

                    @Override
                    public BalloonResult next() {
                        return it.next();
                    }
                };
            };
            ResultFiles.writeResultsJson(streamed, "demo", "20261123-190000", parameters, once, () -> {
                assertThat(iterated[0]).as("the summary is asked for after the last result").isTrue();
                return summary;
            });

            assertThat(Files.readString(streamed)).isEqualTo(Files.readString(given));
            assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith("streamed.json."));
        }
    }

    @Test
    void several_files_read_together_in_order() {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.csv");
        write(ResultSinks.jsonLines(a), List.of(Fixtures.cashedOut("m1", 1, 6, 3)));
        write(ResultSinks.csv(b), List.of(Fixtures.burst("m2", 1, 3), Fixtures.burst("m2", 2, 4)));

        assertThat(ResultFiles.readAll(List.of(a, b))).extracting(BalloonResult::participant)
                .containsExactly("m1", "m2", "m2");
    }

    // ------------------------------------------------------------ seed files

    @Test
    void the_seed_csv_reads_as_ok_and_errored_balloons_with_raw_answers() {
        List<BalloonResult> results = ResultFiles.read(Fixtures.seedRuns().resolve("BART_combined_20250407-175732.csv"));

        assertThat(results).hasSize(1300);
        assertThat(results.stream().filter(BalloonResult::isError)).hasSize(175);
        BalloonResult o1 = results.stream().filter(r -> r.participant().equals("openai/o1") && r.balloon().id() == 4)
                .findFirst().orElseThrow();
        assertThat(o1.isError()).isTrue();
        assertThat(o1.error()).isEqualTo("No valid LLM response after 3 attempts");
        assertThat(o1.decisions()).isEmpty();
        assertThat(o1.balloon()).isEqualTo(new Balloon(4, "", 1, 20, 7, 0.1));
        assertThat(results).allSatisfy(r -> assertThat(r.choices()).hasSameSizeAs(r.responses()));
    }

    @Test
    void a_seed_answer_spanning_lines_stays_one_answer() {
        List<BalloonResult> results = ResultFiles.read(Fixtures.seedRuns().resolve("BART_combined_20250407-172848.csv"));

        BalloonResult first = results.get(0);
        assertThat(first.participant()).isEqualTo("mistralai/mistral-large-2411");
        assertThat(first.choices()).containsExactly(Decision.PUMP, Decision.PUMP, Decision.PUMP, Decision.CASH_OUT);
        assertThat(first.responses()).hasSize(4);
        assertThat(first.responses().get(3)).startsWith("Pump\nitation The balloon did NOT burst.");
        assertThat(first.earnings()).isEqualTo(0.3);
    }

    @Test
    void a_seed_row_whose_answers_do_not_match_its_choices_keeps_the_whole_text() throws IOException {
        Path file = dir.resolve("seed.csv");
        Files.writeString(file, SEED_HEADER + "m,1,9,2,False,0.5,\"PUMP, PUMP, CASH OUT\",Pump | Pump | or | Cash Out\r\n");

        BalloonResult r = ResultFiles.read(file).get(0);

        assertThat(r.choices()).containsExactly(Decision.PUMP, Decision.PUMP, Decision.CASH_OUT);
        assertThat(r.decisions().get(0).raw()).isEqualTo("Pump | Pump | or | Cash Out");
        assertThat(r.balloon().rewardPerPump()).isEqualTo(0.25);
    }

    @Test
    void the_seed_json_log_reads_with_the_model_and_range_from_its_header() throws IOException {
        Path file = dir.resolve("BART_gpt-4o_20250407.json");
        Files.writeString(file, """
                {
                  "experiment_name": "BART",
                  "timestamp": "20250407-172848",
                  "config": {"min_pumps": 1, "max_pumps": 32, "reward_per_pump": 0.05, "num_balloons": 2},
                  "summary": {"total_balloons": 2},
                  "results": [
                    {"balloon_id": 1, "threshold_pumps": 30, "pumps_attempted": 2, "burst": false, "earnings": 0.1,
                     "choices": ["PUMP", "PUMP", "CASH OUT"], "full_responses": ["Pump", "Pump", "Cash Out"]},
                    {"balloon_id": 2, "threshold_pumps": 5, "pumps_attempted": 0, "burst": false, "earnings": 0.0,
                     "choices": [], "full_responses": ["ERROR: No valid LLM response after 3 attempts"]}
                  ],
                  "model": "openai/gpt-4o"
                }
                """);

        List<BalloonResult> results = ResultFiles.read(file);

        assertThat(results).hasSize(2);
        assertThat(results.get(0).participant()).isEqualTo("openai/gpt-4o");
        assertThat(results.get(0).balloon()).isEqualTo(new Balloon(1, "", 1, 32, 30, 0.05));
        assertThat(results.get(0).responses()).containsExactly("Pump", "Pump", "Cash Out");
        assertThat(results.get(1).isError()).isTrue();
        assertThat(results.get(1).error()).isEqualTo("No valid LLM response after 3 attempts");
        assertThat(Statistics.summarize(results, SummaryOptions.seedScoring()).get(0).totalBalloons()).isEqualTo(2);
    }

    // ------------------------------------------------------------ journal edge cases

    @Test
    void a_torn_last_journal_line_is_ignored() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        write(ResultSinks.jsonLines(file), List.of(Fixtures.cashedOut("m", 1, 6, 3), Fixtures.burst("m", 2, 4)));
        Files.writeString(file, "{\"model\":\"m\",\"balloon_id\":3,\"ep", StandardOpenOption.APPEND);

        assertThat(ResultFiles.read(file)).extracting(r -> r.balloon().id()).containsExactly(1, 2);
    }

    @Test
    void a_last_journal_line_cut_inside_a_multibyte_character_is_ignored() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        write(ResultSinks.jsonLines(file), List.of(Fixtures.cashedOut("m", 1, 6, 3)));
        byte[] euro = "{\"model\":\"€".getBytes(StandardCharsets.UTF_8);
        Files.write(file, java.util.Arrays.copyOf(euro, euro.length - 1), StandardOpenOption.APPEND);

        assertThat(ResultFiles.read(file)).hasSize(1);
    }

    @Test
    void a_line_that_is_not_utf8_before_the_last_is_an_error() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        Files.write(file, new byte[] {'{', (byte) 0xC3, '}', '\n'});
        write(ResultSinks.jsonLines(file, ResultSinks.WriteMode.APPEND), List.of(Fixtures.cashedOut("m", 1, 6, 3)));

        assertThatThrownBy(() -> ResultFiles.read(file))
                .isInstanceOf(ResultFileException.class)
                .hasMessageStartingWith(file + " line 1: the file is not UTF-8 text");
    }

    @Test
    void a_bad_journal_line_before_the_last_is_an_error_naming_its_line() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        write(ResultSinks.jsonLines(file), List.of(Fixtures.cashedOut("m", 1, 6, 3)));
        Files.writeString(file, "{\"model\":\"m\",\"ballo\n", StandardOpenOption.APPEND);
        write(ResultSinks.jsonLines(file, ResultSinks.WriteMode.APPEND), List.of(Fixtures.burst("m", 2, 4)));
        // the sink cut nothing: the torn line ended with a line break before the second write
        assertThatThrownBy(() -> ResultFiles.read(file))
                .isInstanceOf(ResultFileException.class)
                .hasMessageStartingWith(file + " line 2: not a JSON object");
    }

    @Test
    void a_journal_value_breaking_a_rule_names_the_key_and_the_value() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        Files.writeString(file, "{\"model\":\"m\",\"balloon_id\":1,\"threshold_pumps\":5,\"pumps_attempted\":2,"
                + "\"burst\":\"maybe\",\"earnings\":0.2}\n");

        assertThatThrownBy(() -> ResultFiles.read(file))
                .isInstanceOf(ResultFileException.class)
                .hasMessage(file + " line 1: burst must be true or false, but is: 'maybe'");
    }

    @Test
    void an_empty_journal_holds_no_results() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        Files.writeString(file, "");
        assertThat(ResultFiles.read(file)).isEmpty();
        assertThat(ResultFiles.readJournal(file)).isEmpty();
    }

    // ------------------------------------------------------------ malformed files

    @Test
    void an_empty_csv_file_is_refused() throws IOException {
        Path file = dir.resolve("x.csv");
        Files.writeString(file, "");
        assertThatThrownBy(() -> ResultFiles.read(file))
                .isInstanceOf(ResultFileException.class)
                .hasMessageStartingWith(file + ": the file is empty");
    }

    @Test
    void binary_garbage_is_refused_as_not_text() throws IOException {
        Path file = dir.resolve("x.csv");
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, (byte) 0xff, (byte) 0xfe, 1, 2, 3});
        assertThatThrownBy(() -> ResultFiles.read(file))
                .isInstanceOf(ResultFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("binary");
    }

    @Test
    void an_unknown_header_is_named_with_the_expected_columns() throws IOException {
        Path file = dir.resolve("x.csv");
        Files.writeString(file, "name,score\r\nbob,3\r\n");
        assertThatThrownBy(() -> ResultFiles.read(file))
                .isInstanceOf(ResultFileException.class)
                .hasMessageStartingWith(file + " line 1: unknown header: expected the seed's columns "
                        + "'model,balloon_id,threshold_pumps,pumps_attempted,burst,earnings,choices,full_responses'")
                .hasMessageEndingWith("but is: 'name,score'");
    }

    @Test
    void a_row_with_the_wrong_number_of_fields_names_its_line() throws IOException {
        Path file = dir.resolve("x.csv");
        Files.writeString(file, SEED_HEADER + "m,1,5,2,False,0.2,\"PUMP, PUMP, CASH OUT\",\"a\nb | c | d\"\r\n"
                + "m,2,5,2\r\n");
        assertThatThrownBy(() -> ResultFiles.read(file))
                .isInstanceOf(ResultFileException.class)
                .hasMessage(file + " line 4: expected 8 fields as in the header, but found 4");
    }

    @Test
    void a_bad_boolean_is_reported_with_file_line_rule_and_value() throws IOException {
        Path file = dir.resolve("x.csv");
        Files.writeString(file, SEED_HEADER + "m,1,5,2,False,0.2,\"PUMP, PUMP, CASH OUT\",a | b | c\r\n"
                + "m,2,5,2,maybe,0.2,\"PUMP, PUMP, CASH OUT\",a | b | c\r\n");
        assertThatThrownBy(() -> ResultFiles.read(file))
                .isInstanceOf(ResultFileException.class)
                .hasMessage(file + " line 3: burst must be True or False, but is: 'maybe'");
    }

    @Test
    void non_numeric_numbers_are_reported_by_column() throws IOException {
        Path file = dir.resolve("x.csv");
        Files.writeString(file, SEED_HEADER + "m,one,5,2,False,0.2,\"PUMP, PUMP, CASH OUT\",a | b | c\r\n");
        assertThatThrownBy(() -> ResultFiles.read(file))
                .hasMessage(file + " line 2: balloon_id must be a whole number, but is: 'one'");
        Files.writeString(file, SEED_HEADER + "m,1,5,2,False,0.2$,\"PUMP, PUMP, CASH OUT\",a | b | c\r\n");
        assertThatThrownBy(() -> ResultFiles.read(file))
                .hasMessage(file + " line 2: earnings must be a number, but is: '0.2$'");
        Files.writeString(file, SEED_HEADER + "m,1,5,2,False,0.2,\"PUMP, JUMP\",a | b\r\n");
        assertThatThrownBy(() -> ResultFiles.read(file))
                .hasMessage(file + " line 2: choices must hold PUMP or CASH OUT, but holds: 'JUMP'");
        Files.writeString(file, SEED_HEADER + "m,1,0,0,False,0.0,,\r\n");
        assertThatThrownBy(() -> ResultFiles.read(file))
                .hasMessage(file + " line 2: threshold must be between 1 and 20, but is: 0");
    }

    @Test
    void an_unterminated_quote_is_reported_as_invalid_csv() throws IOException {
        Path file = dir.resolve("x.csv");
        Files.writeString(file, SEED_HEADER + "m,1,5,2,False,0.2,\"PUMP, PUMP, CASH OUT\",\"a | b | c\r\n");
        assertThatThrownBy(() -> ResultFiles.read(file))
                .isInstanceOf(ResultFileException.class)
                .hasMessageStartingWith(file + " line 2: not valid CSV: ");
    }

    @Test
    void a_huge_field_is_refused_without_loading_it() throws IOException {
        Path file = dir.resolve("huge.csv");
        char[] block = new char[1 << 20];
        java.util.Arrays.fill(block, 'x');
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(SEED_HEADER + "m,1,5,2,False,0.2,\"PUMP, PUMP, CASH OUT\",a | b | c\r\nm,2,5,2,False,0.2,\"");
            for (int i = 0; i < 40; i++) {
                w.write(block);
            }
        }
        assertThatThrownBy(() -> ResultFiles.read(file))
                .isInstanceOf(ResultFileException.class)
                .hasMessageStartingWith(file + " line 3: a record is longer than 16777216 characters");
    }

    @Test
    void a_huge_journal_line_is_refused_without_loading_it() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        char[] block = new char[1 << 20];
        java.util.Arrays.fill(block, 'x');
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\"model\":\"");
            for (int i = 0; i < 20; i++) {
                w.write(block);
            }
            w.write("\"}\n");
        }
        assertThatThrownBy(() -> ResultFiles.read(file))
                .isInstanceOf(ResultFileException.class)
                .hasMessageStartingWith(file + " line 1: a line is longer than");
    }

    @Test
    void a_huge_string_in_a_json_document_is_refused() throws IOException {
        Path file = dir.resolve("BART_results.json");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\n  \"results\": [{\"model\": \"");
            char[] block = new char[1 << 20];
            java.util.Arrays.fill(block, 'x');
            for (int i = 0; i < 12; i++) {
                w.write(block);
            }
            w.write("\"}]\n}\n");
        }
        assertThatThrownBy(() -> ResultFiles.read(file))
                .isInstanceOf(ResultFileException.class)
                .hasMessageStartingWith(file + ": not valid JSON: String value length")
                .hasMessageContaining("exceeds the maximum allowed (10000000");
    }

    @Test
    void json_without_results_is_an_unknown_layout() throws IOException {
        Path file = dir.resolve("x.json");
        Files.writeString(file, "{\n  \"name\": 1\n}\n");
        assertThatThrownBy(() -> ResultFiles.read(file))
                .isInstanceOf(ResultFileException.class)
                .hasMessage(file + ": unknown JSON layout: expected a \"results\" list (BART_results.json or the "
                        + "seed's JSON log), but the keys are [name]");
    }

    @Test
    void broken_json_names_its_line() throws IOException {
        Path file = dir.resolve("x.json");
        Files.writeString(file, "{\n  \"results\": [\n    {\"balloon_id\": 1,,}\n  ]\n}\n");
        assertThatThrownBy(() -> ResultFiles.read(file))
                .isInstanceOf(ResultFileException.class)
                .hasMessageStartingWith(file + " line 3: not valid JSON: ");
    }

    @Test
    void a_missing_file_or_a_directory_is_named() {
        Path file = dir.resolve("nope.csv");
        assertThatThrownBy(() -> ResultFiles.read(file))
                .isInstanceOf(ResultFileException.class)
                .hasMessage(file + ": the file does not exist");
        assertThatThrownBy(() -> ResultFiles.read(dir))
                .isInstanceOf(ResultFileException.class)
                .hasMessage(dir + ": this is a directory; expected a result file");
    }

    private static void write(ResultSink sink, List<BalloonResult> results) {
        try (sink) {
            results.forEach(sink::accept);
        }
    }
}
