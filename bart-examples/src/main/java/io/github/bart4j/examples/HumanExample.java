package io.github.bart4j.examples;

import io.github.bart4j.core.Answer;
import io.github.bart4j.core.BalloonOutcome;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.DecisionParser;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ExperimentListener;
import io.github.bart4j.core.ExperimentResult;
import io.github.bart4j.core.Money;
import io.github.bart4j.core.ParticipantException;
import io.github.bart4j.core.ResultSink;
import io.github.bart4j.core.Task;
import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.BalloonState;
import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.examples.cli.RunFiles;
import io.github.bart4j.examples.cli.UsageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A person plays the same balloons as the models, in the terminal: the seed protocol's schedule
 * (seed 42 unless {@code --seed N}), clear prompts, running totals, burst feedback saying what was
 * lost, and the same five result files as {@code ./bart run} (written by the same code), so human
 * and model results compare on identical thresholds.
 *
 * <p>Each person has an ID ({@code --participant ID}, asked for when absent: 1 to 64 letters,
 * digits, {@code _} or {@code -}), is recorded as {@code human:ID}, and plays in their own run
 * directory {@code <out>/<ID>} ({@code runs/human/ID} by default). Type {@code p} (pump) or
 * {@code c} (cash out); anything else is recorded as an invalid answer (its raw text, as a model's
 * unreadable answers are) and asked again. On a terminal, input typed before a balloon is shown (keys
 * pressed during the burst message, say) is discarded, so it cannot decide the next balloon (input
 * from a pipe or a file is read as it comes). End of input stops
 * the session and keeps the balloons finished; the same command continues with that person's next
 * balloon.
 */
public final class HumanExample implements Example {

    /** What a participant ID may be. */
    static final Pattern PARTICIPANT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @Override
    public String name() {
        return "human";
    }

    @Override
    public String description() {
        return "a person plays the same balloons in the terminal; same result files, so humans and models compare";
    }

    @Override
    public List<Argument> arguments() {
        return List.of(new Argument("--participant", "ID", "the person's ID: 1 to 64 letters, digits, _ or -"
                        + " (asked for when absent); recorded as human:ID"),
                new Argument("--seed", "N", "the schedule's seed (default 42, as the models' seed: 42)"),
                new Argument("--balloons", "N", "balloons to play (default 10)"),
                new Argument("--out", "DIR", "where each person's run directory DIR/ID goes (default runs/human)"));
    }

    /** A participant whose answers are typed by a person. */
    static final class TerminalPlayer implements Participant {
        private final BufferedReader in;
        private final PrintWriter out;
        private final String name;
        private final boolean terminal;

        TerminalPlayer(String name, BufferedReader in, PrintWriter out, boolean terminal) {
            this.name = name;
            this.in = in;
            this.out = out;
            this.terminal = terminal;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean sequentialBalloons() {
            return true; // one person, one balloon at a time, in order
        }

        @Override
        public BalloonSession open(BalloonContext context) {
            int dropped = terminal ? discardTypedAhead(in) : 0; // a script's input is all "typed ahead"
            out.printf("%nBalloon %d of %d%s. Total banked so far: %s.%n", context.balloonId(),
                    context.balloonsInSeries(), context.type().isEmpty() ? "" : " (" + context.type() + ")",
                    Money.dollars(context.earningsSoFar()));
            if (dropped > 0) {
                out.printf("(ignored %d line%s typed before this balloon appeared)%n", dropped, dropped == 1 ? "" : "s");
            }
            out.printf("It can burst at any pump from %d to %d. Each pump earns %s.%n", context.minPumps(),
                    context.maxPumps(), Money.dollars(context.rewardPerPump()));
            return new BalloonSession() {
                @Override
                public Answer decide(BalloonState state) {
                    if (state.invalidAnswers() > 0) {
                        out.println("  please type p (pump) or c (cash out)");
                    }
                    out.printf("  balloon holds %s - [p]ump or [c]ash out? ", Money.dollars(state.balloonEarnings()));
                    out.flush();
                    String line = readLine(in);
                    if (line == null) {
                        out.println();
                        out.println("  (end of input: this balloon is not recorded; it is played again next time)");
                        throw new ParticipantException("the player left (end of input)", true);
                    }
                    String text = line.strip().toLowerCase(Locale.ROOT);
                    if (text.equals("p")) {
                        return Answer.decision(Decision.PUMP, line);
                    }
                    if (text.equals("c")) {
                        return Answer.decision(Decision.CASH_OUT, line);
                    }
                    // "pump", "cash out" ... read as a model's answer would be; anything else is recorded as invalid
                    return DecisionParser.robust().parse(line);
                }

                @Override
                public void finish(BalloonOutcome outcome) {
                    if (outcome.burst()) {
                        out.printf("  POP! The balloon burst at pump %d: lost %s.%n", outcome.pumps(),
                                Money.dollars(Money.round2((outcome.pumps() - 1) * context.rewardPerPump())));
                    } else {
                        out.printf("  Banked %s.%n", Money.dollars(outcome.earnings()));
                    }
                }
            };
        }
    }

    /** Drops whatever was typed and is waiting to be read (never blocks); returns the lines dropped. */
    static int discardTypedAhead(BufferedReader in) {
        int lines = 0;
        try {
            boolean partial = false;
            while (in.ready()) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                partial = c != '\n';
                lines += c == '\n' ? 1 : 0;
            }
            return lines + (partial ? 1 : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int run(Context ctx) {
        long seed = 42;
        int balloons = 10;
        Path out = Path.of("runs", "human");
        String participant = null;
        for (int i = 0; i < ctx.args().size(); i += 2) {
            String option = ctx.args().get(i);
            String value = i + 1 < ctx.args().size() ? ctx.args().get(i + 1) : null;
            if (!List.of("--seed", "--balloons", "--out", "--participant").contains(option)) {
                ctx.err().println("human: unknown option " + option
                        + " (use --participant ID, --seed N, --balloons N, --out DIR)");
                return 2;
            }
            if (value == null) {
                ctx.err().println("human: " + option + " needs a value");
                return 2;
            }
            try {
                switch (option) {
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--balloons" -> balloons = Integer.parseInt(value);
                    case "--out" -> out = Path.of(value);
                    default -> participant = value;
                }
            } catch (NumberFormatException e) {
                ctx.err().println("human: " + option + " needs a whole number, but is: '" + value + "'");
                return 2;
            }
        }
        if (balloons < 1) {
            ctx.err().println("human: --balloons must be >= 1, but is: " + balloons);
            return 2;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8));
        if (participant == null) {
            participant = askParticipant(in, ctx.out());
            if (participant == null) {
                ctx.err().println("human: no participant ID given (end of input); use --participant ID");
                return 2;
            }
        } else if (!PARTICIPANT_ID.matcher(participant).matches()) {
            ctx.err().println("human: --participant '" + participant + "' must be 1 to 64 letters, digits, _ or -");
            return 2;
        }

        // The person's own run directory: their balloons apart from everybody else's, resumed only for them.
        String who = "human:" + participant;
        RunFiles run;
        try {
            run = RunFiles.open(out.resolve(participant), "human", "human", List.of(who), balloons, seed);
        } catch (UsageException e) {
            ctx.err().println("human: " + e.getMessage());
            return 2;
        }
        try (run) {
            return play(ctx, run, participant, in);
        } catch (UsageException e) { // e.g. the directory is in use by another session
            ctx.err().println("human: " + e.getMessage());
            return 2;
        }
    }

    private static int play(Context ctx, RunFiles run, String participant, BufferedReader in) {
        String who = "human:" + participant;
        List<BalloonResult> played = run.recorded();
        TerminalPlayer player = new TerminalPlayer(who, in, ctx.out(), ctx.terminal());
        ctx.out().println("The Balloon Analogue Risk Task. Pump to earn money per pump; cash out to bank it;"
                + " a burst balloon pays nothing.");
        if (!played.isEmpty()) {
            ctx.out().printf("Welcome back, %s: %d of %d balloons already played.%n", participant, played.size(),
                    run.schedule().size());
        }
        run.start();
        ExperimentResult result;
        try (ResultSink journal = run.journal()) {
            result = Experiment.builder().schedule(run.schedule()).participant(player).sink(journal)
                    .task(Task.classic(Integer.MAX_VALUE)) // a person is asked again until the answer reads
                    .completed(played).maxConcurrency(1)
                    .listener(new ExperimentListener() { }) // the player leaving is said above, not logged
                    .build().run();
        }
        run.finish(result, result.complete() ? "complete" : "stopped");
        double total = result.results().stream().mapToDouble(BalloonResult::earnings).sum();
        ctx.out().printf("%nYou played %d of %d balloons and banked %s. Files: %s%n", result.results().size(),
                run.schedule().size(), Money.dollars(total), run.dir());
        if (!result.complete()) {
            // The balloon left unfinished is not recorded; it is played again from its start.
            ctx.out().println("Run the same command (with --participant " + participant + ") again to continue.");
        }
        return 0;
    }

    /** Asks for the participant ID until a valid one is typed; {@code null} at end of input. */
    private static String askParticipant(BufferedReader in, PrintWriter out) {
        while (true) {
            out.print("Participant ID (1 to 64 letters, digits, _ or -): ");
            out.flush();
            String line = readLine(in);
            if (line == null) {
                out.println();
                return null;
            }
            String id = line.strip();
            if (PARTICIPANT_ID.matcher(id).matches()) {
                return id;
            }
            out.println("  '" + id + "' is not a valid ID");
        }
    }

    public static void main(String[] args) {
        System.exit(new HumanExample().run(Context.system(args)));
    }
}
