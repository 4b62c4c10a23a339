package io.github.bart4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast journal decoder changes only speed: on every line it accepts, its result equals the
 * general JSON path's; every other line (malformed, foreign, refused by a rule) is left to the
 * general path, so what is read or refused, and the messages, stay as they were.
 */
class JournalLineDecoderTest {

    private static final ResultJson.Defaults DEFAULTS = new ResultJson.Defaults(null, 1, 20, 0.1);

    private static List<BalloonResult> results() {
        Balloon b = new Balloon(3, "", 1, 20, 12, 0.1);
        Balloon typed = new Balloon(7, "large", 2, 64, 40, 0.05);
        List<BalloonResult> out = new ArrayList<>();
        out.add(new BalloonResult("crra:2", "", 1, b, 2, false, 0.2, List.of(
                new Turn(new Answer.Choice(Decision.PUMP, "Pump", null, new TokenUsage(103, 1, null)), 194),
                new Turn(new Answer.Choice(Decision.PUMP, "Pump", null, new TokenUsage(140, 1, null)), 0),
                new Turn(new Answer.Choice(Decision.CASH_OUT, "Cash Out", null, TokenUsage.UNKNOWN), 3)),
                BalloonResult.Status.OK, null));
        out.add(new BalloonResult("openai/gpt-4o", "cautious \"banker\"", 2, typed, 1, true, 0.0, List.of(
                new Turn(new Answer.Choice(Decision.PUMP, "I'll say: \"pump\"\\n\t/ ok\r\n", "thinking\u0001about it", new TokenUsage(1, 2, 0.000123)), 12),
                new Turn(new Answer.Invalid("no decision found", "hmm", null, new TokenUsage(null, null, 1e-9)), 5),
                new Turn(new Answer.Invalid("empty answer", "", null, TokenUsage.UNKNOWN), 0)),
                BalloonResult.Status.ERROR, "HTTP 429: rate limited; \"retry\" later"));
        out.add(new BalloonResult("auto", "p", 3, b, 12, true, 0.0, List.of(
                new Turn(new Answer.Choice(Decision.PUMP, "12", null, new TokenUsage(50, 3, 0.5)), 1234567890123L)),
                BalloonResult.Status.OK, null));
        out.add(new BalloonResult("none", "", 1, b, 0, false, 0.0, List.of(), BalloonResult.Status.ERROR, "gave up"));
        out.add(new BalloonResult("unicode-\u00e9", "", 1, b, 0, false, 0.0, List.of(
                new Turn(new Answer.Choice(Decision.CASH_OUT, "Cash out \u2014 \uD83C\uDF88", null, null), 0)),
                BalloonResult.Status.OK, null));
        return out;
    }

    private static BalloonResult general(String line) throws Exception {
        return ResultJson.decode(ResultJson.MAPPER.readTree(line), DEFAULTS);
    }

    private static BalloonResult fast(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return JournalLineDecoder.decode(bytes, 0, bytes.length);
    }

    @Test
    void our_lines_decode_fast_to_what_was_written() throws Exception {
        for (BalloonResult r : results()) {
            String line = ResultJson.line(r).stripTrailing();
            BalloonResult fast = fast(line);
            if (line.chars().allMatch(c -> c < 0x80)) {
                assertThat(fast).as(line).isEqualTo(r).isEqualTo(general(line));
            } else {
                assertThat(fast).as("non-ASCII text is left to the general path: " + line).isNull();
            }
        }
    }

    @Test
    void whatever_a_damaged_line_holds_the_fast_reader_agrees_with_the_general_one_or_leaves_it_to_it() {
        String[] replacements = {"", " ", "\"", "\\", ",", "}", "0", ".", "null", "\u00e9", "99999999999"};
        int accepted = 0;
        int checked = 0;
        for (BalloonResult r : List.of(results().get(1), results().get(2))) {
            String line = ResultJson.line(r).stripTrailing();
            for (int i = 0; i < line.length(); i++) {
                for (String rep : replacements) {
                    for (String damaged : new String[] {line.substring(0, i) + rep + line.substring(i + 1),
                        line.substring(0, i) + rep + line.substring(i)}) {
                        BalloonResult fast = fast(damaged);
                        byte[] inBuffer = (damaged + "\n{\"model\":").getBytes(StandardCharsets.UTF_8);
                        int[] next = {-1};
                        BalloonResult terminated = JournalLineDecoder.decodeTerminated(inBuffer, 0, inBuffer.length,
                                next);
                        assertThat(terminated).as("in a buffer: " + damaged).isEqualTo(fast);
                        if (terminated != null) {
                            assertThat(next[0]).isEqualTo(damaged.getBytes(StandardCharsets.UTF_8).length + 1);
                        }
                        checked++;
                        if (fast == null) {
                            continue;
                        }
                        accepted++;
                        BalloonResult general;
                        try {
                            general = general(damaged);
                        } catch (Exception e) {
                            throw new AssertionError("the fast reader accepted a line the general one refuses ("
                                    + e.getMessage() + "): " + damaged, e);
                        }
                        assertThat(fast).as(damaged).isEqualTo(general);
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(5_000);
        assertThat(accepted).as("changed values in the layout are still read fast").isGreaterThan(100);
    }

    @Test
    void a_journal_reads_the_same_through_either_path(@TempDir Path dir) throws Exception {
        List<BalloonResult> written = results();
        StringBuilder compact = new StringBuilder();
        StringBuilder spaced = new StringBuilder(); // the general path only: white space after each colon
        for (BalloonResult r : written) {
            compact.append(ResultJson.line(r));
            spaced.append(ResultJson.line(r).replace("\":", "\": "));
        }
        Path fastFile = Files.writeString(dir.resolve("a.jsonl"), compact);
        Path slowFile = Files.writeString(dir.resolve("b.jsonl"), spaced);
        assertThat(ResultFiles.readJournal(fastFile)).isEqualTo(written).isEqualTo(ResultFiles.readJournal(slowFile));
    }

    @Test
    void a_long_journal_of_mixed_lines_reads_every_record_in_order(@TempDir Path dir) throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        List<BalloonResult> written = new ArrayList<>();
        StringBuilder text = new StringBuilder("\uFEFF"); // a byte order mark before the first line
        for (int i = 0; i < 4_000; i++) {
            BalloonResult r = i % 3 == 0 ? ResultJsonLineTest.random(random, false) : results().get(i % 4);
            written.add(r);
            String line = ResultJson.line(r);
            text.append(i % 7 == 0 ? line.replace("\":", "\": ") : line); // some only the general path reads
            if (i % 500 == 0) {
                text.append("  \n"); // blank lines are skipped
            }
        }
        text.append("{\"model\":\"torn"); // an incomplete last line, ignored
        Path file = Files.writeString(dir.resolve("journal.jsonl"), text);
        assertThat(Files.size(file)).as("several buffers").isGreaterThan(1L << 20);
        List<BalloonResult> read = new ArrayList<>();
        ResultFiles.readJournal(file, read::add);
        assertThat(read).hasSize(written.size());
        assertThat(read).isEqualTo(written);
    }
}
