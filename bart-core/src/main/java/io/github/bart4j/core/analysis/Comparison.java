package io.github.bart4j.core.analysis;

/**
 * One two-sided rank test between two participants (or, in {@link Analysis#personaContrasts()},
 * two personas of one participant), within one balloon type, with its Holm-adjusted p-value over
 * the tests of its table.
 *
 * <p>When both played the same balloons (same thresholds for the same epoch and balloon id) the
 * test is <b>paired</b>: Wilcoxon signed-rank on the pumps of each balloon both played without
 * error, effect the matched-pairs rank-biserial correlation {@code (W+ - W-) / (W+ + W-)}. Else
 * it is unpaired: Mann–Whitney U on adjusted pumps (balloons that did not burst), effect Cliff's
 * delta. Both effects run from -1 to 1 and are positive when {@code first} pumps more.
 *
 * @param persona the persona both ran under ({@code ""} for none); in persona contrasts the
 *     participant's name
 * @param within the balloon type compared, {@code ""} when the design has no types
 * @param first the first participant (persona in persona contrasts)
 * @param second the second
 * @param paired whether the test was paired by (epoch, balloon id)
 * @param firstN balloons of {@code first} in the test (pairs when paired)
 * @param secondN balloons of {@code second} in the test (pairs when paired)
 * @param statistic {@code W+} (paired) or {@code U} of {@code first} (unpaired)
 * @param pValue the test's p-value (normal approximation with tie correction); {@code NaN} when
 *     there is nothing to test
 * @param pHolm the p-value after Holm's step-down correction over the table
 * @param effect rank-biserial correlation (paired) or Cliff's delta (unpaired)
 * @param differs whether {@code pHolm} is below the analysis's significance level
 */
public record Comparison(String persona, String within, String first, String second, boolean paired, int firstN,
                         int secondN, double statistic, double pValue, double pHolm, double effect, boolean differs) {

    /** What was compared: {@code pumps} (paired) or {@code adjusted_pumps} (unpaired). */
    public String measure() {
        return paired ? "pumps" : "adjusted_pumps";
    }

    /** The test used: {@code wilcoxon} or {@code mann-whitney}. */
    public String test() {
        return paired ? "wilcoxon" : "mann-whitney";
    }

    /** Conventional size of {@code |effect|} (Romano et al. 2006): negligible, small, medium or large. */
    public String magnitude() {
        double d = Math.abs(effect);
        if (Double.isNaN(d)) {
            return "n/a";
        }
        return d < 0.147 ? "negligible" : d < 0.33 ? "small" : d < 0.474 ? "medium" : "large";
    }
}
