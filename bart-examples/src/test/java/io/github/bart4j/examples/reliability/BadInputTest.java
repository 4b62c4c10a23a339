package io.github.bart4j.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of bad input through the real command line: each is refused with exit code 2 and exactly
 * one line on stderr naming the problem, no stack trace, and nothing written.
 */
class BadInputTest {

    @TempDir
    Path tmp;

    static Stream<Arguments> badConfigs() {
        String ok = "backend: simulated\nmodel_list: ['crra:1']\n";
        return Stream.of(
                Arguments.of("broken YAML", "model_list: ['crra:1'\nseed: [1, 2\n", "line"),
                Arguments.of("YAML that is not a mapping", "- just\n- a list\n", "mapping"),
                Arguments.of("tabs and garbage", "\t:::\n\t- ]\n", "c.yaml"),
                Arguments.of("wrong type: text for a number", ok + "num_balloons: many\n", "num_balloons"),
                Arguments.of("wrong type: list for a flag", ok + "log_csv: [1]\n", "log_csv"),
                Arguments.of("wrong type: mapping for the model list", "backend: simulated\nmodel_list: {a: 1}\n",
                        "model_list"),
                Arguments.of("out of range: zero balloons", ok + "num_balloons: 0\n", "num_balloons"),
                Arguments.of("out of range: temperature", ok + "temperature: 7\n", "temperature"),
                Arguments.of("out of range: negative reward", ok + "reward_per_pump: -0.1\n", "reward_per_pump"),
                Arguments.of("out of range: huge integer", ok + "max_concurrency: 99999999999999\n",
                        "max_concurrency"),
                Arguments.of("out of range: timeout", ok + "request_timeout_seconds: 0\n", "request_timeout_seconds"),
                Arguments.of("unknown key", ok + "modle_lsit: ['x']\n", "modle_lsit"),
                Arguments.of("missing key", "backend: simulated\nnum_balloons: 3\n", "model_list"),
                Arguments.of("unknown backend", "backend: skynet\nmodel_list: ['m']\n", "backend"),
                Arguments.of("missing API key", "backend: openrouter\nmodel_list: ['openai/gpt-4o']\n",
                        "OPENROUTER_API_KEY"),
                Arguments.of("bad base_url", "backend: openai\nbase_url: 'ftp://x'\nmodel_list: ['m']\n", "base_url"),
                Arguments.of("empty file", "", "c.yaml"),
                Arguments.of("newline in experiment_name", ok + "experiment_name: \"a\\nb\"\n", "experiment_name"),
                Arguments.of("NUL in experiment_name", ok + "experiment_name: \"a\\0b\"\n", "experiment_name"),
                Arguments.of("tab in experiment_name", ok + "experiment_name: \"a\\tb\"\n", "experiment_name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void a_bad_config_is_refused_in_one_line_and_no_run_dir_is_created(String what, String yaml, String named)
            throws IOException {
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, yaml);
        Path dir = tmp.resolve("never");
        Cli.Outcome o = Cli.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir",
                dir.toString());
        assertRefused(o, named);
        assertThat(dir).as(what).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void a_bad_config_without_run_dir_creates_no_output_dir(String what, String yaml, String named)
            throws IOException {
        Path config = tmp.resolve("c.yaml");
        Path out = tmp.resolve("out");
        Files.writeString(config, yaml.isEmpty() ? "" : yaml + "output_dir: '" + out + "'\n");
        Cli.Outcome o = Cli.run(Map.of(), "run", "--quiet", "--config", config.toString());
        assertThat(o.exitCode()).as(what + ": " + o.err()).isEqualTo(2);
        assertThat(out).as(what).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({"newline, a\\nb", "NUL, a\\0b", "escape, a\\eb"})
    void a_control_character_in_output_dir_is_refused_in_one_line(String what, String escaped) throws IOException {
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, "backend: simulated\nmodel_list: ['crra:1']\noutput_dir: \"" + tmp + "/" + escaped
                + "\"\n");
        Cli.Outcome o = Cli.run(Map.of(), "run", "--quiet", "--config", config.toString());
        assertRefused(o, "output_dir");
        assertThat(o.err()).as(what).contains("control characters");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).as("nothing created").containsExactly(config);
        }
    }

    @org.junit.jupiter.api.Test
    void an_unknown_model_policy_is_refused_in_one_line() throws IOException {
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, "backend: simulated\nmodel_list: ['crra:abc']\n");
        Cli.Outcome o = Cli.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir",
                tmp.resolve("never").toString());
        assertRefused(o, "crra:abc");
    }

    @org.junit.jupiter.api.Test
    void an_unknown_model_policy_creates_no_run_dir() throws IOException {
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, "backend: simulated\nmodel_list: ['crra:abc']\n");
        Path dir = tmp.resolve("never");
        Cli.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir", dir.toString());
        assertThat(dir).doesNotExist();
    }

    static Stream<Arguments> badResultFiles() {
        return Stream.of(
                Arguments.of("malformed CSV", "r.csv", "model,balloon_id,threshold_pumps\n\"unclosed,1,2\nx\n"
                        .getBytes(StandardCharsets.UTF_8)),
                Arguments.of("CSV with unknown columns", "r.csv", "a,b,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("CSV with a bad number", "r.csv", ("model,balloon_id,threshold_pumps,pumps_attempted,burst,"
                        + "earnings,choices,full_responses\nm,one,6,3,False,0.3,\"PUMP\",\"Pump\"\n")
                        .getBytes(StandardCharsets.UTF_8)),
                Arguments.of("malformed JSON", "r.json", "{\"results\": [ {\"model\": ".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("JSON of another shape", "r.json", "[1, 2, 3]".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("malformed journal", "journal.jsonl", "{not json}\n{\"a\":1}\n"
                        .getBytes(StandardCharsets.UTF_8)),
                Arguments.of("binary file", "r.csv", binary()),
                Arguments.of("empty file", "r.csv", new byte[0]));
    }

    private static byte[] binary() {
        byte[] b = new byte[4096];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badResultFiles")
    void analyze_refuses_a_bad_file_in_one_line(String what, String name, byte[] content) throws IOException {
        Path file = tmp.resolve(name);
        Files.write(file, content);
        Cli.Outcome o = Cli.run(Map.of(), "analyze", "--file", file.toString());
        assertRefused(o, name);
        assertThat(Cli.filesUnder(tmp)).as(what + ": nothing written").containsExactly(file);
    }

    @org.junit.jupiter.api.Test
    void analyze_refuses_a_20_mb_field_in_one_line() throws IOException {
        Path file = tmp.resolve("huge.csv");
        try (OutputStream os = Files.newOutputStream(file)) {
            os.write(("model,balloon_id,threshold_pumps,pumps_attempted,burst,earnings,choices,full_responses\n"
                    + "m,1,6,3,False,0.3,\"PUMP, PUMP, PUMP, CASH OUT\",\"").getBytes(StandardCharsets.UTF_8));
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'x');
            for (int i = 0; i < 20; i++) {
                os.write(chunk);
            }
            os.write("\"\n".getBytes(StandardCharsets.UTF_8));
        }
        Cli.Outcome o = Cli.run(Map.of(), "analyze", "--file", file.toString());
        assertRefused(o, "huge.csv");
        assertThat(o.err().length()).isLessThan(1000);
        assertThat(Cli.filesUnder(tmp)).containsExactly(file);
    }

    @org.junit.jupiter.api.Test
    void analyze_refuses_a_directory_in_one_line() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("results"));
        Cli.Outcome o = Cli.run(Map.of(), "analyze", "--file", dir.toString());
        assertRefused(o, "results");
        assertThat(Cli.filesUnder(tmp)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void analyze_refuses_a_missing_file_in_one_line() {
        Cli.Outcome o = Cli.run(Map.of(), "analyze", "--file", tmp.resolve("nope.csv").toString());
        assertRefused(o, "nope.csv");
    }

    private static void assertRefused(Cli.Outcome o, String named) {
        assertThat(o.exitCode()).as(o.err()).isEqualTo(2);
        List<String> lines = o.err().lines().toList();
        assertThat(lines).as("stderr: %s", o.err()).hasSize(1);
        assertThat(lines.get(0)).startsWith("bart: ").contains(named).doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(o.out()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
