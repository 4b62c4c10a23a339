package io.github.bart4j.core.parse;

import io.github.bart4j.core.Answer;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.core.Decision;
import io.github.bart4j.core.DecisionParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SeedDecisionParserTest {

    private final DecisionParser parser = DecisionParser.seedCompatible();

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Pump                                   | PUMP
            PUMP!                                  | PUMP
            I will not pump.                       | PUMP
            pumping                                | PUMP
            Cash Out                               | CASH_OUT
            CASHOUT                                | CASH_OUT
            Pump or Cash Out?                      | CASH_OUT
            Pump, then the prompt: 'Cash Out'      | CASH_OUT
            I will not cash out                    | CASH_OUT
            """)
    void applies_the_seed_rule_character_for_character(String answer, Decision expected) {
        assertThat(Parsed.decision(parser.parse(answer))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Inflate", "Stop", "cash", "cash-out", "cash_out", "Collect", "I pump the cash"})
    void reads_anything_outside_its_rule_as_invalid(String answer) {
        assertThat(parser.parse(answer).isValid()).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n\t"})
    void reads_an_empty_answer_as_invalid(String answer) {
        assertThat(Parsed.reason(parser.parse(answer))).isEqualTo("empty answer");
    }

    @Test
    void reproduces_every_recorded_choice_of_the_seed_runs() {
        List<SeedRuns.Row> rows = SeedRuns.rows();
        List<String> mismatches = new ArrayList<>();
        int checkedAnswers = 0;
        int alignedRows = 0;
        int answeredRows = 0;
        for (SeedRuns.Row row : rows) {
            if (row.errored()) {
                continue;
            }
            answeredRows++;
            if (!row.aligned()) {
                continue;
            }
            alignedRows++;
            for (int i = 0; i < row.answers().size(); i++) {
                Answer parsed = parser.parse(row.answers().get(i));
                String expected = row.choices().get(i);
                checkedAnswers++;
                if (!parsed.isValid() || !Parsed.decision(parsed).label().equals(expected)) {
                    mismatches.add(row.model() + " balloon " + row.balloonId() + " answer " + (i + 1) + ": " + parsed);
                }
            }
        }

        assertThat(mismatches).isEmpty();
        assertThat(alignedRows).as("rows whose answers pair with their choices").isGreaterThanOrEqualTo(
                (int) Math.ceil(answeredRows * 0.98));
        assertThat(checkedAnswers).isGreaterThan(9_000);
    }

    @Test
    void errored_seed_balloons_have_no_recorded_choice() {
        assertThat(SeedRuns.rows()).filteredOn(SeedRuns.Row::errored)
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.choices()).isEmpty());
    }
}
