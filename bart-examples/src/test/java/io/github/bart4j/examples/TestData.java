package io.github.bart4j.examples;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's {@code testdata} folder (the seed's published runs), for this module's tests. */
public final class TestData {

    private TestData() {
    }

    /** From the {@code bart4j.testdata.dir} property surefire sets, else by walking up from the working directory. */
    public static Path dir() {
        String property = System.getProperty("bart4j.testdata.dir");
        if (property != null && Files.isDirectory(Path.of(property))) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("testdata").resolve("seed-runs"))) {
                return dir.resolve("testdata");
            }
        }
        throw new IllegalStateException("cannot find the repository's testdata folder; set -Dbart4j.testdata.dir");
    }

    /** {@code testdata/seed-runs}: the seed's combined and summary CSVs. */
    public static Path seedRuns() {
        return dir().resolve("seed-runs");
    }
}
