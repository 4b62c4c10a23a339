package io.github.bart4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ResultJson#line}, the journal's encoder, writes exactly what Jackson's generator writes for
 * the same result through {@link ResultJson#write} (the layout of {@code BART_results.json}'s results
 * and of every journal written before it was hand-written), character for character.
 */
class ResultJsonLineTest {

    private static String jackson(BalloonResult r) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = ResultJson.MAPPER.getFactory().createGenerator(out)) {
            ResultJson.write(g, r);
        }
        return out + "\n";
    }

    /** Results with every hazard of the encoders: escapes, control characters, surrogates, odd numbers. */
    static List<BalloonResult> tricky() {
        Balloon b = new Balloon(3, "", 1, 20, 12, 0.1);
        Balloon typed = new Balloon(7, "large \"one\"", 2, 64, 40, 0.05);
        Balloon hazard = new Balloon(9, "", 1, 128, 128, 0.25, Rules.constantHazard(1.0 / 3));
        List<BalloonResult> out = new ArrayList<>();
        out.add(new BalloonResult("crra:2", "", 1, b, 2, false, 0.2, List.of(
                new Turn(new Answer.Choice(Decision.PUMP, "Pump", null, new TokenUsage(103, 1, null)), 194),
                new Turn(new Answer.Choice(Decision.PUMP, "Pump", null, new TokenUsage(140, 1, null)), 0),
                new Turn(new Answer.Choice(Decision.CASH_OUT, "Cash Out", null, TokenUsage.UNKNOWN), 3)),
                BalloonResult.Status.OK, null));
        out.add(new BalloonResult("openai/gpt-4o", "cautious \"banker\"", 2, typed, 1, true, 0.0, List.of(
                new Turn(new Answer.Choice(Decision.PUMP, "I'll say: \"pump\"\\n\t/ ok\r\n\b\f\u0000\u001f\u007f",
                        "thinking\u0001about it", new TokenUsage(1, 2, 0.000123)), 12),
                new Turn(new Answer.Invalid("no decision found", "hmm", null, new TokenUsage(null, null, 1e-9)), 5),
                new Turn(new Answer.Invalid("empty answer", "", null, TokenUsage.UNKNOWN), 0)),
                BalloonResult.Status.ERROR, "HTTP 429: rate limited; \"retry\" later"));
        out.add(new BalloonResult("auto", "p", 3, b, 12, true, 0.0, List.of(
                new Turn(new Answer.PumpCount(12, "12", null, new TokenUsage(50, 3, 0.5)), 1234567890123L)),
                BalloonResult.Status.OK, null));
        out.add(new BalloonResult("none", "", 1, b, 0, false, 0.0, List.of(), BalloonResult.Status.ERROR, "gave up"));
        out.add(new BalloonResult("unicode-\u00e9", "", 1, hazard, 0, false, 0.0, List.of(
                new Turn(new Answer.Choice(Decision.CASH_OUT, "Cash out \u2014 \uD83C\uDF88 \uD83C", null,
                        new TokenUsage(Integer.MAX_VALUE, 0, Double.NaN)), 0),
                new Turn(new Answer.Invalid("odd", "\uDF88", "r", new TokenUsage(1, 1, Double.POSITIVE_INFINITY)), 1),
                new Turn(new Answer.Invalid("odd", "x", "r", new TokenUsage(1, 1, -1e300)), 1),
                new Turn(new Answer.Invalid("odd", "x", "r", new TokenUsage(1, 1, 1e21)), 1)),
                BalloonResult.Status.OK, null));
        return out;
    }

    @Test
    void tricky_results_are_written_as_jackson_writes_them() throws Exception {
        for (BalloonResult r : tricky()) {
            assertThat(ResultJson.line(r)).isEqualTo(jackson(r));
        }
    }

    @Test
    void random_text_and_numbers_are_written_as_jackson_writes_them() throws Exception {
        SplittableRandom random = new SplittableRandom(13);
        for (int n = 0; n < 2_000; n++) {
            BalloonResult r = random(random, true);
            String line = ResultJson.line(r);
            assertThat(line).as(r.persona()).isEqualTo(jackson(r));
            assertThat(line.getBytes(StandardCharsets.UTF_8)).isEqualTo(jackson(r).getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * A result of random text (quotes, backslashes, control characters, non-ASCII, surrogates: unpaired
     * ones too when {@code loneSurrogates}, else only whole pairs) and random numbers.
     */
    static BalloonResult random(SplittableRandom random, boolean loneSurrogates) {
        String pool = "aZ09 \"\\/'\t\n\r\b\f\u0000\u0001\u001e\u001f\u007f\u0080\u00e9\u2028\u2029\uFEFF"
                + (loneSurrogates ? "\uD83C\uDF88" : "");
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            if (!loneSurrogates && random.nextInt(8) == 0) {
                text.append("\uD83C\uDF88");
            } else {
                text.append(pool.charAt(random.nextInt(pool.length())));
            }
        }
        String s = text.toString();
        double x = random.nextInt(4) == 0 ? (1e-300 + random.nextDouble()) * Math.pow(10, random.nextInt(-12, 25))
                : (1 + random.nextInt(2000)) / 100.0;
        Balloon b = random.nextInt(5) == 0 ? new Balloon(1 + random.nextInt(500), s, 1, 64, 64, x,
                Rules.constantHazard(1.0 / (2 + random.nextInt(30))))
                : new Balloon(1 + random.nextInt(500), s, 1, 64, 1 + random.nextInt(64), x);
        String error = random.nextBoolean() ? s + "!" : null;
        List<Turn> turns = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            turns.add(new Turn(new Answer.Choice(random.nextBoolean() ? Decision.PUMP : Decision.CASH_OUT, s,
                    random.nextBoolean() ? s : null, new TokenUsage(random.nextInt(), null, random.nextBoolean() ? x : null)),
                    random.nextLong(Long.MAX_VALUE)));
        }
        if (random.nextBoolean()) {
            turns.add(new Turn(new Answer.Invalid(s, s, null, TokenUsage.UNKNOWN), 0));
        }
        if (random.nextInt(4) == 0) {
            turns.add(new Turn(new Answer.PumpCount(random.nextInt(64), s, null, new TokenUsage(1, 2, x)), 3));
        }
        return new BalloonResult(s + "m", s, 1 + random.nextInt(3), b, 1, random.nextBoolean(), x, turns,
                error == null ? BalloonResult.Status.OK : BalloonResult.Status.ERROR, error);
    }
}
