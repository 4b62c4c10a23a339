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
 * ({@code conversation: across_balloons}) — the results themselves, which are their history. Each
 * record is checked as {@link Outputs#checkRecord} describes; a balloon recorded again after an
 * error counts as its later record.
 */
final class ResumeState {

    private final CompletedBalloons done;
    private final Map<BalloonResult.Key, BalloonResult> histories;
    private final int retried;

    private ResumeState(CompletedBalloons done, Map<BalloonResult.Key, BalloonResult> histories, int retried) {
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
        Map<BalloonResult.Key, BalloonResult> histories = new LinkedHashMap<>();
        int retried = 0;
        if (Files.exists(journal)) {
            Set<String> sequential = new java.util.HashSet<>();
            arms.stream().filter(a -> a.participant().sequentialBalloons())
                    .forEach(a -> sequential.add(a.participant().name()));
            ResultFiles.readJournal(journal, r -> {
                Outputs.checkRecord(journal, schedule, cfg, r);
                if (sequential.contains(r.participant())) {
                    histories.remove(r.key()); // the later record, in its place in the order
                    histories.put(r.key(), r);
                    return;
                }
                try {
                    done.add(r);
                } catch (IllegalArgumentException e) {
                    throw new UsageException(journal + ": " + e.getMessage() + "; this journal was edited or two"
                            + " runs were mixed; use a new --run-dir");
                }
            });
            if (retryErrors) {
                retried = done.removeErrored();
                int before = histories.size();
                histories.values().removeIf(BalloonResult::isError);
                retried += before - histories.size();
            }
        }
        return new ResumeState(done, histories, retried);
    }

    /** The recorded balloons known by identity (every model but those that play in order). */
    CompletedBalloons done() {
        return done;
    }

    /** The recorded results of models that play their balloons in order, in journal order. */
    Collection<BalloonResult> histories() {
        return new ArrayList<>(histories.values());
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
