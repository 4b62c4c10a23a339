package io.github.bart4j.examples.cli;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.ExperimentResult;
import io.github.bart4j.core.ResultSink;
import io.github.bart4j.core.ResultSinks;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.Summary;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run directory for participants that {@code ./bart run} cannot start (a person at a terminal):
 * the same directory rules, resume checks, journal and five result files as {@code ./bart run},
 * written by the same code.
 *
 * <pre>{@code
 * try (RunFiles run = RunFiles.open(dir, "human", "human", List.of("human:alice"), 10, 42)) {
 *     run.start();
 *     ExperimentResult result;
 *     try (ResultSink journal = run.journal()) {
 *         result = Experiment.builder().schedule(run.schedule()).completed(run.recorded())
 *                 .participant(player).sink(journal).build().run();
 *     }
 *     run.finish(result, result.complete() ? "complete" : "stopped");
 * }
 * }</pre>
 */
public final class RunFiles implements AutoCloseable {

    private final RunDirectory dir;
    private final RunConfig config;
    private final Map<String, Object> publicConfig;
    private final long seed;
    private final Schedule schedule;
    private final List<BalloonResult> recorded;
    private Instant started;
    private RunLock lock;

    private RunFiles(RunDirectory dir, RunConfig config, Map<String, Object> publicConfig, long seed) {
        this.dir = dir;
        this.config = config;
        this.publicConfig = publicConfig;
        this.seed = seed;
        this.schedule = RunCommand.schedule(config, seed);
        this.recorded = Outputs.readJournal(dir.file(RunDirectory.JOURNAL), schedule);
    }

    /**
     * Opens {@code dir} for {@code participants} playing {@code balloons} balloons of the seed's
     * task (bursts on 1..20, $0.10 a pump) drawn from {@code seed}; nothing is created yet.
     *
     * @param experimentName recorded as {@code experiment_name}
     * @param backend recorded as the config's {@code backend} (e.g. {@code human})
     * @throws UsageException if the directory belongs to another experiment (naming the key that differs),
     *         or its journal to other balloons
     */
    public static RunFiles open(Path dir, String experimentName, String backend, List<String> participants,
                                int balloons, long seed) {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("experiment_name", experimentName);
        keys.put("backend", "simulated"); // the loader's checks need a backend; the recorded one is `backend`
        keys.put("model_list", participants);
        keys.put("num_balloons", balloons);
        keys.put("seed", seed);
        keys.put("max_concurrency", 1);
        RunConfig config = new ConfigLoader(Map.of()).fromMap(experimentName, keys);
        Map<String, Object> publicConfig = config.publicView();
        publicConfig.put("backend", backend);
        RunDirectory runDir = RunDirectory.open(dir, config);
        runDir.checkSameExperiment(publicConfig, seed);
        return new RunFiles(runDir, config, publicConfig, seed);
    }

    /** The balloons every participant plays. */
    public Schedule schedule() {
        return schedule;
    }

    /** The balloons recorded by earlier sessions in this directory (not to be played again). */
    public List<BalloonResult> recorded() {
        return recorded;
    }

    /** The directory. */
    public Path dir() {
        return dir.dir();
    }

    /** Creates and locks the directory (until {@link #close()}) and records the run as {@code running}. */
    public void start() {
        lock = dir.create();
        started = Instant.now();
        dir.writeManifest(Outputs.manifest(config, publicConfig, seed, schedule, started, null, "running", null,
                Map.of()));
    }

    /** The journal: every finished balloon appended and flushed as it finishes. Close it after the run. */
    public ResultSink journal() {
        return ResultSinks.jsonLines(dir.file(RunDirectory.JOURNAL), ResultSinks.WriteMode.APPEND);
    }

    /**
     * Writes {@code BART_combined.csv}, {@code BART_summary.csv}, {@code BART_results.json} and the
     * final {@code manifest.json} from {@code result} (recorded balloons included), with {@code status}.
     */
    public void finish(ExperimentResult result, String status) {
        RunTally tally = Outputs.writeFiles(dir, config, publicConfig, seed, result.results(), started);
        dir.writeManifest(Outputs.manifestOf(config, publicConfig, seed, schedule, started, Instant.now(), status,
                tally, result.failures()));
    }

    /** Releases the directory's lock (another run may then use it). */
    @Override
    public void close() {
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }
}
