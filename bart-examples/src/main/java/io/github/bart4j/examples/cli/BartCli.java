package io.github.bart4j.examples.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bart} command line. Exit codes: 0 success, 1 the run failed (or the machine did: a file
 * that cannot be written, out of memory; one line naming the path and the cause), 2 bad input
 * (config, arguments, files) with a one-line message naming the key or file, the bad value and the rule.
 */
@Command(name = "bart", mixinStandardHelpOptions = true, versionProvider = BartCli.Version.class,
        description = "The Balloon Analogue Risk Task (BART) for large language models.")
public final class BartCli implements java.util.concurrent.Callable<Integer> {

    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;

    /** The commands, in the order {@code bart --help} lists them. */
    private static final List<Class<?>> COMMANDS = List.of(RunCommand.class, ServeCommand.class, AnalyzeCommand.class,
            PlotCommand.class, ExamplesCommand.class, ExampleCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code bart} alone: the usage, on standard output. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.getenv()));
    }

    /** Runs the command line with the given environment (tests pass their own) and returns the exit code. */
    public static int execute(String[] args, Map<String, String> env) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        try {
            return commandLine(env, out, err, args).execute(args);
        } catch (OutOfMemoryError e) {
            err.println("bart: " + EnvironmentFailure.OUT_OF_MEMORY);
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The whole command line: every command. */
    static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err) {
        return commandLine(env, out, err, new String[0]);
    }

    /**
     * The command line for {@code args}: when they start with a command's name (other than {@code help}),
     * only that command is built, which spares the start-up picocli's reading of the others' annotations;
     * it parses, runs and prints exactly as the whole command line would. Otherwise every command.
     */
    static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new BartCli(), new Factory(env));
        String first = args.length > 0 ? args[0] : "";
        boolean one = COMMANDS.stream().anyMatch(c -> !c.equals(CommandLine.HelpCommand.class) && name(c).equals(first));
        for (Class<?> command : COMMANDS) {
            if (!one || name(command).equals(first)) {
                cl.addSubcommand(command);
            }
        }
        cl.setOut(out);
        cl.setErr(err);
        // `bart example NAME --config FILE`: everything after NAME belongs to the example (--help too)
        if (cl.getSubcommands().containsKey("example")) {
            cl.getSubcommands().get("example").setStopAtPositional(true);
        }
        cl.setParameterExceptionHandler((ex, unused) -> {
            ex.getCommandLine().getErr().println("bart: " + parameterProblem(ex));
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UsageException) {
                commandLine.getErr().println("bart: " + ConfigLoader.oneLine(ex.getMessage()));
                return BAD_INPUT;
            }
            if (ex instanceof io.github.bart4j.core.ResultFileException) { // one line already, names file(s)
                commandLine.getErr().println("bart: " + ex.getMessage());
                return BAD_INPUT;
            }
            java.io.IOException io = EnvironmentFailure.ioCause(ex);
            if (io != null) {
                commandLine.getErr().println("bart: " + EnvironmentFailure.describe(ex, io)
                        + (commandLine.getCommandName().equals("run")
                        ? " (the journal keeps every balloon finished before; resume once it is fixed)" : ""));
                return 1;
            }
            throw ex;
        });
        return cl;
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    /** One line: what is wrong with the arguments, and where help is. */
    static String parameterProblem(CommandLine.ParameterException ex) {
        CommandLine.Model.CommandSpec command = ex.getCommandLine().getCommandSpec();
        String help = " (see: " + command.qualifiedName() + " --help)";
        if (command.parent() == null && ex instanceof CommandLine.UnmatchedArgumentException u
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            return "unknown command '" + u.getUnmatched().get(0) + "'; the commands are "
                    + String.join(", ", command.subcommands().keySet()) + help;
        }
        return ConfigLoader.oneLine(ex.getMessage()) + help;
    }

    /** Gives commands the environment, so tests need not set real environment variables. */
    static final class Factory implements CommandLine.IFactory {
        private final Map<String, String> env;

        Factory(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == RunCommand.class) {
                return cls.cast(new RunCommand(env));
            }
            if (cls == ServeCommand.class) {
                return cls.cast(new ServeCommand(env));
            }
            if (cls == ExampleCommand.class) {
                return cls.cast(new ExampleCommand(env));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    /** Prints bart4j's and LangChain4j's versions. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"bart4j " + BuildInfo.bart4jVersion() + " (LangChain4j " + BuildInfo.langchain4jVersion()
                    + ", Java " + System.getProperty("java.version") + ")"};
        }
    }
}
