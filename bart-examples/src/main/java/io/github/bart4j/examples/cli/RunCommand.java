package io.github.bart4j.examples.cli;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ExperimentResult;
import io.github.bart4j.core.ResultSink;
import io.github.bart4j.core.ResultSinks;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.Summary;
import io.github.bart4j.core.Task;
import io.github.bart4j.core.spi.Participant;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bart run}: plays an experiment, journaling every balloon as it finishes, and writes the
 * run directory's files. Running it again with the same {@code --run-dir} resumes.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run an experiment. Without --config: an offline demo on four simulated CRRA agents.",
                "Run again with the same --run-dir to resume: recorded balloons are not asked again."})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config (the seed's bart_config.yaml works)")
    Path config;

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Directory for this run's files (default: <output_dir>/<experiment_name>-<timestamp>)")
    Path runDir;

    @Option(names = "--quiet", description = "No progress display; only the summary")
    boolean quiet;

    @Option(names = "--retry-errors", description = "When resuming, ask again the balloons recorded with status"
            + " error (e.g. after a provider outage); the journal keeps both records, the files the new one")
    boolean retryErrors;

    @Option(names = "--no-preflight", description = "Do not check before the first balloon that each backend"
            + " answers (and that Ollama has the models pulled)")
    boolean noPreflight;

    @Option(names = "--dry-run", description = "Validate everything, print the plan (balloons, the most requests,"
            + " estimated tokens and dollars per model) and exit without asking any model")
    boolean dryRun;

    @Option(names = "--max-cost", paramLabel = "USD", description = "Budget in US dollars (overrides max_cost_usd):"
            + " no balloon starts once recorded cost plus the balloons in flight would pass it")
    Double maxCost;

    @Option(names = "--max-tokens-total", paramLabel = "N", description = "Budget in tokens, prompt + completion"
            + " (overrides max_tokens_total)")
    Long maxTokensTotal;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    RunCommand(Map<String, String> env) {
        this.env = env;
    }

    /** The run directory's lock, held until the command ends. */
    private RunLock lock;

    @Override
    public Integer call() {
        try {
            return run();
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    private Integer run() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunConfig cfg = config == null ? ConfigLoader.demo() : new ConfigLoader(env).load(config);
        cfg.warnings().forEach(w -> err.println("bart: warning: " + w));
        Participants.simulatedPersonasWarning(cfg).ifPresent(w -> err.println("bart: warning: " + w));
        if (cfg.debug()) {
            // read by slf4j-simple when bart4j's loggers are created, which happens after this point
            System.setProperty("org.slf4j.simpleLogger.log.io.github.bart4j", "debug");
            err.println("bart: debug_mode: logging full requests and responses (API keys masked)");
        }
        RunDirectory dir = RunDirectory.open(runDir, cfg);
        if (ServeCommand.MODE.equals(dir.previousMode())) {
            throw new UsageException(dir.dir() + ": holds people's results from `bart serve`; models get their own"
                    + " run directory: use a new --run-dir");
        }
        long seed = cfg.seed() != null ? cfg.seed() : dir.previousSeed() != null ? dir.previousSeed()
                : new java.security.SecureRandom().nextLong() & 0xFFFFFFFFL;
        Map<String, Object> publicConfig = cfg.publicView();
        dir.checkSameExperiment(publicConfig, seed);
        Schedule schedule = schedule(cfg, seed);
        List<Experiment.Arm> arms = Participants.create(cfg, seed);
        // one streaming pass: which balloons are recorded (a few bits each), not their results
        ResumeState journal = ResumeState.read(dir.file(RunDirectory.JOURNAL), schedule, cfg, arms, retryErrors);
        int retried = journal.retried();
        RunBudget budget = RunBudget.of(cfg, maxCost, maxTokensTotal);
        budget.recorded(journal);
        if (!noPreflight && journal.size() < schedule.size() * cfg.epochs() * arms.size()) {
            BackendCheck.run(cfg, seed, err);
        }
        if (dryRun) {
            return DryRun.print(cfg, seed, schedule, journal, budget, out, err);
        }
        lock = dir.create();

        Instant started = Instant.now();
        Map<String, Object> manifest = Outputs.manifest(cfg, publicConfig, seed, schedule, started, null, "running",
                null, Map.of());
        manifest.put("budget", budget.manifest(null));
        dir.writeManifest(manifest);
        if (config == null) {
            out.println("bart4j demo: offline, simulated agents " + String.join(", ", cfg.models())
                    + " answering through the chat path (no API key needed)");
        }
        out.println((journal.isEmpty() ? "run directory: " : "resuming " + journal.size() + " recorded balloons in: ")
                + dir.dir() + (retried > 0 ? " (asking " + retried + " errored balloons again)" : ""));
        out.flush();

        Experiment.Builder builder = Experiment.builder().schedule(schedule).epochs(cfg.epochs())
                .task(cfg.task().equals("automatic") ? Task.automatic(cfg.maxInvalidRetries())
                        : Task.classic(cfg.maxInvalidRetries()))
                .maxConcurrency(cfg.maxConcurrency()).maxConcurrencyPerParticipant(cfg.maxConcurrencyPerModel())
                .completed(journal.done()).completed(journal.histories())
                .retainResults(false); // the journal is the record: memory stays flat
        arms.forEach(a -> builder.participant(a.participant(), a.persona()));
        ResultSink journalSink = ResultSinks.jsonLines(dir.file(RunDirectory.JOURNAL),
                ResultSinks.WriteMode.APPEND); // a resumed run continues its journal
        builder.sink(journalSink);
        builder.budget(budget.budget()).listener(budget);
        ProgressReporter progress = ProgressReporter.create(!quiet, err, cfg).showBudget(budget);
        builder.listener(progress);
        Experiment experiment = builder.build();

        Stopper stopper = new Stopper(experiment, err, Stopper.GRACE);
        Signals.onInterrupt(stopper::onSignal);
        ExperimentResult result;
        try {
            result = stopper.run();
        } finally {
            progress.close();
            journalSink.close();
        }
        if (result == null) { // stopped, balloons in flight abandoned: the journal has what finished
            result = Stopper.fromJournal(dir.file(RunDirectory.JOURNAL), arms, experiment.size(),
                    java.time.Duration.between(started, Instant.now()));
        }

        Instant finished = Instant.now();
        List<Summary> summary;
        RunOutcome outcome;
        // the files are written from the journal in their stable order, one bucket at a time, in two passes
        try (SortedJournal results = SortedJournal.sort(dir.file(RunDirectory.JOURNAL), arms, cfg.epochs(),
                schedule.size())) {
            RunTally tally = Outputs.writeFiles(dir, cfg, publicConfig, seed, results, started);
            summary = tally.summaries();
            outcome = new RunOutcome(result, experiment.size(), tally);
            Map<String, Object> finalManifest = Outputs.manifestOf(cfg, publicConfig, seed, schedule, started, finished,
                    outcome.status(), tally, result.failures());
            finalManifest.put("budget", budget.manifest(result.budgetStop()));
            dir.writeManifest(finalManifest);
        }

        out.println();
        if (outcome.partial()) {
            out.println(outcome.partialLine());
        }
        out.print(Outputs.summaryTable(summary));
        out.println();
        out.print(ProgressReporter.nextSteps(dir.dir(), config == null));
        out.flush();
        String resume = "./bart run" + (config == null ? "" : " --config " + config) + " --run-dir " + dir.dir();
        return outcome.report(err, stopper.signal(), resume, budget.resumeOptions());
    }

    static Schedule schedule(RunConfig cfg, long seed) {
        if (cfg.thresholds() != null) {
            return Schedule.explicit(cfg.thresholds(), cfg.minPumps(), cfg.maxPumps(), cfg.rewardPerPump());
        }
        if (cfg.burstProbability() != null) {
            return Schedule.constantHazard(cfg.burstProbability(), cfg.minPumps(), cfg.maxPumps(), cfg.numBalloons(),
                    cfg.rewardPerPump(), seed);
        }
        if (cfg.balloonTypes() != null) {
            return Schedule.typed(cfg.balloonTypes(), cfg.balloonOrder().equals("blocked") ? Schedule.Order.BLOCKED
                    : Schedule.Order.SHUFFLED, cfg.rewardPerPump(), seed);
        }
        return Schedule.uniform(cfg.minPumps(), cfg.maxPumps(), cfg.numBalloons(), cfg.rewardPerPump(), seed);
    }
}
