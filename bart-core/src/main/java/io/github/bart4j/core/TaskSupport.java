package io.github.bart4j.core;

import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.core.spi.Reply;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the task variants share: recording answers and building results. */
final class TaskSupport {

    private TaskSupport() {
    }

    static int checkMaxInvalid(int maxInvalidAnswers) {
        if (maxInvalidAnswers < 1) {
            throw new IllegalArgumentException("maxInvalidAnswers must be >= 1, but is " + maxInvalidAnswers);
        }
        return maxInvalidAnswers;
    }

    /**
     * {@code task} measuring latencies on {@code ticker}: bart4j's own tasks are rebuilt with it, a
     * task a user wrote measures its own time and is returned as it is.
     */
    static Task withTicker(Task task, Ticker ticker) {
        if (task instanceof ClassicTask classic) {
            return classic.withTicker(ticker);
        }
        if (task instanceof AutomaticTask automatic) {
            return automatic.withTicker(ticker);
        }
        return task;
    }

    static DecisionRecord record(Reply reply, long elapsedNanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(elapsedNanos);
        return new DecisionRecord(reply.raw().strip(), reply.decision(), reply.pumpsDeclared(), reply.invalidReason(),
                reply.reasoning(), reply.usage(), millis);
    }

    static BalloonResult finish(Participant participant, Balloon balloon, BalloonContext context,
                                BalloonSession session, int pumps, boolean burst, List<DecisionRecord> records) {
        double earnings = balloon.earnings(pumps, burst);
        BalloonResult result = new BalloonResult(participant.name(), context.persona(), context.epoch(), balloon,
                pumps, burst, earnings, records, BalloonResult.Status.OK, null);
        try {
            session.finish(new BalloonOutcome(burst, pumps, earnings));
        } catch (RuntimeException e) {
            return error(participant, balloon, context, pumps, records, e);
        }
        return result;
    }

    static BalloonResult error(Participant participant, Balloon balloon, BalloonContext context, int pumps,
                               List<DecisionRecord> records, RuntimeException cause) {
        return error(participant, balloon, context, pumps, records, describe(cause));
    }

    static BalloonResult error(Participant participant, Balloon balloon, BalloonContext context, int pumps,
                               List<DecisionRecord> records, String cause) {
        return new BalloonResult(participant.name(), context.persona(), context.epoch(), balloon, pumps, false, 0.0,
                records, BalloonResult.Status.ERROR, cause);
    }

    /** The exception's message, or its type when it has none (e.g. a NullPointerException). */
    static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof io.github.bart4j.core.Bart4jException && message != null && !message.isBlank()) {
            return message;
        }
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
