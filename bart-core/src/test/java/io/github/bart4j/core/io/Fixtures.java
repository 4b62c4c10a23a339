package io.github.bart4j.core.io;

import io.github.bart4j.core.Answer;
import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.TokenUsage;
import io.github.bart4j.core.Turn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Results and paths shared by the io and stats tests. */
public final class Fixtures {

    private Fixtures() {
    }

    /** The repository's {@code testdata} folder, from the property surefire sets or by walking up. */
    public static Path testdataDir() {
        String property = System.getProperty("bart4j.testdata.dir");
        if (property != null && Files.isDirectory(Path.of(property))) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("testdata").resolve("seed-runs"))) {
                return dir.resolve("testdata");
            }
        }
        throw new IllegalStateException("cannot find the repository's testdata folder; set -Dbart4j.testdata.dir");
    }

    public static Path seedRuns() {
        return testdataDir().resolve("seed-runs");
    }

    public static Turn pump(String raw) {
        return new Turn(new Answer.Choice(Decision.PUMP, raw, null, null), 0);
    }

    public static Turn cashOut(String raw) {
        return new Turn(new Answer.Choice(Decision.CASH_OUT, raw, null, null), 0);
    }

    public static Turn invalid(String raw) {
        return new Turn(new Answer.Invalid("no decision found", raw, null, null), 0);
    }

    /** A cashed-out balloon: {@code pumps} pumps then a cash-out, reward 0.10. */
    public static BalloonResult cashedOut(String model, int id, int threshold, int pumps) {
        List<Turn> d = new ArrayList<>();
        for (int i = 0; i < pumps; i++) {
            d.add(pump("Pump"));
        }
        d.add(cashOut("Cash Out"));
        Balloon b = new Balloon(id, "", 1, 20, threshold, 0.10);
        return new BalloonResult(model, "", 1, b, pumps, false, b.earnings(pumps, false), d,
                BalloonResult.Status.OK, null);
    }

    /** A balloon that burst at its threshold. */
    public static BalloonResult burst(String model, int id, int threshold) {
        List<Turn> d = new ArrayList<>();
        for (int i = 0; i < threshold; i++) {
            d.add(pump("Pump"));
        }
        Balloon b = new Balloon(id, "", 1, 20, threshold, 0.10);
        return new BalloonResult(model, "", 1, b, threshold, true, 0.0, d, BalloonResult.Status.OK, null);
    }

    /** A balloon that failed after {@code pumps} pumps. */
    public static BalloonResult errored(String model, int id, int threshold, int pumps, String cause) {
        List<Turn> d = new ArrayList<>();
        for (int i = 0; i < pumps; i++) {
            d.add(pump("Pump"));
        }
        Balloon b = new Balloon(id, "", 1, 20, threshold, 0.10);
        return new BalloonResult(model, "", 1, b, pumps, false, 0.0, d, BalloonResult.Status.ERROR, cause);
    }

    /**
     * Results that exercise every field and every quoting rule: commas, quotes, line breaks,
     * CR, leading spaces and {@code #}, unicode, invalid answers, usage, reasoning, personas,
     * types, epochs, errors with and without answers, the automatic task.
     */
    public static List<BalloonResult> tricky() {
        List<BalloonResult> out = new ArrayList<>();
        Balloon blue = new Balloon(1, "blue", 1, 128, 70, 0.05);
        out.add(new BalloonResult("openai/gpt-4o", "cautious, \"careful\"", 2, blue, 3, false, blue.earnings(3, false),
                List.of(new Turn(new Answer.Choice(Decision.PUMP, "Pump, then\nmore", "I think\r\nso", new TokenUsage(120, 8, 0.00012)), 850),
                        new Turn(new Answer.Choice(Decision.PUMP, "# pump ", null, new TokenUsage(130, 2, null)), 40),
                        new Turn(new Answer.Invalid("no decision found", "maybe?", null, new TokenUsage(140, 3, 1.5e-05)), 33),
                        new Turn(new Answer.Choice(Decision.PUMP, " pump", null, TokenUsage.UNKNOWN), 0),
                        new Turn(new Answer.Choice(Decision.CASH_OUT, "Cash Out — ça suffit 💰", null, new TokenUsage(150, 5, 0.0002)), 77)),
                BalloonResult.Status.OK, null));
        Balloon orange = new Balloon(2, "orange", 1, 8, 2, 0.05);
        out.add(new BalloonResult("local/llama", "", 1, orange, 2, true, 0.0,
                List.of(pump("Pump"), pump("PUMP")), BalloonResult.Status.OK, null));
        Balloon plain = new Balloon(3, "", 1, 20, 15, 0.10);
        out.add(new BalloonResult("local/llama", "", 1, plain, 2, false, 0.0,
                List.of(pump("Pump"), pump("Pump"), invalid("I cannot decide"), invalid("???"), invalid("nope")),
                BalloonResult.Status.ERROR, "no valid answer after 3 attempts (last: no decision found)"));
        out.add(new BalloonResult("local/llama", "", 1, new Balloon(4, "", 1, 20, 9, 0.10), 0, false, 0.0,
                List.of(), BalloonResult.Status.ERROR, "HTTP 429: rate limited, \"retry later\"\nsecond line"));
        Balloon auto = new Balloon(5, "", 1, 20, 12, 0.10);
        out.add(new BalloonResult("sim/fixed:7", "", 3, auto, 7, false, auto.earnings(7, false),
                List.of(new Turn(new Answer.PumpCount(7, "7 pumps", null, new TokenUsage(50, 4, 0.0)), 12)),
                BalloonResult.Status.OK, null));
        out.add(cashedOut("z-model", 6, 20, 19));
        return out;
    }
}
