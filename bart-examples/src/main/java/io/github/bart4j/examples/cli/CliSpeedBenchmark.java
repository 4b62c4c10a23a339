package io.github.bart4j.examples.cli;

import io.github.bart4j.core.ResultFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bench run-speed}: {@code bart run} in this JVM on the simulated backend, 4 models
 * ({@code crra:2, crra:1, crra:0, crra:-1}) × {@code balloons} balloons, seed 7, every file written,
 * as issue 13 measures it. Prints the decisions played (every question asked: the elements of the
 * journal's {@code decisions} lists), the wall time of the command, the decisions per second and the
 * process's CPU time during the command. The JVM was started before, so its start (about half a second)
 * is not included; {@code ./bart bench run-speed} runs with {@code ./bart run}'s JVM flags.
 */
final class CliSpeedBenchmark {

    private CliSpeedBenchmark() {
    }

    static void run(PrintWriter out, int balloons) throws IOException {
        Path tmp = Files.createTempDirectory("bart4j-run-speed");
        try {
            Path config = tmp.resolve("speed.yaml");
            Files.writeString(config, "experiment_name: speed\nbackend: simulated\nmodel_list: [\"crra:2\", \"crra:1\","
                    + " \"crra:0\", \"crra:-1\"]\nnum_balloons: " + balloons + "\nseed: 7\n");
            Path dir = tmp.resolve("run");
            StringWriter log = new StringWriter();
            long cpu = cpuNanos();
            long start = System.nanoTime();
            PrintWriter logWriter = new PrintWriter(log);
            int code = BartCli.commandLine(Map.of(), logWriter, logWriter).execute("run", "--quiet", "--config",
                    config.toString(), "--run-dir", dir.toString());
            double wall = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = cpu < 0 ? Double.NaN : (cpuNanos() - cpu) / 1e9;
            if (code != 0) {
                throw new IllegalStateException("bench run-speed: the run exited with " + code + ": " + log);
            }
            long[] decisions = {0};
            long[] results = {0};
            ResultFiles.readJournal(dir.resolve(RunDirectory.JOURNAL), r -> {
                decisions[0] += r.turns().size();
                results[0]++;
            });
            out.printf(Locale.ROOT, "run_speed_decisions: %d decisions (4 simulated models x %d balloons = %d"
                    + " balloons, every file written)%n", decisions[0], balloons, results[0]);
            out.printf(Locale.ROOT, "run_speed_wall: %.2f s (the run command in this JVM, JVM start not"
                    + " included)%n", wall);
            out.printf(Locale.ROOT, "run_speed_decisions_per_second: %.0f decisions/s%n", decisions[0] / wall);
            out.printf(Locale.ROOT, "run_speed_cpu: %.2f s (process CPU time during the run, all threads)%n",
                    cpuSeconds);
        } finally {
            try (Stream<Path> files = Files.walk(tmp)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The process's CPU time in nanoseconds, or -1 where the JVM does not tell. */
    private static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
