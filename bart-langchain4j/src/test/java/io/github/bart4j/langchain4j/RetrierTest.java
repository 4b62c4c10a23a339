package io.github.bart4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.RateLimitException;
import io.github.bart4j.core.ParticipantException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {

    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

    private Retrier retrier(int maxRetries, int concurrency, double jitter) {
        return new Retrier("openrouter", "m", maxRetries, Duration.ofSeconds(1), Duration.ofSeconds(8), waits::add,
                concurrency, () -> jitter);
    }

    @Test
    void backoff_doubles_up_to_the_cap_with_jitter_between_half_and_full() {
        Retrier low = retrier(5, 1, 0.0);
        Retrier high = retrier(5, 1, 0.999);

        assertThat(low.backoff(0, null)).isEqualTo(Duration.ofMillis(500));
        assertThat(low.backoff(2, null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(low.backoff(10, null)).isEqualTo(Duration.ofSeconds(4));
        assertThat(high.backoff(1, null)).isBetween(Duration.ofMillis(1990), Duration.ofSeconds(2));
        assertThat(high.backoff(10, null)).isLessThanOrEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void retry_after_wins_when_longer_than_the_backoff_even_beyond_the_cap() {
        assertThat(retrier(3, 1, 0.5).backoff(0, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(retrier(3, 1, 0.5).backoff(3, Duration.ofMillis(10))).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void retry_after_reads_seconds_and_http_dates() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

        assertThat(BartHttpClient.parseRetryAfter("12", clock)).isEqualTo(Duration.ofSeconds(12));
        assertThat(BartHttpClient.parseRetryAfter("1.5", clock)).isEqualTo(Duration.ofMillis(1500));
        assertThat(BartHttpClient.parseRetryAfter("Mon, 23 Nov 2026 12:01:00 GMT", clock))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(BartHttpClient.parseRetryAfter("Mon, 23 Nov 2026 11:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
        assertThat(BartHttpClient.parseRetryAfter("soon", clock)).isNull();
        assertThat(BartHttpClient.parseRetryAfter(null, clock)).isNull();
    }

    @Test
    void langchain4j_exceptions_of_user_built_models_are_classified_too() {
        AtomicInteger calls = new AtomicInteger();

        String result = retrier(3, 1, 0.5).call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new RateLimitException("slow down");
            }
            return "ok";
        });

        assertThat(result).isEqualTo("ok");
        assertThat(waits).hasSize(2);
        assertThatThrownBy(() -> retrier(3, 1, 0.5).call(() -> {
            throw new AuthenticationException("bad key");
        })).isInstanceOfSatisfying(ParticipantException.class, e -> assertThat(e.isFatal()).isTrue())
                .hasMessage("openrouter rejected the API key");
    }

    @Test
    void connection_failures_are_retried_and_unknown_errors_are_not() {
        AtomicInteger calls = new AtomicInteger();
        String ok = retrier(2, 1, 0.5).call(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new UncheckedIOException(new IOException("Connection reset"));
            }
            return "ok";
        });
        AtomicInteger unknown = new AtomicInteger();

        assertThat(ok).isEqualTo("ok");
        assertThatThrownBy(() -> retrier(2, 1, 0.5).call(() -> {
            unknown.incrementAndGet();
            throw new IllegalStateException("bug");
        })).isInstanceOfSatisfying(ParticipantException.class, e -> assertThat(e.isFatal()).isFalse())
                .hasMessage("internal error: IllegalStateException: bug");
        assertThat(unknown).hasValue(1);
    }

    @Test
    void no_more_than_the_cap_of_calls_are_in_flight_at_once() throws Exception {
        Retrier capped = retrier(0, 2, 0.5);
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch twoInside = new CountDownLatch(2);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                futures.add(pool.submit(() -> {
                    threads.add(Thread.currentThread());
                    return capped.call(() -> {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        twoInside.countDown();
                        try {
                            gate.await();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        inside.decrementAndGet();
                        return "ok";
                    });
                }));
            }
            assertThat(twoInside.await(10, TimeUnit.SECONDS)).isTrue();
            awaitParked(threads, 5);
            assertThat(inside).hasValue(2);
            gate.countDown();
            for (Future<String> f : futures) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo("ok");
            }
            assertThat(most).hasValue(2);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits until all {@code n} threads are blocked (two on the gate, the rest on the semaphore). */
    private static void awaitParked(List<Thread> threads, int n) throws InterruptedException {
        for (int i = 0; i < 10_000; i++) {
            if (threads.size() == n && threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
                return;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("threads did not block: " + threads.stream().map(Thread::getState).toList());
    }
}
