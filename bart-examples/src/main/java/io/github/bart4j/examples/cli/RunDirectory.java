package io.github.bart4j.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;

/**
 * A run's directory: where its journal, result files and manifest live, and how a second run with
 * the same directory resumes the first.
 */
final class RunDirectory {

    static final String JOURNAL = "journal.jsonl";
    static final String MANIFEST = "manifest.json";
    static final String COMBINED = "BART_combined.csv";
    static final String SUMMARY = "BART_summary.csv";
    static final String RESULTS_JSON = "BART_results.json";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final JsonNode previousManifest;

    private RunDirectory(Path dir, JsonNode previousManifest) {
        this.dir = dir;
        this.previousManifest = previousManifest;
    }

    /**
     * The run directory: {@code runDir} when given, else {@code <output_dir>/<experiment_name>-<UTC timestamp>}.
     * A leading {@code ~/} is the user's home directory. An existing directory with a manifest is a
     * resume; one that holds any other file but no manifest (the user's own files, another tool's
     * output) is refused, and nothing in it is touched. Nothing is created until {@link #create()}.
     *
     * @throws UsageException for a foreign or unreadable directory, a file in the way, a control character
     */
    static RunDirectory open(Path runDir, RunConfig config) {
        if (runDir != null && ConfigLoader.hasControlCharacter(runDir.toString())) {
            throw new UsageException("--run-dir " + ConfigLoader.visible(runDir.toString())
                    + ": must not contain control characters (newline, tab, NUL...)");
        }
        Path dir = runDir != null ? expandHome(runDir.toString()) : expandHome(config.outputDir()).resolve(
                config.experimentName() + "-" + LocalDateTime.now(ZoneOffset.UTC).format(
                        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException(dir + ": --run-dir must be a directory, but is a file");
        }
        JsonNode previous = null;
        Path manifest = dir.resolve(MANIFEST);
        if (Files.exists(manifest)) {
            try {
                previous = JSON.readTree(manifest.toFile());
            } catch (IOException e) {
                throw new UsageException(manifest + ": cannot be read as JSON (" + ConfigLoader.oneLine(e.getMessage())
                        + "); is this a bart4j run directory?");
            }
            if (previous == null || !previous.has("config")) {
                throw new UsageException(manifest + ": is not a bart4j manifest (no 'config')");
            }
        } else if (Files.exists(dir.resolve(JOURNAL))) {
            throw new UsageException(dir + ": has a journal but no manifest.json; cannot tell which config made it");
        } else if (Files.isDirectory(dir)) {
            String foreign = firstForeignFile(dir);
            if (foreign != null) {
                throw new UsageException(dir + ": holds files but is not a bart4j run directory (no manifest.json;"
                        + " found '" + ConfigLoader.visible(foreign) + "'); nothing was changed; use an empty or new"
                        + " --run-dir");
            }
        }
        return new RunDirectory(dir, previous);
    }

    /** {@code path} with a leading {@code ~} or {@code ~/} replaced by the user's home directory. */
    static Path expandHome(String path) {
        if (!path.equals("~") && !path.startsWith("~/") && !path.startsWith("~" + java.io.File.separator)) {
            return Path.of(path);
        }
        String rest = path.substring(1);
        while (rest.startsWith("/") || rest.startsWith(java.io.File.separator)) {
            rest = rest.substring(1);
        }
        return Path.of(System.getProperty("user.home")).resolve(rest);
    }

    /** The name of an entry that a fresh run directory may not hold (anything but the lock file), or null. */
    private static String firstForeignFile(Path dir) {
        try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> !n.equals(RunLock.FILE)).sorted()
                    .findFirst().orElse(null);
        } catch (IOException e) {
            throw new UsageException(dir + ": cannot be read: " + EnvironmentFailure.cause(e));
        }
    }

    /**
     * Creates the directory and locks it for this process ({@link RunLock}); called only once
     * everything else about the run has been checked. The caller closes the lock when the run ends.
     *
     * @throws UsageException when the directory cannot be created or written, or another run holds it
     */
    RunLock create() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UsageException(dir + ": cannot create the run directory: " + EnvironmentFailure.cause(e));
        }
        try {
            return RunLock.acquire(dir);
        } catch (UncheckedIOException e) {
            throw new UsageException(dir + ": cannot write in the run directory: "
                    + EnvironmentFailure.cause(e.getCause()));
        }
    }

    Path dir() {
        return dir;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    boolean isResume() {
        return previousManifest != null;
    }

    /** The {@code mode} recorded by the run being resumed ({@code serve} for people), or {@code null}. */
    String previousMode() {
        return previousManifest == null || !previousManifest.hasNonNull("mode") ? null
                : previousManifest.get("mode").asText();
    }

    /** The seed recorded by the run being resumed, if any. */
    Long previousSeed() {
        if (previousManifest == null || !previousManifest.hasNonNull("seed")) {
            return null;
        }
        return previousManifest.get("seed").asLong();
    }

    /**
     * Refuses to resume with a config that changes what is asked or how it is scored.
     *
     * @throws UsageException naming the first key that differs, both values, and what to do
     */
    void checkSameExperiment(Map<String, Object> config, long seed) {
        if (previousManifest == null) {
            return;
        }
        JsonNode before = previousManifest.get("config");
        JsonNode now = JSON.valueToTree(config);
        for (String key : RunConfig.EXPERIMENT_KEYS) {
            JsonNode a = before.get(key);
            JsonNode b = now.get(key);
            if (key.equals("seed")) {
                a = previousManifest.get("seed");
                b = JSON.getNodeFactory().numberNode(seed);
            }
            if (!Objects.equals(normalise(a), normalise(b))) {
                throw new UsageException(dir + ": was started with a different config: key '" + key + "' was "
                        + show(a) + ", now " + show(b) + "; resume with the original config or use a new --run-dir");
            }
        }
    }

    private static JsonNode normalise(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isNumber()) {
            return JSON.getNodeFactory().numberNode(n.decimalValue().stripTrailingZeros());
        }
        return n;
    }

    private static String show(JsonNode n) {
        return n == null || n.isNull() ? "unset" : ConfigLoader.oneLine(n.toString());
    }

    /** Writes {@code content} to {@code name} atomically (temp file, then move). */
    void writeAtomically(String name, Writer content) {
        Path target = file(name);
        Path tmp = file(name + ".tmp");
        try {
            content.write(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    void writeManifest(Map<String, Object> manifest) {
        writeAtomically(MANIFEST, tmp -> JSON.writeValue(tmp.toFile(), manifest));
    }

    /** Writes one file. */
    @FunctionalInterface
    interface Writer {
        void write(Path file) throws IOException;
    }
}
