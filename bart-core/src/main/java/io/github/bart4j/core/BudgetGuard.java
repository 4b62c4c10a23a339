package io.github.bart4j.core;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Keeps an experiment within its {@link Budget}: answers "may this balloon start?" and accounts
 * each balloon when it finishes. The rule and the in-flight estimate are documented on
 * {@link Budget}. Not thread-safe: the runner calls it under its lock.
 */
final class BudgetGuard {

    private final Budget budget;
    private final Map<String, Account> byParticipant = new HashMap<>();
    private final Account all = new Account();
    private String reached;

    /** Spend and balloons in flight of one participant, or of all. */
    private static final class Account {
        int recorded;
        int inFlight;
        double cost;
        long tokens;

        double meanCost(Account fallback) {
            return recorded > 0 ? cost / recorded : fallback != null && fallback.recorded > 0
                    ? fallback.cost / fallback.recorded : 0;
        }

        double meanTokens(Account fallback) {
            return recorded > 0 ? (double) tokens / recorded : fallback != null && fallback.recorded > 0
                    ? (double) fallback.tokens / fallback.recorded : 0;
        }
    }

    public BudgetGuard(Budget budget, Collection<BalloonResult> recorded) {
        this(budget, recorded, new CompletedBalloons());
    }

    /** A guard whose recorded spend is {@code recorded}'s and {@code done}'s (balloons known by identity). */
    public BudgetGuard(Budget budget, Collection<BalloonResult> recorded, CompletedBalloons done) {
        this.budget = budget;
        if (budget.isLimited()) {
            done.spend().forEach(this::add);
        }
        for (BalloonResult r : recorded) {
            add(r);
        }
    }

    /** Whether a balloon of {@code participant} may start; if so it counts as in flight until it finishes. */
    public boolean mayStart(String participant) {
        if (!budget.isLimited()) {
            return true;
        }
        if (reached != null) {
            return false;
        }
        Account candidate = byParticipant.computeIfAbsent(participant, p -> new Account());
        if (budget.maxCostUsd().isPresent()) {
            double limit = budget.maxCostUsd().getAsDouble();
            double inFlight = candidate.meanCost(all);
            for (Account a : byParticipant.values()) {
                inFlight += a.inFlight * a.meanCost(all);
            }
            if (all.cost + inFlight > limit) {
                reached = String.format(Locale.ROOT, "budget max_cost_usd %s reached: $%.4f recorded, $%.4f"
                        + " estimated for the balloons in flight and the next one", plain(limit), all.cost, inFlight);
                return false;
            }
        }
        if (budget.maxTokens().isPresent()) {
            long limit = budget.maxTokens().getAsLong();
            double inFlight = candidate.meanTokens(all);
            for (Account a : byParticipant.values()) {
                inFlight += a.inFlight * a.meanTokens(all);
            }
            if (all.tokens + inFlight > limit) {
                reached = String.format(Locale.ROOT, "budget max_tokens_total %d reached: %d tokens recorded, %d"
                        + " estimated for the balloons in flight and the next one", limit, all.tokens,
                        Math.round(inFlight));
                return false;
            }
        }
        candidate.inFlight++;
        all.inFlight++;
        return true;
    }

    /** Accounts a finished (recorded) balloon that {@link #mayStart} let start. */
    public void finished(BalloonResult result) {
        if (!budget.isLimited()) {
            return;
        }
        release(result.participant());
        add(result);
    }

    /** A balloon that {@link #mayStart} let start ended without a result (its participant failed). */
    public void abandoned(String participant) {
        if (budget.isLimited()) {
            release(participant);
        }
    }

    /** Why no further balloon may start, or {@code null} while the budget allows more. */
    public String reached() {
        return reached;
    }

    /** Dollars recorded so far (those whose cost is known). */
    public double spentUsd() {
        return all.cost;
    }

    /** Tokens recorded so far (those whose count is known). */
    public long spentTokens() {
        return all.tokens;
    }

    private void release(String participant) {
        Account a = byParticipant.get(participant);
        if (a != null && a.inFlight > 0) {
            a.inFlight--;
            all.inFlight--;
        }
    }

    /** Accounts the recorded spend of balloons of {@code participant} known by identity, as {@link #add(BalloonResult)}. */
    private void add(String participant, CompletedBalloons.Spend s) {
        if (s.count == 0) {
            return;
        }
        Account a = byParticipant.computeIfAbsent(participant, p -> new Account());
        a.recorded += s.count;
        all.recorded += s.count;
        if (budget.maxCostUsd().isPresent()) {
            TokenPrice price = budget.prices().get(participant);
            double cost = s.costUsd(price);
            a.cost += cost;
            all.cost += cost;
            if (s.unknownCost(price) > 0 && reached == null) {
                reached = unknownCost(participant);
            }
        }
        if (budget.maxTokens().isPresent()) {
            a.tokens += s.tokens;
            all.tokens += s.tokens;
            if (s.unknownTokensCount > 0 && reached == null) {
                reached = unknownTokens(participant);
            }
        }
    }

    private String unknownCost(String participant) {
        return "the cost of a balloon of " + participant + " is unknown (its provider reported no"
                + " cost and it has no price), so budget max_cost_usd " + plain(budget.maxCostUsd()
                .getAsDouble()) + " cannot be kept";
    }

    private String unknownTokens(String participant) {
        return "the tokens of a balloon of " + participant + " are unknown (its provider reported"
                + " none), so budget max_tokens_total " + budget.maxTokens().getAsLong() + " cannot be kept";
    }

    private void add(BalloonResult r) {
        if (!budget.isLimited()) {
            return;
        }
        Account a = byParticipant.computeIfAbsent(r.participant(), p -> new Account());
        a.recorded++;
        all.recorded++;
        if (budget.maxCostUsd().isPresent()) {
            OptionalDouble cost = budget.costOf(r);
            if (cost.isPresent()) {
                a.cost += cost.getAsDouble();
                all.cost += cost.getAsDouble();
            } else if (reached == null) {
                reached = unknownCost(r.participant());
            }
        }
        if (budget.maxTokens().isPresent()) {
            OptionalLong tokens = budget.tokensOf(r);
            if (tokens.isPresent()) {
                a.tokens += tokens.getAsLong();
                all.tokens += tokens.getAsLong();
            } else if (reached == null) {
                reached = unknownTokens(r.participant());
            }
        }
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
