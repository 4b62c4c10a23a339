package io.github.bart4j.core.analysis;

/**
 * Least-squares slope of pumps (all balloons) over the balloon's position in play order
 * (1, 2, ...), for one participant under one persona: a positive slope means pumping more as the
 * task goes on. Computed with Hipparchus {@code SimpleRegression}.
 *
 * @param participant the participant's name
 * @param persona the persona label, {@code ""} for none
 * @param balloons balloons in the regression
 * @param slope pumps per balloon
 * @param standardError the slope's standard error
 * @param lower lower end of the slope's confidence interval (t distribution); {@code NaN} below 3 balloons
 * @param upper upper end of the interval
 * @param pValue two-sided p-value of slope = 0
 */
public record LearningSlope(String participant, String persona, int balloons, double slope, double standardError,
                            double lower, double upper, double pValue) {
}
