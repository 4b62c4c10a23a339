package io.github.bart4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.ChatMessage;
import io.github.bart4j.core.Answer;
import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.Money;
import io.github.bart4j.core.Rules;
import io.github.bart4j.core.Turn;
import io.github.bart4j.core.spi.BalloonContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Rendering the prompts (templates split once, {@link PromptTemplate}) gives exactly the texts the
 * rules of {@link BartPrompts} describe, computed here the plain way: every value in a map, every
 * placeholder found by a regular expression; nested templates ({@code type_line}, {@code range_rule})
 * see only their own values, and a placeholder without a value stays as it is.
 */
class PromptRenderingTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_]+)}");
    private static final List<String> NAMES = List.of("n", "type", "min", "max", "reward", "earnings", "total",
            "pumps", "article", "type_line", "range_rule", "burst_chance");

    /** The plain way: regex replacement from a map. */
    private static String render(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Every value of a balloon, as BartPrompts' Javadoc lists them; earnings, total and pumps as given. */
    private static Map<String, String> values(BartPrompts p, BalloonContext c, String pumps, String earnings,
                                              String total) {
        Map<String, String> v = new HashMap<>();
        String min = Integer.toString(c.minPumps());
        String max = Integer.toString(c.maxPumps());
        String article = !c.type().isEmpty() && "aeiouAEIOU".indexOf(c.type().charAt(0)) >= 0 ? "an" : "a";
        v.put("n", Integer.toString(c.balloonId()));
        v.put("type", c.type());
        v.put("min", min);
        v.put("max", max);
        v.put("reward", Money.dollars(c.rewardPerPump()));
        v.put("earnings", earnings);
        v.put("total", total);
        v.put("pumps", pumps);
        v.put("article", article);
        v.put("burst_chance", c.rules().burstChance());
        v.put("type_line", c.type().isEmpty() ? "" : render(p.typeLine(), Map.of("type", c.type(), "article",
                article, "n", Integer.toString(c.balloonId()), "min", min, "max", max)));
        v.put("range_rule", !p.discloseRange() ? "" : c.rules().isClassic()
                ? render(p.rangeRule(), Map.of("min", min, "max", max))
                : render(p.hazardRule(), Map.of("min", min, "max", max, "burst_chance", c.rules().burstChance())));
        return v;
    }

    private static String system(BartPrompts p, BalloonContext c) {
        String rules = render(p.system(), values(p, c, "0", "$0.00", "$0.00"));
        if (c.persona().isEmpty()) {
            return rules;
        }
        String text = p.personas().get(c.persona());
        return p.personaPlacement() == BartPrompts.PersonaPlacement.REPLACE ? text : text + "\n\n" + rules;
    }

    /** A template of random text around random placeholders (any of them, repeated or not); never blank. */
    private static String template(SplittableRandom r) {
        StringBuilder t = new StringBuilder(r.nextBoolean() ? "T" : "t ");
        int parts = r.nextInt(0, 6);
        for (int i = 0; i < parts; i++) {
            t.append(List.of("", "x", "Balloon ", " – é ", "\n", "$", "{", "}", "a{b").get(r.nextInt(9)));
            t.append('{').append(NAMES.get(r.nextInt(NAMES.size()))).append('}');
        }
        return t.append(t.length() == 0 || r.nextBoolean() ? "." : "").toString();
    }

    private static BartPrompts prompts(SplittableRandom r) {
        BartPrompts.Builder b = BartPrompts.seed().toBuilder().discloseRange(r.nextInt(4) > 0)
                .persona("calm", "You are calm.")
                .personaPlacement(r.nextBoolean() ? BartPrompts.PersonaPlacement.PREFIX
                        : BartPrompts.PersonaPlacement.REPLACE);
        if (r.nextBoolean()) { // custom templates; nested ones may use placeholders they are not given
            b.system(template(r)).rangeRule(template(r)).hazardRule(template(r)).firstTurn(template(r))
                    .typeLine(template(r)).afterPump(template(r)).burst(template(r)).cashOut(template(r))
                    .stateless(template(r)).declarePumps(template(r));
        }
        return b.build();
    }

    private static BalloonContext context(SplittableRandom r, List<BalloonResult> history) {
        String type = List.of("", "blue", "orange", "Elephant").get(r.nextInt(4));
        Rules rules = r.nextBoolean() ? Rules.classic() : Rules.constantHazard(List.of(0.1, 0.05, 0.333).get(r.nextInt(3)));
        double reward = List.of(0.10, 0.25, 1.005, 0.05, 12.5).get(r.nextInt(5));
        int min = r.nextInt(1, 4);
        return new BalloonContext(r.nextInt(1, 200), type, reward, min, min + r.nextInt(0, 30), 0.0, 1,
                r.nextBoolean() ? "calm" : "", 10, history, rules);
    }

    private BartPrompts p;
    private Dialogue stateless;
    private Dialogue perBalloon;
    private List<BalloonContext> bases;

    private static List<String> texts(List<ChatMessage> messages) {
        return messages.stream().map(FakeChatModel::textOf).toList();
    }

    @Test
    void every_turn_is_the_template_filled_with_its_values_in_every_mode() {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 3_000; i++) {
            if (i % 10 == 0) { // the same dialogues for 10 balloons: the system text of the last one is kept
                p = prompts(r);
                stateless = new Dialogue(p, ConversationMode.STATELESS);
                perBalloon = new Dialogue(p, ConversationMode.PER_BALLOON);
                bases = List.of(context(r, List.of()), context(r, List.of()));
            }
            BalloonContext base = bases.get(r.nextInt(2));
            BalloonContext c = new BalloonContext(r.nextInt(3) == 0 ? base.balloonId() : r.nextInt(1, 200),
                    base.type(), base.rewardPerPump(), base.minPumps(), base.maxPumps(), 0.0, 1,
                    r.nextBoolean() ? "calm" : "", 10, List.of(), base.rules());
            List<String> answers = new ArrayList<>();
            for (int k = r.nextInt(0, 5); k > 0; k--) {
                answers.add(r.nextBoolean() ? "Pump" : "I pump.");
            }
            double earnings = Money.round2(answers.size() * c.rewardPerPump());
            String sys = system(p, c);
            String first = render(p.firstTurn(), values(p, c, "0", "$0.00", "$0.00"));

            assertThat(texts(stateless.decision(c, answers, earnings))).as("stateless %s", i).containsExactly(sys,
                    render(p.stateless(), values(p, c, Integer.toString(answers.size()), Money.dollars(earnings),
                            "$0.00")));

            List<String> expected = new ArrayList<>(List.of(sys, first));
            for (int k = 1; k <= answers.size(); k++) {
                expected.add(answers.get(k - 1));
                expected.add(render(p.afterPump(), values(p, c, Integer.toString(k),
                        Money.dollars(Money.round2(k * c.rewardPerPump())), "$0.00")));
            }
            assertThat(texts(perBalloon.decision(c, answers, earnings))).as("per balloon %s", i)
                    .containsExactlyElementsOf(expected);
            assertThat(texts(perBalloon.opening(c))).containsExactly(sys, first);
            if (!answers.isEmpty()) {
                assertThat(FakeChatModel.textOf(perBalloon.afterPumpTurn(c, answers.size())))
                        .isEqualTo(expected.get(expected.size() - 1));
            }
            assertThat(texts(perBalloon.declaration(c))).as("declaration %s", i).containsExactly(sys,
                    render(p.declarePumps(), values(p, c, "0", "$0.00", "$0.00")));
        }
    }

    @Test
    void across_balloons_the_history_shows_each_outcome_with_the_total_so_far() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 500; i++) {
            BartPrompts p = prompts(r);
            List<BalloonResult> history = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            double total = 0.0;
            for (int h = 0; h < 3; h++) {
                BalloonContext hc = context(r, List.of());
                int threshold = hc.minPumps() + r.nextInt(0, hc.maxPumps() - hc.minPumps() + 1);
                Balloon b = new Balloon(h + 1, hc.type(), hc.minPumps(), hc.maxPumps(), threshold, hc.rewardPerPump(),
                        hc.rules());
                BalloonContext bc = new BalloonContext(b.id(), b.type(), b.rewardPerPump(), b.minThreshold(),
                        b.capacity(), 0.0, 1, "", 3, List.of(), b.rules());
                int pumps = r.nextInt(0, threshold + 1);
                boolean burst = pumps == threshold;
                List<Turn> turns = new ArrayList<>();
                expected.add(render(p.firstTurn(), values(p, bc, "0", "$0.00", "$0.00")));
                for (int k = 1; k <= pumps; k++) {
                    turns.add(new Turn(Answer.decision(Decision.PUMP, "Pump"), 0));
                    expected.add("Pump");
                    expected.add(burst && k == pumps ? render(p.burst(), values(p, bc, "0", "$0.00", "$0.00"))
                            : render(p.afterPump(), values(p, bc, Integer.toString(k),
                                    Money.dollars(Money.round2(k * bc.rewardPerPump())), "$0.00")));
                }
                double earned = burst ? 0.0 : Money.round2(pumps * b.rewardPerPump());
                if (!burst) {
                    turns.add(new Turn(Answer.decision(Decision.CASH_OUT, "Cash Out"), 0));
                    total = Money.round2(total + earned);
                    expected.add("Cash Out");
                    expected.add(render(p.cashOut(), values(p, bc, Integer.toString(pumps), Money.dollars(earned),
                            Money.dollars(total))));
                }
                history.add(new BalloonResult("m", "", 1, b, pumps, burst, earned, turns, BalloonResult.Status.OK,
                        null));
            }
            BalloonContext c = context(r, history);
            Dialogue across = new Dialogue(p, ConversationMode.ACROSS_BALLOONS);
            BalloonContext firstBalloon = new BalloonContext(1, history.get(0).balloon().type(),
                    history.get(0).balloon().rewardPerPump(), history.get(0).balloon().minThreshold(),
                    history.get(0).balloon().capacity(), 0.0, 1, c.persona(), 3, List.of(),
                    history.get(0).balloon().rules());
            expected.add(0, system(p, firstBalloon));
            expected.add(render(p.firstTurn(), values(p, c, "0", "$0.00", "$0.00")));

            assertThat(texts(across.opening(c))).as("across %s", i).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void a_template_without_placeholders_or_with_unknown_ones_keeps_its_text() {
        assertThat(PromptTemplate.of("plain").render(slot -> "x")).isEqualTo("plain");
        assertThat(PromptTemplate.of("").render(slot -> "x")).isEmpty();
        assertThat(PromptTemplate.of("{n}{foo}{ n}{}{max}").render(slot -> slot == PromptTemplate.N ? "7" : null))
                .isEqualTo("7{foo}{ n}{}{max}");
        assertThat(PromptTemplate.of("a {n} b").uses(PromptTemplate.N)).isTrue();
        assertThat(PromptTemplate.of("a {n} b {min}").uses(PromptTemplate.MAX)).isFalse();
    }
}
