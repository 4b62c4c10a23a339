package io.github.bart4j.examples;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ExperimentResult;
import io.github.bart4j.core.ResultFiles;
import io.github.bart4j.core.ResultSink;
import io.github.bart4j.core.ResultSinks;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.Statistics;
import io.github.bart4j.core.Summary;
import io.github.bart4j.core.agents.ExpectedUtility;
import io.github.bart4j.core.analysis.Analysis;
import io.github.bart4j.core.analysis.AnalysisOptions;
import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.examples.cli.ConfigLoader;
import io.github.bart4j.examples.report.Report;
import io.github.bart4j.langchain4j.FakeChatModel;
import io.github.bart4j.langchain4j.LlmParticipant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scaling study: a ladder of models of one family by size, BART risk metrics against model
 * size, a table, a CSV and a plot. The sweep resumes: each rung has its own run directory with a
 * {@code journal.jsonl}; a rung whose journal is complete is skipped, a partial one continues
 * where it stopped, so an interrupted sweep costs nothing to restart.
 *
 * <p>Offline it plays a <b>simulated</b> ladder (made-up behaviour: small models pump too much and
 * burst often, large ones approach the expected-value-optimal plan). With {@code --config FILE}
 * the config's {@code model_list} is the ladder (with its backend and transport settings; the
 * balloons are this example's 30); each model's size comes from the config's {@code sizes} key
 * (e.g. {@code sizes: {qwen2.5:72b: 72}}), else from its name, which must then state it, e.g.
 * {@code qwen2.5:3b ... qwen2.5:72b} (Ollama) or {@code qwen/qwen-2.5-72b-instruct} (OpenRouter).
 * {@code --out DIR} sets the sweep's directory (default {@code runs/model-ladder}).
 */
public final class ModelLadderExample implements Example {

    /** One rung of the ladder: a model and its size in billions of parameters. */
    record Rung(Participant model, double sizeBillions) {
    }

    /** One line of the result table. */
    record Row(String model, double sizeBillions, long balloons, double adjustedPumps, double burstRate,
               double avgEarnings) {
    }

    /** The balloons every rung plays. */
    static final Schedule SCHEDULE = Schedule.uniform(1, 20, 30, 0.10, 42);

    /** The offline ladder: Qwen2.5 sizes, each played by a scripted policy (not a real model). */
    static List<Rung> simulatedLadder() {
        return List.of(simulated("qwen2.5:3b", 3, "fixed:16"), simulated("qwen2.5:7b", 7, "crra:-2"),
                simulated("qwen2.5:14b", 14, "crra:-1"), simulated("qwen2.5:32b", 32, "crra:0"),
                simulated("qwen2.5:72b", 72, "crra:0.5"));
    }

    private static Rung simulated(String model, double size, String policy) {
        Participant p = LlmParticipant.builder().chatModel(FakeChatModel.policy(policy)).name("sim/" + model).build();
        return new Rung(p, size);
    }

    @Override
    public int run(Context ctx) throws IOException {
        Path out = Path.of(ExampleModels.option(ctx.args(), "--out", "runs/model-ladder"));
        Optional<Path> config = ExampleModels.configFile(ctx.args());
        List<Rung> ladder = new ArrayList<>();
        if (config.isPresent()) {
            Map<String, Double> configured = new ConfigLoader(ctx.env()).load(config.get()).sizes();
            for (Participant model : ExampleModels.from(ctx.args(), ctx.env(), List.of(), ctx.err())) {
                Optional<Double> size = Optional.ofNullable(configured.get(model.name())).or(() -> sizeOf(model.name()));
                if (size.isEmpty()) {
                    ctx.err().println("model-ladder: cannot tell the size of model '" + model.name()
                            + "'; give it in the config's sizes key (sizes: {" + model.name() + ": 14}) or name"
                            + " the model with its size in billions, e.g. qwen2.5:14b");
                    return 2;
                }
                ladder.add(new Rung(model, size.get()));
            }
        } else {
            ctx.out().println("Offline: a simulated ladder (scripted policies named after Qwen2.5 sizes).");
            ladder.addAll(simulatedLadder());
        }

        ladder.sort(Comparator.comparingDouble(Rung::sizeBillions));

        List<Row> table = new ArrayList<>();
        List<BalloonResult> all = new ArrayList<>();
        Map<String, Double> sizes = new LinkedHashMap<>();
        for (Rung rung : ladder) {
            List<BalloonResult> results = runRung(rung, out, ctx);
            all.addAll(results);
            sizes.put(rung.model().name(), rung.sizeBillions());
            Summary s = Statistics.summarize(results).get(0); // the rung's own row (then ALL)
            table.add(new Row(rung.model().name(), rung.sizeBillions(), s.totalBalloons(), s.adjustedPumps(),
                    s.burstRate(), s.avgEarnings()));
        }
        print(table, ctx);
        Path csv = out.resolve("ladder.csv");
        writeCsv(csv, table);
        Path png = out.resolve("ladder.png");
        // the regression of mean pumps on log10 size, as `bart analyze --sizes` computes it, drawn with its line
        Analysis analysis = Analysis.of(all, AnalysisOptions.defaults().withSizes(sizes));
        analysis.ladder().forEach(l -> ctx.out().printf(Locale.ROOT,
                "mean pumps per tenfold size: slope %+.2f, 95%% interval [%+.2f, %+.2f], p %.3g%n", l.slope(), l.lower(),
                l.upper(), l.pValue()));
        Report.writeLadderPlot(analysis, png);
        ctx.out().println("Wrote " + csv + " and " + png);
        return 0;
    }

    /**
     * Plays one rung in its own directory, resuming from its journal, and returns its balloons.
     * Balloons that ended in an error count as played (delete the rung's directory to ask again);
     * a journal belongs to one schedule, so delete the directory after changing the balloons.
     */
    private List<BalloonResult> runRung(Rung rung, Path out, Context ctx) throws IOException {
        Path dir = out.resolve(rung.model().name().replaceAll("[^A-Za-z0-9._-]", "_"));
        Files.createDirectories(dir);
        Path journal = dir.resolve("journal.jsonl");
        List<BalloonResult> done = Files.exists(journal) ? ResultFiles.readJournal(journal) : List.of();
        List<BalloonResult> results;
        if (done.size() >= SCHEDULE.size()) {
            ctx.out().printf("%-20s skipped: its journal is complete (%d balloons)%n", rung.model().name(),
                    done.size());
            results = done;
        } else {
            ExperimentResult run;
            try (ResultSink journalSink = ResultSinks.jsonLines(journal, ResultSinks.WriteMode.APPEND);
                 ResultSink csvSink = ResultSinks.csv(dir.resolve("BART_combined.csv"),
                         ResultSinks.WriteMode.APPEND)) {
                run = Experiment.builder()
                        .schedule(SCHEDULE)
                        .participant(rung.model())
                        .completed(done) // balloons already in the journal are not asked again
                        .sink(journalSink)
                        .sink(csvSink)
                        .build()
                        .run();
            }
            results = run.results();
            ctx.out().printf("%-20s played %d balloons%s%n", rung.model().name(), results.size() - done.size(),
                    done.isEmpty() ? "" : " (resumed after " + done.size() + ")");
            // A model that failed for good (a wrong key, an unknown model) leaves its rung incomplete: rerun later.
            run.failures().forEach((model, cause) -> ctx.err().println("model-ladder: " + model + " failed: " + cause));
        }
        return results;
    }

    /** The size in billions a model name states: {@code 72b} in {@code qwen/qwen-2.5-72b-instruct}. */
    static Optional<Double> sizeOf(String modelName) {
        Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)b(?![a-z])", Pattern.CASE_INSENSITIVE).matcher(modelName);
        Double size = null;
        while (m.find()) {
            size = Double.parseDouble(m.group(1)); // the last match: "qwen2.5-7b" is 7, not 2.5
        }
        return Optional.ofNullable(size);
    }

    private static void print(List<Row> table, Context ctx) {
        ctx.out().printf("%n%-20s %8s %9s %10s %11s %9s%n", "model", "size (B)", "balloons", "adj pumps",
                "burst rate", "avg earn");
        for (Row r : table) {
            ctx.out().printf(Locale.ROOT, "%-20s %8.1f %9d %10.2f %11.2f %9.2f%n", r.model(), r.sizeBillions(),
                    r.balloons(), r.adjustedPumps(), r.burstRate(), r.avgEarnings());
        }
        ctx.out().printf("(expected-value-optimal plan: %d pumps)%n",
                ExpectedUtility.evOptimalPumps(SCHEDULE.minPumps(), SCHEDULE.maxPumps()));
    }

    /** {@code ladder.csv}: numbers rounded and written as bart4j's summary files write them. */
    private static void writeCsv(Path file, List<Row> table) throws IOException {
        StringBuilder csv = new StringBuilder("model,size_b,balloons,adjusted_pumps,burst_rate,avg_earnings\n");
        for (Row r : table) {
            csv.append(String.join(",", r.model(), num(r.sizeBillions()), Long.toString(r.balloons()),
                    num(r.adjustedPumps()), num(r.burstRate()), num(r.avgEarnings()))).append('\n');
        }
        Files.writeString(file, csv);
    }

    /** Two decimals at most, as {@code 16.0}, {@code 0.35}; empty when undefined. */
    private static String num(double x) {
        return Double.isNaN(x) ? "" : Double.toString(Math.round(x * 100) / 100.0);
    }

    @Override
    public String name() {
        return "model-ladder";
    }

    @Override
    public List<Argument> arguments() {
        return List.of(new Argument("--config", "FILE", "the ladder: a config whose model_list names the models, with their"
                + " sizes in its sizes key or in their names (e.g. qwen2.5:3b ... qwen2.5:72b); see docs/configuration.md"),
                new Argument("--out", "DIR", "the sweep's directory (default runs/model-ladder)"));
    }

    @Override
    public String description() {
        return "a scaling study: models of one family by size, risk metrics against size, a plot; resumable sweep";
    }

    public static void main(String[] args) throws IOException {
        System.exit(new ModelLadderExample().run(Context.system(args)));
    }
}
