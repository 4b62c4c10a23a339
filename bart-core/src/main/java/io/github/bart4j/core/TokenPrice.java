package io.github.bart4j.core;

/**
 * A model's price per token, in US dollars per million tokens, for backends that report token
 * counts but no cost (OpenRouter reports the cost of every request itself).
 *
 * @param promptPerMillion dollars per million prompt (input) tokens, {@code >= 0}
 * @param completionPerMillion dollars per million completion (output) tokens, reasoning included, {@code >= 0}
 */
public record TokenPrice(double promptPerMillion, double completionPerMillion) {

    /** A free model (a local server, a simulation). */
    public static final TokenPrice FREE = new TokenPrice(0, 0);

    public TokenPrice {
        if (!(promptPerMillion >= 0) || !Double.isFinite(promptPerMillion)) {
            throw new IllegalArgumentException("promptPerMillion must be a number >= 0, but is " + promptPerMillion);
        }
        if (!(completionPerMillion >= 0) || !Double.isFinite(completionPerMillion)) {
            throw new IllegalArgumentException("completionPerMillion must be a number >= 0, but is "
                    + completionPerMillion);
        }
    }

    /** The price of {@code promptTokens} prompt and {@code completionTokens} completion tokens, in dollars. */
    public double cost(long promptTokens, long completionTokens) {
        return (promptTokens * promptPerMillion + completionTokens * completionPerMillion) / 1_000_000.0;
    }
}
