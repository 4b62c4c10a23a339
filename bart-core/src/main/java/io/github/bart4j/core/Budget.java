package io.github.bart4j.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A spending limit for an {@link Experiment}: at most so many US dollars and/or so many tokens
 * (prompt + completion), counted over every recorded balloon — those given to
 * {@link Experiment.Builder#completed} included, so a resumed run continues the same account.
 * An immutable value.
 *
 * <p>How the experiment keeps to it: a balloon starts only while <i>recorded spend + estimated
 * spend of the balloons in flight + the estimate for this balloon</i> stays within the limit. A
 * balloon's estimate is the mean spend per recorded balloon of the same participant (of all
 * participants while it has none; zero while nothing is recorded). Once a balloon may not start,
 * no further balloon starts: those in flight finish and are recorded, and the result says
 * {@linkplain ExperimentResult#budgetReached() the budget was reached}. The recorded spend can
 * therefore pass the limit by at most what the balloons in flight at that moment cost.
 *
 * <p>What a balloon cost: for each answer, the cost its provider reported
 * ({@link TokenUsage#cost()}, e.g. OpenRouter's {@code usage.cost}), else its tokens times the
 * participant's {@linkplain #withPrice price}. A balloon with an answer whose cost (or, for a token
 * limit, whose token count) is neither reported nor computable stops the experiment the same way:
 * the budget can no longer be kept. A balloon with no answer at all (e.g. its first request failed)
 * counts as zero.
 *
 * <pre>{@code
 * Experiment.builder()
 *         .budget(Budget.maxCostUsd(5).withPrice("llama3.1:8b", TokenPrice.FREE))
 *         ...
 * }</pre>
 */
public final class Budget {

    /** No limit (the default). */
    public static final Budget NONE = new Budget(null, null, Map.of());

    private final Double maxCostUsd;
    private final Long maxTokens;
    private final Map<String, TokenPrice> prices;

    private Budget(Double maxCostUsd, Long maxTokens, Map<String, TokenPrice> prices) {
        this.maxCostUsd = maxCostUsd;
        this.maxTokens = maxTokens;
        this.prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices)); // in the order given: files list them
    }

    /** At most {@code usd} US dollars, {@code > 0}. */
    public static Budget maxCostUsd(double usd) {
        return NONE.withMaxCostUsd(usd);
    }

    /** At most {@code tokens} tokens (prompt + completion), {@code >= 1}. */
    public static Budget maxTokens(long tokens) {
        return NONE.withMaxTokens(tokens);
    }

    /** This budget with a dollar limit of {@code usd}, {@code > 0}. */
    public Budget withMaxCostUsd(double usd) {
        if (!(usd > 0) || !Double.isFinite(usd)) {
            throw new IllegalArgumentException("usd must be a number > 0, but is " + usd);
        }
        return new Budget(usd, maxTokens, prices);
    }

    /** This budget with a token limit of {@code tokens}, {@code >= 1}. */
    public Budget withMaxTokens(long tokens) {
        if (tokens < 1) {
            throw new IllegalArgumentException("tokens must be >= 1, but is " + tokens);
        }
        return new Budget(maxCostUsd, tokens, prices);
    }

    /** This budget pricing the tokens of {@code participant} (by name) where its provider reports no cost. */
    public Budget withPrice(String participant, TokenPrice price) {
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(price, "price");
        Map<String, TokenPrice> p = new LinkedHashMap<>(prices);
        p.put(participant, price);
        return new Budget(maxCostUsd, maxTokens, p);
    }

    /** The dollar limit, if any. */
    public OptionalDouble maxCostUsd() {
        return maxCostUsd == null ? OptionalDouble.empty() : OptionalDouble.of(maxCostUsd);
    }

    /** The token limit, if any. */
    public OptionalLong maxTokens() {
        return maxTokens == null ? OptionalLong.empty() : OptionalLong.of(maxTokens);
    }

    /** Prices by participant name, in the order they were given. */
    public Map<String, TokenPrice> prices() {
        return prices;
    }

    /** Whether there is any limit. */
    public boolean isLimited() {
        return maxCostUsd != null || maxTokens != null;
    }

    /**
     * What {@code result} cost in dollars, as described {@linkplain Budget above}; empty when an
     * answer's cost is neither reported nor computable from its tokens and a price.
     */
    public OptionalDouble costOf(BalloonResult result) {
        TokenPrice price = prices.get(result.participant());
        double sum = 0;
        for (Turn t : result.turns()) {
            TokenUsage u = t.answer().usage();
            if (u.cost() != null) {
                sum += u.cost();
            } else if (price != null && (u.inputTokens() != null || u.outputTokens() != null)) {
                sum += price.cost(u.inputTokens() == null ? 0 : u.inputTokens(),
                        u.outputTokens() == null ? 0 : u.outputTokens());
            } else {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.of(sum);
    }

    /** The tokens (prompt + completion) {@code result} used; empty when an answer reported none. */
    public OptionalLong tokensOf(BalloonResult result) {
        long sum = 0;
        for (Turn t : result.turns()) {
            TokenUsage u = t.answer().usage();
            if (u.inputTokens() == null && u.outputTokens() == null) {
                return OptionalLong.empty();
            }
            sum += (u.inputTokens() == null ? 0 : u.inputTokens()) + (u.outputTokens() == null ? 0 : u.outputTokens());
        }
        return OptionalLong.of(sum);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Budget b && Objects.equals(maxCostUsd, b.maxCostUsd) && Objects.equals(maxTokens, b.maxTokens)
                && prices.equals(b.prices);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxCostUsd, maxTokens, prices);
    }

    @Override
    public String toString() {
        return "Budget[" + (maxCostUsd == null ? "" : "maxCostUsd=" + maxCostUsd)
                + (maxCostUsd != null && maxTokens != null ? ", " : "")
                + (maxTokens == null ? "" : "maxTokens=" + maxTokens) + (isLimited() ? "" : "none")
                + (prices.isEmpty() ? "" : ", prices=" + prices) + "]";
    }
}
