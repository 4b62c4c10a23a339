package io.github.bart4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.examples.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user-facing contract in {@code docs/} stays in step with the code, and messages point to it. */
class DocsContractTest {

    /** The file users do not have (spelled in two parts so this test does not name it itself). */
    private static final String GONE = "ARCHITECTURE" + ".md";

    @TempDir
    Path tmp;

    private static Path repository() {
        return TestData.dir().getParent();
    }

    /** The keys of the tables in docs/configuration.md: the first cell of each row, {@code | `key` | ...}. */
    private static Set<String> documentedKeys() throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^\\| `([a-z_]+)` \\|").matcher(
                Files.readString(repository().resolve("docs/configuration.md")));
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    @Test
    void every_key_the_loader_accepts_has_a_row_in_docs_configuration_and_no_row_names_another() throws IOException {
        Set<String> documented = documentedKeys();

        assertThat(documented).containsAll(ConfigLoader.acceptedKeys());
        assertThat(ConfigLoader.acceptedKeys()).containsAll(documented);
    }

    @Test
    void an_unknown_key_points_to_docs_configuration() throws IOException {
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, "backend: simulated\nmodel_list: ['crra:1']\ncolour: red\n");

        CliHarness.Outcome o = CliHarness.run(Map.of(), "run", "--config", config.toString(), "--run-dir",
                tmp.resolve("r").toString());

        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().strip()).isEqualTo("bart: " + config + ": unknown key 'colour'; see docs/configuration.md"
                + " for the accepted keys").doesNotContain(GONE);
        assertThat(repository().resolve("docs/configuration.md")).exists();
    }

    @Test
    void nothing_in_the_repository_names_a_file_outside_it() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(repository())) {
            offenders = files.filter(Files::isRegularFile)
                    .filter(f -> !repository().relativize(f).toString().matches("(.*/)?(target|\\.git)(/.*)?|\\.git"))
                    .filter(f -> f.toString().matches(".*\\.(java|md|xml|yaml|yml|txt|properties|sh)$")
                            || f.getFileName().toString().equals("bart"))
                    .filter(f -> read(f).contains(GONE) || read(f).contains(".." + "/shared"))
                    .map(f -> repository().relativize(f).toString()).toList();
        }
        assertThat(offenders).isEmpty();
    }

    private static String read(Path f) {
        try {
            return new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
