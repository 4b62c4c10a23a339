package io.github.bart4j.core;

import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.BalloonState;
import io.github.bart4j.core.spi.Participant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The participant states its number of pumps up front; the balloon is then inflated that many
 * times or until it bursts (Pleskac et al. 2008).
 */
final class AutomaticTask implements Task {

    private final int maxInvalidAnswers;
    private final Ticker ticker;

    public AutomaticTask(int maxInvalidAnswers) {
        this(maxInvalidAnswers, Ticker.system());
    }

    private AutomaticTask(int maxInvalidAnswers, Ticker ticker) {
        this.maxInvalidAnswers = TaskSupport.checkMaxInvalid(maxInvalidAnswers);
        this.ticker = ticker;
    }

    /** This task measuring latencies on {@code ticker}. */
    AutomaticTask withTicker(Ticker ticker) {
        return new AutomaticTask(maxInvalidAnswers, ticker);
    }

    @Override
    public BalloonResult play(Participant participant, Balloon balloon, BalloonContext context) {
        List<Turn> records = new ArrayList<>();
        int invalid = 0;
        String lastInvalid = null;
        BalloonSession session;
        try {
            session = participant.open(context);
        } catch (RuntimeException e) {
            return TaskSupport.error(participant, balloon, context, 0, records, e);
        }
        while (true) {
            long start = ticker.read();
            Answer reply;
            try {
                reply = Objects.requireNonNull(session.declarePumps(new BalloonState(0, 0.0, invalid, lastInvalid)),
                        "BalloonSession.declarePumps returned null");
            } catch (RuntimeException e) {
                return TaskSupport.error(participant, balloon, context, 0, records, e);
            }
            Turn turn = TaskSupport.record(reply, Answer.PumpCount.class, "expected a number of pumps",
                    ticker.read() - start);
            records.add(turn);
            if (turn.answer() instanceof Answer.PumpCount count) {
                int declared = count.pumps();
                boolean burst = balloon.burstsAt(declared);
                int pumps = burst ? balloon.threshold() : declared;
                return TaskSupport.finish(participant, balloon, context, session, pumps, burst, records);
            }
            invalid++;
            lastInvalid = ((Answer.Invalid) turn.answer()).reason();
            if (invalid >= maxInvalidAnswers) {
                return TaskSupport.error(participant, balloon, context, 0, records,
                        "no valid answer after " + invalid + " attempts (last: " + lastInvalid + ")");
            }
        }
    }
}
