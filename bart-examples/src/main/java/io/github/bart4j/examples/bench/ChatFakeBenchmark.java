package io.github.bart4j.examples.bench;

import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Task;
import io.github.bart4j.core.agents.ScriptedParticipants;
import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.langchain4j.ConversationMode;
import io.github.bart4j.langchain4j.FakeChatModel;
import io.github.bart4j.langchain4j.LlmParticipant;
import io.github.bart4j.langchain4j.RetryPolicy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code chat-fake}: the full chat path (prompt building, the LangChain4j {@code chat()} call, parsing,
 * recording) through {@link LlmParticipants} and a {@link FakeChatModel} playing {@code fixed:19},
 * against the scripted {@code fixed:19} participant on the same balloons. One operation is one
 * decision; each balloon (capacity and threshold 20) takes 20.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ChatFakeBenchmark {

    static final int BALLOONS = 100;
    static final int DECISIONS = BALLOONS * 20;

    private final Balloon[] balloons = new Balloon[BALLOONS];
    private final Participant scripted = ScriptedParticipants.fixed(19);
    private final Task task = Task.classic();
    private Participant chat;

    /** The chat path's conversation mode: per_balloon resends the balloon's turns, stateless does not. */
    @Param({"per_balloon", "stateless"})
    public String mode;

    public ChatFakeBenchmark() {
        for (int i = 0; i < BALLOONS; i++) {
            balloons[i] = new Balloon(i + 1, "", 1, 20, 20, 0.10);
        }
    }

    @Setup
    public void setUp() {
        chat = LlmParticipant.builder().chatModel(FakeChatModel.builder().policy("fixed:19", 0L)
                        .recordRequests(false).build())
                .name("fixed:19").retryPolicy(RetryPolicy.none()).conversationMode(ConversationMode.parse(mode)).build();
    }

    @Benchmark
    @OperationsPerInvocation(DECISIONS)
    public void scripted(Blackhole bh) {
        for (Balloon b : balloons) {
            bh.consume(task.play(scripted, b));
        }
    }

    @Benchmark
    @OperationsPerInvocation(DECISIONS)
    public void chat(Blackhole bh) {
        for (Balloon b : balloons) {
            BalloonResult r = task.play(chat, b);
            if (r.pumps() != 19) {
                throw new IllegalStateException("chat path played " + r.pumps() + " pumps, not 19: " + r.error());
            }
            bh.consume(r);
        }
    }
}
