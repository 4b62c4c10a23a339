package io.github.bart4j.core;

/**
 * A source of nanosecond time for measuring durations: answer latencies
 * ({@link DecisionRecord#latencyMillis()}), the run's {@link ExperimentResult#elapsed() elapsed}
 * time and {@link Progress#elapsed()}, and the dispatcher's record of how long each arm's balloons
 * take. As with {@link System#nanoTime()}, only the difference between two readings means anything.
 *
 * <p>The default is {@link #system()}. A test gives {@link Experiment.Builder#ticker} a fake one to
 * make every latency exact:
 * <pre>{@code
 * AtomicLong now = new AtomicLong();
 * Experiment experiment = Experiment.builder().ticker(now::get) ... // a participant advances `now`
 * }</pre>
 * A ticker is read from several threads at once; it must be thread-safe and never go backwards.
 */
@FunctionalInterface
public interface Ticker {

    /** The current time in nanoseconds, from an arbitrary origin. */
    long read();

    /** {@link System#nanoTime()}. */
    static Ticker system() {
        return System::nanoTime;
    }
}
