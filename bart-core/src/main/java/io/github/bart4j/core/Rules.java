package io.github.bart4j.core;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The rules a balloon is played under: what participants are told about when balloons burst,
 * and so which analyses apply. The one place the BART's variants differ; every balloon carries
 * its rules ({@link Balloon#rules()}), so results, journals and resumes know them.
 *
 * <ul>
 *   <li>{@linkplain #classic() classic} (the default; the seed's and Lejuez et al. 2002's BART):
 *       thresholds uniform on a known range {@code min..max}, which participants may be told.</li>
 *   <li>{@linkplain #constantHazard constant hazard} (the stationary balloons of Wallsten,
 *       Pleskac &amp; Lejuez 2005): every pump from the range's lower end on bursts the balloon with
 *       the same probability {@code p}, whatever happened before; the pump at the range's upper
 *       end bursts it for sure (a cap, so a balloon cannot grow forever). Participants may be told
 *       {@code p} and the cap. Built by {@link Schedule#constantHazard}.</li>
 * </ul>
 * In both the rule of {@link Balloon} decides: pump {@code k} bursts when {@code k >= threshold},
 * and a cashed-out balloon earns {@code pumps × reward}, a burst one nothing. Analyses that assume
 * the classic rules (the par4 and EWMV fits, implied CRRA risk aversion, the CogBench score)
 * refuse balloons of other rules, naming them.
 *
 * <p>Immutable; equal rules are {@link #equals equal}.
 */
public final class Rules {

    /** {@link #name()} of the classic rules. */
    public static final String CLASSIC = "classic";
    /** {@link #name()} of the constant-hazard rules. */
    public static final String CONSTANT_HAZARD = "constant_hazard";

    private static final Rules CLASSIC_RULES = new Rules(CLASSIC, Double.NaN);

    private final String name;
    private final double burstProbability;

    private Rules(String name, double burstProbability) {
        this.name = name;
        this.burstProbability = burstProbability;
    }

    /** The classic BART: thresholds uniform on a known range. */
    public static Rules classic() {
        return CLASSIC_RULES;
    }

    /**
     * The same burst probability for every pump (until the cap).
     *
     * @param burstProbability the chance that one pump bursts the balloon, {@code 0 < p <= 1}
     * @throws IllegalArgumentException naming {@code burstProbability}, its value and the rule
     */
    public static Rules constantHazard(double burstProbability) {
        if (!(burstProbability > 0 && burstProbability <= 1)) {
            throw new IllegalArgumentException("burstProbability must be > 0 and <= 1, but is " + burstProbability);
        }
        return new Rules(CONSTANT_HAZARD, burstProbability);
    }

    /** {@value #CLASSIC} or {@value #CONSTANT_HAZARD}, as recorded in journals and manifests. */
    public String name() {
        return name;
    }

    /** Whether these are the classic rules. */
    public boolean isClassic() {
        return this == CLASSIC_RULES;
    }

    /** The burst probability per pump of the constant-hazard rules; {@code NaN} for the classic rules. */
    public double burstProbability() {
        return burstProbability;
    }

    /**
     * The burst probability as a percentage, exactly as given ({@code 0.1} → {@code "10%"},
     * {@code 0.125} → {@code "12.5%"}); {@code ""} for the classic rules. What prompts show.
     */
    public String burstChance() {
        return isClassic() ? "" : BigDecimal.valueOf(burstProbability).movePointRight(2).stripTrailingZeros()
                .toPlainString() + "%";
    }

    /**
     * One phrase for messages: {@code classic}, or {@code constant_hazard (burst probability 0.1 per pump)}.
     */
    public String describe() {
        return isClassic() ? name : name + " (burst probability " + burstProbability + " per pump)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rules r && name.equals(r.name)
                && Double.compare(burstProbability, r.burstProbability) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, burstProbability);
    }

    @Override
    public String toString() {
        return describe();
    }
}
