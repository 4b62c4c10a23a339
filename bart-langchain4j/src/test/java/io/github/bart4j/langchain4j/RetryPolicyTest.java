package io.github.bart4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Task;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link RetryPolicy} as a value and as an {@link LlmParticipant} follows it. */
class RetryPolicyTest {

    /** A clock tests move by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-12-02T08:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final List<Duration> waits = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    private static final Balloon BALLOON = new Balloon(1, "", 1, 20, 10, 0.10);

    /** A participant whose model fails {@code failures} times with {@code failure}, each attempt taking 4 s. */
    private LlmParticipant failing(int failures, RuntimeException failure, RetryPolicy policy) {
        FakeChatModel policyModel = FakeChatModel.policy("fixed:0");
        FakeChatModel model = FakeChatModel.answering(r -> {
            clock.advance(Duration.ofSeconds(4));
            if (calls.incrementAndGet() <= failures) {
                throw failure;
            }
            return policyModel.chat(r).aiMessage().text();
        });
        return LlmParticipant.builder().chatModel(model).name("m").retryPolicy(policy).clock(clock)
                .sleeper(d -> {
                    waits.add(d);
                    clock.advance(d);
                }).build();
    }

    @Test
    void the_defaults_are_the_documented_ones() {
        RetryPolicy d = RetryPolicy.defaults();

        assertThat(d.maxRetries()).isEqualTo(3).isEqualTo(RetryPolicy.DEFAULT_MAX_RETRIES);
        assertThat(d.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(d.maxBackoff()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.deadline()).isNull();
        assertThat(d.retryOn()).isEqualTo(EnumSet.allOf(RetryPolicy.Failure.class));
        assertThat(RetryPolicy.none().maxRetries()).isZero();
        assertThat(d.toBuilder().build()).isEqualTo(d).hasSameHashCodeAs(d);
        assertThat(d.retryOn()).containsExactly(RetryPolicy.Failure.values());
        assertThat(d.toString()).contains("retryOn=[RATE_LIMITED, TIMED_OUT, SERVER_ERROR, CONNECTION_FAILED,"
                + " MALFORMED_RESPONSE]");
    }

    @Test
    void invalid_values_are_rejected_naming_the_java_parameter() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxRetries(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxRetries must be >= 0, but is -1");
        assertThatThrownBy(() -> RetryPolicy.builder().backoff(Duration.ofSeconds(-1), Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("initialBackoff must be >= 0, but is PT-1S");
        assertThatThrownBy(() -> RetryPolicy.builder().backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBackoff must be >= initialBackoff (PT5S), but is PT1S");
        assertThatThrownBy(() -> RetryPolicy.builder().deadline(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deadline must be > 0 (or null for none), but is PT0S");
        assertThatThrownBy(() -> RetryPolicy.builder().backoff(null, Duration.ofSeconds(1)).build())
                .isInstanceOf(NullPointerException.class).hasMessage("initialBackoff");
    }

    @Test
    void retries_up_to_max_retries_then_the_balloon_ends_with_the_last_failure() {
        RetryPolicy two = RetryPolicy.builder().maxRetries(2).backoff(Duration.ofSeconds(1), Duration.ofSeconds(8))
                .build();

        BalloonResult r = Task.classic().play(failing(5, new InternalServerException("down"), two), BALLOON);

        assertThat(r.isError()).isTrue();
        assertThat(r.error()).contains("custom server error").contains("gave up after 3 attempts");
        assertThat(calls).hasValue(3);
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(waits.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void no_retry_is_made_that_would_start_after_the_deadline() {
        RetryPolicy tenSeconds = RetryPolicy.builder().maxRetries(10).backoff(Duration.ZERO, Duration.ZERO)
                .deadline(Duration.ofSeconds(10)).build();

        BalloonResult r = Task.classic().play(failing(10, new InternalServerException("down"), tenSeconds), BALLOON);

        // attempts end at 4 s and 8 s (retried: within 10 s) and 12 s (past the deadline: not retried)
        assertThat(calls).hasValue(3);
        assertThat(r.error()).contains("gave up after 3 attempts")
                .contains("would pass the retry deadline of 10000 ms");
    }

    @Test
    void a_retry_within_the_deadline_succeeds() {
        RetryPolicy tenSeconds = RetryPolicy.builder().backoff(Duration.ZERO, Duration.ZERO)
                .deadline(Duration.ofSeconds(10)).build();

        BalloonResult r = Task.classic().play(failing(2, new InternalServerException("down"), tenSeconds), BALLOON);

        assertThat(r.isError()).as(r.error()).isFalse();
        assertThat(r.pumps()).isZero();
        assertThat(calls).hasValue(3);
    }

    @Test
    void only_the_kinds_of_failure_named_in_retry_on_are_retried() {
        RetryPolicy serverErrorsOnly = RetryPolicy.builder().retryOn(RetryPolicy.Failure.SERVER_ERROR)
                .backoff(Duration.ZERO, Duration.ZERO).build();

        BalloonResult limited = Task.classic().play(failing(1, new RateLimitException("slow down"), serverErrorsOnly),
                BALLOON);

        assertThat(calls).hasValue(1);
        assertThat(waits).isEmpty();
        assertThat(limited.error()).contains("rate limited (HTTP 429); not retried (the retry policy does not retry"
                + " rate_limited)");
        assertThat(serverErrorsOnly.retryOn()).containsExactly(RetryPolicy.Failure.SERVER_ERROR);

        calls.set(0);
        BalloonResult down = Task.classic().play(failing(1, new InternalServerException("down"), serverErrorsOnly),
                BALLOON);
        assertThat(down.isError()).as(down.error()).isFalse();
        assertThat(calls).hasValue(2);
    }

    @Test
    void an_empty_retry_on_set_retries_nothing() {
        RetryPolicy nothing = RetryPolicy.builder().retryOn(Set.of()).build();

        BalloonResult r = Task.classic().play(failing(1, new InternalServerException("down"), nothing), BALLOON);

        assertThat(r.isError()).isTrue();
        assertThat(calls).hasValue(1);
        assertThat(nothing.retries(RetryPolicy.Failure.SERVER_ERROR)).isFalse();
    }
}
