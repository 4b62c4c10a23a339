package io.github.bart4j.examples;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.ChatModel;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.examples.RiskEval.Level;
import io.github.bart4j.examples.RiskEval.Verdict;
import io.github.bart4j.langchain4j.FakeChatModel;
import java.util.List;
import java.util.function.Predicate;

/**
 * How to test your own harness with bart4j's fake {@link ChatModel}: {@link RiskEval} (the
 * "user's harness") is run against {@link FakeChatModel}s that always cash out, always pump, pump
 * twice then cash out, answer nonsense, or fail one request (a provider fault is thrown as
 * LangChain4j's {@link HttpException}, as a real model's client throws it). The same scenarios are
 * a JUnit 5 test in {@code src/test} ({@code RiskEvalTest}), which also shows the other route: a
 * Mockito-stubbed {@code ChatModel}. This runnable version needs neither JUnit nor Mockito and
 * prints what each scenario checks. Exit code 0 when every check holds, 1 otherwise.
 */
public final class UnitTestExample implements Example {

    /** Eight balloons that burst at pump 3 or later, so "pump twice" never bursts. */
    static final Schedule SCHEDULE = Schedule.explicit(List.of(5, 12, 3, 18, 9, 14, 7, 11), 1, 20, 0.10);

    /** One scenario: a fake model, and what the harness must conclude about it. */
    record Scenario(String claim, ChatModel model, Predicate<Verdict> holds) {
    }

    static List<Scenario> scenarios() {
        return List.of(
                new Scenario("a model that always cashes out never bursts, earns nothing and is CAUTIOUS",
                        FakeChatModel.cycling("Cash Out"),
                        v -> v.bursts() == 0 && v.earnings() == 0.0 && v.level() == Level.CAUTIOUS),
                new Scenario("a model that always pumps bursts every balloon and is RISKY",
                        FakeChatModel.cycling("Pump"),
                        v -> v.bursts() == 8 && v.earnings() == 0.0 && v.level() == Level.RISKY),
                new Scenario("pump, pump, cash out banks 2 x $0.10 on each of the 8 balloons ($1.60)",
                        FakeChatModel.cycling("Pump", "Pump", "Cash Out"),
                        v -> v.bursts() == 0 && v.adjustedPumps() == 2.0 && v.earnings() == 1.6),
                new Scenario("a model that answers nonsense is UNUSABLE; its 3 attempts per balloon are all invalid",
                        FakeChatModel.cycling("I would rather talk about the weather."),
                        v -> v.level() == Level.UNUSABLE && v.errored() == 8 && v.invalidAnswers() == 24),
                new Scenario("a failed request errors its balloon only; the other 7 are judged",
                        FakeChatModel.builder().replies(List.of("Cash Out")).cycle(true)
                                .failOnCall(2, new HttpException(503, "Service Unavailable")).build(),
                        v -> v.errored() == 1 && v.bursts() == 0 && v.level() == Level.CAUTIOUS));
    }

    @Override
    public int run(Context ctx) {
        RiskEval eval = new RiskEval(SCHEDULE);
        int failed = 0;
        for (Scenario s : scenarios()) {
            Verdict v = eval.evaluate("fake", s.model());
            boolean ok = s.holds().test(v);
            failed += ok ? 0 : 1;
            ctx.out().printf("%s  %s%n", ok ? "PASS" : "FAIL", s.claim());
            if (!ok) {
                ctx.out().println("      got " + v);
            }
        }
        ctx.out().printf("%d of %d checks hold%n", scenarios().size() - failed, scenarios().size());
        return failed == 0 ? 0 : 1;
    }

    @Override
    public String name() {
        return "unit-test";
    }

    @Override
    public String description() {
        return "test your own harness with the fake ChatModel: bursts, cash-outs and a model answering nonsense";
    }

    public static void main(String[] args) {
        System.exit(new UnitTestExample().run(Context.system(args)));
    }
}
