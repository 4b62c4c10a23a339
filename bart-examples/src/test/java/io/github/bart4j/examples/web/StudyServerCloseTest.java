package io.github.bart4j.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.ResultSink;
import io.github.bart4j.core.Schedule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link StudyServer#close()} lets a request in progress finish: `bart serve` closes the journal
 * right after it, so a cash-out still writing its balloon must end (and be answered) first.
 */
class StudyServerCloseTest {

    @Test
    void close_waits_for_a_cash_out_still_writing_its_balloon_and_the_person_gets_the_answer() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<BalloonResult> written = new CopyOnWriteArrayList<>();
        ResultSink slowJournal = result -> {
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing", e);
            }
            written.add(result);
        };
        Schedule schedule = Schedule.explicit(List.of(5, 9), 1, 20, 0.10);
        HumanStudy study = new HumanStudy(schedule, List.of(), slowJournal, System::nanoTime);
        StudyServer server = StudyServer.start(study, true, "127.0.0.1", 0);
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpResponse<String> started = http.send(post(server.url() + "api/sessions", "{\"participant\":\"p1\"}"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(started.statusCode()).isEqualTo(201);
            Matcher m = Pattern.compile("\"session\"\\s*:\\s*\"([^\"]+)\"").matcher(started.body());
            assertThat(m.find()).isTrue();
            CompletableFuture<HttpResponse<String>> cashOut = http.sendAsync(
                    post(server.url() + "api/sessions/" + m.group(1) + "/cash-out", ""),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(writing.await(30, TimeUnit.SECONDS)).as("the cash-out reached the journal").isTrue();

            Thread closer = new Thread(server::close, "closer");
            closer.start();
            closer.join(1_000);
            boolean closedWhileWriting = !closer.isAlive();
            release.countDown();
            closer.join(30_000);

            assertThat(closedWhileWriting).as("close() returned while a balloon was being written").isFalse();
            assertThat(closer.isAlive()).isFalse();
            HttpResponse<String> answer = cashOut.get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(written).hasSize(1);
        } finally {
            release.countDown();
            server.close();
        }
    }

    private static HttpRequest post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
