package io.github.bart4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuickstartAndHarnessTest {

    @Test
    void the_registry_lists_all_seven_examples_in_order() {
        assertThat(Examples.all()).extracting(Example::name).containsExactly("quickstart", "unit-test", "personas",
                "model-ladder", "harness", "human", "local-ollama");
        assertThat(Examples.all()).allSatisfy(e -> assertThat(e.description()).isNotBlank().doesNotContain("\n"));
    }

    @Test
    void every_example_can_be_run_alone_through_its_own_main() {
        assertThat(Examples.all()).allSatisfy(e -> {
            java.lang.reflect.Method main = e.getClass().getMethod("main", String[].class);
            assertThat(java.lang.reflect.Modifier.isStatic(main.getModifiers())).as(e.name()).isTrue();
            assertThat(java.lang.reflect.Modifier.isPublic(e.getClass().getModifiers())).as(e.name()).isTrue();
        });
    }

    @Test
    void quickstart_plays_ten_balloons_offline_and_prints_the_summary() {
        ExampleRun run = ExampleRun.of(new QuickstartExample());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("model").contains("adj pumps", "burst rate");
        // the log-utility agent plans 9 pumps on 1..20 at $0.10; ten balloons
        assertThat(lines.get(1)).startsWith("crra:1").contains(" 10 ");
        assertThat(lines.get(2)).startsWith("ALL");
    }

    @Test
    void quickstart_with_an_unknown_backend_names_the_accepted_ones() {
        ExampleRun run = ExampleRun.of(new QuickstartExample(), "carrier-pigeon", "m");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1).first().asString().startsWith("quickstart: ")
                .contains("carrier-pigeon", "openrouter, ollama");
    }

    @Test
    void harness_orders_its_agents_by_risk_aversion() {
        ExampleRun run = ExampleRun.of(new HarnessExample());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("crra:2        7.00", "crra:0       10.00", "crra:-1      12.00");
    }
}
