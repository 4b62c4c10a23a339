package io.github.bart4j.core.io;

import static io.github.bart4j.core.io.Fixtures.burst;
import static io.github.bart4j.core.io.Fixtures.cashedOut;
import static io.github.bart4j.core.io.Fixtures.errored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.InMemoryResultSink;
import io.github.bart4j.core.ResultFileException;
import io.github.bart4j.core.ResultIoException;
import io.github.bart4j.core.ResultSink;
import io.github.bart4j.core.ResultSinks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultSinksTest {

    private static final String HEADER = "model,balloon_id,threshold_pumps,pumps_attempted,burst,earnings,choices,"
            + "full_responses,status,error,epoch,persona,balloon_type,min_pumps,max_pumps,reward_per_pump,"
            + "invalid_responses,input_tokens,output_tokens,cost_usd,latency_ms\r\n";

    @TempDir
    Path dir;

    @Test
    void csv_sink_writes_the_header_and_rows_in_the_seed_formats() throws IOException {
        Path file = dir.resolve("BART_combined.csv");
        try (ResultSink sink = ResultSinks.csv(file)) {
            sink.accept(cashedOut("mistralai/mistral-large-2411", 1, 6, 3));
            sink.accept(burst("mistralai/mistral-large-2411", 2, 3));
        }
        assertThat(Files.readString(file)).isEqualTo(HEADER
                + "mistralai/mistral-large-2411,1,6,3,False,0.3,\"PUMP, PUMP, PUMP, CASH OUT\","
                + "Pump | Pump | Pump | Cash Out,ok,,1,,,1,20,0.1,,,,,0\r\n"
                + "mistralai/mistral-large-2411,2,3,3,True,0.0,\"PUMP, PUMP, PUMP\",Pump | Pump | Pump,ok,,1,,,1,20,"
                + "0.1,,,,,0\r\n");
    }

    @Test
    void csv_sink_writes_an_errored_balloon_so_seed_tools_see_ERROR_first() throws IOException {
        Path file = dir.resolve("c.csv");
        try (ResultSink sink = ResultSinks.csv(file)) {
            sink.accept(errored("openai/o1", 4, 7, 0, "No valid LLM response after 3 attempts"));
            sink.accept(errored("openai/o1", 5, 11, 2, "timeout"));
        }
        assertThat(Files.readString(file)).isEqualTo(HEADER
                + "openai/o1,4,7,0,False,0.0,,ERROR: No valid LLM response after 3 attempts,error,"
                + "No valid LLM response after 3 attempts,1,,,1,20,0.1,,,,,0\r\n"
                + "openai/o1,5,11,2,False,0.0,\"PUMP, PUMP\",ERROR: timeout | Pump | Pump,error,timeout,1,,,1,20,"
                + "0.1,,,,,0\r\n");
    }

    @Test
    void csv_sink_quotes_only_where_pythons_csv_module_does() throws IOException {
        Path file = dir.resolve("c.csv");
        try (ResultSink sink = ResultSinks.csv(file)) {
            sink.accept(Fixtures.tricky().get(0));
        }
        String row = Files.readString(file).substring(HEADER.length());
        assertThat(row).isEqualTo("openai/gpt-4o,1,70,3,False,0.15,\"PUMP, PUMP, PUMP, CASH OUT\","
                + "\"Pump, then\nmore | # pump  |  pump | Cash Out — ça suffit 💰\",ok,,2,\"cautious, \"\"careful\"\"\","
                + "blue,1,128,0.05,maybe?,540,18,0.000335,1000\r\n");
    }

    @Test
    void csv_sink_continues_an_existing_file_without_a_second_header() throws IOException {
        Path file = dir.resolve("c.csv");
        try (ResultSink sink = ResultSinks.csv(file)) {
            sink.accept(cashedOut("m", 1, 6, 3));
        }
        try (ResultSink sink = ResultSinks.csv(file, ResultSinks.WriteMode.APPEND)) {
            sink.accept(cashedOut("m", 2, 6, 4));
        }
        String text = Files.readString(file);
        assertThat(text).startsWith(HEADER);
        assertThat(text.split("model,balloon_id", -1)).hasSize(2);
        assertThat(records(file)).extracting(r -> r.get(1)).containsExactly("1", "2");
    }

    @Test
    void running_the_same_program_twice_is_refused_instead_of_doubling_every_balloon() throws IOException {
        Path csv = dir.resolve("BART_combined.csv");
        Path journal = dir.resolve("journal.jsonl");
        for (int run = 1; run <= 2; run++) {
            if (run == 2) {
                assertThatThrownBy(() -> ResultSinks.csv(csv)).isInstanceOf(ResultFileException.class)
                        .hasMessageStartingWith(csv + ": already holds results (")
                        .hasMessageContaining("WriteMode.APPEND").hasMessageContaining("WriteMode.REPLACE");
                assertThatThrownBy(() -> ResultSinks.jsonLines(journal)).isInstanceOf(ResultFileException.class)
                        .hasMessageStartingWith(journal + ": already holds results (");
                break;
            }
            try (ResultSink sink = ResultSinks.composite(ResultSinks.csv(csv), ResultSinks.jsonLines(journal))) {
                sink.accept(cashedOut("m", 1, 6, 3));
                sink.accept(cashedOut("m", 2, 6, 4));
            }
        }
        assertThat(records(csv)).hasSize(2);
        assertThat(Files.readAllLines(journal)).hasSize(2);

        try (ResultSink sink = ResultSinks.csv(csv, ResultSinks.WriteMode.REPLACE)) {
            sink.accept(cashedOut("m", 3, 6, 5));
        }
        assertThat(records(csv)).extracting(r -> r.get(1)).containsExactly("3");
        Files.writeString(dir.resolve("empty.csv"), "");
        try (ResultSink sink = ResultSinks.csv(dir.resolve("empty.csv"))) {
            sink.accept(cashedOut("m", 1, 6, 3));
        }
        assertThat(records(dir.resolve("empty.csv"))).hasSize(1);
    }

    @Test
    void csv_sink_cuts_a_torn_last_row_before_continuing() throws IOException {
        Path file = dir.resolve("c.csv");
        try (ResultSink sink = ResultSinks.csv(file)) {
            sink.accept(cashedOut("m", 1, 6, 3));
        }
        Files.writeString(file, "m,2,6,4,False,0.4,\"PUMP, PU", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        try (ResultSink sink = ResultSinks.csv(file, ResultSinks.WriteMode.APPEND)) {
            sink.accept(cashedOut("m", 3, 6, 5));
        }
        assertThat(records(file)).extracting(r -> r.get(1)).containsExactly("1", "3");
    }

    @Test
    void csv_sink_refuses_a_file_with_another_header() throws IOException {
        Path file = dir.resolve("c.csv");
        Files.writeString(file, "a,b,c\r\n1,2,3\r\n");
        assertThatThrownBy(() -> ResultSinks.csv(file, ResultSinks.WriteMode.APPEND))
                .isInstanceOf(ResultFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("header")
                .hasMessageContaining("'a,b,c'");
    }

    @Test
    void journal_sink_writes_one_complete_json_object_per_line() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        try (ResultSink sink = ResultSinks.jsonLines(file)) {
            for (BalloonResult r : Fixtures.tricky()) {
                sink.accept(r);
            }
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(Fixtures.tricky().size());
        assertThat(lines.get(0)).startsWith("{\"model\":\"openai/gpt-4o\",\"balloon_id\":1,\"epoch\":2,"
                + "\"persona\":\"cautious, \\\"careful\\\"\"");
        assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
    }

    @Test
    void journal_sink_cuts_a_torn_last_line_before_continuing() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        try (ResultSink sink = ResultSinks.jsonLines(file)) {
            sink.accept(cashedOut("m", 1, 6, 3));
        }
        Files.writeString(file, "{\"model\":\"m\",\"ballo", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        try (ResultSink sink = ResultSinks.jsonLines(file, ResultSinks.WriteMode.APPEND)) {
            sink.accept(cashedOut("m", 2, 6, 3));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("{\"model\":\"m\",\"balloon_id\":2,");
    }

    @Test
    void journal_sink_continues_a_journal_larger_than_its_read_block_cutting_the_torn_tail() throws IOException {
        Path file = dir.resolve("big.jsonl");
        try (ResultSink sink = ResultSinks.jsonLines(file)) {
            for (int i = 1; i <= 5000; i++) { // about 1.5 MB
                sink.accept(cashedOut("m", i, 6, 3));
            }
        }
        byte[] complete = Files.readAllBytes(file);
        assertThat(complete.length).isGreaterThan(1 << 20);
        // a file ending in a line break is continued as it is
        try (ResultSink sink = ResultSinks.jsonLines(file, ResultSinks.WriteMode.APPEND)) {
            sink.accept(cashedOut("m", 5001, 6, 3));
        }
        byte[] continued = Files.readAllBytes(file);
        assertThat(java.util.Arrays.copyOf(continued, complete.length)).isEqualTo(complete);
        assertThat(Files.readAllLines(file)).hasSize(5001);
        // a torn tail longer than any block read from the end is cut at the last line break
        String torn = "{\"model\":\"m\",\"text\":\"" + "x".repeat(300_000);
        Files.writeString(file, torn, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        try (ResultSink sink = ResultSinks.jsonLines(file, ResultSinks.WriteMode.APPEND)) {
            sink.accept(cashedOut("m", 5002, 6, 3));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(5002);
        assertThat(lines.get(5001)).startsWith("{\"model\":\"m\",\"balloon_id\":5002,");
        assertThat(java.util.Arrays.copyOf(Files.readAllBytes(file), continued.length)).isEqualTo(continued);
        // no line break at all: the whole content is a torn record
        Path none = dir.resolve("none.jsonl");
        Files.writeString(none, "y".repeat(200_000));
        try (ResultSink sink = ResultSinks.jsonLines(none, ResultSinks.WriteMode.APPEND)) {
            sink.accept(cashedOut("m", 1, 6, 3));
        }
        assertThat(Files.readAllLines(none)).hasSize(1).allMatch(l -> l.startsWith("{\"model\":\"m\""));
    }

    @Test
    void csv_sink_continues_a_large_file_and_cuts_a_row_torn_after_a_line_break_inside_quotes() throws IOException {
        Path file = dir.resolve("big.csv");
        try (ResultSink sink = ResultSinks.csv(file)) {
            for (int i = 1; i <= 3000; i++) {
                sink.accept(cashedOut("m", i, 6, 3));
            }
        }
        long complete = Files.size(file);
        assertThat(complete).isGreaterThan(1 << 18);
        // the file ends in a line break, but inside a quoted field: the row is torn
        Files.writeString(file, "m,3001,6,4,False,0.4,\"PUMP,\nPU", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(file, "MP\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        try (ResultSink sink = ResultSinks.csv(file, ResultSinks.WriteMode.APPEND)) {
            sink.accept(cashedOut("m", 3002, 6, 5));
        }
        List<CSVRecord> rows = records(file);
        assertThat(rows).hasSize(3001);
        assertThat(rows.get(3000).get(1)).isEqualTo("3002");
    }

    @Test
    void eight_threads_writing_to_one_sink_produce_complete_rows() throws Exception {
        Path csv = dir.resolve("c.csv");
        Path journal = dir.resolve("j.jsonl");
        int threads = 8;
        int perThread = 200;
        List<BalloonResult> results = Fixtures.tricky();
        try (ResultSink sink = ResultSinks.composite(ResultSinks.csv(csv), ResultSinks.jsonLines(journal))) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        sink.accept(retitle(results.get(i % results.size()), "thread-" + thread));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        List<CSVRecord> rows = records(csv);
        assertThat(rows).hasSize(threads * perThread);
        assertThat(rows).allSatisfy(r -> assertThat(r.size()).isEqualTo(21));
        assertThat(rows.stream().filter(r -> r.get(0).equals("thread-3")).count()).isEqualTo(perThread);
        List<String> lines = Files.readAllLines(journal);
        assertThat(lines).hasSize(threads * perThread);
        assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("{\"model\":\"thread-").endsWith("]}"));
    }

    private static BalloonResult retitle(BalloonResult r, String model) {
        return new BalloonResult(model, r.persona(), r.epoch(), r.balloon(), r.pumps(), r.burst(), r.earnings(),
                r.turns(), r.status(), r.error());
    }

    @Test
    void close_is_idempotent_and_a_closed_file_sink_refuses_results() {
        ResultSink sink = ResultSinks.csv(dir.resolve("c.csv"));
        sink.close();
        sink.close();
        assertThatThrownBy(() -> sink.accept(cashedOut("m", 1, 6, 3)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("c.csv");
    }

    @Test
    void a_file_that_cannot_be_opened_is_named_in_the_error() throws IOException {
        Path blocked = dir.resolve("not-a-dir");
        Files.writeString(blocked, "x");
        Path file = blocked.resolve("journal.jsonl");
        assertThatThrownBy(() -> ResultSinks.jsonLines(file))
                .isInstanceOf(ResultIoException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void composite_delivers_to_every_sink_even_when_one_fails() {
        InMemoryResultSink a = ResultSinks.inMemory();
        InMemoryResultSink b = ResultSinks.inMemory();
        ResultSink failing = r -> {
            throw new UncheckedIOException(new IOException("disk full"));
        };
        ResultSink sink = ResultSinks.composite(a, failing, b);
        assertThatThrownBy(() -> sink.accept(cashedOut("m", 1, 6, 3)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("disk full");
        assertThat(a.results()).hasSize(1);
        assertThat(b.results()).hasSize(1);
    }

    @Test
    void composite_closes_every_sink_even_when_one_fails_to_close() {
        List<String> closed = new ArrayList<>();
        ResultSink first = new ResultSink() {
            @Override
            public void accept(BalloonResult result) {
            }

            @Override
            public void close() {
                closed.add("first");
                throw new IllegalStateException("first cannot close");
            }
        };
        ResultSink second = new ResultSink() {
            @Override
            public void accept(BalloonResult result) {
            }

            @Override
            public void close() {
                closed.add("second");
            }
        };
        assertThatThrownBy(() -> ResultSinks.composite(first, second).close())
                .hasMessage("first cannot close");
        assertThat(closed).containsExactly("first", "second");
    }

    @Test
    void in_memory_sink_returns_a_snapshot_in_completion_order() {
        InMemoryResultSink sink = ResultSinks.inMemory();
        sink.accept(cashedOut("m", 2, 6, 3));
        List<BalloonResult> before = sink.results();
        sink.accept(cashedOut("m", 1, 6, 3));
        assertThat(before).hasSize(1);
        assertThat(sink.results()).extracting(r -> r.balloon().id()).containsExactly(2, 1);
        assertThatThrownBy(() -> sink.results().add(null)).isInstanceOf(UnsupportedOperationException.class);
    }

    private static List<CSVRecord> records(Path file) throws IOException {
        try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return parser.getRecords();
        }
    }
}
