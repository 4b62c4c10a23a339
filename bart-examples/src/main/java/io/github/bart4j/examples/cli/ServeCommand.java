package io.github.bart4j.examples.cli;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.ResultSink;
import io.github.bart4j.core.ResultSinks;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.examples.web.HumanStudy;
import io.github.bart4j.examples.web.StudyServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bart serve}: people play the config's balloons in the browser, as participants
 * {@code human:ID}; each finished balloon is journaled before the page shows it, and Ctrl-C or
 * SIGTERM writes the run's files. Running it again with the same {@code --run-dir} continues.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Let people play the config's balloons in a web browser (participants human:ID).",
                "Same seed, same thresholds as `bart run`; Ctrl-C stops and writes the run's files.",
                "Run again with the same --run-dir to continue: people resume where they stopped."})
final class ServeCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "YAML config (its schedule is played)")
    Path config;

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Directory for the people's files (default: <output_dir>/<experiment_name>-<timestamp>)")
    Path runDir;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only)")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    ServeCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be between 0 and 65535, but is: " + port);
        }
        RunConfig cfg = new ConfigLoader(env).withoutApiKey().load(config);
        cfg.warnings().forEach(w -> err.println("bart: warning: " + w));
        if (cfg.task().equals("automatic")) {
            err.println("bart: warning: task: automatic: people play the classic task in the browser (one click per"
                    + " pump)");
        }
        RunDirectory dir = RunDirectory.open(runDir, cfg);
        if (dir.isResume() && !ServeCommand.MODE.equals(dir.previousMode())) {
            throw new UsageException(dir.dir() + ": holds a `bart run` (models); people get their own run directory:"
                    + " use a new --run-dir, then analyze both with --file A --file B");
        }
        long seed = cfg.seed() != null ? cfg.seed() : dir.previousSeed() != null ? dir.previousSeed()
                : new java.security.SecureRandom().nextLong() & 0xFFFFFFFFL;
        Map<String, Object> publicConfig = cfg.publicView();
        dir.checkSameExperiment(publicConfig, seed);
        Schedule schedule = RunCommand.schedule(cfg, seed);
        List<BalloonResult> journal = Outputs.readJournal(dir.file(RunDirectory.JOURNAL), schedule);
        RunLock lock = dir.create(); // one process per run directory, as for `run`

        Instant started = Instant.now();
        dir.writeManifest(manifest(cfg, publicConfig, seed, schedule, started, null, "serving", null));
        ResultSink journalSink = ResultSinks.jsonLines(dir.file(RunDirectory.JOURNAL),
                ResultSinks.WriteMode.APPEND); // a resumed study continues its journal
        HumanStudy study = new HumanStudy(schedule, journal, journalSink, System::nanoTime);
        StudyServer server;
        try {
            server = StudyServer.start(study, cfg.discloseRange(), host, port);
        } catch (IllegalStateException e) {
            journalSink.close();
            lock.close();
            throw new UsageException(ConfigLoader.oneLine(e.getMessage()) + " (choose another --port, or 0 for a"
                    + " free one)");
        }
        CountDownLatch stop = new CountDownLatch(1);
        AtomicInteger signal = new AtomicInteger();
        Signals.onInterrupt(sig -> {
            if (signal.getAndSet(sig) == 0) {
                stop.countDown();
            } else {
                Runtime.getRuntime().halt(128 + sig);
            }
        });
        out.println("serving " + schedule.size() + " balloons to people at " + server.url() + " (run directory: "
                + dir.dir() + "; Ctrl-C stops and writes the files)");
        out.flush();
        boolean interrupted = false;
        try {
            stop.await();
        } catch (InterruptedException e) {
            interrupted = true; // an embedding thread's interrupt stops the server like a signal
        }

        err.println();
        err.println("bart: stopping: no new requests; writing the files (signal again to quit now; the journal keeps"
                + " every finished balloon)");
        err.flush();
        server.close();
        journalSink.close();
        Map<String, List<BalloonResult>> people = study.results();
        List<BalloonResult> results = new ArrayList<>();
        people.values().forEach(results::addAll);
        if (cfg.logCsv()) {
            Outputs.writeCombinedCsv(dir, results);
        }
        var summary = Outputs.writeSummary(dir, results);
        if (cfg.logJson()) {
            Outputs.writeResultsJson(dir, cfg, publicConfig, seed, summary, results, started);
        }
        dir.writeManifest(manifest(cfg, publicConfig, seed, schedule, started, Instant.now(), "stopped", results));
        out.println();
        out.print(Outputs.summaryTable(summary));
        out.println();
        out.println("files: " + dir.dir() + " (people: " + people.size() + ", balloons: " + results.size()
                + "); continue with: ./bart serve --config " + config + " --run-dir " + dir.dir());
        lock.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The manifest's {@code mode} for a run directory of people. */
    static final String MODE = "serve";

    private static Map<String, Object> manifest(RunConfig cfg, Map<String, Object> publicConfig, long seed,
                                                Schedule schedule, Instant started, Instant finished, String status,
                                                List<BalloonResult> results) {
        Map<String, Object> m = Outputs.manifest(cfg, publicConfig, seed, schedule, started, finished, status, results,
                Map.of());
        m.put("mode", MODE);
        if (results != null && m.get("totals") instanceof Map<?, ?> totals) {
            @SuppressWarnings("unchecked")
            Map<String, Object> t = (Map<String, Object>) totals;
            t.remove("balloons_expected");
            Map<String, Long> perPerson = results.stream().collect(java.util.stream.Collectors.groupingBy(
                    BalloonResult::participant, java.util.stream.Collectors.counting()));
            t.put("participants", perPerson.size());
            t.put("participants_finished", perPerson.values().stream().filter(n -> n == schedule.size()).count());
        }
        return m;
    }
}
