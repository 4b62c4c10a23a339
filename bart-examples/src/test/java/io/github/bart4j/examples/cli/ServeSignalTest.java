package io.github.bart4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.core.ResultFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bart serve} in its own JVM, stopped by a real SIGTERM: it writes the files and exits 0. */
class ServeSignalTest {

    @TempDir
    Path tmp;

    @Test
    void sigterm_stops_the_server_and_writes_the_files_of_everyone_who_played() throws Exception {
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, "backend: simulated\nmodel_list: ['fixed:3']\nmin_pumps: 2\nmax_pumps: 6\n"
                + "num_balloons: 3\nseed: 7\n");
        Path dir = tmp.resolve("people");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                "io.github.bart4j.examples.cli.BartCli", "serve", "--config", config.toString(), "--run-dir",
                dir.toString(), "--port", "0").redirectError(tmp.resolve("err.txt").toFile())
                .redirectOutput(tmp.resolve("out.txt").toFile()).start();
        try {
            Pattern ready = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/");
            Matcher m = ready.matcher("");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!m.find() && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
                m = ready.matcher(Files.readString(tmp.resolve("out.txt")));
            }
            assertThat(m.find(0)).as("the ready line; stderr: %s", Files.readString(tmp.resolve("err.txt"))).isTrue();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> start = http.send(HttpRequest.newBuilder(URI.create(m.group() + "api/sessions"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"participant\": \"p01\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(start.statusCode()).isEqualTo(201);
            String session = ServeHarness.JSON.readTree(start.body()).get("session").asText();
            HttpResponse<String> cash = http.send(HttpRequest.newBuilder(URI.create(m.group() + "api/sessions/"
                    + session + "/cash-out")).timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers
                    .noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(cash.statusCode()).isEqualTo(200);

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String rest = Files.readString(tmp.resolve("out.txt"));
            assertThat(p.exitValue()).as(Files.readString(tmp.resolve("err.txt"))).isZero();
            assertThat(rest).contains("human:p01", "(people: 1, balloons: 1)");
        } finally {
            p.destroyForcibly();
        }
        assertThat(ResultFiles.read(dir.resolve("BART_combined.csv"))).singleElement()
                .satisfies(r -> assertThat(r.participant()).isEqualTo("human:p01"));
        assertThat(Files.readString(dir.resolve("manifest.json"))).contains("\"status\" : \"stopped\"");
        assertThat(List.of("BART_summary.csv", "BART_results.json", "journal.jsonl"))
                .allSatisfy(f -> assertThat(dir.resolve(f)).exists());
    }
}
