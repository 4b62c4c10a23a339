package io.github.bart4j.core;

import java.util.Objects;

/**
 * What a participant said in answer to one question: exactly one of a {@link Choice decision}
 * (classic task), a {@link PumpCount declared number of pumps} (automatic task) or an
 * {@link Invalid} answer with the reason it could not be read. Being sealed, the three kinds are
 * all there is: a {@code BalloonSession} returns one, the parsers
 * ({@link DecisionParser}, {@link PumpCountParser}) return one, and a {@link Turn} of a
 * {@link BalloonResult} records one.
 *
 * <p>Every kind carries the answer's raw text, any reasoning returned beside it and what it cost.
 * A {@code null} raw text reads as {@code ""} and a {@code null} usage as
 * {@link TokenUsage#UNKNOWN}. The task records an answer with its raw text
 * {@linkplain String#strip() stripped}, as the seed stored {@code response.strip()}.
 *
 * <pre>{@code
 * Answer a = DecisionParser.robust().parse("**Pump**");
 * if (a instanceof Answer.Choice c) {
 *     c.decision();          // PUMP
 * } else if (a instanceof Answer.Invalid i) {
 *     i.reason();            // why it could not be read
 * }
 * }</pre>
 */
public sealed interface Answer permits Answer.Choice, Answer.PumpCount, Answer.Invalid {

    /** The answer as given, {@code ""} for none (for scripted agents, the label they "said"). */
    String raw();

    /** Reasoning (thinking) text returned beside the answer, or {@code null}. */
    String reasoning();

    /** Tokens and cost of the request(s) behind this answer; never {@code null}. */
    TokenUsage usage();

    /** This answer with {@code usage} instead of its own ({@code null} reads as unknown). */
    Answer withUsage(TokenUsage usage);

    /** This answer with {@code reasoning} instead of its own ({@code null} for none). */
    Answer withReasoning(String reasoning);

    /** Whether the answer could be read, i.e. it is not {@link Invalid}. */
    default boolean isValid() {
        return !(this instanceof Invalid);
    }

    /** A decision with its raw text, no reasoning, usage unknown. */
    static Choice decision(Decision decision, String raw) {
        return new Choice(decision, raw, null, null);
    }

    /** A declared number of pumps (automatic task) with its raw text, no reasoning, usage unknown. */
    static PumpCount pumpCount(int pumps, String raw) {
        return new PumpCount(pumps, raw, null, null);
    }

    /** An answer that could not be read: why, and its raw text; no reasoning, usage unknown. */
    static Invalid invalid(String reason, String raw) {
        return new Invalid(reason, raw, null, null);
    }

    /**
     * A decision: pump once more, or cash out (the classic task).
     *
     * @param decision the decision, never {@code null}
     * @param raw the answer as given
     * @param reasoning reasoning text returned beside the answer, or {@code null}
     * @param usage tokens and cost ({@code null} reads as {@link TokenUsage#UNKNOWN})
     */
    record Choice(Decision decision, String raw, String reasoning, TokenUsage usage) implements Answer {

        public Choice {
            Objects.requireNonNull(decision, "decision");
            raw = raw == null ? "" : raw;
            usage = orUnknown(usage);
        }

        @Override
        public Choice withUsage(TokenUsage usage) {
            return new Choice(decision, raw, reasoning, usage);
        }

        @Override
        public Choice withReasoning(String reasoning) {
            return new Choice(decision, raw, reasoning, usage);
        }
    }

    /**
     * A number of pumps stated up front (the automatic task, Pleskac et al. 2008).
     *
     * @param pumps the number of pumps, at least 0
     * @param raw the answer as given
     * @param reasoning reasoning text returned beside the answer, or {@code null}
     * @param usage tokens and cost ({@code null} reads as {@link TokenUsage#UNKNOWN})
     * @throws IllegalArgumentException if {@code pumps} is negative
     */
    record PumpCount(int pumps, String raw, String reasoning, TokenUsage usage) implements Answer {

        public PumpCount {
            if (pumps < 0) {
                throw new IllegalArgumentException("pumps must be >= 0, but is: " + pumps);
            }
            raw = raw == null ? "" : raw;
            usage = orUnknown(usage);
        }

        @Override
        public PumpCount withUsage(TokenUsage usage) {
            return new PumpCount(pumps, raw, reasoning, usage);
        }

        @Override
        public PumpCount withReasoning(String reasoning) {
            return new PumpCount(pumps, raw, reasoning, usage);
        }
    }

    /**
     * An answer that could not be read. It is not a failure: the task asks again, up to its
     * limit of invalid answers.
     *
     * @param reason why, short and human-readable (e.g. {@code "empty answer"}); never {@code null}
     * @param raw the answer as given
     * @param reasoning reasoning text returned beside the answer, or {@code null}
     * @param usage tokens and cost ({@code null} reads as {@link TokenUsage#UNKNOWN})
     */
    record Invalid(String reason, String raw, String reasoning, TokenUsage usage) implements Answer {

        public Invalid {
            Objects.requireNonNull(reason, "reason");
            raw = raw == null ? "" : raw;
            usage = orUnknown(usage);
        }

        @Override
        public Invalid withUsage(TokenUsage usage) {
            return new Invalid(reason, raw, reasoning, usage);
        }

        @Override
        public Invalid withReasoning(String reasoning) {
            return new Invalid(reason, raw, reasoning, usage);
        }
    }

    private static TokenUsage orUnknown(TokenUsage usage) {
        return usage == null ? TokenUsage.UNKNOWN : usage;
    }
}
