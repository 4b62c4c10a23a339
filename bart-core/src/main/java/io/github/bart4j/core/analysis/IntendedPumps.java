package io.github.bart4j.core.analysis;

import org.hipparchus.distribution.continuous.NormalDistribution;


/**
 * A participant's intended pumps, corrected for censoring by the Kaplan–Meier estimator: a
 * cashed-out balloon shows its intended count exactly (the pumps made); a burst balloon shows only
 * that the participant meant to pump at least as often as the pump that burst it (right-censored
 * there: intended {@code >= l} for a burst at pump {@code l}, i.e. {@code > l - 1}). Adjusted pumps leave the burst balloons out and so understate the intention of anyone
 * who pumps past the thresholds; this does not.
 *
 * <p>{@code S(t) = P(intended > t)} is estimated at every integer {@code t}; the median is the
 * smallest {@code t} with {@code S(t) ≤ 0.5} and does not exist (reported "{@code > k}", {@code k}
 * the largest count observed) when too many balloons burst; its interval uses the pointwise
 * Greenwood bands {@code S(t) ± z·se(t)} (the median of each band). The restricted mean is
 * {@code E[min(intended, τ)] = Σ_{t<τ} S(t)} up to the range's end {@code τ} (the largest burst
 * range in the group), with Greenwood's variance.
 *
 * @param participant the participant's name
 * @param persona the persona label, {@code ""} for none
 * @param balloonType the balloon type, {@code ""} for all balloons
 * @param balloons balloons used (errored ones excluded)
 * @param censored balloons that burst (right-censored)
 * @param median the median intended pumps, {@code NaN} when not reached
 * @param medianLower lower end of the median's interval, {@code NaN} when not reached
 * @param medianUpper upper end, {@code NaN} when not reached
 * @param largest the largest count {@code t} at which {@code S(t)} is observed: a cash-out count, or
 *     {@code l - 1} for a burst at pump {@code l} (the "{@code k}" of "{@code > k}")
 * @param horizon {@code τ}, the end of the range the restricted mean runs to
 * @param restrictedMean {@code E[min(intended, τ)]}
 * @param restrictedMeanLower lower end of its normal interval
 * @param restrictedMeanUpper upper end
 */
public record IntendedPumps(String participant, String persona, String balloonType, int balloons, int censored,
                            double median, double medianLower, double medianUpper, int largest, int horizon,
                            double restrictedMean, double restrictedMeanLower, double restrictedMeanUpper) {

    /** The median as text: a number, or "{@code > k}" when more than half the mass lies beyond the data. */
    public String medianText() {
        return Double.isNaN(median) ? "> " + largest : Formats.pumps(median);
    }

    static IntendedPumps estimate(String participant, String persona, String type, int[] pumps, boolean[] burst,
                                  int horizon, double level) {
        int n = pumps.length;
        int max = 0;
        int cens = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, burst[i] ? pumps[i] - 1 : pumps[i]);
            cens += burst[i] ? 1 : 0;
        }
        int top = Math.max(max, horizon);
        long[] events = new long[top + 2];
        long[] exits = new long[top + 2]; // everyone leaves the risk set after their time
        for (int i = 0; i < n; i++) {
            if (!burst[i]) {
                events[pumps[i]]++;
                exits[pumps[i]]++;
            } else {
                exits[Math.max(0, pumps[i] - 1)]++; // burst at pump l: intended >= l, i.e. > l - 1
            }
        }
        double[] s = new double[top + 1];
        double[] var = new double[top + 1];
        double surv = 1;
        double greenwood = 0;
        long atRisk = n;
        for (int t = 0; t <= top; t++) {
            if (events[t] > 0 && atRisk > 0) {
                surv *= 1 - (double) events[t] / atRisk;
                if (atRisk > events[t]) {
                    greenwood += (double) events[t] / (atRisk * (double) (atRisk - events[t]));
                }
            }
            s[t] = surv;
            var[t] = surv * surv * greenwood;
            atRisk -= exits[t];
        }
        double z = new NormalDistribution().inverseCumulativeProbability(0.5 + level / 2);
        double median = Double.NaN;
        double lower = Double.NaN;
        double upper = Double.NaN;
        if (n > 0) {
            median = firstAtOrBelow(s, var, 0.5, 0);
            lower = firstAtOrBelow(s, var, 0.5, -z); // the lower band reaches 0.5 first
            upper = firstAtOrBelow(s, var, 0.5, z);
        }
        // restricted mean and Greenwood variance
        double rmst = 0;
        for (int t = 0; t < horizon; t++) {
            rmst += s[t];
        }
        double v = 0;
        atRisk = n;
        for (int t = 0; t < horizon; t++) {
            if (events[t] > 0 && atRisk > events[t]) {
                double area = 0;
                for (int u = t; u < horizon; u++) {
                    area += s[u];
                }
                v += area * area * events[t] / (atRisk * (double) (atRisk - events[t]));
            }
            atRisk -= exits[t];
        }
        double half = z * Math.sqrt(v);
        if (n == 0) {
            rmst = Double.NaN;
        }
        return new IntendedPumps(participant, persona, type, n, cens, median, lower, upper, max, horizon, rmst,
                Math.max(0, rmst - half), Math.min(horizon, rmst + half));
    }

    /** The smallest t where S(t) + shift·se(t) ≤ level, NaN when none. */
    private static double firstAtOrBelow(double[] s, double[] var, double level, double shift) {
        for (int t = 0; t < s.length; t++) {
            if (s[t] + shift * Math.sqrt(var[t]) <= level + 1e-12) {
                return t;
            }
        }
        return Double.NaN;
    }

    @Override
    public String toString() {
        return "IntendedPumps[" + participant + (persona.isEmpty() ? "" : " [" + persona + "]")
                + (balloonType.isEmpty() ? "" : " " + balloonType) + ", median " + medianText() + ", restricted mean "
                + Formats.pumps(restrictedMean) + " of " + horizon + "]";
    }
}
