package io.github.bart4j.examples.cli;

import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.ResultFiles;
import io.github.bart4j.core.ResultSink;
import io.github.bart4j.core.ResultSinks;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.Statistics;
import io.github.bart4j.core.Summary;
import io.github.bart4j.core.TokenUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** The files of a run directory, written from the results in their stable order. */
final class Outputs {

    private Outputs() {
    }

    /**
     * The balloons recorded by an earlier run of a people's run directory ({@code serve}; any
     * participant name), each checked by {@link #checkRecord} (a balloon asked again with
     * {@code --retry-errors} counts as its later record). A model run reads its journal in one
     * streaming pass instead: {@link ResumeState}.
     */
    static List<BalloonResult> readJournal(Path journal, Schedule schedule) {
        if (!Files.exists(journal)) {
            return List.of();
        }
        List<BalloonResult> results = ResultFiles.readJournal(journal);
        for (BalloonResult r : results) {
            checkRecord(journal, schedule, null, r);
        }
        return results;
    }

    /**
     * Checks that a journal's record belongs to this run.
     *
     * @param cfg the run's config, whose models, personas and epochs the record must have; {@code null}
     *     for people's runs (any participant name)
     * @throws UsageException if the balloon does not match the schedule, or names a model, persona or
     *     epoch the config does not have (another experiment's journal, or an edited one)
     */
    static void checkRecord(Path journal, Schedule schedule, RunConfig cfg, BalloonResult r) {
        if (cfg != null) {
            Set<String> personas = cfg.personas().isEmpty() ? Set.of("") : cfg.personas().keySet();
            String foreign = !cfg.models().contains(r.participant()) ? "model '" + r.participant() + "'"
                    : !personas.contains(r.persona()) ? "persona '" + r.persona() + "' of " + r.participant()
                    : r.epoch() > cfg.epochs() ? "epoch " + r.epoch() + " of " + r.participant() : null;
            if (foreign != null) {
                long line = lineOfRecord(journal, r);
                throw new UsageException(journal + (line > 0 ? " line " + line : "") + ": a balloon of " + foreign
                        + ", which the config does not have; this journal belongs to another experiment or was"
                        + " edited; use a new --run-dir");
            }
        }
        int id = r.balloon().id();
        Balloon expected = id >= 1 && id <= schedule.size() ? schedule.balloons().get(id - 1) : null;
        if (expected == null || expected.threshold() != r.balloon().threshold()) {
            throw new UsageException(journal + ": balloon " + id + " of " + r.participant() + " has threshold "
                    + r.balloon().threshold() + ", but the schedule's balloon " + id + " has "
                    + (expected == null ? "no such balloon" : "threshold " + expected.threshold())
                    + "; this journal belongs to another experiment; use a new --run-dir");
        }
        if (!expected.rules().equals(r.balloon().rules())) {
            throw new UsageException(journal + ": balloon " + id + " of " + r.participant() + " was played under the "
                    + r.balloon().rules().describe() + " rules, but the config's balloons are played under the "
                    + expected.rules().describe() + " rules; this journal belongs to another experiment;"
                    + " use a new --run-dir");
        }
    }

    /** The 1-based line of the journal's first record of {@code r}'s (model, persona, epoch), or 0 if not found. */
    private static long lineOfRecord(Path journal, BalloonResult r) {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        try (java.io.BufferedReader in = Files.newBufferedReader(journal, java.nio.charset.StandardCharsets.UTF_8)) {
            long line = 0;
            for (String l = in.readLine(); l != null; l = in.readLine()) {
                line++;
                if (l.isBlank()) {
                    continue;
                }
                com.fasterxml.jackson.databind.JsonNode node = json.readTree(l);
                if (node.path("model").asText("").equals(r.participant())
                        && node.path("persona").asText("").equals(r.persona())
                        && node.path("epoch").asInt(1) == r.epoch()) {
                    return line;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // the message then names no line
        }
        return 0;
    }

    static void writeCombinedCsv(RunDirectory dir, Iterable<BalloonResult> results) {
        dir.writeAtomically(RunDirectory.COMBINED, tmp -> {
            Files.deleteIfExists(tmp);
            ResultFiles.writeCombinedCsv(tmp, results); // buffered: one write per block, not per row
        });
    }

    static List<Summary> writeSummary(RunDirectory dir, Iterable<BalloonResult> results) {
        List<Summary> summary = Statistics.summarize(results);
        dir.writeAtomically(RunDirectory.SUMMARY, tmp -> Statistics.writeCsv(tmp, summary));
        return summary;
    }

    static void writeResultsJson(RunDirectory dir, RunConfig cfg, Map<String, Object> publicConfig, long seed,
                                 List<Summary> summary, Iterable<BalloonResult> results, Instant started) {
        Map<String, Object> parameters = new LinkedHashMap<>(publicConfig);
        parameters.put("seed", seed);
        dir.writeAtomically(RunDirectory.RESULTS_JSON, tmp -> ResultFiles.writeResultsJson(tmp, cfg.experimentName(),
                started.toString(), parameters, summary, results));
    }

    /**
     * Writes {@code BART_combined.csv} (if {@code log_csv}), {@code BART_summary.csv} and
     * {@code BART_results.json} (if {@code log_json}) from {@code results} in their order, iterating
     * them once: while this thread tallies the summary, totals and counts, one thread writes the CSV
     * and another the JSON file's results (the file lists the summary before them, so they go to
     * a temporary file that follows the summary once it is known). When the CSV cannot be
     * written, its exception is thrown here at once (the JSON file is abandoned, no summary is
     * written); when the JSON file cannot be, the other files are still written, then its
     * exception is thrown.
     *
     * @return the tally of the results, for the manifest and the run's outcome
     */
    static RunTally writeFiles(RunDirectory dir, RunConfig cfg, Map<String, Object> publicConfig, long seed,
                               Iterable<BalloonResult> results, Instant started) {
        RunTally tally = new RunTally();
        BackgroundWriter csv = cfg.logCsv()
                ? new BackgroundWriter("bart-combined-csv", relay -> writeCombinedCsv(dir, relay)) : null;
        BackgroundWriter json = null;
        if (cfg.logJson()) {
            Map<String, Object> parameters = new LinkedHashMap<>(publicConfig);
            parameters.put("seed", seed);
            json = new BackgroundWriter("bart-results-json", relay -> dir.writeAtomically(RunDirectory.RESULTS_JSON,
                    tmp -> ResultFiles.writeResultsJson(tmp, cfg.experimentName(), started.toString(), parameters,
                            relay, tally::summaries)));
        }
        List<BackgroundWriter> writers = Stream.of(csv, json).filter(Objects::nonNull)
                .toList();
        writers.forEach(BackgroundWriter::start);
        try {
            for (BalloonResult r : results) {
                tally.accept(r);
                if (csv != null) {
                    csv.relay.add(r);
                    BackgroundWriter.rethrow(csv.failure); // as when the CSV was written by this thread: stop at once
                }
                if (json != null) {
                    json.relay.add(r);
                }
            }
            if (csv != null) {
                csv.relay.end();
                csv.join(); // the JSON file is complete only once the CSV is, as when this thread wrote the CSV
            }
            if (json != null) {
                json.relay.end();
            }
            List<Summary> summary = tally.summaries();
            dir.writeAtomically(RunDirectory.SUMMARY, tmp -> Statistics.writeCsv(tmp, summary));
            if (json != null) {
                json.join();
            }
        } catch (RuntimeException | Error e) {
            for (BackgroundWriter w : writers) {
                w.relay.abort();
            }
            throw e;
        } finally {
            // never return (or fail) while a writer still writes into the run directory: the
            // caller releases the directory's lock and may delete or reuse it
            for (BackgroundWriter w : writers) {
                joinUninterruptibly(w.thread);
            }
        }
        return tally;
    }

    /** A thread writing one file from the results handed to it through its relay. */
    private static final class BackgroundWriter {
        final ResultRelay relay = new ResultRelay();
        final Thread thread;
        volatile Throwable failure;

        BackgroundWriter(String name, Consumer<ResultRelay> write) {
            thread = new Thread(() -> {
                try {
                    write.accept(relay);
                } catch (Throwable e) {
                    failure = e;
                    relay.discard();
                }
            }, name);
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        /** Waits for the writer; throws its failure. */
        void join() {
            joinUninterruptibly(thread);
            rethrow(failure);
        }

        static void rethrow(Throwable e) {
            if (e instanceof RuntimeException r) {
                throw r;
            }
            if (e instanceof Error err) {
                throw err;
            }
            if (e != null) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Waits for {@code thread} to end; an interrupt meanwhile is kept for the caller, not lost. */
    static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static String summaryTable(List<Summary> summary) {
        return Statistics.toTable(summary);
    }

    static Map<String, Object> manifest(RunConfig cfg, Map<String, Object> publicConfig, long seed, Schedule schedule,
                                        Instant started, Instant finished, String status,
                                        Iterable<BalloonResult> results,
                                        Map<String, String> failures) {
        return manifestOf(cfg, publicConfig, seed, schedule, started, finished, status,
                results == null ? null : RunTally.of(results), failures);
    }

    /**
     * The manifest; {@code tally} ({@code null} while the run is running) gives its totals and
     * per-participant counts.
     */
    static Map<String, Object> manifestOf(RunConfig cfg, Map<String, Object> publicConfig, long seed, Schedule schedule,
                                          Instant started, Instant finished, String status, RunTally tally,
                                          Map<String, String> failures) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", "bart4j");
        m.put("bart4j_version", BuildInfo.bart4jVersion());
        m.put("langchain4j_version", BuildInfo.langchain4jVersion());
        m.put("java_version", System.getProperty("java.version"));
        m.put("status", status);
        m.put("started_at", started.toString());
        m.put("finished_at", finished == null ? null : finished.toString());
        m.put("config", publicConfig);
        m.put("seed", seed);
        Map<String, Object> sched = new LinkedHashMap<>();
        sched.put("kind", schedule.kind().name().toLowerCase(java.util.Locale.ROOT));
        sched.put("balloons", schedule.size());
        sched.put("min_pumps", schedule.minPumps());
        sched.put("max_pumps", schedule.maxPumps());
        sched.put("reward_per_pump", schedule.rewardPerPump());
        sched.put("thresholds", schedule.thresholds());
        sched.put("balloon_types", schedule.balloons().stream().map(Balloon::type).toList());
        sched.put("rules", schedule.rules().name());
        if (!schedule.rules().isClassic()) {
            sched.put("burst_probability", schedule.rules().burstProbability());
        }
        m.put("schedule", sched);
        if (tally != null) {
            Map<String, Object> totals = new LinkedHashMap<>();
            totals.put("balloons_recorded", tally.recorded());
            totals.put("balloons_expected", cfg.models().size() * Math.max(1, cfg.personas().size()) * cfg.epochs()
                    * schedule.size());
            totals.put("errored_balloons", tally.erroredTotal());
            totals.put("input_tokens", tally.inputTokens());
            totals.put("output_tokens", tally.outputTokens());
            totals.put("cost_usd", tally.cost());
            m.put("totals", totals);
        }
        m.put("participants", RunOutcome.perParticipant(cfg.models(), Math.max(1, cfg.personas().size())
                * cfg.epochs() * schedule.size(), tally));
        m.put("failures", failures == null ? Map.of() : failures);
        return m;
    }
}
