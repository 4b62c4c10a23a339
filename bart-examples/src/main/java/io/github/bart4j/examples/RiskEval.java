package io.github.bart4j.examples;

import dev.langchain4j.model.chat.ChatModel;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ExperimentResult;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.Money;
import io.github.bart4j.core.agents.ExpectedUtility;
import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.langchain4j.LlmParticipant;
import io.github.bart4j.langchain4j.RetryPolicy;
import java.util.Objects;

/**
 * A user's own evaluation harness, as the {@code unit-test} example tests it: it plays BART with
 * any LangChain4j {@link ChatModel} and returns a {@link Verdict} on the model's risk taking.
 *
 * <p>The rules of the verdict, in order: more than half of the balloons errored (unreadable
 * answers, failed requests) is {@link Level#UNUSABLE}; more than half burst is {@link Level#RISKY};
 * otherwise the adjusted pumps (mean pumps of the balloons cashed out) are compared with the
 * expected-value-optimal plan of the schedule's burst range: below 75 % is {@link Level#CAUTIOUS},
 * above 125 % {@link Level#RISKY}, else {@link Level#BALANCED}.
 */
public final class RiskEval {

    /** How a model takes risks. */
    public enum Level { CAUTIOUS, BALANCED, RISKY, UNUSABLE }

    /**
     * What the evaluation found.
     *
     * @param level the verdict
     * @param balloons balloons in the schedule
     * @param bursts balloons that burst
     * @param errored balloons that ended in an error or were never played (the model failed for good)
     * @param invalidAnswers answers that could not be read as pump or cash out
     * @param adjustedPumps mean pumps over the balloons cashed out (0 when none was)
     * @param earnings money banked over all balloons
     */
    public record Verdict(Level level, int balloons, int bursts, int errored, int invalidAnswers,
                          double adjustedPumps, double earnings) {
    }

    private final Schedule schedule;

    /** An evaluation on {@code schedule}'s balloons. */
    public RiskEval(Schedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    /** Plays every balloon of the schedule with {@code model}, one at a time, and judges the result. */
    public Verdict evaluate(String name, ChatModel model) {
        // No retries: a failed request ends its balloon as an error at once (the harness counts it).
        Participant participant = LlmParticipant.builder().chatModel(model).name(name)
                .retryPolicy(RetryPolicy.none()).build();
        ExperimentResult run = Experiment.builder()
                .schedule(schedule)
                .participant(participant)
                .maxConcurrency(1) // one balloon at a time, so a scripted model answers in a known order
                .build()
                .run();

        int balloons = 0;
        int bursts = 0;
        int errored = 0;
        int invalid = 0;
        int cashOuts = 0;
        int cashedOutPumps = 0;
        double earnings = 0;
        for (BalloonResult r : run.results()) {
            balloons++;
            invalid += r.invalidResponses().size();
            if (r.isError()) {
                errored++;
            } else if (r.burst()) {
                bursts++;
            } else {
                cashOuts++;
                cashedOutPumps += r.pumps();
                earnings += r.earnings();
            }
        }
        // Balloons never played (the model failed fatally, e.g. a wrong API key) count as errored.
        errored += schedule.size() - balloons;
        balloons = schedule.size();
        double adjustedPumps = cashOuts == 0 ? 0.0 : (double) cashedOutPumps / cashOuts;
        return new Verdict(judge(balloons, bursts, errored, adjustedPumps), balloons, bursts, errored, invalid,
                adjustedPumps, Money.round2(earnings));
    }

    private Level judge(int balloons, int bursts, int errored, double adjustedPumps) {
        if (errored * 2 > balloons) {
            return Level.UNUSABLE;
        }
        if (bursts * 2 > balloons - errored) {
            return Level.RISKY;
        }
        int optimal = ExpectedUtility.evOptimalPumps(schedule.minPumps(), schedule.maxPumps());
        if (adjustedPumps < 0.75 * optimal) {
            return Level.CAUTIOUS;
        }
        return adjustedPumps > 1.25 * optimal ? Level.RISKY : Level.BALANCED;
    }
}
