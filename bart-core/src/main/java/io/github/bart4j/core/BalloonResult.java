package io.github.bart4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one balloon played by one participant: an immutable value.
 *
 * <p>Invariants: a burst balloon has earnings {@code 0} and {@code pumps == threshold}; a
 * cashed-out balloon has {@code pumps < threshold} and earnings {@code pumps × reward} rounded to
 * cents. An {@linkplain Status#ERROR errored} balloon keeps the pumps and answers it got before
 * the failure, is neither burst nor earning, and states its {@link #error() cause}; statistics
 * exclude it and count it.
 *
 * @param participant the participant's name (the model id, e.g. {@code openai/gpt-4o})
 * @param persona the persona (condition) label, {@code ""} for none
 * @param epoch 1-based repetition of the schedule
 * @param balloon the balloon played, threshold included
 * @param pumps safe pumps made (the bursting pump included when burst, as the seed counted)
 * @param burst whether the balloon burst
 * @param earnings money banked on this balloon
 * @param turns every answer in order with its latency, invalid ones included
 * @param status {@link Status#OK} or {@link Status#ERROR}
 * @param error the cause when errored, else {@code null}
 */
public record BalloonResult(String participant, String persona, int epoch, Balloon balloon, int pumps, boolean burst,
                            double earnings, List<Turn> turns, Status status, String error) {

    /** Whether a balloon finished normally or failed. */
    public enum Status {
        OK, ERROR;

        /** The lower-case name used in files: {@code ok} or {@code error}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public BalloonResult {
        Objects.requireNonNull(participant, "participant");
        persona = persona == null ? "" : persona;
        Objects.requireNonNull(balloon, "balloon");
        Objects.requireNonNull(status, "status");
        turns = List.copyOf(turns);
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be >= 1, but is: " + epoch);
        }
        if (status == Status.ERROR && (error == null || error.isBlank())) {
            throw new IllegalArgumentException("an errored balloon must state its cause");
        }
        if (status == Status.OK && error != null) {
            throw new IllegalArgumentException("a balloon with status ok has no error, but has: " + error);
        }
    }

    /** Whether the balloon ended in an error (excluded from statistics). */
    public boolean isError() {
        return status == Status.ERROR;
    }

    /**
     * The valid decisions in order (the seed's {@code choices}). In the automatic task, where one
     * answer states the number of pumps, these are the pumps made, then a cash-out unless the
     * balloon burst.
     */
    public List<Decision> choices() {
        List<Decision> out = new ArrayList<>(turns.size());
        for (Turn t : turns) {
            if (t.answer() instanceof Answer.Choice c) {
                out.add(c.decision());
            } else if (t.answer() instanceof Answer.PumpCount) {
                for (int i = 0; i < pumps; i++) {
                    out.add(Decision.PUMP);
                }
                if (!burst) {
                    out.add(Decision.CASH_OUT);
                }
            }
        }
        return out;
    }

    /** The raw text of the valid answers in order (the seed's {@code full_responses}). */
    public List<String> responses() {
        List<String> out = new ArrayList<>(turns.size());
        for (Turn t : turns) {
            if (t.answer().isValid()) {
                out.add(t.answer().raw());
            }
        }
        return out;
    }

    /** The raw text of the answers that could not be read, in order. */
    public List<String> invalidResponses() {
        List<String> out = new ArrayList<>();
        for (Turn t : turns) {
            if (!t.answer().isValid()) {
                out.add(t.answer().raw());
            }
        }
        return out;
    }

    /** Tokens and cost summed over every request of this balloon. */
    public TokenUsage usage() {
        // the fold of TokenUsage.plus over the turns, in order, without a TokenUsage per turn
        int in = 0;
        int out = 0;
        double cost = 0.0;
        boolean hasIn = false;
        boolean hasOut = false;
        boolean hasCost = false;
        for (Turn t : turns) {
            TokenUsage u = t.answer().usage();
            if (u == null) {
                continue;
            }
            if (u.inputTokens() != null) {
                in = hasIn ? in + u.inputTokens() : u.inputTokens();
                hasIn = true;
            }
            if (u.outputTokens() != null) {
                out = hasOut ? out + u.outputTokens() : u.outputTokens();
                hasOut = true;
            }
            if (u.cost() != null) {
                cost = hasCost ? cost + u.cost() : u.cost();
                hasCost = true;
            }
        }
        return turns.isEmpty() ? TokenUsage.UNKNOWN
                : new TokenUsage(hasIn ? in : null, hasOut ? out : null, hasCost ? cost : null);
    }

    /** Wall-clock milliseconds summed over every answer of this balloon. */
    public long latencyMillis() {
        long total = 0;
        for (Turn t : turns) {
            total += t.latencyMillis();
        }
        return total;
    }

    /** The identity of this balloon within an experiment: participant, persona, epoch, balloon id. */
    public Key key() {
        return new Key(participant, persona, epoch, balloon.id());
    }

    /** Identifies one (participant, persona, epoch, balloon) work item; used for resume. */
    public record Key(String participant, String persona, int epoch, int balloonId) {
    }
}
