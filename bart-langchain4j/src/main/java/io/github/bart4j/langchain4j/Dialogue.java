package io.github.bart4j.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.github.bart4j.core.Answer;
import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.Money;
import io.github.bart4j.core.Rules;
import io.github.bart4j.core.Turn;
import io.github.bart4j.core.spi.BalloonContext;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders {@link BartPrompts} into the messages of each {@link ConversationMode}. Stateless. */
final class Dialogue {

    /** What the texts say about one balloon. */
    record Stimulus(int id, String type, double reward, int min, int max, Rules rules) {

        static Stimulus of(BalloonContext c) {
            return new Stimulus(c.balloonId(), c.type(), c.rewardPerPump(), c.minPumps(), c.maxPumps(), c.rules());
        }

        static Stimulus of(Balloon b) {
            return new Stimulus(b.id(), b.type(), b.rewardPerPump(), b.minThreshold(), b.capacity(), b.rules());
        }
    }

    private final BartPrompts prompts;
    private final ConversationMode mode;

    Dialogue(BartPrompts prompts, ConversationMode mode) {
        this.prompts = prompts;
        this.mode = mode;
    }

    /**
     * Checks that the balloon's persona, if any, has a text.
     *
     * @throws IllegalArgumentException naming the persona and the known ones
     */
    void checkPersona(BalloonContext c) {
        if (!c.persona().isEmpty() && !prompts.personas().containsKey(c.persona())) {
            throw new IllegalArgumentException("persona '" + c.persona() + "' has no prompt; known personas: "
                    + prompts.personas().keySet());
        }
    }

    /** The messages of the request for the next decision, given the valid pump answers of this balloon so far. */
    List<ChatMessage> decision(BalloonContext c, List<String> pumpAnswers, double balloonEarnings) {
        Stimulus s = Stimulus.of(c);
        List<ChatMessage> out = new ArrayList<>();
        if (mode == ConversationMode.STATELESS) {
            out.add(SystemMessage.from(system(c.persona(), s)));
            Map<String, String> v = values(s);
            v.put("pumps", Integer.toString(pumpAnswers.size()));
            v.put("earnings", Money.dollars(balloonEarnings));
            out.add(UserMessage.from(BartPrompts.render(prompts.stateless(), v)));
            return out;
        }
        prefix(c, out);
        out.add(UserMessage.from(firstTurn(s)));
        for (int k = 1; k <= pumpAnswers.size(); k++) {
            out.add(AiMessage.from(pumpAnswers.get(k - 1)));
            out.add(UserMessage.from(afterPump(s, k)));
        }
        return out;
    }

    /**
     * The opening of a multi-turn balloon (system message, earlier balloons across balloons, first
     * turn): what {@link #decision} returns before any pump. Sessions extend it with
     * {@link #afterPumpTurn} so a decision costs one rendered turn, not the whole conversation.
     */
    List<ChatMessage> opening(BalloonContext c) {
        List<ChatMessage> out = new ArrayList<>();
        prefix(c, out);
        out.add(UserMessage.from(firstTurn(Stimulus.of(c))));
        return out;
    }

    /** The user turn after safe pump number {@code pumps} of this balloon. */
    UserMessage afterPumpTurn(BalloonContext c, int pumps) {
        return UserMessage.from(afterPump(Stimulus.of(c), pumps));
    }

    /** The messages of the automatic task's single question. */
    List<ChatMessage> declaration(BalloonContext c) {
        Stimulus s = Stimulus.of(c);
        List<ChatMessage> out = new ArrayList<>();
        if (mode == ConversationMode.ACROSS_BALLOONS) {
            prefix(c, out);
        } else {
            out.add(SystemMessage.from(system(c.persona(), s)));
        }
        out.add(UserMessage.from(BartPrompts.render(prompts.declarePumps(), values(s))));
        return out;
    }

    /** The system message, then (across balloons) every earlier balloon's turns and outcome. */
    private void prefix(BalloonContext c, List<ChatMessage> out) {
        List<BalloonResult> history = mode == ConversationMode.ACROSS_BALLOONS ? c.history() : List.of();
        Stimulus first = history.isEmpty() ? Stimulus.of(c) : Stimulus.of(history.get(0).balloon());
        out.add(SystemMessage.from(system(c.persona(), first)));
        double total = 0.0;
        for (BalloonResult h : history) {
            if (h.isError()) {
                continue; // the model never learned how an errored balloon ended
            }
            Stimulus s = Stimulus.of(h.balloon());
            Answer.PumpCount declared = declaration(h);
            if (declared != null) {
                out.add(UserMessage.from(BartPrompts.render(prompts.declarePumps(), values(s))));
                out.add(AiMessage.from(declared.raw()));
                total = Money.round2(total + h.earnings());
                out.add(UserMessage.from(outcome(s, h, total)));
                continue;
            }
            out.add(UserMessage.from(firstTurn(s)));
            List<Answer.Choice> valid = new ArrayList<>();
            for (Turn t : h.turns()) {
                if (t.answer() instanceof Answer.Choice choice) {
                    valid.add(choice);
                }
            }
            int pumps = 0;
            for (Answer.Choice d : valid) {
                out.add(AiMessage.from(d.raw()));
                if (d.decision() == Decision.PUMP) {
                    pumps++;
                    if (h.burst() && pumps >= h.pumps()) {
                        out.add(UserMessage.from(BartPrompts.render(prompts.burst(), values(s))));
                    } else {
                        out.add(UserMessage.from(afterPump(s, pumps)));
                    }
                } else {
                    total = Money.round2(total + h.earnings());
                    out.add(UserMessage.from(outcome(s, h, total)));
                }
            }
        }
    }

    /** The valid pump-count answer of an automatic-task balloon, or {@code null}. */
    private static Answer.PumpCount declaration(BalloonResult h) {
        for (Turn t : h.turns()) {
            if (t.answer() instanceof Answer.PumpCount p) {
                return p;
            }
        }
        return null;
    }

    /** The burst line, or the cash-out line with the total banked so far. */
    private String outcome(Stimulus s, BalloonResult h, double total) {
        Map<String, String> v = values(s);
        if (h.burst()) {
            return BartPrompts.render(prompts.burst(), v);
        }
        v.put("pumps", Integer.toString(h.pumps()));
        v.put("earnings", Money.dollars(h.earnings()));
        v.put("total", Money.dollars(total));
        return BartPrompts.render(prompts.cashOut(), v);
    }

    String system(String persona, Stimulus s) {
        String rules = BartPrompts.render(prompts.system(), values(s));
        if (persona.isEmpty()) {
            return rules;
        }
        String text = prompts.personas().get(persona);
        return prompts.personaPlacement() == BartPrompts.PersonaPlacement.REPLACE ? text : text + "\n\n" + rules;
    }

    private String firstTurn(Stimulus s) {
        Map<String, String> v = values(s);
        v.put("earnings", Money.dollars(0.0));
        return BartPrompts.render(prompts.firstTurn(), v);
    }

    private String afterPump(Stimulus s, int pumps) {
        Map<String, String> v = values(s);
        v.put("pumps", Integer.toString(pumps));
        v.put("earnings", Money.dollars(Money.round2(pumps * s.reward())));
        return BartPrompts.render(prompts.afterPump(), v);
    }

    private Map<String, String> values(Stimulus s) {
        return new Values(s);
    }

    /**
     * The placeholder values of one balloon ({@code n, type, min, max, reward, earnings, total,
     * pumps, article, type_line, range_rule, burst_chance}), each computed when a template asks for it: most
     * turns use one or two of them. {@link #put} sets or overrides a value.
     */
    private final class Values extends AbstractMap<String, String> {
        private static final List<String> KEYS = List.of("n", "type", "min", "max", "reward", "earnings", "total",
                "pumps", "article", "type_line", "range_rule", "burst_chance");

        private final Stimulus s;
        private final Map<String, String> set = new HashMap<>(4);

        Values(Stimulus s) {
            this.s = s;
        }

        @Override
        public String put(String key, String value) {
            String before = get(key);
            set.put(key, value);
            return before;
        }

        @Override
        public String get(Object key) {
            String v = set.get(key);
            return v != null || !(key instanceof String k) ? v : computed(k);
        }

        @Override
        public boolean containsKey(Object key) {
            return set.containsKey(key) || KEYS.contains(key);
        }

        private String computed(String key) {
            switch (key) {
                case "n":
                    return Integer.toString(s.id());
                case "type":
                    return s.type();
                case "min":
                    return Integer.toString(s.min());
                case "max":
                    return Integer.toString(s.max());
                case "reward":
                    return Money.dollars(s.reward());
                case "earnings":
                case "total":
                    return Money.dollars(0.0);
                case "pumps":
                    return "0";
                case "article":
                    return !s.type().isEmpty() && "aeiouAEIOU".indexOf(s.type().charAt(0)) >= 0 ? "an" : "a";
                case "type_line":
                    return s.type().isEmpty() ? "" : BartPrompts.render(prompts.typeLine(), Map.of("type", s.type(),
                            "article", get("article"), "n", Integer.toString(s.id()), "min",
                            Integer.toString(s.min()), "max", Integer.toString(s.max())));
                case "burst_chance":
                    return s.rules().burstChance();
                case "range_rule":
                    return !prompts.discloseRange() ? "" : s.rules().isClassic() ? BartPrompts.render(prompts.rangeRule(),
                            Map.of("min", Integer.toString(s.min()), "max", Integer.toString(s.max())))
                            : BartPrompts.render(prompts.hazardRule(), Map.of("min", Integer.toString(s.min()),
                                    "max", Integer.toString(s.max()), "burst_chance", s.rules().burstChance()));
                default:
                    return null;
            }
        }

        @Override
        public Set<Map.Entry<String, String>> entrySet() {
            Map<String, String> all = new LinkedHashMap<>();
            for (String k : KEYS) {
                all.put(k, get(k));
            }
            all.putAll(set);
            return Collections.unmodifiableMap(all).entrySet();
        }
    }
}
