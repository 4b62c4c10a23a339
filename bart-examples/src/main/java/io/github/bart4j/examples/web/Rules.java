package io.github.bart4j.examples.web;

import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.Money;
import io.github.bart4j.langchain4j.BartPrompts;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules people read: the rule lines of the system prompt the models get
 * ({@link BartPrompts#seed()}), filled in for one balloon, without the lines that only tell a model
 * how to phrase its answer.
 *
 * @param discloseRange whether the burst range (and a constant burst probability) is stated (the config's
 *     {@code disclose_range})
 */
record Rules(boolean discloseRange) {

    /** The rules for {@code balloon}, one per line, e.g. "Each pump earns you $0.10, but ...". */
    List<String> lines(Balloon balloon) {
        BartPrompts prompts = BartPrompts.seed();
        String range = !discloseRange ? "" : balloon.rules().isClassic() ? prompts.rangeRule()
                : prompts.hazardRule().replace("{burst_chance}", balloon.rules().burstChance());
        String text = prompts.system().replace("{range_rule}", range)
                .replace("{min}", Integer.toString(balloon.minThreshold()))
                .replace("{max}", Integer.toString(balloon.capacity()))
                .replace("{reward}", Money.dollars(balloon.rewardPerPump()));
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith("- ")) {
                lines.add(l.substring(2));
            }
        }
        return lines;
    }
}
