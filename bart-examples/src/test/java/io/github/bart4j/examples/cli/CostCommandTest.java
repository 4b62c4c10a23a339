package io.github.bart4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.ResultFiles;
import io.github.bart4j.langchain4j.testkit.FakeLlmServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --dry-run} and the budget ({@code max_cost_usd} / {@code --max-cost},
 * {@code max_tokens_total}) against a local fake OpenRouter that reports {@code usage.cost} and
 * lists its prices on {@code GET /models}.
 */
class CostCommandTest {

    private static final Map<String, String> ENV = Map.of("OPENROUTER_API_KEY", "sk-or-test-key");
    // dollars per token: $2 / $8 per million
    private static final double PROMPT = 2e-6;
    private static final double COMPLETION = 8e-6;

    @TempDir
    Path tmp;

    private Path config(FakeLlmServer server, String... lines) throws IOException {
        StringBuilder yaml = new StringBuilder("backend: openrouter\nbase_url: '" + server.openAiBaseUrl() + "'\n");
        for (String l : lines) {
            yaml.append(l).append('\n');
        }
        Path file = tmp.resolve("c" + System.nanoTime() + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static FakeLlmServer server(String... models) {
        FakeLlmServer.Builder b = FakeLlmServer.builder();
        for (String m : models) {
            b.price(m, PROMPT, COMPLETION);
        }
        return b.start();
    }

    private static JsonNode manifest(Path dir) throws IOException {
        return new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in:%n%s", regex, text).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    private static double dollars(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        assertThat(m.find()).as("'%s' in:%n%s", regex, text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void dry_run_asks_no_model_and_its_worst_case_bounds_the_real_run() throws IOException {
        try (FakeLlmServer server = server("fixed:25", "random:0.7")) {
            Path config = config(server, "model_list: ['fixed:25', 'random:0.7']", "num_balloons: 12", "seed: 5",
                    "epochs: 2", "personas: {calm: 'You are calm.', bold: 'You are bold.'}", "max_tokens: 4");
            Path dir = tmp.resolve("run");
            CliHarness.Outcome dry = CliHarness.run(ENV, "run", "--config", config.toString(), "--run-dir",
                    dir.toString(), "--dry-run");
            assertThat(dry.exitCode()).as(dry.err()).isZero();
            assertThat(server.requestCount()).as("no chat request").isZero();
            assertThat(dir).doesNotExist();
            assertThat(dry.out()).contains("plan: 2 models x 2 personas x 2 epochs x 12 balloons = 96 balloons",
                    "prices: OpenRouter's model list");
            long mostAnswers = number(dry.out(), "most requests: (\\d+) model answers");
            long worstPerModel = number(dry.out(), "fixed:25 +[\\d,]+ \\.\\. ([\\d,]+)");
            double worstDollars = dollars(dry.out(), "total .* \\.\\. \\$(\\d+\\.\\d+)\\s*$");
            double typicalDollars = dollars(dry.out(), "total .* \\$(\\d+\\.\\d+) \\.\\. ");

            CliHarness.Outcome run = CliHarness.run(ENV, "run", "--quiet", "--config", config.toString(),
                    "--run-dir", dir.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            List<BalloonResult> results = ResultFiles.readJournal(dir.resolve("journal.jsonl"));
            assertThat(results).hasSize(96);
            assertThat(server.requestCount()).isLessThanOrEqualTo((int) mostAnswers);
            long fixedRequests = results.stream().filter(r -> r.participant().equals("fixed:25"))
                    .mapToLong(r -> r.decisions().size()).sum();
            // fixed:25 pumps every balloon to its threshold, every answer valid: a third of the worst case
            assertThat(fixedRequests * 3).isEqualTo(worstPerModel);
            double cost = manifest(dir).path("totals").path("cost_usd").asDouble();
            assertThat(cost).isGreaterThan(0).isLessThanOrEqualTo(worstDollars);
            assertThat(typicalDollars).isLessThan(worstDollars);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"per_balloon", "across_balloons", "stateless"})
    void dry_run_tokens_are_those_of_the_requests_the_run_sends(String conversation) throws IOException {
        try (FakeLlmServer server = server("fixed:25")) {
            // fixed:25 pumps every balloon to its threshold with valid answers: the worst case at one attempt
            Path config = config(server, "model_list: ['fixed:25']", "thresholds: [7, 2, 12, 5]", "seed: 2",
                    "max_invalid_retries: 1", "max_tokens: 3", "conversation: " + conversation,
                    "personas: {calm: 'You are calm.'}");
            Path dir = tmp.resolve("tokens-" + conversation);
            CliHarness.Outcome dry = CliHarness.run(ENV, "run", "--config", config.toString(), "--run-dir",
                    dir.toString(), "--dry-run");
            assertThat(dry.exitCode()).as(dry.err()).isZero();
            long worstRequests = number(dry.out(), "fixed:25 +[\\d,]+ \\.\\. ([\\d,]+)");
            long worstPrompt = number(dry.out(), "fixed:25 +[\\d,]+ \\.\\. [\\d,]+ +[\\d,]+ \\.\\. ([\\d,]+)");
            CliHarness.Outcome run = CliHarness.run(ENV, "run", "--quiet", "--config", config.toString(),
                    "--run-dir", dir.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            List<BalloonResult> results = ResultFiles.readJournal(dir.resolve("journal.jsonl"));
            assertThat(results.stream().mapToLong(r -> r.decisions().size()).sum()).isEqualTo(worstRequests);
            assertThat(results.stream().mapToLong(r -> r.usage().inputTokens()).sum()).isEqualTo(worstPrompt);
        }
    }

    @Test
    void a_budget_stops_the_run_and_a_larger_one_resumes_it_to_the_uninterrupted_files() throws IOException {
        try (FakeLlmServer server = server("fixed:4", "fixed:8")) {
            String[] lines = {"model_list: ['fixed:4', 'fixed:8']", "thresholds: [12, 3, 9, 8, 12, 5, 2, 10, 7, 11, 4,"
                    + " 6]", "seed: 1", "max_concurrency: 2"};
            Path whole = tmp.resolve("whole");
            CliHarness.Outcome full = CliHarness.run(ENV, "run", "--quiet", "--config", config(server, lines)
                    .toString(), "--run-dir", whole.toString());
            assertThat(full.exitCode()).as(full.err()).isZero();
            List<BalloonResult> all = ResultFiles.readJournal(whole.resolve("journal.jsonl"));
            double total = all.stream().mapToDouble(r -> r.usage().cost()).sum();
            double maxBalloon = all.stream().mapToDouble(r -> r.usage().cost()).max().orElseThrow();

            double limit = Math.round(total * 0.4 * 1e6) / 1e6;
            Path dir = tmp.resolve("budgeted");
            Path config = config(server, lines);
            CliHarness.Outcome stopped = CliHarness.run(ENV, "run", "--config", config.toString(), "--run-dir",
                    dir.toString(), "--max-cost", Double.toString(limit));
            assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(1);
            assertThat(stopped.err()).contains("bart: stopped: budget max_cost_usd " + RunBudget.plain(limit)
                    + " reached", "resume with a larger budget: ./bart run --config " + config + " --run-dir " + dir
                    + " --max-cost " + RunBudget.plain(2 * limit));
            assertThat(stopped.err()).as("the progress line shows the spend against the budget")
                    .containsPattern("budget \\$\\d+\\.\\d{4} of \\$" + Pattern.quote(RunBudget.plain(limit)));
            JsonNode manifest = manifest(dir);
            assertThat(manifest.path("status").asText()).isEqualTo("stopped");
            assertThat(manifest.path("budget").path("reached").asBoolean()).isTrue();
            assertThat(manifest.path("budget").path("max_cost_usd").asDouble()).isEqualTo(limit);
            List<BalloonResult> first = ResultFiles.readJournal(dir.resolve("journal.jsonl"));
            double spent = first.stream().mapToDouble(r -> r.usage().cost()).sum();
            assertThat(manifest.path("budget").path("spent_usd").asDouble()).isCloseTo(spent,
                    org.assertj.core.data.Offset.offset(1e-9));
            // never more than the balloons in flight (2 slots) over the budget, and within a balloon per slot of it
            assertThat(spent).isLessThanOrEqualTo(limit + 2 * maxBalloon);
            assertThat(spent).isGreaterThan(limit - 3 * maxBalloon);
            assertThat(first.size()).isLessThan(all.size());

            int before = server.requestCount();
            CliHarness.Outcome resumed = CliHarness.run(ENV, "run", "--quiet", "--config", config.toString(),
                    "--run-dir", dir.toString(), "--max-cost", Double.toString(total * 2));
            assertThat(resumed.exitCode()).as(resumed.err()).isZero();
            assertThat(manifest(dir).path("status").asText()).isEqualTo("complete");
            int askedAgain = server.requestCount() - before;
            long expected = all.stream().mapToLong(r -> r.decisions().size()).sum()
                    - first.stream().mapToLong(r -> r.decisions().size()).sum();
            assertThat(askedAgain).as("recorded balloons are not asked again").isEqualTo((int) expected);
            assertThat(RunCommandTest.withoutLatency(dir.resolve("BART_combined.csv")))
                    .isEqualTo(RunCommandTest.withoutLatency(whole.resolve("BART_combined.csv")));
            assertThat(Files.readString(dir.resolve("BART_summary.csv")))
                    .isEqualTo(Files.readString(whole.resolve("BART_summary.csv")));
        }
    }

    @Test
    void a_token_budget_works_the_same_way() throws IOException {
        try (FakeLlmServer server = FakeLlmServer.start()) {
            Path config = config(server, "model_list: ['fixed:8']", "num_balloons: 30", "seed: 4",
                    "max_concurrency: 1", "max_tokens_total: 3000");
            Path dir = tmp.resolve("tokens");
            CliHarness.Outcome o = CliHarness.run(ENV, "run", "--quiet", "--config", config.toString(), "--run-dir",
                    dir.toString());
            assertThat(o.exitCode()).as(o.err()).isEqualTo(1);
            assertThat(o.err()).contains("bart: stopped: budget max_tokens_total 3000 reached",
                    "--max-tokens-total 6000");
            long spent = ResultFiles.readJournal(dir.resolve("journal.jsonl")).stream()
                    .mapToLong(r -> r.usage().inputTokens() + r.usage().outputTokens()).sum();
            assertThat(spent).isLessThanOrEqualTo(3000 + 8 * 200).isGreaterThan(0);
            assertThat(manifest(dir).path("budget").path("spent_tokens").asLong()).isEqualTo(spent);
        }
    }

    @Test
    void a_dollar_budget_for_a_model_with_no_cost_and_no_price_is_refused_with_one_line() throws IOException {
        try (FakeLlmServer server = FakeLlmServer.start()) {
            Path config = tmp.resolve("openai.yaml");
            Files.writeString(config, "backend: openai\nbase_url: '" + server.openAiBaseUrl() + "'\n"
                    + "model_list: ['fixed:3']\nmax_cost_usd: 1\nmax_concurrency: 1\n");
            Path dir = tmp.resolve("never");
            CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--config", config.toString(), "--run-dir",
                    dir.toString());
            assertThat(o.exitCode()).isEqualTo(2);
            assertThat(o.err().strip()).isEqualTo("bart: max_cost_usd: model 'fixed:3' on backend 'openai' reports no"
                    + " cost and has no price, so a dollar budget cannot be kept; add prices: {'fixed:3':"
                    + " {prompt_per_million: P, completion_per_million: C}} to the config, or drop max_cost_usd");
            assertThat(dir).doesNotExist();
            assertThat(server.requestCount()).isZero();

            Files.writeString(config, "prices: {'fixed:3': {prompt_per_million: 2, completion_per_million: 8}}\n",
                    java.nio.file.StandardOpenOption.APPEND);
            CliHarness.Outcome priced = CliHarness.run(Map.of(), "run", "--quiet", "--config", config.toString(),
                    "--run-dir", dir.toString(), "--max-cost", "0.0001");
            assertThat(priced.exitCode()).as(priced.err()).isEqualTo(1);
            assertThat(priced.err()).contains("budget max_cost_usd 0.0001 reached");
        }
    }

    @Test
    void dry_run_checks_the_backend_as_a_run_does() throws IOException {
        Path config = tmp.resolve("down.yaml");
        Files.writeString(config, "backend: openrouter\nbase_url: 'http://127.0.0.1:1/v1'\nmodel_list: ['x/y']\n");
        CliHarness.Outcome o = CliHarness.run(ENV, "run", "--config", config.toString(), "--run-dir",
                tmp.resolve("never").toString(), "--dry-run");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().strip()).doesNotContain("\n").contains("127.0.0.1:1");
        assertThat(o.out()).doesNotContain("plan:");
    }

    @Test
    void bad_budget_values_exit_2_with_one_line() throws IOException {
        Path config = tmp.resolve("bad.yaml");
        Files.writeString(config, "backend: simulated\nmodel_list: ['crra:1']\nmax_cost_usd: -3\n");
        CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--config", config.toString());
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().strip()).isEqualTo("bart: " + config + ": key 'max_cost_usd' must be a number > 0 (US"
                + " dollars), but is: -3");

        Files.writeString(config, "backend: simulated\nmodel_list: ['crra:1']\n"
                + "prices: {'crra:1': {prompt_per_million: 1, completion: 2}}\n");
        o = CliHarness.run(Map.of(), "run", "--config", config.toString());
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().strip()).isEqualTo("bart: " + config + ": key 'prices.crra:1.completion' is not a price key"
                + " (prompt_per_million, completion_per_million), but is: 2");

        Files.writeString(config, "backend: simulated\nmodel_list: ['crra:1']\n");
        o = CliHarness.run(Map.of(), "run", "--config", config.toString(), "--max-cost", "0");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().strip()).isEqualTo("bart: --max-cost must be a number of US dollars > 0, but is: 0.0");
    }
}
