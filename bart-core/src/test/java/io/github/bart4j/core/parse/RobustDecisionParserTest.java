package io.github.bart4j.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.core.Answer;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.DecisionParser;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RobustDecisionParserTest {

    private static final DecisionParser PARSER = DecisionParser.robust();

    private static Decision decisionOf(String answer) {
        Answer parsed = PARSER.parse(answer);
        assertThat(parsed.isValid()).as("'%s' is valid, reason: %s", answer, Parsed.reason(parsed)).isTrue();
        return Parsed.decision(parsed);
    }

    private static String reasonFor(String answer) {
        Answer parsed = PARSER.parse(answer);
        assertThat(parsed.isValid()).as("'%s' is invalid, but read %s", answer, Parsed.decision(parsed)).isFalse();
        return Parsed.reason(parsed);
    }

    @Nested
    class Plain_answers {

        @ParameterizedTest
        @ValueSource(strings = {"Pump", "pump", "PUMP", "Pump.", "PUMP!", "  pump  ", "\n\nPump\n", "Pump!!!",
                "Pump again.", "Pump it.", "Pump once more", "Decision: Pump", "Answer: pump", "I choose to pump.",
                "I choose pump", "I'll pump.", "I will pump again.", "Let's pump!", "I pump.", "I'm going to pump.",
                "My decision is to pump.", "My final answer: Pump", "I'll keep pumping.", "Continue pumping.",
                "I'd like to pump one more time.", "Okay, pump.", "Pump — the risk is still low.", "I pick Pump.",
                "Pump it up!", "Tough call, but I'll pump.", "I'll go with Pump.", "Pump (again)", "Pumping."})
        void read_as_pump(String answer) {
            assertThat(decisionOf(answer)).isEqualTo(Decision.PUMP);
        }

        @ParameterizedTest
        @ValueSource(strings = {"Cash Out", "cash out", "CASH OUT", "Cash Out.", "CASH OUT!", "Cashout", "cash-out",
                "Cash out now.", "I'll cash out now", "I will cash out.", "I choose to cash out.",
                "Decision: Cash Out", "Let's cash out and keep the $0.40.", "I'm cashing out.",
                "The risk is getting high, so I'll cash out.", "Time to cash out.", "I'd rather cash out than pump.",
                "The safest option is to cash out.", "I'm going to play it safe and cash out.", "Final Answer: Cash Out",
                "Because of the risk, I cash out.", "Cashing out now."})
        void read_as_cash_out(String answer) {
            assertThat(decisionOf(answer)).isEqualTo(Decision.CASH_OUT);
        }
    }

    @Nested
    class Markdown_and_quotes {

        @ParameterizedTest
        @ValueSource(strings = {"**Pump**", "*Pump*", "__Pump__", "# Pump", "## Decision\n\n**Pump**", "`Pump`",
                "```\nPump\n```", "> Pump", "'Pump'", "\"Pump\"", "\u201cPump\u201d", "\u2018Pump\u2019",
                "**Decision:** Pump", "I choose **'Pump'**.", "- Pump"})
        void around_pump_are_ignored(String answer) {
            assertThat(decisionOf(answer)).isEqualTo(Decision.PUMP);
        }

        @ParameterizedTest
        @ValueSource(strings = {"**Cash Out**", "# Cash Out", "`cash_out`", "\"Cash Out\"", "'Cash Out'",
                "***CASH OUT***", "**Decision**: *Cash Out*"})
        void around_cash_out_are_ignored(String answer) {
            assertThat(decisionOf(answer)).isEqualTo(Decision.CASH_OUT);
        }
    }

    @Nested
    class Synonyms {

        @ParameterizedTest
        @ValueSource(strings = {"Inflate", "Inflate the balloon.", "I'll inflate it again.", "I choose to inflate."})
        void inflate_means_pump(String answer) {
            assertThat(decisionOf(answer)).isEqualTo(Decision.PUMP);
        }

        @ParameterizedTest
        @ValueSource(strings = {"Collect", "Collect my earnings.", "Bank", "Bank it.", "I'll bank the $0.40.",
                "Stop", "Stop.", "I'll stop here.", "Stop pumping.", "I will stop pumping now.", "cash_out",
                "CASH-OUT", "I'd like to collect."})
        void collect_bank_and_stop_mean_cash_out(String answer) {
            assertThat(decisionOf(answer)).isEqualTo(Decision.CASH_OUT);
        }
    }

    @Nested
    class Negation {

        @ParameterizedTest
        @ValueSource(strings = {"I will not pump.", "I won't pump again.", "Don't pump.", "Do not pump",
                "I won't inflate.", "I'm not going to pump anymore.", "I choose not to pump.",
                "I don't want to pump any more.", "No more pumping.", "I'd rather not pump this balloon."})
        void of_pump_is_cash_out_when_the_answer_plainly_stops(String answer) {
            assertThat(decisionOf(answer)).isEqualTo(Decision.CASH_OUT);
        }

        @ParameterizedTest
        @ValueSource(strings = {"I will not cash out.", "I won't cash out yet.", "Don't cash out.",
                "I'm not cashing out now.", "I won't stop."})
        void of_cash_out_is_pump(String answer) {
            assertThat(decisionOf(answer)).isEqualTo(Decision.PUMP);
        }

        @ParameterizedTest
        @ValueSource(strings = {"I don't want to pump too much.", "I won't pump more than ten times in total.",
                "I would not pump if the balloon were bigger."})
        void that_does_not_plainly_stop_decides_nothing(String answer) {
            assertThat(reasonFor(answer)).isNotBlank();
        }

        @Test
        void followed_by_a_stated_decision_lets_that_decision_win() {
            assertThat(decisionOf("I don't want to pump too much, so I will pump once more.")).isEqualTo(Decision.PUMP);
        }
    }

    @Nested
    class Run_on_answers {

        @Test
        void an_echoed_prompt_after_the_answer_is_ignored() {
            assertThat(decisionOf("Pump\nThe balloon did NOT burst. Current balloon earnings: $0.30.\n"
                    + "Do you choose to 'Pump' again or 'Cash Out'?\nRespond ONLY with 'Pump' or 'Cash Out'."))
                    .isEqualTo(Decision.PUMP);
        }

        @Test
        void imagined_later_turns_are_ignored() {
            assertThat(decisionOf("Pump\nThe balloon did NOT burst.\nPump\nThe balloon did NOT burst.\nCash Out"))
                    .isEqualTo(Decision.PUMP);
        }

        @Test
        void an_explanation_after_the_answer_is_ignored() {
            assertThat(decisionOf("Cash Out\n\nPumping again would risk the $0.40, and I might pump too far."))
                    .isEqualTo(Decision.CASH_OUT);
        }

        @Test
        void reasoning_before_the_answer_is_read_until_the_first_decision() {
            assertThat(decisionOf("The balloon has been pumped 6 times. Pumping is getting risky, and if I pump "
                    + "again it may burst. I'll cash out.\n\n**Cash Out**")).isEqualTo(Decision.CASH_OUT);
        }

        @Test
        void the_first_of_two_contradicting_decisions_wins() {
            assertThat(decisionOf("Pump. Actually, no: cash out.")).isEqualTo(Decision.PUMP);
        }

        @Test
        void a_question_before_the_answer_is_skipped() {
            assertThat(decisionOf("Pump or cash out? I'll pump.")).isEqualTo(Decision.PUMP);
        }

        @Test
        void descriptions_and_third_parties_do_not_decide() {
            assertThat(decisionOf("The AI will continue pumping until it decides to cash out. Rather than cash out "
                    + "early, I will pump.")).isEqualTo(Decision.PUMP);
        }

        @Test
        void a_hypothetical_does_not_decide() {
            assertThat(decisionOf("If this were a real game, I'd cash out. For now: Pump")).isEqualTo(Decision.PUMP);
        }

        @Test
        void reasoning_in_think_tags_is_skipped() {
            assertThat(decisionOf("<think>I could pump again, I'll pump... no.</think>\n\nCash Out"))
                    .isEqualTo(Decision.CASH_OUT);
        }

        @Test
        void a_decision_word_used_as_a_label_does_not_decide() {
            assertThat(decisionOf("Expected value of pumping: $0.42. Cash out: $0.40. So I'll pump."))
                    .isEqualTo(Decision.PUMP);
        }

        @Test
        void the_later_step_of_a_plan_does_not_decide() {
            assertThat(reasonFor("My plan: pump until $0.50, then cash out."))
                    .isEqualTo("pump/cash out mentioned but no decision stated");
        }

        @Test
        void a_free_standing_dash_ends_the_clause() {
            assertThat(decisionOf("CASH OUT - secure the money")).isEqualTo(Decision.CASH_OUT);
        }

        @Test
        void special_tokens_glued_to_the_answer_are_ignored() {
            assertThat(decisionOf("Pump<|end_header_id|>\n\nThe balloon did NOT burst.")).isEqualTo(Decision.PUMP);
        }
    }

    @Nested
    class Json {

        @ParameterizedTest
        @ValueSource(strings = {"{\"decision\": \"pump\"}", "{\"decision\":\"PUMP\"}", "{'decision': 'pump'}",
                "```json\n{\"decision\": \"pump\"}\n```", "{\"reasoning\": \"Cash out is safer.\", \"decision\": \"pump\"}",
                "{\"Decision\": \"Pump\"}", "{\"action\": \"inflate\"}", "Here is my answer: {\"decision\": \"pump\"}",
                "{\"answer\": \"I will pump again.\"}", "{\"decision\": \"**Pump**\"}"})
        void reads_the_decision_field_as_pump(String answer) {
            assertThat(decisionOf(answer)).isEqualTo(Decision.PUMP);
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"decision\":\"cash_out\"}", "{\"decision\": \"Cash Out\"}",
                "{\"decision\": \"cashout\"}", "{\"decision\": \"cash-out\"}", "{\"choice\": \"CASH_OUT\"}"})
        void reads_the_decision_field_as_cash_out(String answer) {
            assertThat(decisionOf(answer)).isEqualTo(Decision.CASH_OUT);
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"decision\": \"maybe\"}", "{\"decision\": \"pump or cash_out\"}",
                "{\"decision\": null}", "{\"decision\": 3}", "{\"decision\": \"\"}"})
        void rejects_a_decision_field_that_is_not_exactly_one_decision(String answer) {
            assertThat(reasonFor(answer)).startsWith("JSON field 'decision' is ").endsWith("expected pump or cash_out");
        }

        @Test
        void falls_back_to_the_text_when_the_json_is_broken() {
            assertThat(decisionOf("{\"decision\": \"pump\"")).isEqualTo(Decision.PUMP);
        }
    }

    @Nested
    class Invalid_answers {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {" ", "\n\n", "\t"})
        void empty_answers_are_invalid(String answer) {
            assertThat(reasonFor(answer)).isEqualTo("empty answer");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Pump/Cash Out", "Pump | Cash Out", "Pump or Cash Out.", "'Pump' or 'Cash Out'",
                "Respond ONLY with 'Pump' or 'Cash Out'.", "I could either pump or cash out.",
                "Pump vs. cash out", "Pump and Cash Out"})
        void both_options_offered_are_invalid(String answer) {
            assertThat(reasonFor(answer)).isEqualTo("both options offered, no choice made");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Pump or Cash Out?", "Should I pump?", "Do you choose to 'Pump' again or 'Cash Out'?"})
        void questions_are_invalid(String answer) {
            assertThat(reasonFor(answer)).isEqualTo("decision words only in a question");
        }

        @ParameterizedTest
        @ValueSource(strings = {"I cannot decide.", "I'm sorry, but I can't take part in gambling games.", "Maybe.",
                "Yes", "42", "As an AI, I don't have preferences."})
        void answers_without_a_decision_word_are_invalid(String answer) {
            assertThat(reasonFor(answer)).isEqualTo("no decision word (pump or cash out)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"I can't choose whether to pump.", "Pumping is risky.", "The balloon was pumped 5 times.",
                "It depends on whether pumping is worth it.", "I will pump if the earnings stay low.",
                "I could cash out."})
        void mentions_without_a_decision_are_invalid(String answer) {
            assertThat(reasonFor(answer)).isEqualTo("pump/cash out mentioned but no decision stated");
        }
    }

    @Test
    void reads_a_long_answer_without_a_decision_in_reasonable_work() {
        String answer = "the balloon, ".repeat(20_000) + "or " + "pump or cash out ".repeat(5_000);

        assertThat(PARSER.parse(answer).isValid()).isFalse();
    }

    @Nested
    class The_plain_answer_shortcut {

        /** Every spelling of {@code word} in upper and lower case (ASCII), e.g. "pUmP". */
        private java.util.List<String> caseVariants(String word) {
            java.util.List<String> out = new java.util.ArrayList<>();
            for (int mask = 0; mask < 1 << word.length(); mask++) {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < word.length(); i++) {
                    char c = word.charAt(i);
                    b.append((mask & 1 << i) != 0 ? Character.toUpperCase(c) : c);
                }
                out.add(b.toString());
            }
            return out;
        }

        @Test
        void pump_and_cash_out_in_any_case_decide_and_keep_the_raw_answer() {
            for (String answer : caseVariants("pump")) {
                Answer parsed = PARSER.parse(answer);
                assertThat(Parsed.decision(parsed)).as(answer).isEqualTo(Decision.PUMP);
                assertThat(parsed.raw()).isEqualTo(answer);
                assertThat(parsed.reasoning()).isNull();
            }
            for (String answer : caseVariants("cash out")) {
                Answer parsed = PARSER.parse(answer);
                assertThat(Parsed.decision(parsed)).as(answer).isEqualTo(Decision.CASH_OUT);
                assertThat(parsed.raw()).isEqualTo(answer);
            }
        }

        @Test
        void look_alike_letters_are_read_by_the_rules_not_taken_for_ascii() {
            // equalsIgnoreCase takes the long s (U+017F) for an s; the rules do not
            assertThat(reasonFor("ca\u017fh out")).isEqualTo("no decision word (pump or cash out)");
            assertThat(reasonFor("\u017fTOP")).isEqualTo("no decision word (pump or cash out)");
            assertThat(decisionOf("Cash  Out")).isEqualTo(Decision.CASH_OUT);
            assertThat(decisionOf(" Pump")).isEqualTo(Decision.PUMP);
            assertThat(reasonFor("Pump or Cash Out")).isEqualTo("both options offered, no choice made");
        }
    }
}
