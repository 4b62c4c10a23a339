package org.example;

import io.github.bart4j.core.Decision;
import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.core.spi.Reply;

/** A user's own participant: pumps until the balloon holds {@code target} pumps, then cashes out. */
public final class CautiousParticipant implements Participant {

    private final int target;

    public CautiousParticipant(int target) {
        this.target = target;
    }

    @Override
    public String name() {
        return "cautious-" + target;
    }

    @Override
    public BalloonSession open(BalloonContext context) {
        return state -> state.pumps() < target ? Reply.of(Decision.PUMP, "Pump")
                : Reply.of(Decision.CASH_OUT, "Cash Out");
    }
}
