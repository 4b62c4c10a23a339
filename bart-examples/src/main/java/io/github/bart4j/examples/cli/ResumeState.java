package io.github.bart4j.examples.cli;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.CompletedBalloons;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ResultFiles;
import io.github.bart4j.core.Schedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What resuming a run directory needs from its journal, read in one streaming pass without keeping
 * the results: which balloons are recorded and with which status ({@link CompletedBalloons}, a few
 * bits each), their spend for the budget, and — only for models that play their balloons in order
 * ({@code conversation: across_balloons}) — the results of each series (persona, epoch) they have not
 * finished, which are its history; a finished series without errors is kept by identity like the
 * others. Each record is checked as {@link Outputs#checkRecord} describes; a balloon recorded again
 * after an error counts as its later record.
 */
final class ResumeState {

    private final CompletedBalloons done;
    private final Collection<BalloonResult> histories;
    private final int retried;

    private ResumeState(CompletedBalloons done, Collection<BalloonResult> histories, int retried) {
        this.done = done;
        this.histories = histories;
        this.retried = retried;
    }

    /**
     * Reads {@code journal} (absent: nothing recorded).
     *
     * @param arms the run's participants (those with sequential balloons keep their results)
     * @param retryErrors whether errored balloons are forgotten, so that the run asks them again
     * @throws UsageException if a record belongs to another experiment ({@link Outputs#checkRecord}) or a
     *     balloon is recorded twice with status ok (an edited journal)
     */
    static ResumeState read(Path journal, Schedule schedule, RunConfig cfg, List<Experiment.Arm> arms,
                            boolean retryErrors) {
        CompletedBalloons done = new CompletedBalloons();
        // unfinished series of sequential models: (participant, persona, epoch) -> results by balloon id
        Map<List<Object>, Map<Integer, BalloonResult>> series = new LinkedHashMap<>();
        int retried = 0;
        if (Files.exists(journal)) {
            Set<String> sequential = new java.util.HashSet<>();
            arms.stream().filter(a -> a.participant().sequentialBalloons())
                    .forEach(a -> sequential.add(a.participant().name()));
            ResultFiles.readJournal(journal, r -> {
                Outputs.checkRecord(journal, schedule, cfg, r);
                if (sequential.contains(r.participant()) && !done.contains(r.key())) {
                    List<Object> id = List.of(r.participant(), r.persona(), r.epoch());
                    Map<Integer, BalloonResult> results = series.computeIfAbsent(id, k -> new LinkedHashMap<>());
                    results.remove(r.balloon().id()); // the later record, in its place in the order
                    results.put(r.balloon().id(), r);
                    if (results.size() == schedule.size()
                            && results.values().stream().noneMatch(BalloonResult::isError)) {
                        series.remove(id); // finished: no longer needed as a history
                        results.values().forEach(f -> add(done, f, journal));
                    }
                    return;
                }
                add(done, r, journal);
            });
            if (retryErrors) {
                retried = done.removeErrored();
                for (Map<Integer, BalloonResult> results : series.values()) {
                    int before = results.size();
                    results.values().removeIf(BalloonResult::isError);
                    retried += before - results.size();
                }
            }
        }
        List<BalloonResult> histories = new ArrayList<>();
        series.values().forEach(results -> histories.addAll(results.values()));
        return new ResumeState(done, histories, retried);
    }

    private static void add(CompletedBalloons done, BalloonResult r, Path journal) {
        try {
            done.add(r);
        } catch (IllegalArgumentException e) {
            throw new UsageException(journal + ": " + e.getMessage() + "; this journal was edited or two"
                    + " runs were mixed; use a new --run-dir");
        }
    }

    /** The recorded balloons known by identity (every model but those that play in order). */
    CompletedBalloons done() {
        return done;
    }

    /** The recorded results of the series that models playing their balloons in order have not finished. */
    Collection<BalloonResult> histories() {
        return histories;
    }

    /** How many balloons are recorded (each once). */
    int size() {
        return done.size() + histories.size();
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** How many errored balloons {@code --retry-errors} forgot, so that they are asked again. */
    int retried() {
        return retried;
    }
}
