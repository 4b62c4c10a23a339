package io.github.bart4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.ParticipantException;
import io.github.bart4j.core.Task;
import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonState;
import io.github.bart4j.core.spi.Participant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LlmParticipantTest {

    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

    private LlmParticipant.Builder options(ChatModel model, String name) {
        return LlmParticipant.builder().chatModel(model).name(name).sleeper(waits::add);
    }

    private static RetryPolicy retries(int n) {
        return RetryPolicy.builder().maxRetries(n).build();
    }

    private static Balloon balloon(int id, int threshold) {
        return new Balloon(id, "", 1, 20, threshold, 0.10);
    }

    private static List<String> texts(ChatRequest r) {
        return r.messages().stream().map(FakeChatModel::textOf).toList();
    }

    /** Plays a series of balloons in order, passing history as the runner does for sequential participants. */
    private static List<BalloonResult> series(Participant p, List<Integer> thresholds) {
        List<BalloonResult> history = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < thresholds.size(); i++) {
            Balloon b = balloon(i + 1, thresholds.get(i));
            BalloonContext c = Task.contextFor(b, 1, "", total, thresholds.size(),
                    p.sequentialBalloons() ? history : List.of());
            BalloonResult r = Task.classic().play(p, b, c);
            history.add(r);
            total += r.earnings();
        }
        return history;
    }

    @Test
    void per_balloon_conversation_appends_each_valid_answer_and_the_next_turn() {
        FakeChatModel model = FakeChatModel.replying("Pump", "  Pump  ", "Cash Out");
        Participant p = options(model, "m").build();

        BalloonResult r = Task.classic().play(p, balloon(3, 10));

        assertThat(r.pumps()).isEqualTo(2);
        assertThat(r.earnings()).isEqualTo(0.2);
        assertThat(model.requests()).hasSize(3);
        assertThat(texts(model.requests().get(0))).containsExactly(BartPromptsTest.SEED_SYSTEM,
                BartPromptsTest.SEED_FIRST);
        assertThat(texts(model.requests().get(2))).hasSize(6).endsWith("Pump", BartPromptsTest.SEED_AFTER_2);
        assertThat(model.requests().get(2).messages().get(2)).isInstanceOf(AiMessage.class);
    }

    @Test
    void an_invalid_answer_is_not_appended_and_the_same_conversation_is_sent_again() {
        FakeChatModel model = FakeChatModel.replying("Pump", "banana", "Pump", "Cash Out");
        Participant p = options(model, "m").build();

        BalloonResult r = Task.classic().play(p, balloon(1, 10));

        assertThat(r.pumps()).isEqualTo(2);
        assertThat(r.invalidResponses()).containsExactly("banana");
        assertThat(model.requests().get(2).messages()).isEqualTo(model.requests().get(1).messages());
        assertThat(texts(model.requests().get(3))).doesNotContain("banana");
    }

    @Test
    void across_balloons_keeps_earlier_balloons_and_their_outcomes_in_context() {
        FakeChatModel model = FakeChatModel.policy("fixed:2");
        Participant p = options(model, "m").conversationMode(ConversationMode.ACROSS_BALLOONS).build();

        List<BalloonResult> results = series(p, List.of(10, 2, 10));

        assertThat(p.sequentialBalloons()).isTrue();
        assertThat(results).extracting(BalloonResult::pumps).containsExactly(2, 2, 2);
        assertThat(results).extracting(BalloonResult::burst).containsExactly(false, true, false);
        List<String> last = texts(model.lastRequest());
        assertThat(last.get(0)).isEqualTo(BartPromptsTest.SEED_SYSTEM);
        assertThat(last).contains("You cashed out $0.20. Total earnings so far: $0.20.",
                "The balloon has BURST! You lost all earnings for this balloon ($0).");
        assertThat(last.stream().filter(t -> t.startsWith("Balloon #")).toList()).hasSize(3);
        assertThat(last.get(last.size() - 1)).isEqualTo(BartPromptsTest.SEED_AFTER_2);
    }

    @Test
    void across_balloons_rebuilds_the_same_prefix_from_history_as_an_uninterrupted_run() {
        FakeChatModel first = FakeChatModel.policy("fixed:1");
        Participant p = options(first, "m").conversationMode(ConversationMode.ACROSS_BALLOONS).build();
        List<BalloonResult> results = series(p, List.of(10, 10));

        FakeChatModel resumed = FakeChatModel.policy("fixed:1");
        Participant q = options(resumed, "m").conversationMode(ConversationMode.ACROSS_BALLOONS).build();
        q.open(Task.contextFor(balloon(2, 10), 1, "", 0.1, 2, List.of(results.get(0))))
                .decide(new BalloonState(0, 0.0, 0, null));

        assertThat(first.requests()).hasSize(4);
        assertThat(resumed.requests().get(0).messages()).isEqualTo(first.requests().get(2).messages());
        assertThat(resumed.requests().get(0).messages()).hasSize(7);
    }

    @Test
    void stateless_requests_have_two_messages_and_grow_linearly() {
        FakeChatModel stateless = FakeChatModel.policy("fixed:15");
        FakeChatModel perBalloon = FakeChatModel.policy("fixed:15");
        Participant s = options(stateless, "m").conversationMode(ConversationMode.STATELESS).build();
        Participant pb = options(perBalloon, "m").build();

        BalloonResult rs = Task.classic().play(s, balloon(1, 20));
        BalloonResult rp = Task.classic().play(pb, balloon(1, 20));

        assertThat(rs.pumps()).isEqualTo(15).isEqualTo(rp.pumps());
        assertThat(stateless.requests()).allSatisfy(r -> assertThat(r.messages()).hasSize(2));
        assertThat(texts(stateless.lastRequest()).get(1)).contains("Pumps so far: 15.", "$1.50");
        int statelessTokens = rs.usage().inputTokens();
        int perBalloonTokens = rp.usage().inputTokens();
        assertThat(perBalloonTokens).isGreaterThan(3 * statelessTokens);
        int firstS = rs.decisions().get(0).usage().inputTokens();
        int lastS = rs.decisions().get(15).usage().inputTokens();
        assertThat(lastS - firstS).isLessThanOrEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(ConversationMode.class)
    void a_fixed_policy_pumps_three_and_cashes_out_or_bursts_at_two_in_every_mode(ConversationMode mode) {
        Participant p = options(FakeChatModel.policy("fixed:3"), "fixed:3").conversationMode(mode).build();

        List<BalloonResult> results = series(p, List.of(10, 2));

        assertThat(results.get(0).pumps()).isEqualTo(3);
        assertThat(results.get(0).burst()).isFalse();
        assertThat(results.get(0).earnings()).isEqualTo(0.3);
        assertThat(results.get(0).choices()).containsExactly(Decision.PUMP, Decision.PUMP, Decision.PUMP,
                Decision.CASH_OUT);
        assertThat(results.get(1).pumps()).isEqualTo(2);
        assertThat(results.get(1).burst()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ConversationMode.class)
    void simulated_policies_play_as_the_core_scripted_participants_in_every_mode(ConversationMode mode) {
        for (String spec : List.of("crra:2", "crra:0", "ev-optimal", "crra:-1")) {
            Participant llm = LlmParticipant.builder().chatModel(ChatModels.simulated(spec, 0L)).conversationMode(mode).build();
            Participant core = io.github.bart4j.core.agents.ScriptedParticipants.parse(spec);
            BalloonResult a = Task.classic().play(llm, balloon(1, 20));
            BalloonResult b = Task.classic().play(core, balloon(1, 20));
            assertThat(a.pumps()).as(spec + " " + mode).isEqualTo(b.pumps());
        }
    }

    @Test
    void a_random_policy_answers_the_same_request_the_same_way_and_varies_across_balloons() {
        Participant p = LlmParticipants.create(ChatModels.simulated("random:0.7", 5));
        List<Integer> pumps = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            pumps.add(Task.classic().play(p, balloon(i, 20)).pumps());
        }
        List<Integer> again = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            again.add(Task.classic().play(p, balloon(i, 20)).pumps());
        }

        assertThat(again).isEqualTo(pumps);
        assertThat(pumps.stream().distinct().count()).isGreaterThan(3);
    }

    @Test
    void results_record_raw_answers_tokens_and_reasoning() {
        FakeChatModel model = FakeChatModel.builder().replies(List.of("**Pump**", "Cash Out."))
                .thinking("thinking hard").build();
        Participant p = options(model, "m").build();

        BalloonResult r = Task.classic().play(p, balloon(1, 10));

        assertThat(r.responses()).containsExactly("**Pump**", "Cash Out.");
        assertThat(r.decisions()).allSatisfy(d -> {
            assertThat(d.reasoning()).isEqualTo("thinking hard");
            assertThat(d.usage().inputTokens()).isPositive();
            assertThat(d.usage().outputTokens()).isPositive();
        });
        int chars = BartPromptsTest.SEED_SYSTEM.length() + BartPromptsTest.SEED_FIRST.length();
        assertThat(r.decisions().get(0).usage().inputTokens()).isEqualTo((chars + 3) / 4);
        assertThat(r.decisions().get(0).usage().outputTokens()).isEqualTo(2);
    }

    @Test
    void empty_content_with_reasoning_is_an_invalid_answer_that_keeps_the_reasoning() {
        FakeChatModel model = FakeChatModel.builder().answering(r -> "").thinking("I think, therefore").build();
        Participant p = options(model, "m").build();

        BalloonResult r = Task.classic().play(p, balloon(1, 10));

        assertThat(r.isError()).isTrue();
        assertThat(r.decisions()).hasSize(3).allSatisfy(d -> {
            assertThat(d.invalidReason()).isEqualTo("empty content (reasoning only)");
            assertThat(d.reasoning()).isEqualTo("I think, therefore");
        });
        assertThat(waits).isEmpty();
    }

    @Test
    void an_empty_completion_is_retried_then_ends_the_balloon_as_error_not_cash_out() {
        FakeChatModel model = FakeChatModel.answering(r -> "");
        Participant p = options(model, "m").retryPolicy(retries(2)).build();

        BalloonResult r = Task.classic().play(p, balloon(1, 10));

        assertThat(r.isError()).isTrue();
        assertThat(r.error()).contains("empty completion").contains("gave up after 3 attempts");
        assertThat(model.calls()).isEqualTo(3);
        assertThat(waits).hasSize(2);
    }

    @Test
    void an_empty_completion_followed_by_an_answer_succeeds_after_one_retry() {
        FakeChatModel model = FakeChatModel.replying("", "Cash Out");
        Participant p = options(model, "m").build();

        BalloonResult r = Task.classic().play(p, balloon(1, 10));

        assertThat(r.isError()).isFalse();
        assertThat(r.choices()).containsExactly(Decision.CASH_OUT);
        assertThat(waits).hasSize(1);
        int prompt = (BartPromptsTest.SEED_SYSTEM.length() + BartPromptsTest.SEED_FIRST.length() + 3) / 4;
        assertThat(r.decisions().get(0).usage().inputTokens()).as("both attempts counted").isEqualTo(2 * prompt);
    }

    @Test
    void an_injected_failure_ends_the_balloon_with_status_error_and_its_cause() {
        FakeChatModel model = FakeChatModel.builder().policy("fixed:5", 0)
                .failOnCall(3, new IllegalStateException("disk on fire")).build();
        Participant p = options(model, "m").build();

        BalloonResult r = Task.classic().play(p, balloon(1, 10));

        assertThat(r.isError()).isTrue();
        assertThat(r.pumps()).isEqualTo(2);
        assertThat(r.earnings()).isZero();
        assertThat(r.error()).contains("disk on fire");
        assertThat(waits).isEmpty();
    }

    @Test
    void a_bug_around_the_model_is_an_internal_error_asked_once_not_a_retried_malformed_response() {
        java.util.concurrent.atomic.AtomicInteger parsed = new java.util.concurrent.atomic.AtomicInteger();
        io.github.bart4j.core.DecisionParser buggy = text -> {
            parsed.incrementAndGet();
            String missing = null;
            return missing.isEmpty() ? null : null; // a NullPointerException from the user's parser
        };
        FakeChatModel model = FakeChatModel.builder().policy("fixed:5", 0).build();
        Participant p = options(model, "m").decisionParser(buggy).retryPolicy(retries(4)).build();

        BalloonResult r = Task.classic().play(p, balloon(1, 10));

        assertThat(r.isError()).isTrue();
        assertThat(r.error()).startsWith("internal error: NullPointerException");
        assertThat(parsed).as("not retried").hasValue(1);
        assertThat(model.calls()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void provider_failures_are_still_retried() {
        FakeChatModel model = FakeChatModel.builder().policy("fixed:1", 0)
                .failOnCall(1, new java.io.UncheckedIOException(new java.io.IOException("Connection reset")))
                .failOnCall(2, new dev.langchain4j.exception.InternalServerException("boom")).build();
        Participant p = options(model, "m").retryPolicy(retries(4)).build();

        BalloonResult r = Task.classic().play(p, balloon(1, 10));

        assertThat(r.isError()).as(r.error()).isFalse();
        assertThat(waits).hasSize(2);
    }

    @Test
    void a_server_that_cannot_be_reached_after_the_retries_fails_the_participant_for_good() {
        ChatModel model = ChatModels.openAiCompatible().modelName("m").baseUrl("http://127.0.0.1:9/v1").build();
        Participant p = options(model, "m").retryPolicy(retries(1)).build();

        assertThatThrownBy(() -> p.open(Task.contextFor(balloon(1, 10), 1, "", 0, 1, List.of()))
                .decide(new BalloonState(0, 0, 0, null)))
                .isInstanceOfSatisfying(ParticipantException.class, e -> assertThat(e.isFatal()).isTrue())
                .hasMessageContaining("cannot connect to").hasMessageContaining("http://127.0.0.1:9/v1")
                .hasMessageContaining("connection refused").hasMessageContaining("gave up after 2 attempts");
    }

    @Test
    void a_thrown_participant_exception_passes_through_unchanged() {
        ParticipantException fatal = new ParticipantException("no credits", true);
        FakeChatModel model = FakeChatModel.builder().policy("fixed:5", 0).failOnCall(1, fatal).build();
        Participant p = options(model, "m").build();

        assertThatThrownBy(() -> p.open(Task.contextFor(balloon(1, 10), 1, "", 0, 1, List.of()))
                .decide(new BalloonState(0, 0, 0, null))).isSameAs(fatal);
    }

    @Test
    void structured_output_asks_for_a_named_json_schema_and_reads_json_or_falls_back_to_text() {
        FakeChatModel model = FakeChatModel.replying("{\"decision\": \"pump\"}", "Cash Out");
        Participant p = options(model, "m").structuredOutput(true).build();

        BalloonResult r = Task.classic().play(p, balloon(1, 10));

        assertThat(r.choices()).containsExactly(Decision.PUMP, Decision.CASH_OUT);
        var format = model.requests().get(0).responseFormat();
        assertThat(format.type()).isEqualTo(ResponseFormatType.JSON);
        assertThat(format.jsonSchema().name()).isEqualTo("bart_decision");
    }

    @Test
    void structured_output_with_a_simulated_policy_answers_json() {
        FakeChatModel model = FakeChatModel.policy("fixed:1");
        Participant p = options(model, "m").structuredOutput(true).build();

        BalloonResult r = Task.classic().play(p, balloon(1, 10));

        assertThat(r.responses()).containsExactly("{\"decision\": \"pump\"}", "{\"decision\": \"cash_out\"}");
        assertThat(r.pumps()).isEqualTo(1);
    }

    @Test
    void the_automatic_task_reads_the_first_whole_number() {
        Participant p = options(FakeChatModel.replying("I will pump 7 times."), "m").build();

        BalloonResult r = Task.automatic().play(p, balloon(1, 10));

        assertThat(r.pumps()).isEqualTo(7);
        assertThat(r.earnings()).isEqualTo(0.7);
    }

    @Test
    void the_automatic_task_with_a_simulated_policy_declares_its_plan() {
        Participant p = LlmParticipants.create(ChatModels.simulated("ev-optimal", 0L));

        BalloonResult r = Task.automatic().play(p, balloon(1, 20));

        assertThat(r.pumps()).isEqualTo(10);
    }

    @Test
    void a_persona_label_selects_its_prompt_and_an_unknown_one_errors_the_balloon() {
        FakeChatModel model = FakeChatModel.policy("fixed:0");
        Participant p = options(model, "m").personas(java.util.Map.of("bold", "Be bold.")).build();

        BalloonResult ok = Task.classic().play(p, balloon(1, 10), Task.contextFor(balloon(1, 10), 1, "bold", 0, 1,
                List.of()));
        BalloonResult bad = Task.classic().play(p, balloon(1, 10), Task.contextFor(balloon(1, 10), 1, "shy", 0, 1,
                List.of()));

        assertThat(ok.isError()).isFalse();
        assertThat(texts(model.lastRequest()).get(0)).startsWith("Be bold.\n\nYou are playing");
        assertThat(bad.isError()).isTrue();
        assertThat(bad.error()).contains("'shy'");
    }

    @Test
    void fake_scripted_replies_fail_when_used_up_and_cycle_when_asked() {
        FakeChatModel once = FakeChatModel.replying("Pump");
        FakeChatModel cycling = FakeChatModel.cycling("Pump", "Cash Out");
        once.chat("a");

        assertThatThrownBy(() -> once.chat("b")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("used up");
        assertThat(List.of(cycling.chat("a"), cycling.chat("b"), cycling.chat("c")))
                .containsExactly("Pump", "Cash Out", "Pump");
    }

    @Test
    void fake_model_listeners_fire_because_chat_goes_through_do_chat() {
        List<ChatResponse> seen = new ArrayList<>();
        FakeChatModel model = FakeChatModel.builder().replies(List.of("Pump"))
                .listeners(List.of(new dev.langchain4j.model.chat.listener.ChatModelListener() {
                    @Override
                    public void onResponse(dev.langchain4j.model.chat.listener.ChatModelResponseContext ctx) {
                        seen.add(ctx.chatResponse());
                    }
                })).build();

        model.chat(List.<ChatMessage>of(dev.langchain4j.data.message.UserMessage.from("hi")));

        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).aiMessage().text()).isEqualTo("Pump");
        assertThat(seen.get(0).tokenUsage()).isEqualTo(new TokenUsage(1, 1));
    }

    @Test
    void across_balloons_in_the_automatic_task_shows_earlier_declarations_and_outcomes() {
        FakeChatModel model = FakeChatModel.policy("fixed:3");
        Participant p = options(model, "m").conversationMode(ConversationMode.ACROSS_BALLOONS).build();
        Balloon b1 = balloon(1, 10);
        Balloon b2 = balloon(2, 2);

        BalloonResult r1 = Task.automatic().play(p, b1, Task.contextFor(b1, 1, "", 0, 2, List.of()));
        BalloonResult r2 = Task.automatic().play(p, b2, Task.contextFor(b2, 1, "", 0.3, 2, List.of(r1)));

        assertThat(r1.pumps()).isEqualTo(3);
        assertThat(r2.burst()).isTrue();
        String ask = " How many times do you want to pump this balloon? It is inflated that many times, or until it"
                + " bursts.\nRespond ONLY with a whole number.";
        assertThat(texts(model.lastRequest())).containsExactly(BartPromptsTest.SEED_SYSTEM, "Balloon #1." + ask, "3",
                "You cashed out $0.30. Total earnings so far: $0.30.", "Balloon #2." + ask);
    }

    @Test
    void a_simulated_policy_reads_a_typed_balloon_and_assumes_an_undisclosed_range() {
        FakeChatModel model = FakeChatModel.builder().policy("ev-optimal", 0).assumedRange(0.05, 1, 8).build();
        Participant p = options(model, "m")
                .prompts(BartPrompts.builder().discloseRange(false).build()).build();

        BalloonResult r = Task.classic().play(p, new Balloon(1, "orange", 1, 8, 8, 0.05));

        assertThat(r.pumps()).isEqualTo(4);
        assertThat(texts(model.lastRequest()).get(1)).contains("This is an orange balloon.");
        assertThat(texts(model.lastRequest()).get(0)).doesNotContain("1..8");
    }
}
