package io.github.bart4j.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bart4j.core.ResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code analyze} says first about result files that come from a run directory whose
 * {@code manifest.json} (next to the file) shows the run did not play its whole plan: status
 * {@code stopped}, {@code failed} or {@code running} (still running, or killed). Files without a
 * manifest next to them (the seed's files, copies) get no note.
 */
final class PartialRuns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PartialRuns() {
    }

    /** One {@code PARTIAL: k of n balloons (run status: s)} line per such file, in the files' order. */
    static List<String> notes(List<Path> files) {
        List<String> notes = new ArrayList<>();
        for (Path f : files) {
            Path manifest = f.toAbsolutePath().resolveSibling(RunDirectory.MANIFEST);
            if (!Files.isRegularFile(manifest)) {
                continue;
            }
            JsonNode m;
            try {
                m = JSON.readTree(manifest.toFile());
            } catch (IOException e) {
                continue; // not ours to judge; the result file itself was read
            }
            String status = m.path("status").asText("");
            if (!status.equals(RunOutcome.STOPPED) && !status.equals(RunOutcome.FAILED) && !status.equals("running")) {
                continue;
            }
            long planned = 0;
            for (JsonNode p : m.path("participants")) {
                planned += p.path("planned").asLong();
            }
            if (planned == 0) {
                planned = m.path("totals").path("balloons_expected").asLong();
            }
            int read = ResultFiles.readAll(List.of(f)).size();
            notes.add("PARTIAL: " + read + (planned > 0 ? " of " + planned : "") + " balloons (run status: " + status
                    + ")" + (files.size() > 1 ? " in " + f : ""));
        }
        return notes;
    }
}
