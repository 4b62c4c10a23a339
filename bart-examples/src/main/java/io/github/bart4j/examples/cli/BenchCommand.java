package io.github.bart4j.examples.cli;

import io.github.bart4j.examples.bench.Benchmarks;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bart bench NAME}: runs one benchmark and prints {@code name: value unit} lines;
 * {@code bart bench} alone lists them, one line each with what it measures.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run a benchmark and print its figures (name: value unit); without NAME, list them."})
final class BenchCommand implements Callable<Integer> {

    /** Every benchmark and what it measures, in the order listed. */
    static final Map<String, String> BENCHMARKS = benchmarks();

    private static Map<String, String> benchmarks() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("simulate", "scripted participants: decisions per second on one core (JMH)");
        m.put("chat-fake", "the full chat path with FakeChatModel: overhead per decision over scripted agents");
        m.put("efficiency", "6 models x 30 balloons against a local server: ideal / actual wall time");
        m.put("tokens", "prompt tokens per balloon against pumps, per conversation mode (growth exponent)");
        m.put("stats", "summary statistics over 1,000,000 balloons: seconds");
        m.put("memory", "1,000,000 simulated balloons into a CSV sink: heap after GC at 10% / 50% / 100%");
        m.put("memory-cli", "the CLI run of many balloons, then resumed from half-way: heap after GC along each");
        m.put("run-speed", "bart run, 4 simulated models x bart.bench.balloons (25,000) balloons, every file:"
                + " decisions/s");
        m.put("fit", "par4 maximum-likelihood fits, 1,000 participants x 90 balloons, one core: seconds");
        m.put("analyze-scale", "analyze on a large file (72 models, bart.bench.balloons balloons each): seconds, heap");
        return java.util.Collections.unmodifiableMap(m);
    }

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME",
            description = "one of the benchmarks listed by `bart bench` (none: list them)")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (name == null) {
            int width = BENCHMARKS.keySet().stream().mapToInt(String::length).max().orElse(0);
            BENCHMARKS.forEach((n, what) -> out.println(String.format("%-" + width + "s  %s", n, what)));
            out.flush();
            return 0;
        }
        switch (name) {
            case "simulate" -> Benchmarks.simulate(out);
            case "chat-fake" -> Benchmarks.chatFake(out);
            case "efficiency" -> Benchmarks.efficiency(out);
            case "tokens" -> Benchmarks.tokens(out);
            case "stats" -> Benchmarks.stats(out);
            case "memory" -> Benchmarks.memory(out, 1_000_000);
            case "memory-cli" -> CliMemoryBenchmark.run(out, 200_000);
            case "run-speed" -> CliSpeedBenchmark.run(out, Integer.getInteger("bart.bench.balloons", 25_000));
            case "fit" -> io.github.bart4j.examples.report.FitBenchmark.run(out, 1000, 90);
            case "analyze-scale" -> io.github.bart4j.examples.bench.AnalyzeScaleBenchmark.run(out, 72,
                    Integer.getInteger("bart.bench.balloons", 20_000));
            default -> throw new UsageException("benchmark '" + name + "' does not exist; one of: "
                    + String.join(", ", BENCHMARKS.keySet()));
        }
        out.flush();
        return 0;
    }
}
