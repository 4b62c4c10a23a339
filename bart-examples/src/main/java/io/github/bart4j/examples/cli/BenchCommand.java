package io.github.bart4j.examples.cli;

import io.github.bart4j.examples.bench.Benchmarks;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bart bench NAME}: runs one benchmark and prints {@code name: value unit} lines. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run a benchmark and print its figures (name: value unit).",
                "NAME: simulate | chat-fake | efficiency | tokens | stats | memory | memory-cli | fit | analyze-scale"})
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "simulate, chat-fake, efficiency, tokens, stats, memory, memory-cli, fit or analyze-scale")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        switch (name) {
            case "simulate" -> Benchmarks.simulate(out);
            case "chat-fake" -> Benchmarks.chatFake(out);
            case "efficiency" -> Benchmarks.efficiency(out);
            case "tokens" -> Benchmarks.tokens(out);
            case "stats" -> Benchmarks.stats(out);
            case "memory" -> Benchmarks.memory(out, 1_000_000);
            case "memory-cli" -> CliMemoryBenchmark.run(out, 200_000);
            case "fit" -> io.github.bart4j.examples.report.FitBenchmark.run(out, 1000, 90);
            case "analyze-scale" -> io.github.bart4j.examples.bench.AnalyzeScaleBenchmark.run(out, 72,
                    Integer.getInteger("bart.bench.balloons", 20_000));
            default -> throw new UsageException("benchmark '" + name + "' does not exist; one of: simulate, chat-fake,"
                    + " efficiency, tokens, stats, memory, memory-cli, fit, analyze-scale");
        }
        out.flush();
        return 0;
    }
}
