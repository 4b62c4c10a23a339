package io.github.bart4j.langchain4j;

import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.langchain4j.testkit.PolicyParticipantContract;
import java.util.concurrent.atomic.AtomicInteger;

class FakeModelContractTest extends PolicyParticipantContract {

    private static ModelOptions options(String name) {
        return ModelOptions.builder(ModelOptions.Backend.CUSTOM, name).maxRetries(1).sleeper(d -> { }).build();
    }

    @Override
    protected Participant participant(String spec) {
        return LlmParticipants.create(FakeChatModel.policy(spec), options(spec));
    }

    @Override
    protected Participant garbling(String spec, int garbled) {
        FakeChatModel policy = FakeChatModel.policy(spec);
        AtomicInteger calls = new AtomicInteger();
        return LlmParticipants.create(FakeChatModel.answering(r -> calls.incrementAndGet() <= garbled
                ? "I am a teapot." : policy.chat(r).aiMessage().text()), options(spec));
    }

    @Override
    protected Participant failing() {
        return LlmParticipants.create(FakeChatModel.answering(r -> {
            throw new dev.langchain4j.exception.InternalServerException("backend down");
        }), options("failing"));
    }
}
