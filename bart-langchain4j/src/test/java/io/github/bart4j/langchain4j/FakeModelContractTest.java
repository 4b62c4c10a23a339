package io.github.bart4j.langchain4j;

import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.langchain4j.testkit.PolicyParticipantContract;
import java.util.concurrent.atomic.AtomicInteger;

class FakeModelContractTest extends PolicyParticipantContract {

    private static Participant create(FakeChatModel model, String name) {
        return LlmParticipant.builder().chatModel(model).name(name).retryPolicy(RetryPolicy.builder().maxRetries(1)
                .build()).sleeper(d -> { }).build();
    }

    @Override
    protected Participant participant(String spec) {
        return create(FakeChatModel.policy(spec), spec);
    }

    @Override
    protected Participant garbling(String spec, int garbled) {
        FakeChatModel policy = FakeChatModel.policy(spec);
        AtomicInteger calls = new AtomicInteger();
        return create(FakeChatModel.answering(r -> calls.incrementAndGet() <= garbled
                ? "I am a teapot." : policy.chat(r).aiMessage().text()), spec);
    }

    @Override
    protected Participant failing() {
        return create(FakeChatModel.answering(r -> {
            throw new dev.langchain4j.exception.InternalServerException("backend down");
        }), "failing");
    }
}
