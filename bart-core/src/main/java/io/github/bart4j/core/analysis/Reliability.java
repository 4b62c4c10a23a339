package io.github.bart4j.core.analysis;

import org.hipparchus.distribution.continuous.FDistribution;

import java.util.List;

/**
 * Test–retest reliability of mean pumps across epochs (the design's repetitions).
 *
 * <p>Per participant (and persona): the mean pumps of each epoch, their standard deviation and
 * range. Across participants: the intraclass correlation <b>ICC(2,1)</b> (Shrout &amp; Fleiss
 * 1979; McGraw &amp; Wong 1996 case 2A: two-way random effects, absolute agreement, single
 * measurement) of the per-epoch means, with its F-based interval; only participants with every
 * epoch enter it.
 *
 * @param participants per participant row
 * @param icc the ICC(2,1), {@code NaN} with fewer than 2 complete participants
 * @param iccLower lower end of its interval
 * @param iccUpper upper end of its interval
 * @param iccSubjects participants in the ICC (those with every epoch)
 * @param epochs epochs in the design
 */
public record Reliability(List<Row> participants, double icc, double iccLower, double iccUpper, int iccSubjects,
                          int epochs) {

    /** The ICC's form, as printed. */
    public static final String FORM = "ICC(2,1)";

    /**
     * One participant's per-epoch mean pumps.
     *
     * @param participant the participant's name
     * @param persona the persona, {@code ""} for none
     * @param epochMeans mean pumps per epoch in epoch order ({@code NaN} for an epoch without balloons)
     * @param sd standard deviation of the epoch means (n - 1)
     * @param range largest minus smallest epoch mean
     */
    public record Row(String participant, String persona, List<Double> epochMeans, double sd, double range) {
        public Row {
            epochMeans = List.copyOf(epochMeans);
        }
    }

    public Reliability {
        participants = List.copyOf(participants);
    }

    /** ICC(2,1) of {@code y[subject][epoch]} with a {@code level} interval: {@code {icc, lower, upper}}. */
    static double[] icc21(double[][] y, double level) {
        int n = y.length;
        if (n < 2) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        int k = y[0].length;
        double gm = 0;
        double[] rowMean = new double[n];
        double[] colMean = new double[k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                gm += y[i][j];
                rowMean[i] += y[i][j] / k;
                colMean[j] += y[i][j] / n;
            }
        }
        gm /= n * k;
        double ssr = 0;
        double ssc = 0;
        double sst = 0;
        for (int i = 0; i < n; i++) {
            ssr += k * (rowMean[i] - gm) * (rowMean[i] - gm);
            for (int j = 0; j < k; j++) {
                sst += (y[i][j] - gm) * (y[i][j] - gm);
            }
        }
        for (int j = 0; j < k; j++) {
            ssc += n * (colMean[j] - gm) * (colMean[j] - gm);
        }
        double sse = Math.max(0, sst - ssr - ssc);
        double msr = ssr / (n - 1);
        double msc = ssc / (k - 1);
        double mse = sse / ((n - 1.0) * (k - 1));
        double denom = msr + (k - 1) * mse + k * (msc - mse) / n;
        if (denom <= 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double icc = (msr - mse) / denom;
        if (mse <= 0 || icc >= 1) {
            return new double[] {icc, Double.NaN, Double.NaN};
        }
        double alpha = 1 - level;
        double a = k * icc / (n * (1 - icc));
        double b = 1 + k * icc * (n - 1) / (n * (1 - icc));
        double v = Math.pow(a * msc + b * mse, 2)
                / (Math.pow(a * msc, 2) / (k - 1) + Math.pow(b * mse, 2) / ((n - 1.0) * (k - 1)));
        double fl = new FDistribution(n - 1, v).inverseCumulativeProbability(1 - alpha / 2);
        double fu = new FDistribution(v, n - 1).inverseCumulativeProbability(1 - alpha / 2);
        double lower = n * (msr - fl * mse) / (fl * (k * msc + (k * n - k - n) * mse) + n * msr);
        double upper = n * (fu * msr - mse) / (k * msc + (k * n - k - n) * mse + n * fu * msr);
        return new double[] {icc, lower, upper};
    }
}
