package io.github.bart4j.core.analysis;

import java.util.List;

/**
 * A model ladder: least-squares regression of mean pumps (the risk score) on {@code log10} of
 * model size over the participants of one persona that have a size.
 *
 * @param persona the persona, {@code ""} for none
 * @param points the participants regressed, with size and score
 * @param slope change of mean pumps per tenfold size ({@code NaN} with fewer than 2 points)
 * @param lower lower end of the slope's t interval ({@code NaN} with fewer than 3 points)
 * @param upper upper end
 * @param pValue two-sided p-value of slope = 0
 * @param intercept mean pumps at size 1
 * @param rSquared coefficient of determination
 */
public record Ladder(String persona, List<Point> points, double slope, double lower, double upper, double pValue,
                     double intercept, double rSquared) {

    public Ladder {
        points = List.copyOf(points);
    }

    /**
     * One participant on the ladder.
     *
     * @param participant the participant's name
     * @param size its size as given
     * @param score its mean pumps
     */
    public record Point(String participant, double size, double score) {
    }
}
