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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {

    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

    private Retrier retrier(int maxRetries, int concurrency, double jitter) {
        return new Retrier("openrouter", "m", null, RetryPolicy.builder().maxRetries(maxRetries)
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)).build(), waits::add, Clock.systemUTC(), () -> jitter);
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
}
