package io.github.bart4j.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model sizes for a model ladder (the regression of risk on log size): the config key
 * {@value #KEY} (a mapping of {@code model_list} entry to a positive number, e.g. billions of
 * parameters), recorded in the run's manifest, where {@code analyze} and {@code plot} find it for a
 * run directory; {@code --sizes FILE} gives them for any result file and wins over the manifest.
 */
final class ModelSizes {

    /** The config key. */
    static final String KEY = "sizes";

    private ModelSizes() {
    }

    /**
     * Reads the {@value #KEY} key: every name must be one of {@code models}, every size a number > 0.
     *
     * @return the sizes in the file's order, empty when the key is absent
     */
    static Map<String, Double> read(JsonNode node, List<String> models, CostSettings.Bad bad) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject() || node.isEmpty()) {
            throw bad.of(KEY, node, "must be a mapping of model_list entry to its size (a number > 0, e.g. billions"
                    + " of parameters)");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!models.contains(e.getKey())) {
                throw bad.of(KEY + "." + e.getKey(), e.getValue(), "must name a model of model_list ("
                        + String.join(", ", models) + ")");
            }
            JsonNode v = e.getValue();
            if (!v.isNumber() || !(v.asDouble() > 0) || Double.isInfinite(v.asDouble())) {
                throw bad.of(KEY + "." + e.getKey(), v, "must be a number > 0 (the model's size, e.g. billions of"
                        + " parameters)");
            }
            out.put(e.getKey(), v.asDouble());
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The sizes for an analysis: from {@code sizesFile} when given, else from the manifests of the run
     * directories the files belong to (later files' entries win); empty when none has sizes.
     */
    static Map<String, Double> forAnalysis(Path sizesFile, List<Path> files) {
        if (sizesFile != null) {
            return Analyses.readSizes(sizesFile);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Path f : files) {
            Path manifest = ResultInputs.runDirOf(f).resolve(RunDirectory.MANIFEST);
            if (!Files.isRegularFile(manifest)) {
                continue;
            }
            try {
                JsonNode sizes = RunDirectory.JSON.readTree(manifest.toFile()).path("config").path(KEY);
                sizes.fields().forEachRemaining(e -> {
                    if (e.getValue().isNumber() && e.getValue().asDouble() > 0) {
                        out.put(e.getKey(), e.getValue().asDouble());
                    }
                });
            } catch (IOException e) {
                // an unreadable manifest is reported by the commands that need it; no sizes from it
            }
        }
        return out;
    }
}
