package io.github.bart4j.langchain4j;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How an {@link LlmParticipant} retries a provider's transient failures: how often, how long it
 * waits between attempts, which failures it retries, and by when it gives up. An immutable value,
 * apart from the endpoint and sampling settings of the model ({@link ChatModels}) and from the
 * task's protocol ({@link LlmParticipant.Builder}).
 *
 * <p>The wait before retry {@code n} (from 0) is {@code initialBackoff × 2^n}, capped at
 * {@code maxBackoff}, times a random factor in [0.5, 1), and never shorter than the server's
 * {@code Retry-After}. Failures that are never retried, whatever the policy: a rejected request or
 * key (HTTP 400, 401, 402, 403, 404), a filtered answer, and bugs in the code around the model.
 * When the retries are used up (or the {@linkplain #deadline() deadline} would pass) the balloon
 * ends with an error; a server that could not be reached at all fails the participant for good.
 *
 * <pre>{@code
 * RetryPolicy patient = RetryPolicy.builder()
 *         .maxRetries(6)
 *         .backoff(Duration.ofSeconds(2), Duration.ofMinutes(2))
 *         .deadline(Duration.ofMinutes(10))
 *         .build();
 * }</pre>
 *
 * @param maxRetries retries after the first attempt, {@code >= 0} (so at most {@code maxRetries + 1} attempts)
 * @param initialBackoff the first retry's wait before jitter, {@code >= 0}
 * @param maxBackoff the cap on any wait before jitter, {@code >= initialBackoff}
 * @param deadline the longest time from the first attempt of a request to the start of its last
 *     retry, or {@code null} for none: a retry whose wait would end after it is not made
 * @param retryOn the kinds of transient failure retried (an unmodifiable set, in declaration order); a failure of
 *     another kind ends the request at once
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration deadline,
                          Set<Failure> retryOn) {

    /** Default retries: {@value}, so at most 4 attempts. */
    public static final int DEFAULT_MAX_RETRIES = 3;
    /** Default first wait: 1 second. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    /** Default cap on a wait: 60 seconds. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(60);

    /** The kinds of transient failure a policy may retry. */
    public enum Failure {
        /** HTTP 429, a provider's rate limit. */
        RATE_LIMITED,
        /** HTTP 408 and requests that passed their timeout. */
        TIMED_OUT,
        /** HTTP 5xx and error objects in an HTTP-200 body. */
        SERVER_ERROR,
        /** A server that cannot be reached (refused, unknown host) or a connection that broke. */
        CONNECTION_FAILED,
        /** A response that cannot be read: malformed JSON, or an empty completion (no content, no reasoning). */
        MALFORMED_RESPONSE
    }

    /**
     * Checks the values; each message names the parameter.
     *
     * @throws IllegalArgumentException when a value breaks its rule
     * @throws NullPointerException when {@code initialBackoff}, {@code maxBackoff} or {@code retryOn} is null
     */
    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, but is " + maxRetries);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff must be >= 0, but is " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must be >= initialBackoff (" + initialBackoff
                    + "), but is " + maxBackoff);
        }
        if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
            throw new IllegalArgumentException("deadline must be > 0 (or null for none), but is " + deadline);
        }
        Objects.requireNonNull(retryOn, "retryOn");
        EnumSet<Failure> kinds = EnumSet.noneOf(Failure.class);
        for (Failure kind : retryOn) {
            kinds.add(Objects.requireNonNull(kind, "retryOn element"));
        }
        retryOn = Collections.unmodifiableSet(kinds); // in declaration order, so toString is stable
    }

    /**
     * The defaults: {@value #DEFAULT_MAX_RETRIES} retries, waits from 1 s doubling up to 60 s, no
     * deadline, every kind of transient failure retried.
     */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    /** No retries: every failure ends the request at once. */
    public static RetryPolicy none() {
        return builder().maxRetries(0).build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this policy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxRetries = maxRetries;
        b.initialBackoff = initialBackoff;
        b.maxBackoff = maxBackoff;
        b.deadline = deadline;
        b.retryOn = EnumSet.noneOf(Failure.class);
        b.retryOn.addAll(retryOn);
        return b;
    }

    /** Whether failures of {@code kind} are retried. */
    public boolean retries(Failure kind) {
        return retryOn.contains(kind);
    }

    /** Builds a {@link RetryPolicy}; {@link #build()} checks the values. Not thread-safe. */
    public static final class Builder {
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Duration deadline;
        private EnumSet<Failure> retryOn = EnumSet.allOf(Failure.class);

        private Builder() {
        }

        /** Retries after the first attempt, {@code >= 0} (default {@value RetryPolicy#DEFAULT_MAX_RETRIES}). */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /** The first retry's wait before jitter and the cap on later ones (default 1 s and 60 s). */
        public Builder backoff(Duration initialBackoff, Duration maxBackoff) {
            this.initialBackoff = initialBackoff;
            this.maxBackoff = maxBackoff;
            return this;
        }

        /**
         * The longest time from a request's first attempt to the start of its last retry (default:
         * none). A retry whose wait would end after the deadline is not made; the request fails
         * with its last failure.
         */
        public Builder deadline(Duration deadline) {
            this.deadline = deadline;
            return this;
        }

        /** The kinds of transient failure retried (default: all); an empty set retries nothing. */
        public Builder retryOn(Set<Failure> kinds) {
            Objects.requireNonNull(kinds, "kinds");
            this.retryOn = kinds.isEmpty() ? EnumSet.noneOf(Failure.class) : EnumSet.copyOf(kinds);
            return this;
        }

        /** The kinds of transient failure retried (default: all). */
        public Builder retryOn(Failure first, Failure... more) {
            this.retryOn = EnumSet.of(Objects.requireNonNull(first, "first"), more);
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the parameter, when a value breaks its rule
         */
        public RetryPolicy build() {
            return new RetryPolicy(maxRetries, initialBackoff, maxBackoff, deadline, retryOn);
        }
    }
}
