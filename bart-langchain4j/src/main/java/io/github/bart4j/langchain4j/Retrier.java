package io.github.bart4j.langchain4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import io.github.bart4j.core.ParticipantException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * bart4j's own retry layer around one model (LangChain4j's retries are switched off), following a
 * {@link RetryPolicy}: transient failures of the kinds it retries are retried with exponential
 * backoff and jitter, never sooner than a {@code Retry-After}, up to its retries and deadline;
 * permanent ones end at once. Every failure that ends a call is a {@link ParticipantException},
 * fatal for 400/401/402/403/404 and for a server that cannot be reached at all (connection refused,
 * unknown host, connect timeout) when it is not retried further.
 *
 * <p>Only failures known to come from the provider or from reading its response are retried (HTTP
 * errors, timeouts, I/O errors, malformed or empty responses, LangChain4j's provider exceptions).
 * Anything else (a {@code NullPointerException}, an {@code IllegalStateException}, ...) is a bug in
 * the code around the model: it is logged once per model and type at WARN with its stack trace and
 * ends the balloon with an error starting {@value #INTERNAL}, without retrying.
 *
 * <p>Connection failures are logged once per model at WARN, naming the URL; other retries at INFO.
 */
final class Retrier {

    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

    /** How the cause of a balloon ended by a bug (not by the provider) starts. */
    static final String INTERNAL = "internal error: ";

    /** TRANSIENT and UNREACHABLE are retried; UNREACHABLE becomes FATAL when the retries are used up. */
    private enum Kind { TRANSIENT, UNREACHABLE, PERMANENT, FATAL, INTERNAL }

    /** A classified failure; {@code retryable} is its kind for the policy when TRANSIENT or UNREACHABLE. */
    private record Failure(Kind kind, String message, Duration retryAfter, RetryPolicy.Failure retryable) {
        Failure(Kind kind, String message, Duration retryAfter) {
            this(kind, message, retryAfter, null);
        }
    }

    private final String provider;
    private final String model;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final DoubleSupplier random;
    private final String url;
    private final AtomicBoolean connectionWarned = new AtomicBoolean();
    private final Set<Class<?>> internalLogged = ConcurrentHashMap.newKeySet();

    /**
     * @param provider the provider's label in messages ({@code openrouter}, {@code ollama}, {@code custom}...)
     * @param model the model's name in messages
     * @param url the server's base URL in messages, or {@code null}
     * @param clock measures the policy's deadline
     * @param random the jitter, in [0, 1)
     */
    Retrier(String provider, String model, String url, RetryPolicy policy, Sleeper sleeper, Clock clock,
            DoubleSupplier random) {
        this.provider = provider;
        this.url = url;
        this.model = model;
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.random = random;
    }

    Retrier(String provider, String model, String url, RetryPolicy policy, Sleeper sleeper, Clock clock) {
        this(provider, model, url, policy, sleeper, clock, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Runs {@code attempt} until it succeeds, fails permanently or the retries are used up. */
    <T> T call(Supplier<T> attempt) {
        int maxRetries = policy.maxRetries();
        long started = policy.deadline() == null ? 0 : clock.millis();
        for (int n = 0; ; n++) {
            try {
                return attempt.get();
            } catch (ParticipantException e) {
                throw e;
            } catch (RuntimeException e) {
                Failure f = classify(e);
                if (f.kind() == Kind.FATAL) {
                    throw new ParticipantException(f.message(), true, e);
                }
                if (f.kind() == Kind.PERMANENT) {
                    throw new ParticipantException(f.message(), false, e);
                }
                if (f.kind() == Kind.INTERNAL) {
                    if (internalLogged.add(e.getClass())) {
                        LOG.warn("{} model '{}': {} (a bug, not a provider failure; not retried)", provider, model,
                                f.message(), e);
                    }
                    throw new ParticipantException(f.message(), false, e);
                }
                if (!policy.retries(f.retryable())) {
                    String notRetried = f.message() + "; not retried (the retry policy does not retry "
                            + f.retryable().name().toLowerCase(java.util.Locale.ROOT) + ")";
                    throw new ParticipantException(notRetried, f.kind() == Kind.UNREACHABLE, e);
                }
                if (n >= maxRetries) {
                    String gaveUp = f.message() + "; gave up after " + (n + 1) + (n == 0 ? " attempt" : " attempts");
                    throw new ParticipantException(gaveUp, f.kind() == Kind.UNREACHABLE, e);
                }
                Duration wait = backoff(n, f.retryAfter());
                if (policy.deadline() != null
                        && Duration.ofMillis(clock.millis() - started).plus(wait).compareTo(policy.deadline()) > 0) {
                    String gaveUp = f.message() + "; gave up after " + (n + 1) + (n == 0 ? " attempt" : " attempts")
                            + " (the next retry, in " + wait.toMillis() + " ms, would pass the retry deadline of "
                            + policy.deadline().toMillis() + " ms)";
                    throw new ParticipantException(gaveUp, f.kind() == Kind.UNREACHABLE, e);
                }
                if (f.kind() == Kind.UNREACHABLE) {
                    if (connectionWarned.compareAndSet(false, true)) {
                        LOG.warn("{} model '{}': {}; retrying up to {} times, then the model fails", provider, model,
                                f.message(), maxRetries);
                    } else {
                        LOG.debug("{} model '{}': {}; retry {} of {} in {} ms", provider, model, f.message(), n + 1,
                                maxRetries, wait.toMillis());
                    }
                } else {
                    LOG.info("{} model '{}': {}; retry {} of {} in {} ms", provider, model, f.message(), n + 1,
                            maxRetries, wait.toMillis());
                }
                sleep(wait);
            }
        }
    }

    /** {@code initial × 2^n}, capped, times a jitter factor in [0.5, 1); never less than {@code retryAfter}. */
    Duration backoff(int n, Duration retryAfter) {
        double base = policy.initialBackoff().toNanos() * Math.pow(2, Math.min(n, 30));
        double capped = Math.min(base, policy.maxBackoff().toNanos());
        Duration wait = Duration.ofNanos((long) (capped * (0.5 + 0.5 * random.getAsDouble())));
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        return wait;
    }

    private void sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParticipantException("interrupted while waiting to retry model '" + model + "'", false, e);
        }
    }

    /** Reads exceptions for {@link #isProviderFailure}; never calls anything. */
    private static final Retrier READER = new Retrier("provider", "model", null, RetryPolicy.none(), d -> { },
            Clock.systemUTC(), () -> 0.5);

    /**
     * Whether {@code e} is a provider's failure or one reading its response (retried or reported as
     * such), rather than a bug in the code around the model ({@value #INTERNAL}).
     */
    static boolean isProviderFailure(RuntimeException e) {
        return READER.classify(e).kind() != Kind.INTERNAL;
    }

    private Failure classify(RuntimeException e) {
        ProviderHttpException p = find(e, ProviderHttpException.class);
        if (p != null) {
            return byStatus(p.statusCode(), p.kind(), p.retryAfter(), p.detail());
        }
        HttpException h = find(e, HttpException.class);
        if (h != null) {
            return byStatus(h.statusCode(), ProviderHttpException.Kind.STATUS, null,
                    BartHttpClient.errorMessage(h.getMessage()));
        }
        if (find(e, EmptyCompletionException.class) != null) {
            return new Failure(Kind.TRANSIENT, "empty completion (no content, no reasoning)", null, RetryPolicy.Failure.MALFORMED_RESPONSE);
        }
        String unreachable = unreachable(e);
        if (unreachable != null) {
            return new Failure(Kind.UNREACHABLE, "cannot connect to " + provider + (url == null ? "" : " at " + url)
                    + " (" + unreachable + ")", null, RetryPolicy.Failure.CONNECTION_FAILED);
        }
        if (find(e, dev.langchain4j.exception.TimeoutException.class) != null
                || find(e, HttpTimeoutException.class) != null || find(e, SocketTimeoutException.class) != null
                || find(e, java.util.concurrent.TimeoutException.class) != null) {
            return new Failure(Kind.TRANSIENT, "request to " + provider + " timed out", null, RetryPolicy.Failure.TIMED_OUT);
        }
        if (find(e, RateLimitException.class) != null) {
            return new Failure(Kind.TRANSIENT, "rate limited (HTTP 429)", null, RetryPolicy.Failure.RATE_LIMITED);
        }
        if (find(e, InternalServerException.class) != null) {
            return new Failure(Kind.TRANSIENT, provider + " server error", null, RetryPolicy.Failure.SERVER_ERROR);
        }
        if (find(e, AuthenticationException.class) != null) {
            return new Failure(Kind.FATAL, provider + " rejected the API key", null);
        }
        if (find(e, ModelNotFoundException.class) != null) {
            return new Failure(Kind.FATAL, "model '" + model + "' not found", null);
        }
        if (find(e, InvalidRequestException.class) != null) {
            return new Failure(Kind.FATAL, provider + " rejected the request: " + shorten(e.getMessage()), null);
        }
        if (find(e, ContentFilteredException.class) != null) {
            return new Failure(Kind.PERMANENT, "answer refused or filtered: " + shorten(e.getMessage()), null);
        }
        IOException io = find(e, IOException.class);
        if (io != null) {
            Throwable t = io;
            return new Failure(Kind.TRANSIENT, "connection to " + provider + " failed ("
                    + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + shorten(t.getMessage()))
                    + ")", null, RetryPolicy.Failure.CONNECTION_FAILED);
        }
        if (find(e, JsonProcessingException.class) != null) {
            return new Failure(Kind.TRANSIENT, "malformed JSON in response", null, RetryPolicy.Failure.MALFORMED_RESPONSE);
        }
        String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + shorten(e.getMessage()));
        if (find(e, InterruptedException.class) != null) {
            return new Failure(Kind.PERMANENT, "interrupted (" + what + ")", null);
        }
        if (e instanceof LangChain4jException) {
            return new Failure(Kind.PERMANENT, what, null); // LangChain4j's report of a provider-side problem
        }
        if (thrownReadingTheResponse(e)) {
            return new Failure(Kind.TRANSIENT, "malformed response (" + e.getClass().getSimpleName()
                    + " in LangChain4j's reading of it)", null, RetryPolicy.Failure.MALFORMED_RESPONSE);
        }
        return new Failure(Kind.INTERNAL, INTERNAL + what, null);
    }

    /**
     * Whether a runtime exception was thrown inside a LangChain4j provider module (e.g. its
     * OpenAI client dereferencing the {@code choices} a malformed body lacks) rather than by bart4j,
     * a user's code or a test double.
     */
    private static boolean thrownReadingTheResponse(RuntimeException e) {
        StackTraceElement[] trace = e.getStackTrace();
        return (e instanceof NullPointerException || e instanceof IndexOutOfBoundsException
                || e instanceof ClassCastException) && trace.length > 0
                && trace[0].getClassName().startsWith("dev.langchain4j.model.");
    }

    /**
     * What shows that the server could not be reached at all (refused, unknown host, no route,
     * connect timeout), or {@code null}. A connection that broke after it was made is not one.
     */
    private static String unreachable(Throwable e) {
        if (find(e, UnresolvedAddressException.class) != null || find(e, UnknownHostException.class) != null
                || find(e, UnresolvedModelServerException.class) != null) {
            return "unknown host";
        }
        if (find(e, NoRouteToHostException.class) != null) {
            return "no route to host";
        }
        if (find(e, HttpConnectTimeoutException.class) != null) {
            return "connect timed out";
        }
        if (find(e, ConnectException.class) != null) {
            return "connection refused";
        }
        return null;
    }

    private Failure byStatus(int status, ProviderHttpException.Kind kind, Duration retryAfter, String detail) {
        String where = kind == ProviderHttpException.Kind.ERROR_BODY ? " in HTTP 200 body" : "";
        String code = kind == ProviderHttpException.Kind.ERROR_BODY ? "code " + status : "HTTP " + status;
        String more = detail == null || detail.isEmpty() ? "" : ": " + detail;
        if (kind == ProviderHttpException.Kind.MALFORMED) {
            return new Failure(Kind.TRANSIENT, "malformed JSON in response (HTTP " + status + ")", retryAfter,
                    RetryPolicy.Failure.MALFORMED_RESPONSE);
        }
        switch (status) {
            case 401:
            case 403:
                return new Failure(Kind.FATAL, provider + " rejected the API key (" + code + ")" + where, null);
            case 402:
                return new Failure(Kind.FATAL, "out of credits (" + code + ")" + where + more, null);
            case 404:
                return new Failure(Kind.FATAL, "model '" + model + "' not found (" + code + ")" + where, null);
            case 400:
                return new Failure(Kind.FATAL, provider + " rejected the request (" + code + ")" + where + more, null);
            case 408:
                return new Failure(Kind.TRANSIENT, "request timeout (" + code + ")" + where, retryAfter,
                        RetryPolicy.Failure.TIMED_OUT);
            case 429:
                return new Failure(Kind.TRANSIENT, "rate limited (" + code + ")" + where + more, retryAfter,
                        RetryPolicy.Failure.RATE_LIMITED);
            default:
                break;
        }
        if (kind == ProviderHttpException.Kind.ERROR_BODY || status >= 500) {
            String what = kind == ProviderHttpException.Kind.ERROR_BODY ? "provider error" : provider + " server error";
            return new Failure(Kind.TRANSIENT, what + " (" + code + ")" + where + more, retryAfter,
                    RetryPolicy.Failure.SERVER_ERROR);
        }
        return new Failure(Kind.PERMANENT, provider + " answered " + code + more, null);
    }

    /**
     * A provider's message on one line (whitespace runs become one space). A message is kept whole;
     * only a body longer than 2,000 characters (an HTML error page, say) is shown by its start and
     * its length.
     */
    static String shorten(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= 2000 ? one : one.substring(0, 2000) + " [the first 2000 of " + one.length()
                + " characters]";
    }

    private static <X extends Throwable> X find(Throwable e, Class<X> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
