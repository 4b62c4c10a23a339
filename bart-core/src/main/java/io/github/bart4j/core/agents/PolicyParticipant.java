package io.github.bart4j.core.agents;

import io.github.bart4j.core.Answer;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.BalloonState;
import io.github.bart4j.core.spi.Participant;
import java.util.SplittableRandom;

/** A participant that answers from a {@link Policy}, saying "Pump" or "Cash Out". */
final class PolicyParticipant implements Participant {

    private static final Answer PUMP = Answer.decision(Decision.PUMP, "Pump");
    private static final Answer CASH_OUT = Answer.decision(Decision.CASH_OUT, "Cash Out");

    private final String name;
    private final Policy policy;

    PolicyParticipant(String name, Policy policy) {
        this.name = name;
        this.policy = policy;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BalloonSession open(BalloonContext context) {
        SplittableRandom rng = policy.random() ? policy.rng(context) : null;
        return new BalloonSession() {
            @Override
            public Answer decide(BalloonState state) {
                return policy.pump(context, state.pumps(), rng) ? PUMP : CASH_OUT;
            }

            @Override
            public Answer declarePumps(BalloonState state) {
                int k = policy.declare(context, rng);
                return Answer.pumpCount(k, Integer.toString(k));
            }
        };
    }

    @Override
    public String toString() {
        return "ScriptedParticipant[" + name + "]";
    }
}
