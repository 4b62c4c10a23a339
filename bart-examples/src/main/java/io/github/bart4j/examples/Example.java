package io.github.bart4j.examples;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * A runnable example of embedding bart4j, listed by {@code ./bart examples} and run by
 * {@code ./bart example NAME}. Every example runs offline by default.
 */
public interface Example {

    /** The name used on the command line, e.g. {@code quickstart}. */
    String name();

    /** One line: what the example shows. */
    String description();

    /**
     * What the example takes after its name: {@code ./bart example NAME --help} lists these, and any
     * other argument is refused there (exit 2). Names starting with {@code --} are options taking one
     * value; other names are optional positional parameters, in order. Default: nothing.
     */
    default List<Argument> arguments() {
        return List.of();
    }

    /**
     * One thing an example takes after its name.
     *
     * @param name the option ({@code --config}) or the positional parameter's label ({@code BACKEND})
     * @param label the option's value label ({@code FILE}), {@code null} for a positional parameter
     * @param description one line
     */
    record Argument(String name, String label, String description) {
        /** {@code --config FILE}: the models of a config file instead of the offline agents. */
        public static Argument config() {
            return new Argument("--config", "FILE", "ask the models of this config file (the YAML of ./bart run;"
                    + " see docs/configuration.md) instead of the offline simulated agents");
        }
    }

    /** Runs the example and returns its exit code (0 on success). */
    int run(Context context) throws Exception;

    /**
     * What an example gets from the command line.
     *
     * @param args extra arguments after the example's name
     * @param env the environment (API keys, OLLAMA_BASE_URL, ...)
     * @param out standard output
     * @param err standard error
     * @param in standard input (the human example reads it)
     * @param terminal whether {@code in} is a terminal a person types at (then text that arrived before
     *        a question was typed ahead of it); {@code false} for a pipe or a file
     */
    record Context(List<String> args, Map<String, String> env, PrintWriter out, PrintWriter err, InputStream in,
                   boolean terminal) {

        /** A context whose input is not a terminal. */
        public Context(List<String> args, Map<String, String> env, PrintWriter out, PrintWriter err, InputStream in) {
            this(args, env, out, err, in, false);
        }

        /** The process's own arguments, environment and standard streams. */
        public static Context system(String[] args) {
            return new Context(List.of(args), System.getenv(), new PrintWriter(System.out, true),
                    new PrintWriter(System.err, true), System.in, System.console() != null);
        }
    }
}
