package io.github.bart4j.core;

import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.BalloonState;
import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.core.spi.Reply;
import java.util.ArrayList;
import java.util.List;

/** One decision per pump. */
final class ClassicTask implements Task {

    private final int maxInvalidAnswers;
    private final Ticker ticker;

    public ClassicTask(int maxInvalidAnswers) {
        this(maxInvalidAnswers, Ticker.system());
    }

    private ClassicTask(int maxInvalidAnswers, Ticker ticker) {
        this.maxInvalidAnswers = TaskSupport.checkMaxInvalid(maxInvalidAnswers);
        this.ticker = ticker;
    }

    /** This task measuring latencies on {@code ticker}. */
    ClassicTask withTicker(Ticker ticker) {
        return new ClassicTask(maxInvalidAnswers, ticker);
    }

    @Override
    public BalloonResult play(Participant participant, Balloon balloon, BalloonContext context) {
        List<DecisionRecord> records = new ArrayList<>();
        int pumps = 0;
        int invalid = 0;
        String lastInvalid = null;
        BalloonSession session;
        try {
            session = participant.open(context);
        } catch (RuntimeException e) {
            return TaskSupport.error(participant, balloon, context, 0, records, e);
        }
        while (true) {
            BalloonState state = new BalloonState(pumps, balloon.earnings(pumps, false), invalid, lastInvalid);
            long start = ticker.read();
            Reply reply;
            try {
                reply = session.decide(state);
            } catch (RuntimeException e) {
                return TaskSupport.error(participant, balloon, context, pumps, records, e);
            }
            records.add(TaskSupport.record(reply, ticker.read() - start));
            if (!reply.isValid() || reply.decision() == null) {
                invalid++;
                lastInvalid = reply.isValid() ? "expected Pump or Cash Out" : reply.invalidReason();
                if (invalid >= maxInvalidAnswers) {
                    return TaskSupport.error(participant, balloon, context, pumps, records,
                            "no valid answer after " + invalid + " attempts (last: " + lastInvalid + ")");
                }
                continue;
            }
            invalid = 0;
            lastInvalid = null;
            if (reply.decision() == Decision.PUMP) {
                pumps++;
                if (balloon.burstsAt(pumps)) {
                    return TaskSupport.finish(participant, balloon, context, session, pumps, true, records);
                }
            } else {
                return TaskSupport.finish(participant, balloon, context, session, pumps, false, records);
            }
        }
    }
}
