package io.github.bart4j.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the command line in-process, built for its arguments as {@code bart} builds it, and captures what it prints. */
final class CliHarness {

    record Outcome(int exitCode, String out, String err) {
    }

    static Outcome run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BartCli.commandLine(env, new PrintWriter(out, true), new PrintWriter(err, true), args).execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private CliHarness() {
    }
}
