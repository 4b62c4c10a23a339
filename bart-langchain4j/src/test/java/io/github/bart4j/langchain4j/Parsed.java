package io.github.bart4j.langchain4j;

import io.github.bart4j.core.Answer;
import io.github.bart4j.core.Decision;

/** What the tests read from an {@link Answer}: {@code null} where the answer is of another kind. */
final class Parsed {

    private Parsed() {
    }

    static Decision decision(Answer a) {
        return a instanceof Answer.Choice c ? c.decision() : null;
    }

    static Integer pumps(Answer a) {
        return a instanceof Answer.PumpCount p ? p.pumps() : null;
    }

    static String reason(Answer a) {
        return a instanceof Answer.Invalid i ? i.reason() : null;
    }
}
