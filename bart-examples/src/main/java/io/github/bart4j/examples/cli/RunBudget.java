package io.github.bart4j.examples.cli;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Budget;
import io.github.bart4j.core.ExperimentListener;
import io.github.bart4j.core.Progress;
import io.github.bart4j.core.TokenPrice;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A run's budget ({@code max_cost_usd} / {@code --max-cost}, {@code max_tokens_total} /
 * {@code --max-tokens-total}) as the CLI uses it: the {@link Budget} given to the experiment, the
 * refusal of a dollar budget for a model whose cost cannot be known, and the spend so far against
 * it for the progress line and the manifest (the journal's earlier balloons included).
 */
final class RunBudget implements ExperimentListener {

    private final Budget budget;
    /** Spending is shown only against its limit, so without one it is not summed (per balloon, while playing). */
    private final boolean sumsCost;
    private final boolean sumsTokens;
    private double spentUsd;
    private long spentTokens;

    private RunBudget(Budget budget) {
        this.budget = budget;
        this.sumsCost = budget.maxCostUsd().isPresent();
        this.sumsTokens = budget.maxTokens().isPresent();
    }

    /**
     * The budget of {@code cfg}, the command-line values overriding the config's.
     *
     * @throws UsageException when a value is out of range, or a dollar budget is set and a model's
     *     backend reports no cost and the config gives it no price
     */
    static RunBudget of(RunConfig cfg, Double maxCostOption, Long maxTokensOption) {
        Double maxCost = maxCostOption != null ? maxCostOption : cfg.cost().maxCostUsd();
        Long maxTokens = maxTokensOption != null ? maxTokensOption : cfg.cost().maxTokensTotal();
        if (maxCostOption != null && !(maxCostOption > 0 && Double.isFinite(maxCostOption))) {
            throw new UsageException("--max-cost must be a number of US dollars > 0, but is: " + maxCostOption);
        }
        if (maxTokensOption != null && maxTokensOption < 1) {
            throw new UsageException("--max-tokens-total must be a whole number >= 1, but is: " + maxTokensOption);
        }
        Budget budget = Budget.NONE;
        for (String model : cfg.models()) {
            TokenPrice price = price(cfg, model);
            if (price != null) {
                budget = budget.withPrice(model, price);
            } else if (maxCost != null && !reportsCost(cfg)) {
                throw new UsageException("max_cost_usd: model '" + model + "' on backend '" + cfg.backend()
                        + "' reports no cost and has no price, so a dollar budget cannot be kept; add prices: {'"
                        + model + "': {prompt_per_million: P, completion_per_million: C}} to the config,"
                        + " or drop max_cost_usd");
            }
        }
        if (maxCost != null) {
            budget = budget.withMaxCostUsd(maxCost);
        }
        if (maxTokens != null) {
            budget = budget.withMaxTokens(maxTokens);
        }
        return new RunBudget(budget);
    }

    /** Whether the backend reports each request's cost (OpenRouter's {@code usage.cost}). */
    static boolean reportsCost(RunConfig cfg) {
        return cfg.backend().equals("openrouter");
    }

    /** The price of {@code model}: the config's {@code prices}, free for simulated agents, else {@code null}. */
    static TokenPrice price(RunConfig cfg, String model) {
        TokenPrice p = cfg.cost().prices().get(model);
        if (p == null && cfg.backend().equals("simulated")) {
            return TokenPrice.FREE;
        }
        return p;
    }

    Budget budget() {
        return budget;
    }

    /** Counts the balloons recorded by earlier runs of the directory. */
    synchronized void recorded(ResumeState journal) {
        spentUsd += journal.done().costUsd(budget);
        spentTokens += journal.done().tokens();
        journal.histories().forEach(this::add);
    }

    @Override
    public synchronized void balloonFinished(BalloonResult result, Progress progress) {
        add(result);
    }

    private void add(BalloonResult r) {
        OptionalDouble cost = sumsCost ? budget.costOf(r) : OptionalDouble.empty();
        if (cost.isPresent()) {
            spentUsd += cost.getAsDouble();
        }
        OptionalLong tokens = sumsTokens ? budget.tokensOf(r) : OptionalLong.empty();
        if (tokens.isPresent()) {
            spentTokens += tokens.getAsLong();
        }
    }

    /** "budget $0.0123 of $0.50" (and/or tokens), or empty without a budget. */
    synchronized String progressText() {
        StringBuilder s = new StringBuilder();
        if (budget.maxCostUsd().isPresent()) {
            s.append(String.format(Locale.ROOT, "budget $%.4f of $%s", spentUsd, plain(budget.maxCostUsd()
                    .getAsDouble())));
        }
        if (budget.maxTokens().isPresent()) {
            s.append(s.length() == 0 ? "budget " : ", ").append(spentTokens).append(" of ")
                    .append(budget.maxTokens().getAsLong()).append(" tokens");
        }
        return s.toString();
    }

    /** The manifest's {@code budget} block, or {@code null} without a budget. */
    synchronized Map<String, Object> manifest(String reached) {
        if (!budget.isLimited()) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_cost_usd", budget.maxCostUsd().isPresent() ? budget.maxCostUsd().getAsDouble() : null);
        m.put("max_tokens_total", budget.maxTokens().isPresent() ? budget.maxTokens().getAsLong() : null);
        m.put("spent_usd", budget.maxCostUsd().isPresent() ? spentUsd : null);
        m.put("spent_tokens", budget.maxTokens().isPresent() ? spentTokens : null);
        m.put("reached", reached != null);
        m.put("reason", reached);
        Map<String, Object> prices = new LinkedHashMap<>();
        budget.prices().forEach((model, p) -> {
            Map<String, Object> price = new LinkedHashMap<>(); // fixed key order: the same run, the same bytes
            price.put("prompt_per_million", p.promptPerMillion());
            price.put("completion_per_million", p.completionPerMillion());
            prices.put(model, price);
        });
        m.put("prices", prices);
        return m;
    }

    /** A larger budget to suggest on resume: twice this one. */
    String resumeOptions() {
        StringBuilder s = new StringBuilder();
        if (budget.maxCostUsd().isPresent()) {
            s.append(" --max-cost ").append(plain(2 * budget.maxCostUsd().getAsDouble()));
        }
        if (budget.maxTokens().isPresent()) {
            s.append(" --max-tokens-total ").append(2 * budget.maxTokens().getAsLong());
        }
        return s.toString();
    }

    static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
