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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

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

        // written out: a record's generated equals goes through method handles, slow in C1 code (per decision)
        @Override
        public boolean equals(Object o) {
            return o instanceof Stimulus t && id == t.id && Double.compare(reward, t.reward) == 0 && min == t.min
                    && max == t.max && type.equals(t.type) && rules.equals(t.rules);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(id, type, reward, min, max, rules);
        }
    }

    private final BartPrompts prompts;
    private final ConversationMode mode;
    /** The templates of {@link #prompts}, split once. */
    private final PromptTemplate system;
    private final PromptTemplate rangeRule;
    private final PromptTemplate hazardRule;
    private final PromptTemplate firstTurn;
    private final PromptTemplate typeLine;
    private final PromptTemplate afterPump;
    private final PromptTemplate burst;
    private final PromptTemplate cashOut;
    private final PromptTemplate stateless;
    private final PromptTemplate declarePumps;
    /** Whether the system text names the balloon ({@code {n}}, itself or in the type line). */
    private final boolean systemNamesBalloon;
    /** Whether the after-pump turn names the balloon. */
    private final boolean afterPumpNamesBalloon;
    /** The system text made last, for the next balloon that shows the same (most do). */
    private volatile SystemText lastSystem;
    /** The after-pump turns made for the balloons shown last, by pumps so far (messages are immutable). */
    private volatile AfterPumpTurns lastTurns;

    private record SystemText(String persona, Stimulus stimulus, String text) {
    }

    private record AfterPumpTurns(Stimulus stimulus, AtomicReferenceArray<UserMessage> byPumps) {
    }

    Dialogue(BartPrompts prompts, ConversationMode mode) {
        this.prompts = prompts;
        this.mode = mode;
        this.system = PromptTemplate.of(prompts.system());
        this.rangeRule = PromptTemplate.of(prompts.rangeRule());
        this.hazardRule = PromptTemplate.of(prompts.hazardRule());
        this.firstTurn = PromptTemplate.of(prompts.firstTurn());
        this.typeLine = PromptTemplate.of(prompts.typeLine());
        this.afterPump = PromptTemplate.of(prompts.afterPump());
        this.burst = PromptTemplate.of(prompts.burst());
        this.cashOut = PromptTemplate.of(prompts.cashOut());
        this.stateless = PromptTemplate.of(prompts.stateless());
        this.declarePumps = PromptTemplate.of(prompts.declarePumps());
        this.systemNamesBalloon = namesBalloon(system);
        this.afterPumpNamesBalloon = namesBalloon(afterPump);
    }

    private boolean namesBalloon(PromptTemplate template) {
        return template.uses(PromptTemplate.N)
                || (template.uses(PromptTemplate.TYPE_LINE) && typeLine.uses(PromptTemplate.N));
    }

    /** What a text that does not name the balloon shows of {@code s}: all but its id. */
    private static Stimulus unnamed(Stimulus s) {
        return new Stimulus(1, s.type(), s.reward(), s.min(), s.max(), s.rules());
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
            Values v = values(s);
            v.pumps = Integer.toString(pumpAnswers.size());
            v.earnings = Money.dollars(balloonEarnings);
            out.add(UserMessage.from(stateless.render(v)));
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

    /**
     * The user turn after safe pump number {@code pumps} of this balloon. A turn that does not name
     * the balloon is made once for balloons that show the same values (the last ones asked for) and
     * shared: messages are immutable.
     */
    UserMessage afterPumpTurn(BalloonContext c, int pumps) {
        Stimulus s = Stimulus.of(c);
        if (afterPumpNamesBalloon || pumps > s.max() || pumps > 1024) {
            return UserMessage.from(afterPump(s, pumps));
        }
        Stimulus shown = unnamed(s);
        AfterPumpTurns turns = lastTurns;
        if (turns == null || !turns.stimulus().equals(shown)) {
            turns = new AfterPumpTurns(shown, new AtomicReferenceArray<>(Math.min(s.max(), 1024) + 1));
            lastTurns = turns;
        }
        UserMessage turn = turns.byPumps().get(pumps);
        if (turn == null) { // made twice at worst, equal
            turn = UserMessage.from(afterPump(s, pumps));
            turns.byPumps().set(pumps, turn);
        }
        return turn;
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
        out.add(UserMessage.from(declarePumps.render(values(s))));
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
                out.add(UserMessage.from(declarePumps.render(values(s))));
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
                        out.add(UserMessage.from(burst.render(values(s))));
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
        Values v = values(s);
        if (h.burst()) {
            return burst.render(v);
        }
        v.pumps = Integer.toString(h.pumps());
        v.earnings = Money.dollars(h.earnings());
        v.total = Money.dollars(total);
        return cashOut.render(v);
    }

    String system(String persona, Stimulus s) {
        Stimulus shown = systemNamesBalloon ? s : unnamed(s);
        SystemText last = lastSystem;
        if (last != null && last.persona().equals(persona) && last.stimulus().equals(shown)) {
            return last.text();
        }
        String text = systemText(persona, shown);
        lastSystem = new SystemText(persona, shown, text);
        return text;
    }

    private String systemText(String persona, Stimulus s) {
        String rules = system.render(values(s));
        if (persona.isEmpty()) {
            return rules;
        }
        String text = prompts.personas().get(persona);
        return prompts.personaPlacement() == BartPrompts.PersonaPlacement.REPLACE ? text : text + "\n\n" + rules;
    }

    private String firstTurn(Stimulus s) {
        return firstTurn.render(values(s)); // earnings: $0.00
    }

    private String afterPump(Stimulus s, int pumps) {
        Values v = values(s);
        v.pumpsSoFar = pumps;
        return afterPump.render(v);
    }

    private Values values(Stimulus s) {
        return new Values(s, ALL);
    }

    private static final int ALL = -1;
    /** The placeholders {@link BartPrompts#typeLine()} is given. */
    private static final int TYPE_LINE_VALUES = bits(PromptTemplate.TYPE, PromptTemplate.ARTICLE, PromptTemplate.N,
            PromptTemplate.MIN, PromptTemplate.MAX);
    /** The placeholders {@link BartPrompts#rangeRule()} is given. */
    private static final int RANGE_RULE_VALUES = bits(PromptTemplate.MIN, PromptTemplate.MAX);
    /** The placeholders {@link BartPrompts#hazardRule()} is given. */
    private static final int HAZARD_RULE_VALUES = bits(PromptTemplate.MIN, PromptTemplate.MAX,
            PromptTemplate.BURST_CHANCE);

    private static int bits(int... slots) {
        int mask = 0;
        for (int slot : slots) {
            mask |= 1 << slot;
        }
        return mask;
    }

    /**
     * The placeholder values of one balloon ({@code n, type, min, max, reward, earnings, total,
     * pumps, article, type_line, range_rule, burst_chance}), each computed when a template asks for
     * it: most turns use one or two of them. {@link #pumps}, {@link #earnings}, {@link #total} (or
     * {@link #pumpsSoFar}, which sets the pumps and the earnings they make) override the defaults
     * ({@code 0}, {@code $0.00}, {@code $0.00}). Placeholders outside {@code offered} have no value.
     */
    private final class Values implements PromptTemplate.Lookup {
        private final Stimulus s;
        private final int offered;
        String pumps;
        String earnings;
        String total;
        /** Safe pumps so far, when set ({@code >= 0}): {@code pumps}, and earnings of that many pumps. */
        int pumpsSoFar = -1;

        Values(Stimulus s, int offered) {
            this.s = s;
            this.offered = offered;
        }

        @Override
        public String value(int slot) {
            if ((offered & (1 << slot)) == 0) {
                return null;
            }
            switch (slot) {
                case PromptTemplate.N:
                    return Integer.toString(s.id());
                case PromptTemplate.TYPE:
                    return s.type();
                case PromptTemplate.MIN:
                    return Integer.toString(s.min());
                case PromptTemplate.MAX:
                    return Integer.toString(s.max());
                case PromptTemplate.REWARD:
                    return Money.dollars(s.reward());
                case PromptTemplate.EARNINGS:
                    return earnings != null ? earnings
                            : Money.dollars(pumpsSoFar > 0 ? Money.round2(pumpsSoFar * s.reward()) : 0.0);
                case PromptTemplate.TOTAL:
                    return total != null ? total : Money.dollars(0.0);
                case PromptTemplate.PUMPS:
                    return pumps != null ? pumps : Integer.toString(Math.max(pumpsSoFar, 0));
                case PromptTemplate.ARTICLE:
                    return !s.type().isEmpty() && "aeiouAEIOU".indexOf(s.type().charAt(0)) >= 0 ? "an" : "a";
                case PromptTemplate.TYPE_LINE:
                    return s.type().isEmpty() ? "" : typeLine.render(new Values(s, TYPE_LINE_VALUES));
                case PromptTemplate.BURST_CHANCE:
                    return s.rules().burstChance();
                case PromptTemplate.RANGE_RULE:
                    return !prompts.discloseRange() ? "" : s.rules().isClassic()
                            ? rangeRule.render(new Values(s, RANGE_RULE_VALUES))
                            : hazardRule.render(new Values(s, HAZARD_RULE_VALUES));
                default:
                    return null;
            }
        }
    }
}
