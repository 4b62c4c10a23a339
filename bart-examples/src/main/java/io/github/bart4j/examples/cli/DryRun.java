package io.github.bart4j.examples.cli;

import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Experiment;
import io.github.bart4j.core.ExperimentResult;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.Task;
import io.github.bart4j.core.TokenPrice;
import io.github.bart4j.core.TokenUsage;
import io.github.bart4j.langchain4j.ProviderChatModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code run --dry-run}: the plan of a run and what it may cost, without asking any model.
 *
 * <p>Requests and tokens come from playing the whole experiment offline with stand-in participants
 * that carry every option of the config (prompts, personas, conversation mode, output format) but
 * answer by a policy ({@link Participants#standIn}); their tokens are {@code ceil(chars / 4)} of the
 * real requests, the rule {@code FakeChatModel} uses. Every model is sent the same prompts, so the
 * token figures are the same for every model; prices differ.
 * <ul>
 *   <li><b>typical</b>: a risk-neutral player ({@code ev-optimal}), every answer valid at the first
 *       attempt and one word long;</li>
 *   <li><b>worst</b>: every balloon pumped to its threshold, every decision using all
 *       {@code max_invalid_retries} attempts (an unreadable answer is not added to the
 *       conversation, so each attempt resends the same prompt), every answer {@code max_tokens}
 *       long — without {@code max_tokens} a completion has no bound, and the worst case counts
 *       one-word answers (a lower bound, marked {@code >=}).</li>
 * </ul>
 * Transport retries ({@code max_retries}) are not in the token figures (a failed request returns no
 * completion); they are in the stated bound on HTTP requests.
 */
final class DryRun {

    private DryRun() {
    }

    /** Tokens and requests of one model over the whole run. */
    private record Figures(long requests, long promptTokens, long completionTokens, boolean completionBounded) {
        double dollars(TokenPrice p) {
            return p.cost(promptTokens, completionTokens);
        }
    }

    static int print(RunConfig cfg, long seed, Schedule schedule, ResumeState journal, RunBudget budget,
                     PrintWriter out, PrintWriter err) {
        int personas = Math.max(1, cfg.personas().size());
        int models = cfg.models().size();
        long balloons = (long) models * personas * cfg.epochs() * schedule.size();
        int attempts = cfg.maxInvalidRetries();
        boolean classic = !cfg.task().equals("automatic");
        long answersPerSeries = classic ? schedule.balloons().stream().mapToLong(Balloon::threshold).sum()
                : schedule.size();
        long mostAnswers = balloons * answersPerSeries / schedule.size() * attempts;
        out.println("dry run: no model is asked, no file is written");
        out.println("plan: " + models + plural(models, " model") + " x " + personas + plural(personas, " persona") + " x "
                + cfg.epochs() + plural(cfg.epochs(), " epoch") + " x " + schedule.size()
                + plural(schedule.size(), " balloon") + " = " + balloons + " balloons (task " + cfg.task()
                + ", conversation " + cfg.conversation() + ", max_invalid_retries " + attempts + ")");
        if (cfg.seed() == null && journal.isEmpty()) {
            out.println("seed: not set, so this plan's thresholds are one random draw and the run draws its own;"
                    + " set seed to plan the exact run");
        }
        if (!journal.isEmpty()) {
            out.println("resuming: " + journal.size() + " of " + balloons + " balloons are recorded in the run"
                    + " directory and are not asked again; the figures below are for the whole run");
        }
        out.println("most requests: " + mostAnswers + " model answers (" + (classic
                ? "every balloon pumped to its threshold, " : "") + "every decision using all " + attempts
                + " attempts); with transport retries (max_retries " + cfg.maxRetries() + ") at most "
                + mostAnswers * (1 + cfg.maxRetries()) + " HTTP requests");

        Figures typical = simulate(cfg, seed, schedule, "ev-optimal", 1, null, false);
        int maxThreshold = schedule.balloons().stream().mapToInt(Balloon::threshold).max().orElse(1);
        Figures worst = simulate(cfg, seed, schedule, "fixed:" + maxThreshold, attempts, cfg.maxTokens(), true);

        Map<String, TokenPrice> prices = prices(cfg, out);
        out.println("estimate per model, typical .. worst (tokens: ceil(chars/4) of the requests bart4j sends):");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"model", "requests", "prompt tokens", "completion tokens", "cost (USD)"});
        double typicalTotal = 0;
        double worstTotal = 0;
        int unpriced = 0;
        for (String model : cfg.models()) {
            TokenPrice price = prices.get(model);
            String dollars;
            if (price == null) {
                dollars = "price unknown";
                unpriced++;
            } else if (price.equals(TokenPrice.FREE)) {
                dollars = "free";
            } else {
                typicalTotal += typical.dollars(price);
                worstTotal += worst.dollars(price);
                dollars = money(typical.dollars(price)) + " .. " + (worst.completionBounded() ? "" : ">=")
                        + money(worst.dollars(price));
            }
            rows.add(new String[] {model, range(typical.requests(), worst.requests(), true),
                    range(typical.promptTokens(), worst.promptTokens(), true),
                    range(typical.completionTokens(), worst.completionTokens(), worst.completionBounded()), dollars});
        }
        if (models > 1) {
            rows.add(new String[] {"total", range(typical.requests() * models, worst.requests() * models, true),
                    range(typical.promptTokens() * models, worst.promptTokens() * models, true),
                    range(typical.completionTokens() * models, worst.completionTokens() * models,
                            worst.completionBounded()),
                    unpriced == models ? "price unknown" : money(typicalTotal) + " .. "
                            + (worst.completionBounded() ? "" : ">=") + money(worstTotal)
                            + (unpriced > 0 ? " (priced models only)" : "")});
        }
        table(rows, out);
        out.println("typical: a risk-neutral player (ev-optimal), every answer valid at once and one word long;"
                + " reasoning models also bill their hidden thinking as completion tokens, which this does not count");
        out.println("worst: every balloon pumped to its threshold, every decision using all " + attempts + " attempts, "
                + (cfg.maxTokens() != null ? "every answer max_tokens (" + cfg.maxTokens() + ") long"
                : "answers one word long: max_tokens is not set, so completions have no bound (set max_tokens to"
                + " bound them)"));
        if (unpriced > 0) {
            out.println("price unknown: add the model under prices: {MODEL: {prompt_per_million: P,"
                    + " completion_per_million: C}} (US dollars per million tokens)");
        }
        if (budget.budget().maxCostUsd().isPresent() && typicalTotal > budget.budget().maxCostUsd().getAsDouble()) {
            out.println("the typical estimate passes max_cost_usd: expect the run to stop before its end");
        }
        String limit = budget.progressText();
        out.println(limit.isEmpty() ? "budget: none (set max_cost_usd or --max-cost to stop the spend)"
                : "budget: stops starting balloons once recorded spend plus the balloons in flight would pass it ("
                + limit.substring("budget ".length()) + " so far)");
        out.flush();
        return 0;
    }

    /** Plays the run offline with one stand-in under every persona and epoch. */
    private static Figures simulate(RunConfig cfg, long seed, Schedule schedule, String policy, int attempts,
                                    Integer maxTokens, boolean worstCase) {
        Experiment.Builder b = Experiment.builder().schedule(schedule).epochs(cfg.epochs())
                .task(cfg.task().equals("automatic") ? Task.automatic(cfg.maxInvalidRetries())
                        : Task.classic(cfg.maxInvalidRetries()))
                .maxConcurrency(2);
        io.github.bart4j.core.spi.Participant p = Participants.standIn(cfg, policy, seed);
        List<String> personas = cfg.personas().isEmpty() ? List.of("") : List.copyOf(cfg.personas().keySet());
        personas.forEach(persona -> b.participant(p, persona));
        ExperimentResult result = b.build().run();
        long requests = 0;
        long prompt = 0;
        long completion = 0;
        for (BalloonResult r : result.results()) {
            requests += r.turns().size();
            TokenUsage u = r.usage();
            prompt += u.inputTokens() == null ? 0 : u.inputTokens();
            completion += u.outputTokens() == null ? 0 : u.outputTokens();
        }
        requests *= attempts;
        prompt *= attempts;
        completion = maxTokens != null ? requests * maxTokens : completion * attempts;
        return new Figures(requests, prompt, completion, !worstCase || maxTokens != null);
    }

    /** Prices by model: the config's, free for simulated agents, else OpenRouter's model list. */
    private static Map<String, TokenPrice> prices(RunConfig cfg, PrintWriter out) {
        Map<String, TokenPrice> prices = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String model : cfg.models()) {
            TokenPrice p = RunBudget.price(cfg, model);
            if (p != null) {
                prices.put(model, p);
            } else {
                missing.add(model);
            }
        }
        if (!missing.isEmpty() && cfg.backend().equals("openrouter")) {
            String base = cfg.baseUrl() != null ? cfg.baseUrl() : ProviderChatModel.Backend.OPENROUTER.defaultBaseUrl();
            try {
                Map<String, TokenPrice> listed = OpenRouterPrices.fetch(base, Duration.ofMillis(
                        Math.round(cfg.requestTimeoutSeconds() * 1000)));
                for (String model : missing) {
                    if (listed.containsKey(model)) {
                        prices.put(model, listed.get(model));
                    } else {
                        out.println("prices: '" + model + "' is not in OpenRouter's model list");
                    }
                }
                out.println("prices: OpenRouter's model list (" + base + "/models)");
            } catch (IOException e) {
                out.println("prices: OpenRouter's model list could not be read (" + ConfigLoader.oneLine(e.getMessage())
                        + "); no dollar estimate for " + String.join(", ", missing));
            }
        }
        return prices;
    }

    private static void table(List<String[]> rows, PrintWriter out) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < r.length; i++) {
                line.append(' ').append(i == 0 ? pad(r[i], width[i]) : padLeft(r[i], width[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(w - s.length());
    }

    private static String padLeft(String s, int w) {
        return " ".repeat(w - s.length()) + s;
    }

    private static String range(long typical, long worst, boolean bounded) {
        return String.format(Locale.ROOT, "%,d .. %s%,d", typical, bounded ? "" : ">=", worst);
    }

    private static String money(double usd) {
        return String.format(Locale.ROOT, "$%.4f", usd);
    }

    private static String plural(int n, String word) {
        return n == 1 ? word : word + "s";
    }
}
