package io.github.bart4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.bart4j.examples.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./bart} script's class-data sharing archive, run by bash on a copy of the script with a stand-in
 * {@code java} that records how it is called: the archive is made once per jar and Java (a training run, a dump,
 * a check with -Xshare:on, then a rename), every later start maps it, a stale or missing one is never passed to
 * the JVM, a failure is not retried until the next build, and BART_JAVA_OPTS can turn it off. Needs bash (and
 * flock for the test of starts at the same moment).
 */
class BartScriptTest {

    @TempDir
    Path tmp;

    private Path root;
    private Path target;
    private Path jar;
    private Path calls;
    private Path jdk;

    /** What {@code java} did: every call, one line of arguments each. */
    private static final String FAKE_JAVA = """
            #!/usr/bin/env bash
            echo "$*" >> "$FAKE_JAVA_CALLS"
            dump=""; archive=""
            for a in "$@"; do
              case "$a" in
                -XX:DumpLoadedClassList=*) echo "java/lang/Object" > "${a#*=}" ;;
                -Xshare:dump) dump=1 ;;
                -XX:SharedArchiveFile=*) archive="${a#*=}" ;;
              esac
            done
            if [ -n "$dump" ]; then
              [ -n "${FAKE_DUMP_FAILS:-}" ] && exit 1
              echo archive > "$archive"
            fi
            exit 0
            """;

    private record Outcome(int exitCode, String err, List<String> calls) {
    }

    @BeforeEach
    void aBuiltCheckout() throws IOException {
        assumeTrue(onPath("bash"), "bash");
        root = tmp.resolve("checkout");
        target = Files.createDirectories(root.resolve("bart-examples/target"));
        Files.copy(TestData.dir().getParent().resolve("bart"), root.resolve("bart"));
        Files.createDirectories(root.resolve("bart-core"));
        Files.createDirectories(root.resolve("bart-langchain4j/src/test/java/io/github/bart4j/langchain4j/testkit"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        jar = Files.writeString(target.resolve("bart.jar"), "jar");
        age(root.resolve("pom.xml"), Duration.ofHours(2));
        age(jar, Duration.ofHours(1));
        jdk = tmp.resolve("jdk");
        Path java = Files.writeString(Files.createDirectories(jdk.resolve("bin")).resolve("java"), FAKE_JAVA);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        calls = tmp.resolve("calls.txt");
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }

    private static void age(Path file, Duration age) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    }

    private Outcome bart(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Files.deleteIfExists(calls);
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("bart").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(tmp.resolve("out").toFile())
                .redirectError(tmp.resolve("err").toFile());
        pb.environment().remove("BART_JAVA_OPTS");
        pb.environment().put("PATH", jdk.resolve("bin") + java.io.File.pathSeparator + System.getenv("PATH"));
        pb.environment().put("FAKE_JAVA_CALLS", calls.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Outcome(p.exitValue(), Files.readString(tmp.resolve("err")),
                Files.exists(calls) ? Files.readAllLines(calls) : List.of());
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("bart-\\d+\\.jsa")).toList();
        }
    }

    /** The archive's name: the one the failure marker is named after. */
    private String archiveName() throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            String marker = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".jsa.failed")).findFirst()
                    .orElseThrow();
            return marker.substring(0, marker.length() - ".failed".length());
        }
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("cds\\..{6}")).toList();
        }
    }

    @Test
    void the_first_start_makes_the_archive_and_every_start_after_maps_it() throws Exception {
        Outcome first = bart(Map.of(), "run", "--quiet");

        assertThat(first.exitCode()).isZero();
        assertThat(first.err().lines()).containsExactly(
                "bart: preparing faster start-up for this build and Java (once, a few seconds)...");
        assertThat(archives()).hasSize(1);
        String archive = archives().get(0).toString();
        assertThat(first.calls()).hasSize(4);
        assertThat(first.calls().get(0)).contains("-XX:DumpLoadedClassList=", "-jar " + jar + " run --config ");
        assertThat(first.calls().get(1)).contains("-Xshare:dump", "-XX:SharedClassListFile=", "-cp " + jar);
        assertThat(first.calls().get(2)).contains("-Xshare:on", "-jar " + jar + " --version");
        assertThat(first.calls().get(3)).startsWith("-XX:SharedArchiveFile=" + archive + " ")
                .endsWith("-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar " + jar + " run --quiet");
        assertThat(leftovers()).isEmpty();

        Outcome second = bart(Map.of(), "analyze", "--file", "x");

        assertThat(second.err()).isEmpty();
        assertThat(second.calls()).containsExactly("-XX:SharedArchiveFile=" + archive
                + " -Xlog:cds=off -Xlog:cds+dynamic=off -jar " + jar + " analyze --file x");
    }

    @Test
    void an_archive_older_than_the_jar_or_the_jvm_is_never_passed_and_is_made_again() throws Exception {
        bart(Map.of(), "--version");
        Path archive = archives().get(0);

        age(archive, Duration.ofHours(3)); // the jar was rebuilt since
        Outcome rebuilt = bart(Map.of(), "--version");

        assertThat(rebuilt.calls()).hasSize(4);
        assertThat(rebuilt.calls().get(3)).startsWith("-XX:SharedArchiveFile=" + archive + " ");
        assertThat(Files.getLastModifiedTime(archive).toInstant()).isAfter(Instant.now().minusSeconds(600));

        Path libjvm = Files.writeString(Files.createDirectories(jdk.resolve("lib/server")).resolve("libjvm.so"), "");
        age(libjvm, Duration.ofSeconds(10));
        age(archive, Duration.ofSeconds(20)); // the JVM was updated since
        Outcome updated = bart(Map.of(), "--version");

        assertThat(updated.calls()).hasSize(4);
        assertThat(updated.calls().get(3)).startsWith("-XX:SharedArchiveFile=" + archive + " ");
    }

    @Test
    void when_the_archive_cannot_be_made_the_run_starts_without_it_and_the_next_build_tries_again() throws Exception {
        Outcome failed = bart(Map.of("FAKE_DUMP_FAILS", "1"), "run", "--quiet");

        assertThat(failed.exitCode()).isZero();
        assertThat(failed.err().lines()).hasSize(1).first().asString().startsWith("bart: preparing faster start-up");
        assertThat(failed.calls()).hasSize(3);
        assertThat(failed.calls().get(2)).doesNotContain("SharedArchiveFile")
                .isEqualTo("-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar " + jar + " run --quiet");
        assertThat(archives()).isEmpty();
        assertThat(leftovers()).isEmpty();

        Outcome again = bart(Map.of(), "run", "--quiet");

        assertThat(again.err()).isEmpty();
        assertThat(again.calls()).containsExactly("-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar " + jar + " run --quiet");

        age(target.resolve(archiveName() + ".failed"), Duration.ofHours(2)); // the jar was rebuilt since
        Outcome afterBuild = bart(Map.of(), "run", "--quiet");

        assertThat(afterBuild.calls()).hasSize(4);
        assertThat(afterBuild.calls().get(3)).startsWith("-XX:SharedArchiveFile=");
    }

    @Test
    void bart_java_opts_naming_xshare_or_an_archive_turn_it_off() throws Exception {
        for (String opts : List.of("-Xshare:off", "-Xshare:auto", "-Xmx1g -XX:SharedArchiveFile=/elsewhere.jsa")) {
            Outcome o = bart(Map.of("BART_JAVA_OPTS", opts), "run", "--quiet");

            assertThat(o.err()).isEmpty();
            assertThat(o.calls()).containsExactly("-XX:+UseSerialGC -XX:TieredStopAtLevel=1 " + opts + " -jar " + jar
                    + " run --quiet");
        }
        assertThat(archives()).isEmpty();
    }

    @Test
    void while_another_start_makes_the_archive_a_start_goes_on_without_it() throws Exception {
        assumeTrue(onPath("flock"), "flock (without it, each start makes its own archive)");
        // -o: the lock is held by flock itself, not by sleep, so destroying flock releases it
        Process holder = new ProcessBuilder("flock", "-o", target.resolve("cds.lock").toString(), "sleep", "60").start();
        try {
            Path lock = target.resolve("cds.lock");
            for (int i = 0; i < 100 && !Files.exists(lock); i++) {
                Thread.sleep(50);
            }
            Thread.sleep(200); // flock has the lock once the file exists and it runs sleep
            Outcome o = bart(Map.of(), "run", "--quiet");

            assertThat(o.err()).isEmpty();
            assertThat(o.calls()).containsExactly("-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar " + jar + " run --quiet");
        } finally {
            holder.descendants().forEach(ProcessHandle::destroy);
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(bart(Map.of(), "run", "--quiet").calls()).hasSize(4);
    }
}
