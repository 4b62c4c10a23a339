package io.github.bart4j.core.analysis;

/**
 * A two-sided Mann–Whitney U test of two participants' adjusted pumps (pumps of the balloons that
 * did not burst) under the same persona, with Cliff's delta and the Holm-adjusted p-value over
 * all comparisons of the analysis.
 *
 * @param persona the persona both ran under, {@code ""} for none
 * @param first the first participant
 * @param second the second participant
 * @param firstN unburst balloons of the first
 * @param secondN unburst balloons of the second
 * @param u the U statistic of the first sample: pairs where the first pumped more, plus half the ties
 * @param pValue the test's p-value (normal approximation, Hipparchus {@code MannWhitneyUTest});
 *     {@code NaN} when a participant has no unburst balloon
 * @param pHolm the p-value after Holm's step-down correction
 * @param cliffsDelta {@code P(first > second) - P(first < second)}, from -1 to 1
 * @param differs whether {@code pHolm} is below the analysis's significance level
 */
public record Comparison(String persona, String first, String second, int firstN, int secondN, double u,
                         double pValue, double pHolm, double cliffsDelta, boolean differs) {

    /** Conventional size of {@code |δ|} (Romano et al. 2006): negligible, small, medium or large. */
    public String magnitude() {
        double d = Math.abs(cliffsDelta);
        if (Double.isNaN(d)) {
            return "n/a";
        }
        return d < 0.147 ? "negligible" : d < 0.33 ? "small" : d < 0.474 ? "medium" : "large";
    }
}
