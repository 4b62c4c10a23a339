package io.github.bart4j.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.core.Balloon;
import org.junit.jupiter.api.Test;

/** The rule lines people read in `serve` follow the balloon's rules, as the models' prompts do. */
class RulesTest {

    @Test
    void people_read_the_range_of_a_classic_balloon_and_the_burst_probability_of_a_constant_hazard_one() {
        Balloon classic = new Balloon(1, "", 1, 20, 7, 0.10);
        Balloon hazard = new Balloon(1, "", 1, 32, 7, 0.05, io.github.bart4j.core.Rules.constantHazard(0.1));

        assertThat(new Rules(true).lines(classic)).first().isEqualTo("The balloon can burst at any pump from 1..20.");
        assertThat(new Rules(true).lines(hazard)).first().isEqualTo("Each pump from pump 1 on bursts the balloon with"
                + " probability 10%, whatever happened before; pump 32 always bursts it.");
        assertThat(new Rules(false).lines(hazard)).first().asString().startsWith("Each pump earns you $0.05");
    }
}
