package io.github.bart4j.langchain4j;

import io.github.bart4j.core.ParticipantException;
import io.github.bart4j.core.agents.ScriptedParticipants;
import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.BalloonState;
import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.core.spi.Reply;
import io.github.bart4j.langchain4j.testkit.PolicyParticipantContract;
import java.util.concurrent.atomic.AtomicInteger;

/** The core's scripted participants pass the same contract (garbling and failing by decoration). */
class ScriptedContractTest extends PolicyParticipantContract {

    @Override
    protected Participant participant(String spec) {
        return ScriptedParticipants.parse(spec);
    }

    @Override
    protected Participant garbling(String spec, int garbled) {
        Participant inner = ScriptedParticipants.parse(spec);
        AtomicInteger answers = new AtomicInteger();
        return new Participant() {
            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public BalloonSession open(BalloonContext context) {
                BalloonSession session = inner.open(context);
                return state -> answers.incrementAndGet() <= garbled ? Reply.invalid("I am a teapot.", "no decision")
                        : session.decide(state);
            }
        };
    }

    @Override
    protected Participant failing() {
        return new Participant() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public BalloonSession open(BalloonContext context) {
                return (BalloonState state) -> {
                    throw new ParticipantException("backend down", false);
                };
            }
        };
    }
}
