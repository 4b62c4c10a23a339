package io.github.bart4j.core.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * The design of an experiment as found in its results: who played, under which personas, which
 * balloon types and epochs, and whether everyone played the same balloons — which decides the
 * comparisons that apply (paired tests, persona contrasts, reliability across epochs).
 *
 * @param participants participant names, sorted
 * @param personas persona labels, sorted ({@code ""} stands for "no persona")
 * @param balloonTypes balloon types, largest capacity first ({@code ""} when untyped)
 * @param epochs epochs, ascending
 * @param sameBalloons whether every participant under every persona played the same balloons
 *     (the same threshold for each epoch and balloon id)
 * @param balloons balloons in the analysis
 * @param errored balloons that ended in an error
 * @param scoring {@code bart4j} (errored balloons left out) or {@code seed} (scored as 0 pumps, not burst)
 * @param rules the rules the balloons were played under, each as {@link io.github.bart4j.core.Rules#describe()}
 *     says (e.g. {@code classic}), in the order first found
 */
public record Design(List<String> participants, List<String> personas, List<String> balloonTypes, List<Integer> epochs,
                     boolean sameBalloons, int balloons, int errored, String scoring, List<String> rules) {

    /** A design of balloons played under the classic rules. */
    public Design(List<String> participants, List<String> personas, List<String> balloonTypes, List<Integer> epochs,
                  boolean sameBalloons, int balloons, int errored, String scoring) {
        this(participants, personas, balloonTypes, epochs, sameBalloons, balloons, errored, scoring,
                List.of(io.github.bart4j.core.Rules.classic().describe()));
    }

    public Design {
        rules = List.copyOf(rules);
        participants = List.copyOf(participants);
        personas = List.copyOf(personas);
        balloonTypes = List.copyOf(balloonTypes);
        epochs = List.copyOf(epochs);
    }

    /** Whether some participant ran under a persona. */
    public boolean hasPersonas() {
        return personas.stream().anyMatch(p -> !p.isEmpty());
    }

    /** Whether the balloons are typed. */
    public boolean typed() {
        return balloonTypes.stream().anyMatch(t -> !t.isEmpty());
    }

    /** Whether every balloon was played under the classic rules (what par4, EWMV, CRRA and CogBench assume). */
    public boolean classicRules() {
        return rules.stream().allMatch(r -> r.equals(io.github.bart4j.core.Rules.classic().describe()));
    }

    /** Two or three lines describing the design, for the top of the output (a third on rules other than classic). */
    public String toText() {
        List<String> parts = new ArrayList<>();
        parts.add(participants.size() + (participants.size() == 1 ? " participant" : " participants"));
        if (hasPersonas()) {
            parts.add(personas.size() + " personas (" + String.join(", ", personas.stream()
                    .map(p -> p.isEmpty() ? "none" : p).toList()) + ")");
        }
        if (typed()) {
            parts.add(balloonTypes.size() + " balloon types (" + String.join(", ", balloonTypes) + ")");
        }
        parts.add(epochs.size() + (epochs.size() == 1 ? " epoch" : " epochs"));
        String same = participants.isEmpty() ? "" : sameBalloons
                ? "; everyone played the same balloons (paired comparisons)"
                : "; balloons differ between participants (unpaired comparisons)";
        return "Design: " + String.join(", ", parts) + same + ".\n"
                + "Balloons: " + balloons + " analysed, " + errored + " errored "
                + (scoring.equals("seed") ? "(scored as the seed did: 0 pumps, not burst, counted)"
                        : "(left out)") + ". Scoring: " + scoring + ".\n"
                + (classicRules() ? "" : "Rules: " + String.join(", ", rules) + "; the sections "
                        + String.join(", ", Analysis.CLASSIC_RULES_SECTIONS) + " assume the classic rules and do not apply.\n");
    }
}
