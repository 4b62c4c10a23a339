package io.github.bart4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The maps a run writes into its files keep a fixed order, so that the same config gives the same
 * bytes in every run: no key order left to a hash order that differs from one JVM to the next
 * (as {@code Map.of} and {@code Map.copyOf} have).
 */
class StableFileOrderTest {

    private static final List<String> MODELS = List.of("fixed:3", "crra:2", "crra:-1", "crra:1", "crra:0", "fixed:9");

    @TempDir
    Path tmp;

    @Test
    void balloon_types_and_prices_keep_the_configs_order_in_the_manifest_and_the_results_json() throws IOException {
        StringBuilder prices = new StringBuilder("prices:\n");
        for (int i = 0; i < MODELS.size(); i++) {
            prices.append("  '").append(MODELS.get(i)).append("': {prompt_per_million: ").append(i)
                    .append(", completion_per_million: ").append(2 * i).append("}\n");
        }
        Path config = tmp.resolve("order.yaml");
        Files.writeString(config, "experiment_name: order\nbackend: simulated\nmodel_list: ["
                + String.join(", ", MODELS.stream().map(m -> "'" + m + "'").toList()) + "]\nnum_balloons: 6\n"
                + "balloon_types: [{label: small, max_pumps: 8, count: 3}, {label: large, max_pumps: 32, count: 3}]\n"
                + "seed: 1\nmax_cost_usd: 100\n" + prices);
        Path dir = tmp.resolve("run");
        CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--quiet", "--config", config.toString(), "--run-dir",
                dir.toString());
        assertThat(o.exitCode()).as(o.err()).isZero();

        ObjectMapper json = new ObjectMapper();
        for (String file : List.of("manifest.json", "BART_results.json")) {
            JsonNode config0 = json.readTree(dir.resolve(file).toFile())
                    .path(file.equals("manifest.json") ? "config" : "parameters");
            assertThat(config0.path("balloon_types").size()).as(file).isEqualTo(2);
            for (JsonNode type : config0.path("balloon_types")) {
                assertThat(fieldNames(type)).as(file).containsExactly("label", "max_pumps", "count");
            }
        }
        JsonNode budget = json.readTree(dir.resolve("manifest.json").toFile()).path("budget");
        assertThat(fieldNames(budget.path("prices"))).containsExactlyElementsOf(MODELS); // 1 in 720 by chance
        for (JsonNode price : budget.path("prices")) {
            assertThat(fieldNames(price)).containsExactly("prompt_per_million", "completion_per_million");
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
