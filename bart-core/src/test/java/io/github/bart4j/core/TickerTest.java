package io.github.bart4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.BalloonState;
import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.core.spi.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Latencies and elapsed times measured on an injected {@link Ticker}: exact, whatever the machine does. */
class TickerTest {

    /** Just under a millisecond: latencies are whole milliseconds, rounded down. */
    private static final long ALMOST_A_MILLI = 999_999;

    /** Pumps twice, then cashes out; its k-th answer of a balloon takes k × 250 ms (plus almost 1 ms) on {@code now}. */
    private static Participant slowPumper(AtomicLong now) {
        return new Participant() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public BalloonSession open(BalloonContext context) {
                return new BalloonSession() {
                    @Override
                    public Reply decide(BalloonState state) {
                        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(250L * (state.pumps() + 1)) + ALMOST_A_MILLI);
                        return state.pumps() < 2 ? Reply.of(Decision.PUMP, "Pump") : Reply.of(Decision.CASH_OUT, "Cash out");
                    }

                    @Override
                    public Reply declarePumps(BalloonState state) {
                        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1234));
                        return Reply.declared(4, "4");
                    }
                };
            }
        };
    }

    @Test
    void classic_task_latencies_and_the_runs_elapsed_time_are_read_from_the_experiments_ticker() {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        List<Duration> progress = new CopyOnWriteArrayList<>();
        ExperimentResult run = Experiment.builder()
                .schedule(Schedule.explicit(List.of(20, 20), 1, 20, 0.10))
                .participant(slowPumper(now))
                .maxConcurrency(1)
                .ticker(now::get)
                .listener(new ExperimentListener() {
                    @Override
                    public void balloonFinished(BalloonResult result, Progress p) {
                        progress.add(p.elapsed());
                    }
                })
                .build()
                .run();

        assertThat(run.results()).hasSize(2).allSatisfy(r -> {
            assertThat(r.decisions()).extracting(DecisionRecord::latencyMillis).containsExactly(250L, 500L, 750L);
            assertThat(r.latencyMillis()).isEqualTo(1500L);
        });
        Duration oneBalloon = Duration.ofMillis(1500).plusNanos(3 * ALMOST_A_MILLI);
        assertThat(progress).containsExactly(oneBalloon, oneBalloon.multipliedBy(2));
        assertThat(run.elapsed()).isEqualTo(oneBalloon.multipliedBy(2));
    }

    @Test
    void automatic_task_latency_is_read_from_the_experiments_ticker() {
        AtomicLong now = new AtomicLong();
        ExperimentResult run = Experiment.builder()
                .schedule(Schedule.explicit(List.of(20), 1, 20, 0.10))
                .participant(slowPumper(now))
                .task(Task.automatic())
                .ticker(now::get)
                .build()
                .run();

        assertThat(run.results()).singleElement().satisfies(r -> {
            assertThat(r.pumps()).isEqualTo(4);
            assertThat(r.decisions()).extracting(DecisionRecord::latencyMillis).containsExactly(1234L);
        });
        assertThat(run.elapsed()).isEqualTo(Duration.ofMillis(1234));
    }

    @Test
    void the_default_ticker_is_the_systems() {
        long before = System.nanoTime();
        long read = Ticker.system().read();
        assertThat(read).isBetween(before, System.nanoTime());
        assertThatThrownBy(() -> Experiment.builder().ticker(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("ticker");
    }
}
