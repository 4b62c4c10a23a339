package io.github.bart4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bart4j.core.Answer;
import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ResultFileException;
import io.github.bart4j.core.ResultFiles;
import io.github.bart4j.core.TokenUsage;
import io.github.bart4j.core.Turn;
import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.Participant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal long enough to be sorted in two parts at once gives the same stable order as one read
 * whole: participant and persona in config order, epoch, balloon id, a balloon recorded twice (once
 * in each half) as its last record; a bad line in the second half is named by its line in the journal.
 */
class SortedJournalTest {

    @TempDir
    Path tmp;

    private static Participant named(String name) {
        return new Participant() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public BalloonSession open(BalloonContext context) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static final int BALLOONS = 1_500;
    private static final List<Experiment.Arm> ARMS = List.of(new Experiment.Arm(named("b-model"), ""),
            new Experiment.Arm(named("a-model"), "calm"), new Experiment.Arm(named("a-model"), ""));

    private static BalloonResult result(Experiment.Arm arm, int epoch, int id, String note, boolean error) {
        Balloon b = new Balloon(id, "", 1, 64, 1 + id % 64, 0.1);
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < 12; i++) { // long lines: the journal passes the size from which it is split
            turns.add(new Turn(new Answer.Choice(Decision.PUMP, "Pump " + note, "thinking about pump " + i,
                    new TokenUsage(100 + i, 1, null)), i));
        }
        return new BalloonResult(arm.participant().name(), arm.persona(), epoch, b, 12, false, 2.0, turns,
                error ? BalloonResult.Status.ERROR : BalloonResult.Status.OK, error ? "HTTP 500" : null);
    }

    @Test
    void a_journal_sorted_in_two_parts_reads_in_the_stable_order_with_each_balloons_last_record()
            throws IOException {
        SplittableRandom random = new SplittableRandom(8);
        List<BalloonResult> played = new ArrayList<>();
        List<BalloonResult> expected = new ArrayList<>();
        for (Experiment.Arm arm : ARMS) {
            for (int epoch = 1; epoch <= 2; epoch++) {
                for (int id = 1; id <= BALLOONS; id++) {
                    BalloonResult last = result(arm, epoch, id, "", false);
                    if (random.nextInt(50) == 0) { // errored first (early in the journal), asked again later
                        played.add(0, result(arm, epoch, id, "first", true));
                    }
                    played.add(last);
                    expected.add(last);
                }
            }
        }
        java.util.Collections.shuffle(played.subList(played.size() / 10, played.size()), new java.util.Random(3));
        StringBuilder text = new StringBuilder();
        for (BalloonResult r : played) {
            text.append(ResultFiles.journalLine(r));
        }
        text.append("{\"model\":\"a-mo"); // torn by a crash: ignored
        Path journal = Files.writeString(tmp.resolve("journal.jsonl"), text);
        assertThat(Files.size(journal)).isGreaterThan(SortedJournal.SPLIT_FROM);

        List<BalloonResult> read = new ArrayList<>();
        try (SortedJournal sorted = SortedJournal.sort(journal, ARMS, 2, BALLOONS)) {
            sorted.forEach(read::add);
            assertThat(sorted.records()).isEqualTo(played.size());
        }
        assertThat(read).hasSize(expected.size());
        assertThat(read).isEqualTo(expected); // arms in config order, then epoch, then id: the order built above
        assertThat(read).isSortedAccordingTo(Comparator.comparingInt((BalloonResult r) -> ARMS.indexOf(ARMS.stream()
                .filter(a -> a.participant().name().equals(r.participant()) && a.persona().equals(r.persona()))
                .findFirst().orElseThrow())).thenComparingInt(BalloonResult::epoch)
                .thenComparingInt(r -> r.balloon().id()));
    }

    @Test
    void a_bad_line_in_the_second_half_is_named_by_its_line_in_the_journal() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int id = 1; id <= BALLOONS; id++) {
            for (Experiment.Arm arm : ARMS) {
                lines.add(ResultFiles.journalLine(result(arm, 1, id, "", false)).stripTrailing());
            }
        }
        int bad = lines.size() * 3 / 4;
        lines.add(bad, "{\"model\": oops");
        Path journal = Files.write(tmp.resolve("journal.jsonl"), lines, StandardCharsets.UTF_8);
        assertThat(Files.size(journal)).isGreaterThan(SortedJournal.SPLIT_FROM);

        assertThatThrownBy(() -> SortedJournal.sort(journal, ARMS, 1, BALLOONS).close())
                .isInstanceOf(ResultFileException.class)
                .hasMessageStartingWith(journal + " line " + (bad + 1) + ": not a JSON object");
    }
}
