package io.github.bart4j.examples.cli;

import io.github.bart4j.examples.Example;
import io.github.bart4j.examples.Examples;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bart example NAME [ARG...]}: runs one example; offline unless a backend is configured.
 * Everything after NAME belongs to the example: {@code --help} prints the example's own options
 * ({@link Example#arguments()}), and an argument it does not take is bad input (exit 2).
 */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = "Run one example (offline unless a backend is configured; NAME --help: its options).")
final class ExampleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The example (see: bart examples)")
    String name;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Arguments for the example (NAME --help: which)")
    java.util.List<String> args = new java.util.ArrayList<>();

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    ExampleCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        Example example = Examples.find(name).orElseThrow(() -> new UsageException("example '" + name
                + "' does not exist; one of: " + Examples.all().stream().map(Example::name)
                .collect(Collectors.joining(", "))));
        CommandLine own = new CommandLine(arguments(example));
        try {
            CommandLine.ParseResult parsed = own.parseArgs(args.toArray(String[]::new));
            if (parsed.isUsageHelpRequested()) {
                own.usage(spec.commandLine().getOut());
                return 0;
            }
        } catch (CommandLine.ParameterException e) {
            throw new UsageException("example " + name + ": " + ConfigLoader.oneLine(e.getMessage())
                    + " (see: bart example " + name + " --help)");
        }
        return example.run(new Example.Context(args, env, spec.commandLine().getOut(), spec.commandLine().getErr(),
                System.in, System.console() != null));
    }

    /** The example's arguments as a picocli command, for its help and to refuse what it does not take. */
    static CommandSpec arguments(Example example) {
        CommandSpec s = CommandSpec.create().name("bart example " + example.name());
        s.usageMessage().description(example.description());
        s.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help and exit.").build());
        int position = 0;
        for (Example.Argument a : example.arguments()) {
            if (a.name().startsWith("-")) {
                s.addOption(OptionSpec.builder(a.name()).paramLabel(a.label()).arity("1").type(String.class)
                        .description(a.description()).build());
            } else {
                s.addPositional(PositionalParamSpec.builder().index(String.valueOf(position++)).arity("0..1")
                        .paramLabel(a.name()).type(String.class).description(a.description()).build());
            }
        }
        return s;
    }
}
