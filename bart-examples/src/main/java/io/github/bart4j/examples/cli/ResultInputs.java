package io.github.bart4j.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.ResultFiles;
import io.github.bart4j.core.Rules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What {@code analyze} and {@code plot} read from their {@code --file} arguments: a result file as
 * it is, and a run directory through its {@code journal.jsonl} — the lossless file, complete even
 * while the run is going or after an interruption (a balloon asked again after an error counts as
 * its last record) — put in the run's stable order (model and persona as in the manifest's
 * config, then epoch, balloon), so its statistics equal those of the run's {@code BART_combined.csv}.
 * A run directory without a journal is read through its {@code BART_combined.csv}.
 *
 * <p>A combined CSV does not record the rules its balloons were played under: when the
 * {@code manifest.json} beside it names rules other than the classic ones ({@code schedule.rules},
 * {@code schedule.burst_probability}), its balloons get those rules. Journals and
 * {@code BART_results.json} record them per balloon.
 */
final class ResultInputs {

    private ResultInputs() {
    }

    /**
     * The results of every {@code --file}, concatenated in argument order, with every recorded answer.
     *
     * @throws UsageException if a path does not exist, or is a directory holding neither file
     */
    static List<BalloonResult> read(List<Path> files) {
        return read(files, false);
    }

    /**
     * As {@link #read(List)}, but each result keeps only its outcome (pumps, burst, earnings, status,
     * balloon) and not the answers' text: what every statistic needs, at a fraction of the memory.
     */
    static List<BalloonResult> readOutcomes(List<Path> files) {
        return read(files, true);
    }

    private static List<BalloonResult> read(List<Path> files, boolean outcomesOnly) {
        List<Path> read = new ArrayList<>();
        boolean journals = false;
        for (Path f : files) {
            if (!Files.exists(f)) {
                throw new UsageException(f + ": no such file or directory");
            }
            if (!Files.isDirectory(f)) {
                read.add(f);
            } else if (Files.exists(f.resolve(RunDirectory.JOURNAL))) {
                read.add(f.resolve(RunDirectory.JOURNAL));
                journals = true;
            } else if (Files.exists(f.resolve(RunDirectory.COMBINED))) {
                read.add(f.resolve(RunDirectory.COMBINED));
            } else {
                throw new UsageException(f + ": is a directory without " + RunDirectory.JOURNAL + " or "
                        + RunDirectory.COMBINED + "; give a run directory or a result file");
            }
        }
        if (!journals && read.stream().allMatch(f -> csvRules(f).isClassic())) {
            // one pass over every file; it refuses a balloon held by two of them, naming both places
            return outcomesOnly ? ResultFiles.readOutcomes(read) : ResultFiles.readAll(read);
        }
        List<BalloonResult> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path f = read.get(i);
            if (Files.isDirectory(files.get(i)) && f.getFileName().toString().equals(RunDirectory.JOURNAL)) {
                out.addAll(inRunOrder(ResultFiles.readJournal(f), files.get(i).resolve(RunDirectory.MANIFEST)));
            } else {
                out.addAll(withRules(ResultFiles.read(f), csvRules(f)));
            }
        }
        if (read.size() > 1) {
            ResultFiles.readAll(read); // refuses a balloon held by two of the files, naming both places
        }
        return out;
    }

    /**
     * The rules of a combined CSV's balloons as the {@code manifest.json} beside it names them:
     * classic for any other file, without a manifest, or when the manifest names none (or cannot be read).
     */
    static Rules csvRules(Path file) {
        if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            return Rules.classic();
        }
        Path manifest = file.toAbsolutePath().resolveSibling(RunDirectory.MANIFEST);
        if (!Files.exists(manifest)) {
            return Rules.classic();
        }
        try {
            JsonNode schedule = RunDirectory.JSON.readTree(manifest.toFile()).path("schedule");
            if (Rules.CONSTANT_HAZARD.equals(schedule.path("rules").asText())) {
                return Rules.constantHazard(schedule.path("burst_probability").asDouble(Double.NaN));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException(manifest + ": cannot tell the rules of " + file.getFileName() + ": "
                    + ConfigLoader.oneLine(e.getMessage()));
        }
        return Rules.classic();
    }

    private static List<BalloonResult> withRules(List<BalloonResult> results, Rules rules) {
        if (rules.isClassic()) {
            return results;
        }
        Map<Balloon, Balloon> balloons = new HashMap<>();
        List<BalloonResult> out = new ArrayList<>(results.size());
        for (BalloonResult r : results) {
            Balloon b = balloons.computeIfAbsent(r.balloon(), o -> new Balloon(o.id(), o.type(), o.minThreshold(),
                    o.capacity(), o.threshold(), o.rewardPerPump(), rules));
            out.add(new BalloonResult(r.participant(), r.persona(), r.epoch(), b, r.pumps(), r.burst(), r.earnings(),
                    r.turns(), r.status(), r.error()));
        }
        return out;
    }

    /** Where {@code plot} writes without {@code --out}: {@code report/} in the run directory, or beside the file. */
    static Path defaultReportDir(Path firstFile) {
        Path base = Files.isDirectory(firstFile) ? firstFile : firstFile.toAbsolutePath().getParent();
        return base.resolve("report");
    }

    /** The run directory a {@code --file} belongs to: itself, or the file's directory. */
    static Path runDirOf(Path file) {
        return Files.isDirectory(file) ? file : file.toAbsolutePath().getParent();
    }

    private static List<BalloonResult> inRunOrder(List<BalloonResult> journal, Path manifest) {
        Map<String, Integer> models = new HashMap<>();
        Map<String, Integer> personas = new HashMap<>();
        if (Files.exists(manifest)) {
            try {
                JsonNode config = RunDirectory.JSON.readTree(manifest.toFile()).path("config");
                int i = 0;
                for (JsonNode m : config.path("model_list")) {
                    models.putIfAbsent(m.asText(), i++);
                }
                i = 0;
                for (Iterator<String> it = config.path("personas").fieldNames(); it.hasNext(); ) {
                    personas.putIfAbsent(it.next(), i++);
                }
            } catch (IOException e) {
                // no order from the manifest: by name
            }
        }
        List<BalloonResult> sorted = new ArrayList<>(journal);
        sorted.sort(Comparator.comparingInt((BalloonResult r) -> models.getOrDefault(r.participant(), Integer.MAX_VALUE))
                .thenComparing(BalloonResult::participant)
                .thenComparingInt(r -> personas.getOrDefault(r.persona(), r.persona().isEmpty() ? -1 : Integer.MAX_VALUE))
                .thenComparing(BalloonResult::persona)
                .thenComparingInt(BalloonResult::epoch)
                .thenComparingInt(r -> r.balloon().id()));
        return sorted;
    }
}
