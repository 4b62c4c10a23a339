package io.github.bart4j.core.spi;

/**
 * The SPI a backend implements to take part in the BART: a model, a scripted agent, a person.
 *
 * <p>A participant is asked to {@linkplain #open open} one {@link BalloonSession} per balloon;
 * the {@link io.github.bart4j.core.Task} then asks the session for decisions and tells it the
 * outcome. Sessions of different balloons may run concurrently on different threads, so an
 * implementation must be thread-safe unless {@link #sequentialBalloons()} is {@code true}, in
 * which case the runner plays the balloons of one series (participant, persona, epoch) one after
 * another in schedule order.
 *
 * <p>Implementations should not keep state across balloons: what an earlier balloon left behind
 * (e.g. a conversation that spans balloons) is in {@link BalloonContext#history()}, so a resumed
 * run rebuilds it exactly.
 */
public interface Participant {

    /** The name results are recorded under (e.g. the model id {@code openai/gpt-4o}, or {@code crra:2}). */
    String name();

    /**
     * Starts a balloon.
     *
     * @param context what the participant may know about the balloon (never its threshold)
     * @return a session used for this balloon only
     */
    BalloonSession open(BalloonContext context);

    /**
     * Whether the balloons of one series must be played in order, one at a time (e.g. one
     * conversation across balloons). Defaults to {@code false}.
     */
    default boolean sequentialBalloons() {
        return false;
    }

    /**
     * The most balloons of this participant an {@link io.github.bart4j.core.Experiment} should play
     * at once (e.g. what a backend can serve), or {@code 0} for no preference (the default). The
     * experiment honours the smaller of this and its own per-participant cap; this is the one
     * concurrency limit of a participant, so implementations should not add a second one.
     */
    default int preferredConcurrency() {
        return 0;
    }
}
