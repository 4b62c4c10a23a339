package org.example;

import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.langchain4j.testkit.ParticipantContract;

/** bart4j's participant contract, run on this project's own participant. */
class CautiousParticipantContractTest extends ParticipantContract {

    @Override
    protected Participant participant() {
        return new CautiousParticipant(4);
    }

    @Override
    protected boolean deterministic() {
        return true;
    }
}
