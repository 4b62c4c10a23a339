package io.github.bart4j.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bart4j.core.Answer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bart serve} run in-process on a free port through the real command line; {@link #stop()}
 * interrupts it as Ctrl-C would stop it (the files are written) and returns what it printed.
 */
final class ServeHarness implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern URL = Pattern.compile("http://[^ /]+:\\d+/");

    record Outcome(int exitCode, String out, String err) {
    }

    /** One HTTP answer: its status and its body as JSON (or {@code null} when not JSON). */
    record Answer(int status, JsonNode json, String body, HttpResponse<String> response) {
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Thread thread;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private volatile int exitCode = -1;
    private String url;

    private ServeHarness(List<String> args) {
        thread = new Thread(() -> exitCode = BartCli.commandLine(Map.of(), new PrintWriter(out, true),
                new PrintWriter(err, true)).execute(args.toArray(String[]::new)), "bart-serve-test");
    }

    /** Starts {@code bart serve --config config --run-dir runDir --port 0} and waits for its URL line. */
    static ServeHarness start(Path config, Path runDir) {
        List<String> args = new ArrayList<>(List.of("serve", "--config", config.toString(), "--run-dir",
                runDir.toString(), "--port", "0"));
        ServeHarness h = new ServeHarness(args);
        h.thread.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = URL.matcher(h.out.toString());
            if (m.find()) {
                h.url = m.group();
                return h;
            }
            if (!h.thread.isAlive()) {
                throw new AssertionError("serve ended (exit " + h.exitCode + "): " + h.out + h.err);
            }
            sleep(20);
        }
        throw new AssertionError("serve printed no URL within 60 s: " + h.out + h.err);
    }

    String url() {
        return url;
    }

    String out() {
        return out.toString();
    }

    /** Stops the server (as Ctrl-C does) and waits until the files are written. */
    Outcome stop() {
        if (thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                throw new AssertionError("serve did not stop within 60 s: " + out + err);
            }
        }
        return new Outcome(exitCode, out.toString(), err.toString());
    }

    @Override
    public void close() {
        stop();
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET());
    }

    Answer post(String path, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    Answer startSession(String participant) {
        return post("api/sessions", "application/json", "{\"participant\": " + JSON.valueToTree(participant) + "}");
    }

    Answer pump(String session) {
        return post("api/sessions/" + session + "/pump", null, null);
    }

    Answer cashOut(String session) {
        return post("api/sessions/" + session + "/cash-out", null, null);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            if (r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
                json = JSON.readTree(r.body());
            }
            return new Answer(r.statusCode(), json, r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
