package io.github.bart4j.langchain4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's {@code testdata} folder: from {@code bart4j.testdata.dir}, else found by walking up. */
final class TestData {

    private TestData() {
    }

    static Path dir() {
        String property = System.getProperty("bart4j.testdata.dir");
        if (property != null && Files.isDirectory(Path.of(property))) {
            return Path.of(property);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("testdata").resolve("wire"))) {
                return p.resolve("testdata");
            }
        }
        throw new IllegalStateException("cannot find the repository's testdata folder: set -Dbart4j.testdata.dir");
    }

    static String wire(String name) {
        try {
            return Files.readString(dir().resolve("wire").resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
