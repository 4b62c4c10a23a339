package io.github.bart4j.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.core.Answer;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.DecisionParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The robust parser on the real answers of the seed runs, against labels written by hand
 * ({@code parser/seed-labels.tsv}) and hand-written answers in the style of current models
 * ({@code parser/extra-labels.tsv}).
 */
class SeedAnswersTest {

    private static final DecisionParser ROBUST = DecisionParser.robust();
    private static final DecisionParser SEED = DecisionParser.seedCompatible();

    /** A labelled answer; {@code expected} is null for INVALID. */
    record Label(String source, int line, Decision expected, String answer) {
        @Override
        public String toString() {
            String shown = answer.replace("\n", "\\n");
            return source + ":" + line + " " + (expected == null ? "INVALID" : expected) + " <- "
                    + (shown.length() > 70 ? shown.substring(0, 67) + "..." : shown);
        }
    }

    static List<Label> labels(String resource) {
        List<Label> out = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(SeedAnswersTest.class.getResourceAsStream("/parser/" + resource),
                resource);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                String label = line.substring(0, tab);
                Decision expected = switch (label) {
                    case "PUMP" -> Decision.PUMP;
                    case "CASH_OUT" -> Decision.CASH_OUT;
                    case "INVALID" -> null;
                    default -> throw new IllegalArgumentException(resource + ":" + number
                            + ": label must be PUMP, CASH_OUT or INVALID, but is: " + label);
                };
                out.add(new Label(resource, number, expected, unescape(line.substring(tab + 1))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                b.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '\\' -> '\\';
                    default -> throw new IllegalArgumentException("unknown escape \\" + e + " in: " + s);
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static Stream<Arguments> allLabels() {
        return Stream.concat(labels("seed-labels.tsv").stream(), labels("extra-labels.tsv").stream())
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("allLabels")
    void robust_parser_agrees_with_the_hand_label(Label label) {
        Answer parsed = ROBUST.parse(label.answer());

        assertThat(Parsed.decision(parsed)).as("%s (reason: %s)", label, Parsed.reason(parsed))
                .isEqualTo(label.expected());
    }

    /** Every distinct raw answer of the seed runs, in order of first appearance. */
    static Set<String> distinctSeedAnswers() {
        Set<String> answers = new LinkedHashSet<>();
        for (SeedRuns.Row row : SeedRuns.rows()) {
            if (!row.errored()) {
                answers.addAll(row.answers());
            }
        }
        return answers;
    }

    /** The answer's only content when it is one decision word on its first non-empty line, else null. */
    private static Decision singleWordFirstLine(String answer) {
        String first = answer.strip().lines().findFirst().orElse("");
        String bare = first.toLowerCase(Locale.ROOT).replaceAll("[-_]", " ").replaceAll("[^a-z ]", "")
                .replaceAll(" +", " ").strip();
        return switch (bare) {
            case "pump", "inflate" -> Decision.PUMP;
            case "cash out", "cashout", "collect", "bank", "stop" -> Decision.CASH_OUT;
            default -> null;
        };
    }

    @Test
    void the_labels_cover_every_seed_answer_that_is_more_than_one_word() {
        Set<String> labelled = new LinkedHashSet<>();
        labels("seed-labels.tsv").forEach(l -> labelled.add(l.answer()));

        List<String> unlabelled = distinctSeedAnswers().stream()
                .filter(a -> !a.strip().matches("(?i)[\\p{Punct}\\s]*(pump|cash out)[\\p{Punct}\\s]*"))
                .filter(a -> !labelled.contains(a))
                .toList();

        assertThat(unlabelled).isEmpty();
        assertThat(labelled).hasSize(57);
    }

    @Test
    void an_answer_whose_first_line_is_one_decision_word_parses_to_it() {
        Map<String, Decision> checked = new LinkedHashMap<>();
        for (String answer : distinctSeedAnswers()) {
            Decision word = singleWordFirstLine(answer);
            if (word != null) {
                checked.put(answer, word);
            }
        }
        for (Label label : labels("extra-labels.tsv")) {
            Decision word = singleWordFirstLine(label.answer());
            if (word != null) {
                checked.put(label.answer(), word);
            }
        }

        assertThat(checked).hasSizeGreaterThan(55);
        checked.forEach((answer, word) -> assertThat(Parsed.decision(ROBUST.parse(answer))).as(answer).isEqualTo(word));
    }

    @Test
    void robust_parser_differs_from_the_seed_only_where_the_seed_read_an_echoed_cash_out() {
        int answers = 0;
        int differing = 0;
        Set<String> distinctDiffering = new LinkedHashSet<>();
        for (SeedRuns.Row row : SeedRuns.rows()) {
            if (!row.aligned()) {
                continue;
            }
            for (int i = 0; i < row.answers().size(); i++) {
                String answer = row.answers().get(i);
                Decision recorded = Decision.fromLabel(row.choices().get(i));
                Decision robust = Parsed.decision(ROBUST.parse(answer));
                answers++;
                if (robust != recorded) {
                    differing++;
                    distinctDiffering.add(answer);
                    assertThat(recorded).as(answer).isEqualTo(Decision.CASH_OUT);
                    assertThat(robust).as(answer).isEqualTo(Decision.PUMP);
                    assertThat(answer.toLowerCase(Locale.ROOT)).as("why the seed read cash out").contains("cash");
                    assertThat(Parsed.decision(SEED.parse(answer))).isEqualTo(Decision.CASH_OUT);
                }
            }
        }

        assertThat(answers).isEqualTo(EXPECTED_ANSWERS);
        assertThat(differing).isEqualTo(EXPECTED_DIFFERING);
        assertThat(distinctDiffering).hasSize(EXPECTED_DISTINCT_DIFFERING);
    }

    /** Raw answers in the aligned rows of both seed runs. */
    static final int EXPECTED_ANSWERS = 9437;
    /**
     * Answers that open with "Pump" and then echo the prompt or play on ("... 'Pump' or 'Cash Out'?");
     * the seed's rule read any "cash" as a cash-out, the robust parser takes the first decision.
     */
    static final int EXPECTED_DIFFERING = 44;
    static final int EXPECTED_DISTINCT_DIFFERING = 40;
}
