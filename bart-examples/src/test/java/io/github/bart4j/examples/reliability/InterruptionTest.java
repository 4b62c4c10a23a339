package io.github.bart4j.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.ResultFiles;
import io.github.bart4j.langchain4j.testkit.FakeLlmServer;
import io.github.bart4j.langchain4j.testkit.FakeLlmServer.Fault;
import io.github.bart4j.langchain4j.testkit.FakeLlmServer.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code run} in its own JVM, killed mid-way (SIGKILL, then SIGTERM) and run again: the
 * journal makes the resumed run end with the files of an uninterrupted one, without asking any
 * journaled balloon again.
 */
class InterruptionTest {

    private static final String[] RUN = {"model_list: ['fixed:3', 'crra:1', 'random:0.5']", "num_balloons: 12",
            "seed: 11", "max_concurrency: 2", "max_retries: 0", "request_timeout_seconds: 10"};
    private static final int BALLOONS = 36;

    @TempDir
    Path tmp;

    private Process start(Path config, Path runDir, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                "io.github.bart4j.examples.cli.BartCli", "run", "--quiet", "--config", config.toString(), "--run-dir",
                runDir.toString()));
        return new ProcessBuilder(command).redirectOutput(tmp.resolve(name + ".out").toFile())
                .redirectError(tmp.resolve(name + ".err").toFile()).start();
    }

    /** Waits until the journal holds {@code lines} complete lines (or the process ends). */
    private static void awaitJournal(Path journal, int lines, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.exists(journal) && Files.readString(journal).chars().filter(c -> c == '\n').count() >= lines) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("journal " + journal + " did not reach " + lines + " lines; process alive: "
                + p.isAlive());
    }

    /** Waits until {@code file} contains {@code text} (or the process ends). */
    private static void awaitText(Path file, String text, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(file + " did not say '" + text + "'; process alive: " + p.isAlive());
    }

    /**
     * Answers every balloon up to the 6th of each model at once, and holds the answers for later balloons
     * until {@code open} (at most 60 s): the run cannot end before the test has interrupted it, however
     * slowly the test's thread is scheduled (with 2 slots, 12 or more balloons are journaled first).
     */
    private static Function<Request, Fault> holdAfterBalloon6(CountDownLatch open) {
        return r -> {
            if (r.balloon() > 6) {
                try {
                    open.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return null;
        };
    }

    private Path reference() {
        try (FakeLlmServer quick = FakeLlmServer.start()) {
            Path config = Cli.config(tmp, "ref.yaml", quick.openAiBaseUrl(), RUN);
            Cli.Outcome o = Cli.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir",
                    tmp.resolve("ref").toString());
            assertThat(o.exitCode()).as(o.err()).isZero();
            return tmp.resolve("ref");
        }
    }

    @Test
    void a_run_killed_with_sigkill_resumes_to_the_uninterrupted_files_without_asking_journaled_balloons_again()
            throws Exception {
        Path reference = reference();
        CountDownLatch open = new CountDownLatch(1);
        try (FakeLlmServer server = FakeLlmServer.builder().latency(Duration.ofMillis(40))
                .faults(holdAfterBalloon6(open)).start()) {
            Path config = Cli.config(tmp, "c.yaml", server.openAiBaseUrl(), RUN);
            Path dir = tmp.resolve("run");
            Process first = start(config, dir, "first");
            awaitJournal(dir.resolve("journal.jsonl"), 8, first);
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).isEqualTo(137);
            open.countDown();

            List<BalloonResult> journaled = ResultFiles.readJournal(dir.resolve("journal.jsonl"));
            assertThat(journaled.size()).isBetween(8, BALLOONS - 1);
            Map<String, Integer> before = server.requestCounts();

            Process second = start(config, dir, "second");
            assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).as(Files.readString(tmp.resolve("second.err"))).isZero();
            assertThat(Files.readString(tmp.resolve("second.out"))).contains("resuming " + journaled.size());

            Map<String, Integer> after = server.requestCounts();
            for (BalloonResult r : journaled) {
                String key = r.participant() + "#" + r.balloon().id();
                assertThat(after.get(key)).as("requests for journaled balloon %s", key).isEqualTo(before.get(key));
            }
            assertThat(ResultFiles.readJournal(dir.resolve("journal.jsonl")))
                    .extracting(r -> r.participant() + "#" + r.balloon().id()).doesNotHaveDuplicates()
                    .hasSize(BALLOONS);
            assertThat(Cli.withoutLatency(dir.resolve("BART_combined.csv")))
                    .isEqualTo(Cli.withoutLatency(reference.resolve("BART_combined.csv")));
            assertThat(Files.readString(dir.resolve("BART_summary.csv")))
                    .isEqualTo(Files.readString(reference.resolve("BART_summary.csv")));
        }
    }

    @Test
    void sigterm_stops_the_run_writes_its_files_and_says_how_to_resume() throws Exception {
        CountDownLatch open = new CountDownLatch(1);
        try (FakeLlmServer server = FakeLlmServer.builder().latency(Duration.ofMillis(40))
                .faults(holdAfterBalloon6(open)).start()) {
            Path config = Cli.config(tmp, "c.yaml", server.openAiBaseUrl(), RUN);
            Path dir = tmp.resolve("run");
            Process p = start(config, dir, "term");
            awaitJournal(dir.resolve("journal.jsonl"), 4, p);
            p.destroy();
            awaitText(tmp.resolve("term.err"), "bart: stopping", p); // no new balloon starts from here on
            open.countDown(); // the balloons in flight finish within the grace period
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String err = Files.readString(tmp.resolve("term.err"));
            assertThat(p.exitValue()).as(err).isNotZero();
            assertThat(err).contains("resume with: ./bart run --config " + config + " --run-dir " + dir);
            assertThat(dir.resolve("BART_combined.csv")).exists();
            assertThat(dir.resolve("BART_summary.csv")).exists();
            assertThat(Files.readString(dir.resolve("manifest.json"))).contains("\"status\" : \"stopped\"");
            int recorded = ResultFiles.readJournal(dir.resolve("journal.jsonl")).size();
            assertThat(ResultFiles.read(dir.resolve("BART_combined.csv"))).hasSize(recorded);
            assertThat(p.exitValue()).as("128 + SIGTERM").isEqualTo(143);
            String partial = "PARTIAL: " + recorded + " of " + BALLOONS + " balloons (stopped)";
            assertThat(Files.readString(tmp.resolve("term.out"))).contains(partial);
            assertThat(err).contains("bart: " + partial + "; resume with: ");
            assertThat(Files.readString(dir.resolve("manifest.json"))).contains("\"played\" : ", "\"planned\" : 12");
            Cli.Outcome analyzed = Cli.run(Map.of(), "analyze", "--file", dir.resolve("BART_combined.csv").toString());
            assertThat(analyzed.out().lines().findFirst().orElseThrow()).as(analyzed.err())
                    .isEqualTo("PARTIAL: " + recorded + " of " + BALLOONS + " balloons (run status: stopped)");

            Process resumed = start(config, dir, "resumed");
            assertThat(resumed.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(resumed.exitValue()).as(Files.readString(tmp.resolve("resumed.err"))).isZero();
            assertThat(ResultFiles.read(dir.resolve("BART_combined.csv"))).hasSize(BALLOONS);
        }
    }
}
