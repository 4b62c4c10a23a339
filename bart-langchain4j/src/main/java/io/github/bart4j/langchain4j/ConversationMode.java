package io.github.bart4j.langchain4j;

import java.util.Locale;

/**
 * How an LLM participant's requests carry the history of the task.
 */
public enum ConversationMode {

    /**
     * The seed's protocol (default): a fresh conversation per balloon, multi-turn inside it. Each
     * valid answer is appended with the next user turn; an unreadable answer is not appended and
     * the same conversation is sent again.
     */
    PER_BALLOON,

    /**
     * One conversation for the whole series (participant, persona, epoch): earlier balloons' turns
     * and outcomes stay in context. The prefix is rebuilt from {@code BalloonContext.history()}, so a
     * resumed run sends exactly what an uninterrupted one would; balloons of a series are played in
     * order ({@code Participant.sequentialBalloons()} is {@code true}). Unreadable answers and
     * balloons that ended in an error are left out of the prefix; the system prompt is rendered for
     * the series' first balloon.
     */
    ACROSS_BALLOONS,

    /**
     * Every decision is one fresh two-message request (system, situation): tokens grow linearly,
     * not quadratically, with pumps.
     */
    STATELESS;

    /** The configuration spelling: {@code per_balloon}, {@code across_balloons}, {@code stateless}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode spelled {@code label} (case-insensitive; {@code -} and {@code _} alike).
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static ConversationMode parse(String label) {
        String s = label == null ? "" : label.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (ConversationMode m : values()) {
            if (m.name().equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("label must be one of per_balloon, across_balloons, stateless,"
                + " but is: '" + label + "'");
    }
}
