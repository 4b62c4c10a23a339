package io.github.bart4j.core.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bart4j.core.Answer;
import io.github.bart4j.core.PumpCountParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PumpCountParserTest {

    private static final PumpCountParser PARSER = PumpCountParser.standard();

    private static String reasonFor(String answer) {
        Answer parsed = PARSER.parse(answer);
        assertThat(parsed.isValid()).as("'%s' is invalid, but read %s", answer, Parsed.pumps(parsed)).isFalse();
        return Parsed.reason(parsed);
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            12                                              | 12
            0                                               | 0
            I will pump 12 times.                           | 12
            **7**                                           | 7
            # 15                                            | 15
            Pumps: 10                                       | 10
            twelve                                          | 12
            I'll pump Seven times.                          | 7
            Twenty                                          | 20
            zero                                            | 0
            12. I will pump 12 times.                       | 12
            10 (ten)                                        | 10
            I'll go for 8 pumps, one at a time.             | 8
            I will pump 9 times to earn $0.90.              | 9
            Balloon #3: 6 pumps                             | 6
            6 pumps, about a 30% chance of bursting         | 6
            As o1, I choose 5                               | 5
            Pump 4 times, then cash out with 0.40 dollars   | 4
            10 pumps is the expected-value optimum for this one | 10
            """)
    void reads_the_one_number_stated(String answer, int pumps) {
        assertThat(PARSER.parse(answer)).isEqualTo(Answer.pumpCount(pumps, answer));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"pumps\": 9}", "{\"pumps\":9}", "{'pumps': 9}", "```json\n{\"pumps\": 9}\n```",
            "{\"reasoning\": \"between 5 and 12 is reasonable\", \"pumps\": 9}", "{\"PUMPS\": 9}",
            "{\"pump_count\": 9}", "{\"number_of_pumps\": 9}", "{\"pumps\": \"9\"}", "{\"pumps\": \"nine\"}"})
    void reads_the_pumps_field_of_json(String answer) {
        assertThat(PARSER.parse(answer)).isEqualTo(Answer.pumpCount(9, answer));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"pumps\": 9.5}", "{\"pumps\": null}", "{\"pumps\": true}", "{\"pumps\": [9]}"})
    void rejects_a_pumps_field_that_is_not_a_whole_number(String answer) {
        assertThat(reasonFor(answer)).startsWith("JSON field 'pumps' is ");
    }

    @Test
    void rejects_a_negative_pumps_field() {
        assertThat(reasonFor("{\"pumps\": -2}")).isEqualTo("negative number of pumps: -2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5 or 6", "five or six", "I'd say 8, maybe 10.", "Between 1-20, I pick 10",
            "12 (or eleven)"})
    void rejects_two_different_numbers(String answer) {
        assertThat(reasonFor(answer)).startsWith("several different numbers: ");
    }

    @Test
    void names_the_different_numbers_in_order() {
        assertThat(reasonFor("5 or 6")).isEqualTo("several different numbers: 5, 6");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Pump", "I will pump a few times.", "As many as possible!", "$0.50", "#4",
            "about 40%", "[control_390]", "the 3rd balloon", "one more"})
    void rejects_an_answer_without_a_count(String answer) {
        assertThat(reasonFor(answer)).isEqualTo("no number of pumps");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-3", "I will pump -3 times", "\u22125"})
    void rejects_a_negative_number(String answer) {
        assertThat(reasonFor(answer)).startsWith("negative number of pumps: -");
    }

    @Test
    void rejects_a_decimal_count() {
        assertThat(reasonFor("7.5 pumps")).isEqualTo("not a whole number: 7.5");
    }

    @Test
    void rejects_a_number_beyond_int() {
        assertThat(reasonFor("99999999999")).isEqualTo("number too large: 99999999999");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\n"})
    void rejects_an_empty_answer(String answer) {
        assertThat(reasonFor(answer)).isEqualTo("empty answer");
    }

    @Test
    void a_count_is_a_pump_count_answer_and_never_negative() {
        assertThat(PARSER.parse("3")).isInstanceOf(Answer.PumpCount.class);
        assertThat(PARSER.parse("x")).isInstanceOf(Answer.Invalid.class);
        assertThatThrownBy(() -> Answer.pumpCount(-1, "-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pumps must be >= 0, but is: -1");
    }
}
