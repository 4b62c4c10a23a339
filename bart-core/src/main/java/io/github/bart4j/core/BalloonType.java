package io.github.bart4j.core;

/**
 * A balloon type of the typed schedule (Lejuez et al. 2002): balloons of this type have a
 * threshold uniform on {@code 1..capacity}.
 *
 * @param label the type's name, shown to participants when the prompt discloses it (e.g. {@code blue})
 * @param capacity the largest possible threshold {@code M} (e.g. 128 for blue, 32 yellow, 8 orange)
 * @param count how many balloons of this type the schedule holds
 */
public record BalloonType(String label, int capacity, int count) {

    public BalloonType {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("label must not be blank, but is " + (label == null ? "null" : "'" + label + "'"));
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, but is " + capacity + " (balloon type '" + label + "')");
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, but is " + count + " (balloon type '" + label + "')");
        }
    }
}
