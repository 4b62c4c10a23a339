package io.github.bart4j.examples;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ExperimentResult;
import io.github.bart4j.core.ResultSink;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.agents.ScriptedParticipants;
import io.github.bart4j.core.spi.Participant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * BART as one task inside a larger evaluation harness: the harness owns the loop over its models
 * and tasks, drives bart4j's {@link Experiment} API, and receives every balloon in its own
 * {@link ResultSink}. bart4j writes no files here.
 */
public final class HarnessExample implements Example {

    @Override
    public String name() {
        return "harness";
    }

    @Override
    public List<Argument> arguments() {
        return List.of(Argument.config());
    }

    @Override
    public String description() {
        return "BART as one task in your own evaluation loop; results streamed into your own sink, no files";
    }

    /** The harness's own store: here an in-memory aggregator (a JDBC insert would look the same). */
    static final class RiskScoreboard implements ResultSink {
        private final Map<String, int[]> pumpsAndBalloons = new TreeMap<>();

        @Override
        public synchronized void accept(BalloonResult result) {
            if (result.isError() || result.burst()) {
                return; // adjusted pumps: cashed-out balloons only
            }
            int[] acc = pumpsAndBalloons.computeIfAbsent(result.participant(), k -> new int[2]);
            acc[0] += result.pumps();
            acc[1]++;
        }

        synchronized Map<String, Double> adjustedPumps() {
            Map<String, Double> out = new TreeMap<>();
            pumpsAndBalloons.forEach((model, acc) -> out.put(model, acc[1] == 0 ? 0.0 : (double) acc[0] / acc[1]));
            return out;
        }
    }

    @Override
    public int run(Context ctx) {
        // The harness's models. Offline: scripted agents; with a backend, ExampleModels gives real ones.
        List<Participant> models = ExampleModels.from(ctx.args(), ctx.env(),
                List.of("crra:2", "crra:0", "crra:-1"), ctx.err());
        RiskScoreboard scoreboard = new RiskScoreboard();

        // The harness's own loop: BART is one of its tasks, run per model.
        for (Participant model : models) {
            ExperimentResult result = Experiment.builder()
                    .schedule(Schedule.uniform(1, 20, 30, 0.10, 2026))
                    .participant(model)
                    .sink(scoreboard)            // every balloon, as it finishes
                    .retainResults(false)        // the harness keeps only what it aggregates
                    .build()
                    .run();
            ctx.out().printf("%-12s BART done in %d ms%n", model.name(), result.elapsed().toMillis());
        }
        ctx.out().println("adjusted pumps per model (the harness's own metric):");
        scoreboard.adjustedPumps().forEach((m, v) -> ctx.out().printf("  %-12s %5.2f%n", m, v));
        return 0;
    }

    /** Lets a reader run the example on its own: {@code java ... HarnessExample}. */
    public static void main(String[] args) {
        System.exit(new HarnessExample().run(Context.system(args)));
    }
}
