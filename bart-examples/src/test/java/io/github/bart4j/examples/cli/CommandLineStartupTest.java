package io.github.bart4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code bart COMMAND ...} builds only COMMAND (start-up: picocli reads no other command's annotations), and
 * the user sees exactly what the whole command line would print.
 */
class CommandLineStartupTest {

    private static final List<String> COMMANDS = List.of("run", "serve", "analyze", "plot", "examples", "example",
            "bench", "help");

    private record Printed(int exitCode, String out, String err) {
    }

    private static Printed execute(CommandLine cl, StringWriter out, StringWriter err, String... args) {
        int code = cl.execute(args);
        return new Printed(code, out.toString(), err.toString());
    }

    private static Printed lazily(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        return execute(BartCli.commandLine(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), args), out,
                err, args);
    }

    private static Printed whole(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        return execute(BartCli.commandLine(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true)), out, err,
                args);
    }

    private static List<String> built(String... args) {
        return List.copyOf(BartCli.commandLine(Map.of(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), args).getSubcommands().keySet());
    }

    @Test
    void a_command_named_first_is_the_only_one_built() {
        for (String command : COMMANDS.subList(0, COMMANDS.size() - 1)) {
            assertThat(built(command, "--help")).as(command).containsExactly(command);
        }
        assertThat(built("run", "--config", "x.yaml")).containsExactly("run");
    }

    @Test
    void anything_else_first_builds_every_command_in_the_listed_order() {
        for (String[] args : List.of(new String[0], new String[] {"help", "run"}, new String[] {"--help"},
                new String[] {"-V", "run"}, new String[] {"rnu"}, new String[] {"@args.txt"}, new String[] {"RUN"})) {
            assertThat(built(args)).as(String.join(" ", args)).containsExactlyElementsOf(COMMANDS);
        }
    }

    @Test
    void what_a_command_built_alone_prints_is_what_the_whole_command_line_prints() {
        for (String command : COMMANDS) {
            assertThat(lazily(command, "--help")).as(command).isEqualTo(whole(command, "--help"));
            assertThat(lazily(command, "--no-such-option")).as(command).isEqualTo(whole(command, "--no-such-option"));
        }
        assertThat(lazily("example", "quickstart", "--help")).isEqualTo(whole("example", "quickstart", "--help"));
        assertThat(lazily("example", "no-such-example")).isEqualTo(whole("example", "no-such-example"));
        assertThat(lazily("bench")).isEqualTo(whole("bench"));
        assertThat(lazily("examples")).isEqualTo(whole("examples"));
        assertThat(lazily("run", "--config")).isEqualTo(whole("run", "--config"));
    }
}
