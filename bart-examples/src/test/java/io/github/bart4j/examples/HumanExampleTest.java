package io.github.bart4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.ResultFiles;
import io.github.bart4j.core.Schedule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HumanExampleTest {

    @TempDir
    Path tmp;

    /** The seed-42 balloons a person plays with {@code --balloons 4}. */
    private final List<Integer> thresholds = Schedule.uniform(1, 20, 4, 0.10, 42).thresholds();

    /** What a person types to pump twice and cash out (fewer pumps where the balloon would burst). */
    private String twoPumpsThenCashOut(int balloon) {
        int pumps = Math.min(2, thresholds.get(balloon) - 1);
        return "p\n".repeat(pumps) + "c\n";
    }

    private ExampleRun play(String participant, String stdin) {
        return ExampleRun.of(new HumanExample(), Map.of(), stdin, "--participant", participant, "--balloons", "4",
                "--out", tmp.toString());
    }

    /**
     * A keyboard: each chunk is what the person types at one moment; a chunk becomes readable only
     * once the example has read everything before it and waits for more (as a terminal delivers
     * lines typed after a prompt). Text within a chunk is readable at once (typed ahead).
     */
    static final class Keyboard extends InputStream {
        private final Deque<byte[]> chunks = new ArrayDeque<>();
        private byte[] current = new byte[0];
        private int pos;

        Keyboard(String... typed) {
            for (String t : typed) {
                chunks.add(t.getBytes(StandardCharsets.UTF_8));
            }
        }

        private boolean next() {
            while (pos >= current.length) {
                if (chunks.isEmpty()) {
                    return false;
                }
                current = chunks.poll();
                pos = 0;
            }
            return true;
        }

        @Override
        public int read() {
            return next() ? current[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!next()) {
                return -1;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return current.length - pos;
        }
    }

    @Test
    void typed_answers_become_the_five_result_files_a_model_run_writes() throws IOException {
        String input = twoPumpsThenCashOut(0) + twoPumpsThenCashOut(1) + twoPumpsThenCashOut(2)
                + twoPumpsThenCashOut(3);

        ExampleRun run = play("alice", input);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Balloon 1 of 4", "Banked", "You played 4 of 4 balloons");
        Path dir = tmp.resolve("alice");
        assertThat(dir.resolve("journal.jsonl")).isNotEmptyFile();
        assertThat(dir.resolve("BART_combined.csv")).isNotEmptyFile();
        assertThat(dir.resolve("BART_summary.csv")).isNotEmptyFile();
        assertThat(dir.resolve("BART_results.json")).isNotEmptyFile();
        assertThat(dir.resolve("manifest.json")).isNotEmptyFile();
        List<BalloonResult> journal = ResultFiles.readJournal(dir.resolve("journal.jsonl"));
        assertThat(journal).hasSize(4).allSatisfy(r -> {
            assertThat(r.participant()).isEqualTo("human:alice");
            assertThat(r.burst()).isFalse();
            assertThat(r.pumps()).isEqualTo(Math.min(2, r.balloon().threshold() - 1));
            assertThat(r.earnings()).isEqualTo(r.pumps() * 0.10, org.assertj.core.data.Offset.offset(1e-9));
        });
        assertThat(journal).extracting(r -> r.balloon().threshold()).containsExactlyElementsOf(thresholds);
        List<String> csv = Files.readAllLines(dir.resolve("BART_combined.csv"));
        assertThat(csv).hasSize(5);
        assertThat(csv.get(0)).startsWith("model,balloon_id,threshold_pumps,pumps_attempted,burst,earnings,choices");
        assertThat(ResultFiles.read(dir.resolve("BART_combined.csv"))).extracting(BalloonResult::pumps)
                .containsExactlyElementsOf(journal.stream().map(BalloonResult::pumps).toList());
        assertThat(Files.readAllLines(dir.resolve("BART_summary.csv")).get(1)).startsWith("human:alice,4,");
        assertThat(ResultFiles.read(dir.resolve("BART_results.json"))).hasSize(4);
        assertThat(Files.readString(dir.resolve("manifest.json"))).contains("\"status\" : \"complete\"",
                "\"backend\" : \"human\"", "\"human:alice\"");
    }

    @Test
    void a_mistyped_answer_is_asked_again_and_recorded_as_an_invalid_answer() throws IOException {
        ExampleRun run = play("alice", "x\nc\n" + "c\nc\nc\n");

        assertThat(run.out()).contains("please type p (pump) or c (cash out)");
        List<BalloonResult> journal = ResultFiles.readJournal(tmp.resolve("alice/journal.jsonl"));
        assertThat(journal).hasSize(4);
        assertThat(journal.get(0).invalidResponses()).containsExactly("x");
        assertThat(journal.get(0).responses()).containsExactly("c");
        assertThat(journal.get(0).isError()).isFalse();
        assertThat(Files.readAllLines(tmp.resolve("alice/BART_combined.csv")).get(1)).contains(",x,");
    }

    @Test
    void the_burst_line_says_at_which_pump_and_what_was_lost() {
        int t = thresholds.get(0);

        ExampleRun run = play("alice", "p\n".repeat(t) + "c\nc\nc\n");

        assertThat(run.out()).contains(String.format("POP! The balloon burst at pump %d: lost $%.2f.", t,
                (t - 1) * 0.10));
    }

    @Test
    void keys_typed_during_the_burst_message_do_not_decide_the_next_balloon() throws IOException {
        int t = thresholds.get(0);
        assertThat(thresholds.get(1)).as("balloon 2 survives one pump").isGreaterThan(1);
        String[] typed = new String[t + 4];
        for (int i = 0; i < t - 1; i++) {
            typed[i] = "p\n";
        }
        typed[t - 1] = "p\nc\n"; // the bursting pump, and a `c` typed ahead while the burst is shown
        typed[t] = "p\n"; // balloon 2, typed after it appears: one pump, then cash out
        typed[t + 1] = "c\n";
        typed[t + 2] = "c\n"; // balloon 3
        typed[t + 3] = "c\n"; // balloon 4

        ExampleRun run = ExampleRun.atTerminal(new HumanExample(), new Keyboard(typed), "--participant", "alice",
                "--balloons", "4", "--out", tmp.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("(ignored 1 line typed before this balloon appeared)");
        List<BalloonResult> journal = ResultFiles.readJournal(tmp.resolve("alice/journal.jsonl"));
        assertThat(journal).hasSize(4);
        assertThat(journal.get(0).burst()).isTrue();
        assertThat(journal.get(1).pumps()).isEqualTo(1);
        assertThat(journal.get(1).responses()).containsExactly("p", "c");
    }

    @Test
    void each_participant_has_their_own_balloons_and_only_they_resume() throws IOException {
        ExampleRun alice = play("alice", twoPumpsThenCashOut(0) + twoPumpsThenCashOut(1) + "p\n"); // leaves in 3

        assertThat(alice.exitCode()).isZero();
        assertThat(alice.out()).contains("You played 2 of 4 balloons", "--participant alice");

        ExampleRun bob = play("bob", twoPumpsThenCashOut(0));

        assertThat(bob.out()).contains("Balloon 1 of 4").doesNotContain("already played");
        assertThat(ResultFiles.readJournal(tmp.resolve("bob/journal.jsonl"))).extracting(BalloonResult::participant)
                .containsExactly("human:bob");

        ExampleRun aliceAgain = play("alice", twoPumpsThenCashOut(2) + twoPumpsThenCashOut(3));

        assertThat(aliceAgain.exitCode()).as(aliceAgain.err()).isZero();
        assertThat(aliceAgain.out()).contains("2 of 4 balloons already played", "Balloon 3 of 4")
                .doesNotContain("Balloon 1 of 4").contains("You played 4 of 4 balloons");
        assertThat(ResultFiles.readJournal(tmp.resolve("alice/journal.jsonl"))).extracting(r -> r.balloon().id())
                .containsExactly(1, 2, 3, 4);
        assertThat(Files.readAllLines(tmp.resolve("alice/BART_combined.csv"))).hasSize(5);
    }

    @Test
    void without_participant_the_id_is_asked_for_until_valid() {
        ExampleRun run = ExampleRun.of(new HumanExample(), Map.of(), "not valid!\ncarol_01\nc\nc\nc\nc\n",
                "--balloons", "4", "--out", tmp.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Participant ID", "'not valid!' is not a valid ID");
        assertThat(tmp.resolve("carol_01/journal.jsonl")).isNotEmptyFile();
    }

    @Test
    void no_id_at_all_is_exit_2() {
        ExampleRun run = ExampleRun.of(new HumanExample(), Map.of(), "", "--out", tmp.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("human: no participant ID given (end of input); use"
                + " --participant ID");
    }

    @Test
    void an_invalid_participant_option_is_exit_2_with_the_rule() {
        ExampleRun run = ExampleRun.of(new HumanExample(), Map.of(), "", "--participant", "../etc", "--out",
                tmp.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("human: --participant '../etc' must be 1 to 64 letters,"
                + " digits, _ or -");
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void other_balloons_in_the_same_directory_are_refused_with_exit_2() {
        play("alice", "c\nc\nc\nc\n");

        ExampleRun other = ExampleRun.of(new HumanExample(), Map.of(), "", "--participant", "alice", "--seed", "7",
                "--balloons", "4", "--out", tmp.toString());

        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err().lines()).hasSize(1).first().asString().contains("key 'seed' was 42, now 7");
    }

    @Test
    void an_unknown_option_is_refused_with_exit_2() {
        ExampleRun run = ExampleRun.of(new HumanExample(), Map.of(), "", "--colour", "red");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown option --colour");
    }
}
