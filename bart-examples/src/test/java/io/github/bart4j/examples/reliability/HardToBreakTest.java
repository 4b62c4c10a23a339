package io.github.bart4j.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.ResultFiles;
import io.github.bart4j.langchain4j.testkit.FakeLlmServer;
import io.github.bart4j.langchain4j.testkit.FakeLlmServer.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, as a careful user and a hostile server would meet it through the real command line:
 * two runs on one directory, a directory of the user's own files, a 5 MB answer, a journal line of a
 * model the config does not have, {@code ~} in {@code output_dir}, a run directory that cannot be
 * created, a full disk, the heap exhausted.
 */
class HardToBreakTest {

    private static final String[] RUN = {"model_list: ['fixed:3', 'fixed:2']", "min_pumps: 1", "max_pumps: 20",
            "thresholds: [20, 20, 20, 20]", "num_balloons: 4", "seed: 5", "max_retries: 1",
            "request_timeout_seconds: 2", "max_concurrency: 4"};

    @TempDir
    Path tmp;

    private Process start(Path config, Path runDir, String name, String... jvm) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of(jvm));
        command.addAll(List.of("-cp", classPath, "io.github.bart4j.examples.cli.BartCli", "run", "--quiet",
                "--config", config.toString(), "--run-dir", runDir.toString()));
        return new ProcessBuilder(command).redirectOutput(tmp.resolve(name + ".out").toFile())
                .redirectError(tmp.resolve(name + ".err").toFile()).start();
    }

    private static void await(String what, java.util.function.BooleanSupplier condition, Process p)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && (p == null || p.isAlive())) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(what + " did not happen; process alive: " + (p != null && p.isAlive()));
    }

    private static void assertOneLine(Cli.Outcome o, int code, String... named) {
        assertThat(o.exitCode()).as(o.err()).isEqualTo(code);
        assertThat(o.err().strip().lines().count()).as("one line: " + o.err()).isEqualTo(1);
        assertThat(o.err()).contains(named).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void a_second_run_on_a_directory_in_use_is_refused_at_once_naming_the_holder_and_a_killed_holder_blocks_nothing()
            throws Exception {
        AtomicBoolean stall = new AtomicBoolean(true);
        try (FakeLlmServer server = FakeLlmServer.builder().faults(r -> stall.get() ? Fault.STALL_BODY : null)
                .start()) {
            Path config = Cli.config(tmp, "c.yaml", server.openAiBaseUrl(), "model_list: ['fixed:3', 'fixed:2']",
                    "num_balloons: 4", "seed: 5", "max_retries: 0", "request_timeout_seconds: 600",
                    "max_concurrency: 2");
            Path dir = tmp.resolve("run");
            Process first = start(config, dir, "first");
            try {
                // both slots asking (one balloon per model, stalled): only then is "asked nothing" countable
                await("the first run asking both models", () -> server.requestCount() >= 2, first);

                Cli.Outcome second = Cli.run(Map.of(), "run", "--quiet", "--config", config.toString(),
                        "--run-dir", dir.toString());

                assertOneLine(second, 2, dir.toString(), "in use by another bart run", "pid " + first.pid());
                assertThat(second.err()).containsPattern("started \\d{4}-\\d\\d-\\d\\dT");
                assertThat(server.requestCount()).as("the second run asked nothing").isEqualTo(2);
            } finally {
                first.destroyForcibly();
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            stall.set(false);
            Cli.Outcome resumed = Cli.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir",
                    dir.toString());
            assertThat(resumed.exitCode()).as("a lock left by a killed run blocks nothing: " + resumed.err()).isZero();
            assertThat(ResultFiles.read(dir.resolve("BART_combined.csv"))).hasSize(8);
        }
    }

    @Test
    void sigterm_against_a_server_that_stalls_mid_body_ends_in_seconds_with_the_files_written() throws Exception {
        try (FakeLlmServer server = FakeLlmServer.builder().latency(java.time.Duration.ofMillis(40))
                .faults(r -> r.balloon() == 1 ? Fault.STALL_BODY : null).start()) {
            Path config = Cli.config(tmp, "c.yaml", server.openAiBaseUrl(), "model_list: ['fixed:3', 'fixed:2']",
                    "num_balloons: 6", "seed: 5", "max_retries: 0", "request_timeout_seconds: 600",
                    "max_concurrency: 2");
            Path dir = tmp.resolve("run");
            Process p = start(config, dir, "term");
            await("a request stalled mid-body", () -> server.requests().stream()
                    .anyMatch(r -> r.fault() == Fault.STALL_BODY), p);

            p.destroy(); // SIGTERM: the stalled request would hold the run for its 600 s deadline

            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the run ended well before its 600 s deadline").isTrue();
            String err = Files.readString(tmp.resolve("term.err"));
            assertThat(p.exitValue()).as(err).isEqualTo(143);
            assertThat(err).contains("abandoning the balloons in flight")
                    .contains("resume with: ./bart run --config " + config + " --run-dir " + dir);
            assertThat(Files.readString(dir.resolve("manifest.json"))).contains("\"status\" : \"stopped\"");
            List<BalloonResult> journal = ResultFiles.readJournal(dir.resolve("journal.jsonl"));
            assertThat(journal).noneMatch(r -> r.balloon().id() == 1);
            assertThat(ResultFiles.read(dir.resolve("BART_combined.csv"))).hasSize(journal.size());
            assertThat(dir.resolve("BART_summary.csv")).exists();
        }
    }

    @Test
    void a_directory_holding_the_users_own_files_is_refused_and_nothing_is_overwritten() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(dir.resolve("BART_combined.csv"), "my,own,data\n1,2,3\n");
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, "backend: simulated\nmodel_list: ['crra:1']\nnum_balloons: 3\nseed: 1\n");

        Cli.Outcome o = Cli.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir",
                dir.toString());

        assertOneLine(o, 2, dir.toString(), "not a bart4j run directory", "BART_combined.csv");
        assertThat(Files.readString(dir.resolve("BART_combined.csv"))).isEqualTo("my,own,data\n1,2,3\n");
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void a_5_mb_answer_is_an_invalid_answer_with_its_size_and_the_files_stay_small() throws IOException {
        try (FakeLlmServer server = FakeLlmServer.builder()
                .faults(r -> r.model().equals("fixed:3") && r.balloon() == 2 ? Fault.OVERSIZED : null).start()) {
            Path config = Cli.config(tmp, "c.yaml", server.openAiBaseUrl(), RUN);
            // 5 MB per answer is slow to build on a loaded machine: a generous deadline
            Files.writeString(config, Files.readString(config).replace("request_timeout_seconds: 2",
                    "request_timeout_seconds: 60"));
            Path dir = tmp.resolve("run");

            Cli.Outcome o = Cli.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir",
                    dir.toString());

            assertThat(o.exitCode()).as(o.err()).isIn(0, 1);
            List<BalloonResult> csv = ResultFiles.read(dir.resolve("BART_combined.csv"));
            assertThat(csv).hasSize(8);
            BalloonResult big = csv.stream().filter(r -> r.participant().equals("fixed:3") && r.balloon().id() == 2)
                    .findFirst().orElseThrow();
            assertThat(big.isError()).isTrue();
            assertThat(big.error()).contains("no valid answer after 3 attempts")
                    .containsPattern("answer too long: 52\\d{5} bytes \\(max_response_bytes 262144\\)");
            assertThat(server.requestCount("fixed:3", 2)).as("not retried as a transport failure").isEqualTo(3);
            for (String f : List.of("journal.jsonl", "BART_combined.csv", "BART_results.json")) {
                assertThat(Files.size(dir.resolve(f))).as(f).isLessThan(100_000);
            }
        }
    }

    @Test
    void a_journal_line_of_a_model_not_in_the_config_is_refused_on_resume_naming_line_and_model()
            throws IOException {
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, "backend: simulated\nmodel_list: ['crra:1', 'crra:0']\nnum_balloons: 5\nseed: 3\n");
        Path dir = tmp.resolve("run");
        assertThat(Cli.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir", dir.toString())
                .exitCode()).isZero();
        Path journal = dir.resolve("journal.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(journal));
        String crra1 = lines.stream().filter(l -> l.contains("\"model\":\"crra:1\"")).findFirst().orElseThrow();
        lines.add(crra1.replace("\"model\":\"crra:1\"", "\"model\":\"ghost\""));
        assertThat(lines.get(lines.size() - 1)).contains("\"model\":\"ghost\"");
        Files.write(journal, lines);
        String before = Files.readString(dir.resolve("BART_combined.csv"));

        Cli.Outcome o = Cli.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir",
                dir.toString());

        assertOneLine(o, 2, journal + " line 11", "model 'ghost'");
        assertThat(Files.readString(dir.resolve("BART_combined.csv"))).isEqualTo(before);
    }

    @Test
    void a_tilde_in_output_dir_is_the_home_directory() throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, "backend: simulated\nmodel_list: ['crra:1']\nnum_balloons: 2\nseed: 1\n"
                + "experiment_name: tilde\noutput_dir: '~/bart-runs'\n");
        String before = System.getProperty("user.home");
        Cli.Outcome o;
        System.setProperty("user.home", home.toString());
        try {
            o = Cli.run(Map.of(), "run", "--quiet", "--config", config.toString());
        } finally {
            System.setProperty("user.home", before);
        }
        assertThat(o.exitCode()).as(o.err()).isZero();
        try (var runs = Files.list(home.resolve("bart-runs"))) {
            assertThat(runs.map(p -> p.getFileName().toString())).singleElement().asString().startsWith("tilde-");
        }
        assertThat(Path.of("~")).doesNotExist();
        assertThat(o.out()).contains(home.resolve("bart-runs").toString());
    }

    @Test
    void a_run_directory_that_cannot_be_created_is_one_line_naming_path_and_cause() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, "backend: simulated\nmodel_list: ['crra:1']\nnum_balloons: 2\nseed: 1\n");

        Cli.Outcome o = Cli.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir",
                file.resolve("run").toString());

        assertOneLine(o, 2, file.resolve("run").toString(), "cannot create the run directory", "not a directory");
    }

    @Test
    void a_read_only_run_directory_is_one_line_naming_path_and_cause() throws IOException {
        assumeThat(System.getProperty("user.name")).as("root writes into read-only directories").isNotEqualTo("root");
        Path dir = Files.createDirectories(tmp.resolve("ro"));
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, "backend: simulated\nmodel_list: ['crra:1']\nnum_balloons: 2\nseed: 1\n");
        dir.toFile().setWritable(false);
        try {
            Cli.Outcome o = Cli.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir",
                    dir.toString());
            assertOneLine(o, 2, dir.toString(), "permission denied");
        } finally {
            dir.toFile().setWritable(true);
        }
    }

    @Test
    void a_full_disk_while_writing_the_files_is_one_line_and_the_journal_is_intact() throws IOException {
        assumeThat(Path.of("/dev/full")).as("Linux's always-full device").exists();
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, "backend: simulated\nmodel_list: ['crra:1']\nnum_balloons: 4\nseed: 1\n");
        Path dir = tmp.resolve("run");
        assertThat(Cli.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir", dir.toString())
                .exitCode()).isZero();
        String journal = Files.readString(dir.resolve("journal.jsonl"));
        // the summary's temporary file lands on a device that is always full (ENOSPC, even for root)
        Files.createSymbolicLink(dir.resolve("BART_summary.csv.tmp"), Path.of("/dev/full"));

        Cli.Outcome o = Cli.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir",
                dir.toString());

        assertOneLine(o, 1, dir.resolve("BART_summary.csv").toString(), "no space left on device");
        assertThat(Files.readString(dir.resolve("journal.jsonl"))).isEqualTo(journal);
        // the results-JSON thread ended before the run did: nothing writes into the directory afterwards
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("bart-results-json");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")))
                    .containsExactly("BART_summary.csv.tmp");
        }
        Files.delete(dir.resolve("BART_summary.csv.tmp"));
    }

    @Test
    void out_of_memory_in_analyze_is_one_line_naming_the_remedy() throws Exception {
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, "backend: simulated\nmodel_list: ['crra:1']\nnum_balloons: 1\nseed: 1\n");
        Path dir = tmp.resolve("run");
        assertThat(Cli.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir", dir.toString())
                .exitCode()).isZero();
        String line = Files.readAllLines(dir.resolve("journal.jsonl")).get(0);
        Path big = tmp.resolve("big.jsonl");
        try (var out = Files.newBufferedWriter(big)) {
            for (int m = 0; m < 150_000; m++) {
                out.write(line.replace("\"model\":\"crra:1\"", "\"model\":\"m" + m + "\""));
                out.write('\n');
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java, "-Xmx48m", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                "io.github.bart4j.examples.cli.BartCli", "analyze", "--file", big.toString())
                .redirectOutput(tmp.resolve("oom.out").toFile()).redirectError(tmp.resolve("oom.err").toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(tmp.resolve("oom.err"));
        assertThat(p.exitValue()).as(err).isEqualTo(1);
        assertThat(err.strip().lines().count()).as(err).isEqualTo(1);
        assertThat(err).contains("out of memory", "BART_JAVA_OPTS=-Xmx").doesNotContain("\tat ");
    }
}
