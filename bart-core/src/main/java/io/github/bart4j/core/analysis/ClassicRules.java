package io.github.bart4j.core.analysis;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Rules;
import java.util.Optional;

/**
 * The one check of the analyses that assume the classic BART rules (thresholds uniform on a
 * known range): the par4 and EWMV fits, implied CRRA risk aversion and the CogBench score.
 */
final class ClassicRules {

    private ClassicRules() {
    }

    /** The first rules other than the classic ones among {@code results}, if any. */
    static Optional<Rules> other(Iterable<BalloonResult> results) {
        for (BalloonResult r : results) {
            if (!r.balloon().rules().isClassic()) {
                return Optional.of(r.balloon().rules());
            }
        }
        return Optional.empty();
    }

    /**
     * @throws IllegalArgumentException naming {@code analysis} and the rules when a result is not of the classic rules
     */
    static void require(String analysis, Iterable<BalloonResult> results) {
        Optional<Rules> other = other(results);
        if (other.isPresent()) {
            throw new IllegalArgumentException(message(analysis, other.get()));
        }
    }

    /** One line: what assumes the classic rules, and the rules the results were played under. */
    static String message(String analysis, Rules rules) {
        return analysis + " assumes the classic BART rules (thresholds uniform on a known range), but these results"
                + " were played under the " + rules.describe() + " rules";
    }
}
