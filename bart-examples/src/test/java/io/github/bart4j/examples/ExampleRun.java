package io.github.bart4j.examples;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Runs an example in-process with given arguments, environment and input, and keeps what it printed. */
record ExampleRun(int exitCode, String out, String err) {

    static ExampleRun of(Example example, String... args) {
        return of(example, Map.of(), "", args);
    }

    static ExampleRun of(Example example, Map<String, String> env, String stdin, String... args) {
        return of(example, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), false, args);
    }

    /** With {@code keyboard} as a terminal's input (e.g. one that hands over text only when the example waits). */
    static ExampleRun atTerminal(Example example, java.io.InputStream keyboard, String... args) {
        return of(example, Map.of(), keyboard, true, args);
    }

    private static ExampleRun of(Example example, Map<String, String> env, java.io.InputStream stdin, boolean terminal,
                                 String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Example.Context ctx = new Example.Context(List.of(args), env, new PrintWriter(out, true),
                new PrintWriter(err, true), stdin, terminal);
        int code;
        try {
            code = example.run(ctx);
        } catch (Exception e) {
            throw new AssertionError(example.name() + " threw " + e, e);
        }
        return new ExampleRun(code, out.toString(), err.toString());
    }
}
