package io.github.bart4j.langchain4j;

import io.github.bart4j.core.Money;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts an LLM participant is shown: an immutable set of templates.
 *
 * <p>{@link #seed()} reproduces the seed project's stimulus text character for character (for an
 * untyped balloon with the burst range disclosed); every template can be replaced through
 * {@link #toBuilder()}. Templates hold placeholders in braces:
 * <ul>
 *   <li>{@code {n}} the balloon id; {@code {type}} its type label and {@code {article}} "a" or "an"
 *       before it; {@code {type_line}} the rendered {@link #typeLine()} for a typed balloon, empty
 *       otherwise (seed: "This is a blue balloon. ");</li>
 *   <li>{@code {min}}, {@code {max}} the burst range; {@code {range_rule}} the rendered
 *       {@link #rangeRule()} when the range is disclosed, empty otherwise; for a balloon of the
 *       {@linkplain io.github.bart4j.core.Rules#constantHazard constant-hazard} rules the rendered
 *       {@link #hazardRule()} instead, and {@code {burst_chance}} its burst probability per pump
 *       as a percentage ({@code 10%}; empty for the classic rules);</li>
 *   <li>{@code {reward}}, {@code {earnings}}, {@code {total}} money as the seed showed it
 *       ({@code $0.10}, see {@link Money#dollars}); {@code {pumps}} the safe pumps so far.</li>
 * </ul>
 * A template that uses any other placeholder is rejected by {@link Builder#build()}.
 *
 * <p>Personas: for a balloon whose {@code BalloonContext.persona()} names a condition, the
 * condition's text is put before the system prompt (separated by a blank line), or replaces it,
 * as {@link #personaPlacement()} says.
 *
 * <pre>{@code
 * BartPrompts prompts = BartPrompts.seed().toBuilder()
 *         .discloseRange(false)
 *         .persona("cautious", "You are a very cautious person.")
 *         .build();
 * }</pre>
 */
public final class BartPrompts {

    /** Where a persona's text goes. */
    public enum PersonaPlacement {
        /** Before the system prompt, separated by a blank line. */
        PREFIX,
        /** Instead of the system prompt. */
        REPLACE
    }

    static final String SEED_SYSTEM = "You are playing a Balloon Analogue Risk Task (BART). Rules:\n"
            + "{range_rule}"
            + " - Each pump earns you {reward}, but if it bursts, you lose all for this balloon.\n"
            + " - You can choose 'Pump' to inflate or 'Cash Out' to stop.\n"
            + "Respond ONLY with 'Pump' or 'Cash Out' at each step.";
    static final String SEED_RANGE_RULE = " - The balloon can burst at any pump from {min}..{max}.\n";
    static final String DEFAULT_HAZARD_RULE = " - Each pump from pump {min} on bursts the balloon with probability"
            + " {burst_chance}, whatever happened before; pump {max} always bursts it.\n";
    static final String SEED_FIRST_TURN = "Balloon #{n}. {type_line}Current earnings: {earnings}.\n"
            + "Do you choose 'Pump' or 'Cash Out'?\nONLY respond with 'Pump' or 'Cash Out'.";
    static final String SEED_TYPE_LINE = "This is {article} {type} balloon. ";
    static final String SEED_AFTER_PUMP = "The balloon did NOT burst. Current balloon earnings: {earnings}.\n"
            + "Do you choose to 'Pump' again or 'Cash Out'?\nRespond ONLY with 'Pump' or 'Cash Out'.";
    static final String SEED_BURST = "The balloon has BURST! You lost all earnings for this balloon ($0).";
    static final String DEFAULT_CASH_OUT = "You cashed out {earnings}. Total earnings so far: {total}.";
    static final String DEFAULT_STATELESS = "Balloon #{n}. {type_line}Pumps so far: {pumps}. "
            + "Current balloon earnings: {earnings}.\n"
            + "Do you choose 'Pump' or 'Cash Out'?\nRespond ONLY with 'Pump' or 'Cash Out'.";
    static final String DEFAULT_DECLARE = "Balloon #{n}. {type_line}How many times do you want to pump this balloon?"
            + " It is inflated that many times, or until it bursts.\nRespond ONLY with a whole number.";

    private static final Set<String> PLACEHOLDERS = Set.copyOf(PromptTemplate.NAMES);
    private static final Pattern PLACEHOLDER = PromptTemplate.PLACEHOLDER;

    private static final BartPrompts SEED = new Builder().build();

    private final String system;
    private final String rangeRule;
    private final String hazardRule;
    private final String firstTurn;
    private final String typeLine;
    private final String afterPump;
    private final String burst;
    private final String cashOut;
    private final String stateless;
    private final String declarePumps;
    private final boolean discloseRange;
    private final Map<String, String> personas;
    private final PersonaPlacement personaPlacement;

    private BartPrompts(Builder b) {
        this.system = b.system;
        this.rangeRule = b.rangeRule;
        this.hazardRule = b.hazardRule;
        this.firstTurn = b.firstTurn;
        this.typeLine = b.typeLine;
        this.afterPump = b.afterPump;
        this.burst = b.burst;
        this.cashOut = b.cashOut;
        this.stateless = b.stateless;
        this.declarePumps = b.declarePumps;
        this.discloseRange = b.discloseRange;
        this.personas = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.personas)); // order given
        this.personaPlacement = b.personaPlacement;
    }

    /** The seed project's texts, the burst range disclosed, no personas. */
    public static BartPrompts seed() {
        return SEED;
    }

    /** A builder starting from {@link #seed()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these prompts. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The system prompt (rules). Seed: "You are playing a Balloon Analogue Risk Task (BART). Rules: ...". */
    public String system() {
        return system;
    }

    /** The rule line that discloses the burst range, inserted as {@code {range_rule}}. */
    public String rangeRule() {
        return rangeRule;
    }

    /**
     * The rule line that discloses a constant burst probability per pump, inserted as
     * {@code {range_rule}} for balloons of the constant-hazard rules (when the range is disclosed).
     * Default: " - Each pump from pump {min} on bursts the balloon with probability {burst_chance},
     * whatever happened before; pump {max} always bursts it."
     */
    public String hazardRule() {
        return hazardRule;
    }

    /** The first user turn of a balloon. Seed: "Balloon #{n}. Current earnings: $0.00. ...". */
    public String firstTurn() {
        return firstTurn;
    }

    /** The sentence naming a typed balloon's type, inserted as {@code {type_line}}. */
    public String typeLine() {
        return typeLine;
    }

    /** The user turn after a safe pump. */
    public String afterPump() {
        return afterPump;
    }

    /** The user turn after a burst (shown only when the conversation goes on, i.e. across balloons). */
    public String burst() {
        return burst;
    }

    /** The user turn after a cash-out (shown only when the conversation goes on across balloons). */
    public String cashOut() {
        return cashOut;
    }

    /** The single user turn of a stateless request: the whole situation at once. */
    public String stateless() {
        return stateless;
    }

    /** The user turn of the automatic task: how many pumps, as a whole number. */
    public String declarePumps() {
        return declarePumps;
    }

    /**
     * Whether the system prompt states the burst range (and, under the constant-hazard rules, the
     * burst probability). Default {@code true} (the seed's).
     */
    public boolean discloseRange() {
        return discloseRange;
    }

    /** Persona (condition) label to its text. */
    public Map<String, String> personas() {
        return personas;
    }

    /** Where a persona's text goes. Default {@link PersonaPlacement#PREFIX}. */
    public PersonaPlacement personaPlacement() {
        return personaPlacement;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BartPrompts)) {
            return false;
        }
        BartPrompts p = (BartPrompts) o;
        return discloseRange == p.discloseRange && system.equals(p.system) && rangeRule.equals(p.rangeRule)
                && hazardRule.equals(p.hazardRule)
                && firstTurn.equals(p.firstTurn) && typeLine.equals(p.typeLine) && afterPump.equals(p.afterPump)
                && burst.equals(p.burst) && cashOut.equals(p.cashOut) && stateless.equals(p.stateless)
                && declarePumps.equals(p.declarePumps) && personas.equals(p.personas)
                && personaPlacement == p.personaPlacement;
    }

    @Override
    public int hashCode() {
        return Objects.hash(system, rangeRule, hazardRule, firstTurn, typeLine, afterPump, burst, cashOut, stateless,
                declarePumps, discloseRange, personas, personaPlacement);
    }

    @Override
    public String toString() {
        return "BartPrompts[" + (equals(SEED) ? "seed" : "custom") + ", discloseRange=" + discloseRange
                + ", personas=" + personas.keySet() + ", placement=" + personaPlacement + "]";
    }

    /** Builds {@link BartPrompts}; starts from the seed's texts. Not thread-safe. */
    public static final class Builder {
        private String system = SEED_SYSTEM;
        private String rangeRule = SEED_RANGE_RULE;
        private String hazardRule = DEFAULT_HAZARD_RULE;
        private String firstTurn = SEED_FIRST_TURN;
        private String typeLine = SEED_TYPE_LINE;
        private String afterPump = SEED_AFTER_PUMP;
        private String burst = SEED_BURST;
        private String cashOut = DEFAULT_CASH_OUT;
        private String stateless = DEFAULT_STATELESS;
        private String declarePumps = DEFAULT_DECLARE;
        private boolean discloseRange = true;
        private final Map<String, String> personas = new LinkedHashMap<>();
        private PersonaPlacement personaPlacement = PersonaPlacement.PREFIX;

        private Builder() {
        }

        private Builder(BartPrompts p) {
            system = p.system;
            rangeRule = p.rangeRule;
            hazardRule = p.hazardRule;
            firstTurn = p.firstTurn;
            typeLine = p.typeLine;
            afterPump = p.afterPump;
            burst = p.burst;
            cashOut = p.cashOut;
            stateless = p.stateless;
            declarePumps = p.declarePumps;
            discloseRange = p.discloseRange;
            personas.putAll(p.personas);
            personaPlacement = p.personaPlacement;
        }

        public Builder system(String template) {
            this.system = template;
            return this;
        }

        public Builder rangeRule(String template) {
            this.rangeRule = template;
            return this;
        }

        public Builder hazardRule(String template) {
            this.hazardRule = template;
            return this;
        }

        public Builder firstTurn(String template) {
            this.firstTurn = template;
            return this;
        }

        public Builder typeLine(String template) {
            this.typeLine = template;
            return this;
        }

        public Builder afterPump(String template) {
            this.afterPump = template;
            return this;
        }

        public Builder burst(String template) {
            this.burst = template;
            return this;
        }

        public Builder cashOut(String template) {
            this.cashOut = template;
            return this;
        }

        public Builder stateless(String template) {
            this.stateless = template;
            return this;
        }

        public Builder declarePumps(String template) {
            this.declarePumps = template;
            return this;
        }

        public Builder discloseRange(boolean discloseRange) {
            this.discloseRange = discloseRange;
            return this;
        }

        /** Adds (or replaces) the text of persona (condition) {@code label}. */
        public Builder persona(String label, String text) {
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("persona label must not be blank, but is: '" + label + "'");
            }
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("persona '" + label + "' must have a non-blank prompt");
            }
            personas.put(label, text);
            return this;
        }

        /** Adds every persona of {@code labelToText} (see {@link #persona}). */
        public Builder personas(Map<String, String> labelToText) {
            labelToText.forEach(this::persona);
            return this;
        }

        public Builder personaPlacement(PersonaPlacement placement) {
            this.personaPlacement = Objects.requireNonNull(placement, "personaPlacement");
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the template and the placeholder when a template is
         *     null or uses an unknown placeholder
         */
        public BartPrompts build() {
            check("system", system);
            check("range_rule", rangeRule);
            check("hazard_rule", hazardRule);
            check("first_turn", firstTurn);
            check("type_line", typeLine);
            check("after_pump", afterPump);
            check("burst", burst);
            check("cash_out", cashOut);
            check("stateless", stateless);
            check("declare_pumps", declarePumps);
            return new BartPrompts(this);
        }

        private static void check(String name, String template) {
            if (template == null) {
                throw new IllegalArgumentException("prompt template '" + name + "' must not be null");
            }
            Matcher m = PLACEHOLDER.matcher(template);
            while (m.find()) {
                if (!PLACEHOLDERS.contains(m.group(1))) {
                    throw new IllegalArgumentException("prompt template '" + name + "' uses unknown placeholder "
                            + m.group() + "; known: " + new java.util.TreeSet<>(PLACEHOLDERS));
                }
            }
        }
    }
}
