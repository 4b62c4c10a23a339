package io.github.bart4j.core;

import java.util.Objects;

/**
 * One question of a balloon as recorded: the participant's {@link Answer} and how long it took.
 *
 * @param answer what the participant said, raw text stripped as the seed stored it; never {@code null}
 * @param latencyMillis wall-clock milliseconds from asking to answer, retries included; at least 0
 */
public record Turn(Answer answer, long latencyMillis) {

    public Turn {
        Objects.requireNonNull(answer, "answer");
        if (latencyMillis < 0) {
            throw new IllegalArgumentException("latencyMillis must be >= 0, but is: " + latencyMillis);
        }
    }
}
