package io.github.bart4j.core.analysis;

import io.github.bart4j.core.Statistics;
import io.github.bart4j.core.agents.ScriptedParticipants;

import java.util.EnumSet;
import java.util.Set;

/**
 * What {@link Analysis#of(java.util.List, AnalysisOptions)} computes and how. Immutable; start
 * from {@link #defaults()} and change fields with the {@code with...} methods, which validate at once.
 *
 * <pre>{@code
 * AnalysisOptions o = AnalysisOptions.defaults().withFits(CognitiveModel.PAR4).withBootstrapSamples(5000);
 * }</pre>
 *
 * @param bootstrapSamples bootstrap resamples per summary interval ({@code >= 100}; default 2000)
 * @param seed seed of the bootstrap, so intervals are reproducible (default 42)
 * @param confidenceLevel level of every interval (default 0.95)
 * @param alpha significance level of the Holm-corrected comparisons (default 0.05)
 * @param fits cognitive models to fit (default none: fitting takes a moment per participant)
 * @param impliedRiskAversion whether to estimate the implied CRRA coefficient (default true)
 * @param referenceWealth the CRRA reference wealth in dollars (default $1)
 * @param scoring how errored balloons count in every table, figure and fit: left out
 *     ({@link Statistics.Scoring#BART4J}, the default) or scored as the seed did, as 0 pumps, not
 *     burst ({@link Statistics.Scoring#SEED})
 * @param sizes model size per participant name (e.g. billions of parameters) for the model-ladder
 *     regression; empty (default) for no ladder
 */
public record AnalysisOptions(int bootstrapSamples, long seed, double confidenceLevel, double alpha,
                              Set<CognitiveModel> fits, boolean impliedRiskAversion, double referenceWealth,
                              Statistics.Scoring scoring, java.util.Map<String, Double> sizes) {

    public AnalysisOptions {
        java.util.Objects.requireNonNull(scoring, "scoring");
        if (bootstrapSamples < 100) {
            throw new IllegalArgumentException("bootstrapSamples must be >= 100, but is: " + bootstrapSamples);
        }
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidenceLevel must be in (0, 1), but is: " + confidenceLevel);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), but is: " + alpha);
        }
        if (!(referenceWealth > 0) || Double.isInfinite(referenceWealth)) {
            throw new IllegalArgumentException("referenceWealth must be > 0, but is: " + referenceWealth);
        }
        fits = fits == null || fits.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fits));
        sizes = sizes == null ? java.util.Map.of() : java.util.Map.copyOf(sizes);
        for (java.util.Map.Entry<String, Double> e : sizes.entrySet()) {
            if (e.getValue() == null || !(e.getValue() > 0) || e.getValue().isInfinite()) {
                throw new IllegalArgumentException("size of '" + e.getKey() + "' must be > 0, but is: " + e.getValue());
            }
        }
    }

    /** 2000 bootstrap samples, seed 42, 95% intervals, α = 0.05, no model fits, implied CRRA at $1, errored balloons left out. */
    public static AnalysisOptions defaults() {
        return new AnalysisOptions(2000, 42L, 0.95, 0.05, Set.of(), true, ScriptedParticipants.DEFAULT_REFERENCE_WEALTH,
                Statistics.Scoring.BART4J, java.util.Map.of());
    }

    public AnalysisOptions withBootstrapSamples(int samples) {
        return new AnalysisOptions(samples, seed, confidenceLevel, alpha, fits, impliedRiskAversion, referenceWealth, scoring, sizes);
    }

    public AnalysisOptions withSeed(long newSeed) {
        return new AnalysisOptions(bootstrapSamples, newSeed, confidenceLevel, alpha, fits, impliedRiskAversion,
                referenceWealth, scoring, sizes);
    }

    public AnalysisOptions withConfidenceLevel(double level) {
        return new AnalysisOptions(bootstrapSamples, seed, level, alpha, fits, impliedRiskAversion, referenceWealth, scoring, sizes);
    }

    public AnalysisOptions withAlpha(double newAlpha) {
        return new AnalysisOptions(bootstrapSamples, seed, confidenceLevel, newAlpha, fits, impliedRiskAversion,
                referenceWealth, scoring, sizes);
    }

    /** These models fitted (none: no fits). */
    public AnalysisOptions withFits(CognitiveModel... models) {
        return new AnalysisOptions(bootstrapSamples, seed, confidenceLevel, alpha, Set.of(models), impliedRiskAversion,
                referenceWealth, scoring, sizes);
    }

    public AnalysisOptions withImpliedRiskAversion(boolean on) {
        return new AnalysisOptions(bootstrapSamples, seed, confidenceLevel, alpha, fits, on, referenceWealth, scoring, sizes);
    }

    public AnalysisOptions withReferenceWealth(double wealth) {
        return new AnalysisOptions(bootstrapSamples, seed, confidenceLevel, alpha, fits, impliedRiskAversion, wealth, scoring, sizes);
    }

    /** How errored balloons count in every table: left out ({@code BART4J}) or as the seed scored them ({@code SEED}). */
    public AnalysisOptions withScoring(Statistics.Scoring newScoring) {
        return new AnalysisOptions(bootstrapSamples, seed, confidenceLevel, alpha, fits, impliedRiskAversion,
                referenceWealth, newScoring, sizes);
    }

    /** Model sizes by participant name for the ladder regression (each > 0). */
    public AnalysisOptions withSizes(java.util.Map<String, Double> modelSizes) {
        return new AnalysisOptions(bootstrapSamples, seed, confidenceLevel, alpha, fits, impliedRiskAversion,
                referenceWealth, scoring, modelSizes);
    }
}
