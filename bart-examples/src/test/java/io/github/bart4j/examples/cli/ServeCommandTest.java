package io.github.bart4j.examples.cli;

import io.github.bart4j.core.Answer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.ResultFiles;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bart serve} and its JSON API over real HTTP: every endpoint and error status, the rules of
 * the task, the journal written before the answer, thresholds never shown early, resume, several
 * people at once, and the files written on stop.
 */
class ServeCommandTest {

    private static final String CONFIG = "backend: simulated\nmodel_list: ['fixed:3']\nmin_pumps: 2\nmax_pumps: 6\n"
            + "num_balloons: 5\nseed: 7\n";
    private static final Set<String> BALLOON_FIELDS = Set.of("id", "type", "pumps", "earnings", "reward_per_pump",
            "min_pumps", "max_pumps", "rules");

    @TempDir
    Path tmp;

    private Path config() throws IOException {
        Path config = tmp.resolve("c.yaml");
        if (!Files.exists(config)) {
            Files.writeString(config, CONFIG);
        }
        return config;
    }

    /** The thresholds `bart run` plays with the same config, by balloon id. */
    private Map<Integer, Integer> runThresholds() throws IOException {
        CliHarness.Outcome run = CliHarness.run(Map.of(), "run", "--quiet", "--config", config().toString(),
                "--run-dir", tmp.resolve("models").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return ResultFiles.readJournal(tmp.resolve("models/journal.jsonl")).stream()
                .collect(Collectors.toMap(r -> r.balloon().id(), r -> r.balloon().threshold()));
    }

    /** Checks what every state shows before its balloon has ended: no threshold anywhere. */
    private static void assertNoThresholdBeforeTheEnd(JsonNode state) {
        JsonNode balloon = state.get("balloon");
        if (!balloon.isNull()) {
            Set<String> fields = new HashSet<>();
            balloon.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).isEqualTo(BALLOON_FIELDS);
            Iterator<Map.Entry<String, JsonNode>> it = state.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("last")) {
                    assertThat(e.getValue().toString()).doesNotContain("threshold");
                }
            }
        }
    }

    /** Pumps up to {@code pumps} times, then cashes out unless the balloon burst; returns the ending reply. */
    private static ServeHarness.Answer play(ServeHarness serve, String session, int pumps) {
        for (int i = 0; i < pumps; i++) {
            ServeHarness.Answer r = serve.pump(session);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertNoThresholdBeforeTheEnd(r.json());
            if (r.json().get("result").asText().equals("burst")) {
                return r;
            }
            assertThat(r.json().get("result").asText()).isEqualTo("safe");
            assertThat(r.json().has("last") && r.json().get("last").get("id").asInt()
                    == r.json().get("balloon").get("id").asInt()).isFalse();
        }
        ServeHarness.Answer r = serve.cashOut(session);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("result").asText()).isEqualTo("cashed_out");
        return r;
    }

    private static List<String> journalLines(Path dir) throws IOException {
        Path journal = dir.resolve("journal.jsonl");
        return Files.exists(journal) ? Files.readAllLines(journal) : List.of();
    }

    @Test
    void a_person_plays_the_run_balloons_by_the_task_rules_and_each_is_journaled_before_the_answer() throws Exception {
        Map<Integer, Integer> thresholds = runThresholds();
        Path dir = tmp.resolve("people");
        ServeHarness.Outcome stopped;
        double total = 0;
        try (ServeHarness serve = ServeHarness.start(config(), dir)) {
            assertThat(serve.url()).startsWith("http://127.0.0.1:");
            ServeHarness.Answer start = serve.startSession("p01");
            assertThat(start.status()).isEqualTo(201);
            JsonNode s = start.json();
            assertThat(s.get("session").asText()).hasSizeGreaterThanOrEqualTo(22);
            assertThat(s.get("participant").asText()).isEqualTo("p01");
            assertThat(s.get("balloons_total").asInt()).isEqualTo(5);
            assertThat(s.get("done").asBoolean()).isFalse();
            assertThat(s.get("total_earnings").asDouble()).isZero();
            assertThat(s.has("last")).isFalse();
            assertThat(s.get("balloon").get("id").asInt()).isEqualTo(1);
            assertThat(s.get("balloon").get("type").asText()).isEmpty();
            assertThat(s.get("balloon").get("pumps").asInt()).isZero();
            assertThat(s.get("balloon").get("earnings").asDouble()).isZero();
            assertThat(s.get("balloon").get("rules").toString()).contains("2..6").contains("$0.10");
            assertNoThresholdBeforeTheEnd(s);
            String session = s.get("session").asText();

            for (int id = 1; id <= 5; id++) {
                ServeHarness.Answer end = play(serve, session, 3);
                JsonNode last = end.json().get("last");
                int threshold = thresholds.get(id);
                assertThat(last.get("id").asInt()).isEqualTo(id);
                assertThat(last.get("threshold").asInt()).as("balloon %d's threshold as in `bart run`", id)
                        .isEqualTo(threshold);
                // the rule of the task: pump k bursts the balloon when k >= threshold
                assertThat(last.get("burst").asBoolean()).isEqualTo(threshold <= 3);
                assertThat(last.get("pumps").asInt()).isEqualTo(Math.min(3, threshold));
                assertThat(last.get("earnings").asDouble()).isEqualTo(threshold <= 3 ? 0.0 : 0.3);
                assertThat(end.json().get("result").asText()).isEqualTo(threshold <= 3 ? "burst" : "cashed_out");
                total += last.get("earnings").asDouble();
                assertThat(end.json().get("total_earnings").asDouble()).isCloseTo(total, within());
                // already in the journal when the answer arrives
                List<String> lines = journalLines(dir);
                assertThat(lines).hasSize(id);
                assertThat(lines.get(id - 1)).contains("\"model\":\"human:p01\"", "\"balloon_id\":" + id + ",",
                        "\"threshold_pumps\":" + threshold + ",");
                if (id < 5) {
                    assertThat(end.json().get("balloon").get("id").asInt()).isEqualTo(id + 1);
                    assertThat(end.json().get("done").asBoolean()).isFalse();
                }
            }
            JsonNode done = serve.get("api/sessions/" + session).json();
            assertThat(done.get("done").asBoolean()).isTrue();
            assertThat(done.get("balloon").isNull()).isTrue();
            assertThat(done.get("balloons_done").asInt()).isEqualTo(5);
            for (ServeHarness.Answer after : List.of(serve.pump(session), serve.cashOut(session))) {
                assertThat(after.status()).isEqualTo(409);
                assertThat(after.json().get("error").asText()).contains("all 5 balloons");
            }
            assertThat(journalLines(dir)).hasSize(5);
            stopped = serve.stop();
        }
        assertThat(stopped.exitCode()).as(stopped.err()).isZero();
        assertThat(stopped.out()).contains("files: " + dir, "(people: 1, balloons: 5)", "human:p01");

        List<BalloonResult> combined = ResultFiles.read(dir.resolve("BART_combined.csv"));
        assertThat(combined).hasSize(5).allSatisfy(r -> {
            assertThat(r.participant()).isEqualTo("human:p01");
            assertThat(r.balloon().threshold()).isEqualTo(thresholds.get(r.balloon().id()));
            assertThat(r.turns()).allSatisfy(d -> assertThat(d.latencyMillis()).isNotNegative());
            assertThat(r.responses()).isSubsetOf("Pump", "Cash Out");
        });
        assertThat(combined.stream().mapToDouble(BalloonResult::earnings).sum()).isCloseTo(total, within());
        assertThat(combined).as("seed 7 gives both outcomes").anyMatch(BalloonResult::burst)
                .anyMatch(r -> !r.burst());
        assertThat(ResultFiles.read(dir.resolve("BART_results.json"))).hasSize(5);
        assertThat(Files.readString(dir.resolve("BART_summary.csv"))).contains("human:p01");
        String manifest = Files.readString(dir.resolve("manifest.json"));
        assertThat(manifest).contains("\"mode\" : \"serve\"", "\"status\" : \"stopped\"", "\"participants\" : 1",
                "\"participants_finished\" : 1");

        CliHarness.Outcome analyze = CliHarness.run(Map.of(), "analyze", "--file", dir.resolve("BART_combined.csv")
                .toString(), "--file", tmp.resolve("models/BART_combined.csv").toString());
        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
        assertThat(analyze.out()).contains("human:p01", "fixed:3");
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }

    @Test
    void every_error_is_json_with_its_status() throws Exception {
        try (ServeHarness serve = ServeHarness.start(config(), tmp.resolve("people"))) {
            for (String bad : List.of("", "a b", "../etc", "p/01", "x".repeat(65), "é", "p01\n")) {
                ServeHarness.Answer r = serve.startSession(bad);
                assertThat(r.status()).as("participant '%s'", bad).isEqualTo(400);
                assertThat(r.json().get("error").asText()).contains("participant ID");
            }
            assertThat(serve.startSession("x".repeat(64)).status()).isEqualTo(201);
            assertThat(serve.startSession("A-z_09").status()).isEqualTo(201);
            for (String body : List.of("{", "[]", "{\"participant\": 5}", "{}", "null", "")) {
                ServeHarness.Answer r = serve.post("api/sessions", "application/json", body);
                assertThat(r.status()).as("body '%s'", body).isEqualTo(400);
                assertThat(r.json().get("error").asText()).isNotBlank();
            }
            ServeHarness.Answer plain = serve.post("api/sessions", "text/plain", "{\"participant\": \"p01\"}");
            assertThat(plain.status()).isEqualTo(400);
            assertThat(plain.json().get("error").asText()).contains("application/json");

            String big = "{\"participant\": \"p01\", \"pad\": \"" + "x".repeat(16 * 1024) + "\"}";
            ServeHarness.Answer tooBig = serve.post("api/sessions", "application/json", big);
            assertThat(tooBig.status()).isEqualTo(413);
            assertThat(tooBig.json().get("error").asText()).contains("16384");
            String prefix = "{\"participant\": \"p01\", \"pad\": \"";
            String justFits = prefix + "x".repeat(16 * 1024 - prefix.length() - 2) + "\"}";
            assertThat(justFits.length()).isEqualTo(16 * 1024);
            assertThat(serve.post("api/sessions", "application/json", justFits).status()).isEqualTo(201);
            String session = serve.startSession("p02").json().get("session").asText();
            assertThat(serve.post("api/sessions/" + session + "/pump", "text/plain", "x".repeat(20_000)).status())
                    .isEqualTo(413);
            assertThat(serve.get("api/sessions/" + session).json().get("balloon").get("pumps").asInt()).isZero();

            for (ServeHarness.Answer r : List.of(serve.get("api/sessions/nope"), serve.pump("nope"),
                    serve.cashOut("nope"), serve.get("api/sessions/" + session.substring(1)))) {
                assertThat(r.status()).isEqualTo(404);
                assertThat(r.json().get("error").asText()).isEqualTo("unknown session");
            }
            ServeHarness.Answer noPage = serve.get("no-such-page");
            assertThat(noPage.status()).isEqualTo(404);
            assertThat(noPage.json().has("error")).isTrue();
        }
    }

    @Test
    void the_page_is_served_from_the_jar_with_a_strict_content_security_policy() throws Exception {
        try (ServeHarness serve = ServeHarness.start(config(), tmp.resolve("people"))) {
            ServeHarness.Answer page = serve.get("");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.response().headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(page.response().headers().firstValue("Content-Security-Policy").orElse(""))
                    .startsWith("default-src 'self'");
            assertThat(page.body()).contains("<script src=\"/app.js\"", "id=\"pump\"", "id=\"cashout\"")
                    .doesNotContain("http://", "https://");
            ServeHarness.Answer js = serve.get("app.js");
            assertThat(js.status()).isEqualTo(200);
            assertThat(js.response().headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
            assertThat(js.body()).contains("/api/sessions").doesNotContain("http://", "https://", "innerHTML");
            assertThat(serve.get("app.css").status()).isEqualTo(200);
            ServeHarness.Answer outside = serve.get("..%2Fpom.xml");
            assertThat(outside.status()).isIn(400, 404);
            assertThat(outside.body()).doesNotContain("<project");
        }
    }

    @Test
    void a_person_who_comes_back_with_the_same_id_continues_even_after_a_restart() throws Exception {
        Path dir = tmp.resolve("people");
        String first;
        try (ServeHarness serve = ServeHarness.start(config(), dir)) {
            first = serve.startSession("p01").json().get("session").asText();
            play(serve, first, 1);
            play(serve, first, 1);
            assertThat(serve.pump(first).json().get("result").asText()).isEqualTo("safe"); // min_pumps: 2
            ServeHarness.Answer again = serve.startSession("p01");
            assertThat(again.status()).isEqualTo(200);
            JsonNode s = again.json();
            assertThat(s.get("session").asText()).isNotEqualTo(first);
            assertThat(s.get("balloons_done").asInt()).isEqualTo(2);
            assertThat(s.get("balloon").get("id").asInt()).isEqualTo(3);
            assertThat(s.get("balloon").get("pumps").asInt()).isEqualTo(1);
            assertThat(s.get("last").get("id").asInt()).isEqualTo(2);
            assertThat(serve.get("api/sessions/" + first).json().get("balloon").get("pumps").asInt()).isEqualTo(1);
            assertThat(serve.stop().exitCode()).isZero();
        }
        try (ServeHarness serve = ServeHarness.start(config(), dir)) {
            ServeHarness.Answer back = serve.startSession("p01");
            assertThat(back.status()).isEqualTo(200);
            assertThat(back.json().get("balloons_done").asInt()).isEqualTo(2);
            // the balloon in progress was not finished, so it is played again from its start
            assertThat(back.json().get("balloon").get("id").asInt()).isEqualTo(3);
            assertThat(back.json().get("balloon").get("pumps").asInt()).isZero();
            assertThat(serve.get("api/sessions/" + first).status()).isEqualTo(404);
            String session = back.json().get("session").asText();
            for (int id = 3; id <= 5; id++) {
                play(serve, session, 1);
            }
            assertThat(serve.stop().exitCode()).isZero();
        }
        assertThat(ResultFiles.read(dir.resolve("BART_combined.csv")))
                .extracting(r -> r.participant() + "#" + r.balloon().id())
                .containsExactly("human:p01#1", "human:p01#2", "human:p01#3", "human:p01#4", "human:p01#5");
    }

    @Test
    void several_people_play_at_once_each_on_their_own_balloons() throws Exception {
        Path dir = tmp.resolve("people");
        int people = 6;
        try (ServeHarness serve = ServeHarness.start(config(), dir)) {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<List<Integer>>> players = new ArrayList<>();
            Set<String> sessions = java.util.concurrent.ConcurrentHashMap.newKeySet();
            for (int p = 0; p < people; p++) {
                String id = "p" + p;
                int pumps = 1 + p % 4;
                players.add(CompletableFuture.supplyAsync(() -> {
                    await(go);
                    String session = serve.startSession(id).json().get("session").asText();
                    sessions.add(session);
                    List<Integer> thresholds = new ArrayList<>();
                    for (int b = 0; b < 5; b++) {
                        JsonNode last = play(serve, session, pumps).json().get("last");
                        thresholds.add(last.get("threshold").asInt());
                        assertThat(last.get("pumps").asInt()).isEqualTo(Math.min(pumps, last.get("threshold")
                                .asInt()));
                    }
                    return thresholds;
                }));
            }
            go.countDown();
            List<List<Integer>> seen = new ArrayList<>();
            for (CompletableFuture<List<Integer>> f : players) {
                seen.add(f.get(120, TimeUnit.SECONDS));
            }
            assertThat(sessions).hasSize(people);
            assertThat(seen).allSatisfy(t -> assertThat(t).isEqualTo(seen.get(0)));
            assertThat(serve.stop().exitCode()).isZero();
        }
        List<BalloonResult> results = ResultFiles.read(dir.resolve("BART_combined.csv"));
        Map<String, List<Integer>> byPerson = new HashMap<>();
        results.forEach(r -> byPerson.computeIfAbsent(r.participant(), k -> new ArrayList<>()).add(r.balloon().id()));
        assertThat(byPerson).hasSize(people);
        assertThat(byPerson.values()).allSatisfy(ids -> assertThat(ids).containsExactly(1, 2, 3, 4, 5));
        assertThat(ResultFiles.readJournal(dir.resolve("journal.jsonl"))).hasSize(people * 5);
    }

    @Test
    void one_session_cannot_touch_another_persons_balloons() throws Exception {
        try (ServeHarness serve = ServeHarness.start(config(), tmp.resolve("people"))) {
            String a = serve.startSession("alice").json().get("session").asText();
            String b = serve.startSession("bob").json().get("session").asText();
            assertThat(serve.pump(a).json().get("participant").asText()).isEqualTo("alice");
            JsonNode bob = serve.get("api/sessions/" + b).json();
            assertThat(bob.get("participant").asText()).isEqualTo("bob");
            assertThat(bob.get("balloon").get("pumps").asInt()).isZero();
            assertThat(serve.get("api/sessions/" + a).json().get("balloon").get("pumps").asInt()).isEqualTo(1);
        }
    }

    @Test
    void people_and_models_keep_separate_run_directories() throws Exception {
        runThresholds();
        CliHarness.Outcome onModels = CliHarness.run(Map.of(), "serve", "--config", config().toString(), "--run-dir",
                tmp.resolve("models").toString(), "--port", "0");
        assertThat(onModels.exitCode()).isEqualTo(2);
        assertThat(onModels.err().strip()).doesNotContain("\n").contains("holds a `bart run`", "--run-dir");

        Path people = tmp.resolve("people");
        try (ServeHarness serve = ServeHarness.start(config(), people)) {
            serve.stop();
        }
        CliHarness.Outcome onPeople = CliHarness.run(Map.of(), "run", "--quiet", "--config", config().toString(),
                "--run-dir", people.toString());
        assertThat(onPeople.exitCode()).isEqualTo(2);
        assertThat(onPeople.err().strip()).doesNotContain("\n").contains("bart serve", "--run-dir");
    }

    @Test
    void a_taken_port_is_one_line_of_bad_input() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            CliHarness.Outcome o = CliHarness.run(Map.of(), "serve", "--config", config().toString(), "--run-dir",
                    tmp.resolve("people").toString(), "--port", Integer.toString(taken.getLocalPort()));
            assertThat(o.exitCode()).isEqualTo(2);
            assertThat(o.err().strip()).doesNotContain("\n").contains("cannot listen on 127.0.0.1:"
                    + taken.getLocalPort());
        }
        CliHarness.Outcome o = CliHarness.run(Map.of(), "serve", "--config", config().toString(), "--port", "70000");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("--port must be between 0 and 65535");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
