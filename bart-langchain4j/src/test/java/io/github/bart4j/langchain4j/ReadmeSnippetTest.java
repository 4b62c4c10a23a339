package io.github.bart4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.ResultFiles;
import io.github.bart4j.langchain4j.readme.FirstRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's library program is {@code readme/FirstRun.java} (without its package line): this
 * test checks the copy is identical, and runs the program, offline, so the README cannot rot.
 */
class ReadmeSnippetTest {

    private static final Path ROOT = TestData.dir().getParent();
    private static final Path SOURCE =
            ROOT.resolve("bart-langchain4j/src/test/java/io/github/bart4j/langchain4j/readme/FirstRun.java");

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    /** The README's {@code java} code block holding {@code public class FirstRun}. */
    private static String readmeProgram() throws IOException {
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(read(ROOT.resolve("README.md")));
        while (block.find()) {
            if (block.group(1).contains("public class FirstRun")) {
                return block.group(1);
            }
        }
        throw new AssertionError("README.md has no ```java block with 'public class FirstRun'");
    }

    @Test
    void the_readme_shows_first_run_java_exactly_as_it_is_compiled() throws IOException {
        String source = read(SOURCE);
        String withoutPackage = source.replaceFirst("\\Apackage [^;]+;\n\n", "");

        assertThat(withoutPackage).isNotEqualTo(source);
        assertThat(readmeProgram()).isEqualTo(withoutPackage);
    }

    @Test
    void the_program_runs_offline_writes_a_row_per_balloon_and_prints_the_summary(@TempDir Path dir) {
        Path csv = dir.resolve("BART_combined.csv");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            FirstRun.main(new String[] {csv.toString()});
        } finally {
            System.setOut(original);
        }

        List<BalloonResult> rows = ResultFiles.read(csv);
        assertThat(rows).hasSize(10).allMatch(r -> !r.isError() && r.participant().equals("crra:1"));
        assertThat(rows).extracting(r -> r.balloon().id()).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("crra:1");
    }

    @Test
    void the_real_models_the_comment_names_are_calls_that_exist() throws IOException {
        assertThat(readmeProgram()).contains("ChatModels.openRouter(\"openai/gpt-4o-mini\")",
                "(key from OPENROUTER_API_KEY)", "ChatModels.ollama(\"llama3.2\")");

        assertThat(ChatModels.ollama("llama3.2")).isNotNull(); // built without asking a server
        try {
            assertThat(ChatModels.openRouter("openai/gpt-4o-mini")).isNotNull(); // a key is set: no request either
        } catch (IllegalArgumentException noKey) {
            assertThat(noKey).hasMessageContaining("OPENROUTER_API_KEY");
        }
    }
}
