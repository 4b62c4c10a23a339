package io.github.bart4j.examples;

import io.github.bart4j.core.BalloonOutcome;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.DecisionParser;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ExperimentListener;
import io.github.bart4j.core.ExperimentResult;
import io.github.bart4j.core.Money;
import io.github.bart4j.core.ParsedDecision;
import io.github.bart4j.core.ParticipantException;
import io.github.bart4j.core.ResultFiles;
import io.github.bart4j.core.ResultSinks;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.BalloonState;
import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.core.spi.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A person plays the same balloons as the models, in the terminal: the seed protocol's schedule
 * (seed 42 unless {@code --seed N}), clear prompts, running totals, burst feedback, and the same
 * result files ({@code journal.jsonl}, {@code BART_combined.csv}) so human and model results compare on
 * identical thresholds. Type {@code p} (pump) or {@code c} (cash out); end of input stops the
 * session and keeps the balloons finished. Run again with the same options to continue: balloons
 * already in {@code journal.jsonl} are not played again.
 */
public final class HumanExample implements Example {

    @Override
    public String name() {
        return "human";
    }

    @Override
    public String description() {
        return "a person plays the same balloons in the terminal; same result files, so humans and models compare";
    }

    /** A participant whose answers are typed by a person. */
    static final class TerminalPlayer implements Participant {
        private final BufferedReader in;
        private final PrintWriter out;
        private final String name;

        TerminalPlayer(String name, BufferedReader in, PrintWriter out) {
            this.name = name;
            this.in = in;
            this.out = out;
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
            out.printf("%nBalloon %d of %d%s. Total banked so far: %s.%n", context.balloonId(),
                    context.balloonsInSeries(), context.type().isEmpty() ? "" : " (" + context.type() + ")",
                    Money.dollars(context.earningsSoFar()));
            out.printf("It can burst at any pump from %d to %d. Each pump earns %s.%n", context.minPumps(),
                    context.maxPumps(), Money.dollars(context.rewardPerPump()));
            return new BalloonSession() {
                @Override
                public Reply decide(BalloonState state) {
                    // A person may mistype: ask again until the answer reads as pump or cash out.
                    while (true) {
                        out.printf("  balloon holds %s - [p]ump or [c]ash out? ", Money.dollars(state.balloonEarnings()));
                        out.flush();
                        String line = readLine();
                        if (line == null) {
                            out.println();
                            out.println("  (end of input: this balloon is not recorded; it is played again next time)");
                            throw new ParticipantException("the player left (end of input)", true);
                        }
                        String text = line.strip().toLowerCase(java.util.Locale.ROOT);
                        if (text.equals("p")) {
                            return Reply.of(Decision.PUMP, line);
                        }
                        if (text.equals("c")) {
                            return Reply.of(Decision.CASH_OUT, line);
                        }
                        ParsedDecision parsed = DecisionParser.robust().parse(line);
                        if (parsed.isValid()) {
                            return Reply.of(parsed, line);
                        }
                        out.println("  please type p or c");
                    }
                }

                @Override
                public void finish(BalloonOutcome outcome) {
                    if (outcome.burst()) {
                        out.printf("  POP! The balloon burst at pump %d. You lost this balloon's money.%n",
                                outcome.pumps());
                    } else {
                        out.printf("  Banked %s.%n", Money.dollars(outcome.earnings()));
                    }
                }
            };
        }

        private String readLine() {
            try {
                return in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public int run(Context ctx) throws IOException {
        long seed = 42;
        int balloons = 10;
        Path dir = Path.of("runs", "human");
        try {
            for (int i = 0; i < ctx.args().size(); i += 2) {
                String option = ctx.args().get(i);
                String value = i + 1 < ctx.args().size() ? ctx.args().get(i + 1) : "";
                switch (option) {
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--balloons" -> balloons = Integer.parseInt(value);
                    case "--out" -> dir = Path.of(value);
                    default -> {
                        ctx.err().println("human: unknown option " + option + " (use --seed N, --balloons N, --out DIR)");
                        return 2;
                    }
                }
            }
        } catch (NumberFormatException e) {
            ctx.err().println("human: --seed and --balloons need whole numbers (" + e.getMessage() + ")");
            return 2;
        }
        // The same schedule a model gets with `seed: 42, num_balloons: 10` (min 1, max 20, $0.10).
        Schedule schedule = Schedule.uniform(1, 20, balloons, 0.10, seed);

        // Resume: balloons already in the journal are not played again; the person continues where they left.
        Files.createDirectories(dir);
        Path journalFile = dir.resolve("journal.jsonl");
        List<BalloonResult> played = Files.exists(journalFile) ? ResultFiles.readJournal(journalFile) : List.of();
        for (BalloonResult r : played) {
            int id = r.balloon().id();
            if (id > schedule.size() || schedule.balloons().get(id - 1).threshold() != r.balloon().threshold()) {
                ctx.err().println("human: " + journalFile + " holds balloon " + id + " of other balloons than --seed "
                        + seed + " --balloons " + balloons + " give; use the same options, or another --out");
                return 2;
            }
        }

        BufferedReader in = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8));
        TerminalPlayer player = new TerminalPlayer("human", in, ctx.out());
        ctx.out().println("The Balloon Analogue Risk Task. Pump to earn money per pump; cash out to bank it;"
                + " a burst balloon pays nothing.");
        if (!played.isEmpty()) {
            ctx.out().printf("Resuming: %d of %d balloons already played (%s).%n", played.size(), schedule.size(),
                    journalFile);
        }
        ExperimentResult result;
        try (var journal = ResultSinks.jsonLines(journalFile, ResultSinks.WriteMode.APPEND);
             var csv = ResultSinks.csv(dir.resolve("BART_combined.csv"), ResultSinks.WriteMode.APPEND)) {
            result = Experiment.builder().schedule(schedule).participant(player).sink(journal).sink(csv)
                    .completed(played).maxConcurrency(1)
                    .listener(new ExperimentListener() { }) // the player leaving is said above, not logged
                    .build().run();
        }
        double total = result.results().stream().mapToDouble(BalloonResult::earnings).sum();
        ctx.out().printf("%nYou played %d of %d balloons and banked %s. Files: %s%n", result.results().size(),
                schedule.size(), Money.dollars(total), dir);
        if (!result.complete()) {
            // The balloon left unfinished is not recorded; it is played again from its start.
            ctx.out().println("Run the same command again to continue.");
        }
        return 0;
    }

    public static void main(String[] args) throws IOException {
        System.exit(new HumanExample().run(Context.system(args)));
    }
}
