package io.github.bart4j.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Which balloons of an experiment are already recorded, kept in a few bits per balloon instead of
 * their results: give it to {@link Experiment.Builder#completed(CompletedBalloons)} to resume a
 * run of any size in flat memory. Read a journal into it in one pass:
 *
 * <pre>{@code
 * CompletedBalloons done = new CompletedBalloons();
 * ResultFiles.readJournal(journal, done);          // every record in file order, none kept
 * Experiment experiment = Experiment.builder()
 *         .schedule(schedule).participant(p)
 *         .completed(done)                          // these balloons are not asked again
 *         .sink(ResultSinks.jsonLines(journal, ResultSinks.WriteMode.APPEND))
 *         .build();
 * }</pre>
 *
 * <p>What it keeps of each {@linkplain #add added} result: the balloon's identity
 * ({@link BalloonResult#key()}) and whether it {@linkplain BalloonResult#isError() errored}; per
 * participant, the recorded spend a {@link Budget} counts (dollars and tokens, priced when the
 * budget is known); each balloon id's {@link Balloon} once (to check it against the schedule: memory
 * that grows with the schedule, not with the balloons recorded); and
 * the spend of errored balloons that had answers (so that a balloon asked again replaces it
 * exactly); per series, the sum of the balloons' times (their answers' latencies), calls and the most
 * pumps seen, which the experiment's dispatch rule starts from. Turns, answers and texts are dropped.
 *
 * <p>Contract:
 * <ul>
 *   <li>A balloon added again replaces its earlier record — as {@link ResultFiles#readJournal(java.nio.file.Path)}
 *       keeps a balloon's later record — when that record is an error (a balloon asked again after
 *       its error): its status and spend are the later record's. A balloon already added with
 *       status ok cannot be added again ({@link IllegalArgumentException}): bart4j records a
 *       balloon twice only after an error.</li>
 *   <li>{@link Experiment.Builder#build()} checks these balloons against the experiment as it
 *       checks completed results (participant and persona added, epoch in range, the schedule's
 *       balloon), with the same messages.</li>
 *   <li>Balloons completed this way are not in {@link ExperimentResult#results()} (their results
 *       are not kept); they count in {@link Progress} (done and errors) and in the {@link Budget}'s
 *       recorded spend. A participant with {@link io.github.bart4j.core.spi.Participant#sequentialBalloons()}
 *       needs the results of a series it has not finished (they are its history): give those with
 *       {@link Experiment.Builder#completed(java.util.Collection)}.</li>
 * </ul>
 * Not thread-safe; the builder takes a copy, so changing it afterwards does not change the experiment.
 */
public final class CompletedBalloons implements Consumer<BalloonResult> {

    /** One (participant, persona, epoch) series. */
    record Series(String participant, String persona, int epoch) {
    }

    /**
     * The balloons of one series: done, and done with status error (bit = balloon id); and what their
     * results showed the dispatch rule (their time and calls, the most pumps), summed.
     */
    static final class Bits {
        /** The series' place in the order first added. */
        final int index;
        final BitSet done = new BitSet();
        final BitSet errored = new BitSet();
        final ArmScheduler.History played = new ArmScheduler.History();

        Bits(int index) {
            this.index = index;
        }

        Bits copy() {
            Bits b = new Bits(index);
            b.done.or(done);
            b.errored.or(errored);
            b.played.addAll(played);
            return b;
        }
    }

    /** A balloon id's {@link Balloon} as first added, with the first result that carried it. */
    record Used(Balloon balloon, BalloonResult.Key by) {
    }

    private final Map<Series, Bits> series = new LinkedHashMap<>();
    private final List<Series> seriesOrder = new ArrayList<>();
    private final Map<String, Spend> spend = new LinkedHashMap<>();
    private final Map<BalloonResult.Key, Spend> erroredSpend = new HashMap<>();
    /** Each balloon id's {@link Balloon} as first added, and the index of the series that added it. */
    private Balloon[] balloonById = new Balloon[0];
    private int[] firstSeriesById = new int[0];
    private Used conflict;
    private int size;
    private int errored;

    /** An empty set. */
    public CompletedBalloons() {
    }

    /** A set of {@code results}, added in their order (see {@link #add}). */
    public static CompletedBalloons of(Iterable<BalloonResult> results) {
        CompletedBalloons done = new CompletedBalloons();
        results.forEach(done::add);
        return done;
    }

    /**
     * Records {@code result}'s balloon as done, keeping only what is described {@linkplain CompletedBalloons above}.
     *
     * @throws IllegalArgumentException if the balloon was already added with status ok
     */
    public void add(BalloonResult result) {
        Objects.requireNonNull(result, "result");
        BalloonResult.Key key = result.key();
        Bits bits = series.computeIfAbsent(new Series(key.participant(), key.persona(), key.epoch()), s -> {
            seriesOrder.add(s);
            return new Bits(seriesOrder.size() - 1);
        });
        int id = key.balloonId();
        Spend account = spend.computeIfAbsent(key.participant(), p -> new Spend());
        if (bits.done.get(id)) {
            if (!bits.errored.get(id)) {
                throw new IllegalArgumentException("balloon " + id + " of '" + key.participant() + "' (persona '"
                        + key.persona() + "', epoch " + key.epoch() + ") is already completed with status ok;"
                        + " only an errored balloon is recorded again (asked again after its error)");
            }
            forget(key, bits, account);
        }
        bits.done.set(id);
        bits.played.add(result.latencyMillis() * 1_000_000L, ArmScheduler.Played.of(result));
        size++;
        Spend own = Spend.of(result);
        account.add(own);
        if (result.isError()) {
            bits.errored.set(id);
            errored++;
            if (!result.turns().isEmpty()) {
                erroredSpend.put(key, own);
            }
        }
        if (id >= balloonById.length) {
            int capacity = Math.max(id + 1, balloonById.length * 2);
            balloonById = Arrays.copyOf(balloonById, capacity);
            firstSeriesById = Arrays.copyOf(firstSeriesById, capacity);
        }
        Balloon first = balloonById[id];
        if (first == null) {
            balloonById[id] = result.balloon();
            firstSeriesById[id] = bits.index;
        } else if (conflict == null && !first.equals(result.balloon())) {
            conflict = new Used(result.balloon(), key);
        }
    }

    /** As {@link #add}, so that a journal can be read straight into this set. */
    @Override
    public void accept(BalloonResult result) {
        add(result);
    }

    /**
     * Forgets every errored balloon, so that an experiment asks them again (e.g. after a provider
     * outage); their spend no longer counts.
     *
     * @return how many were forgotten
     */
    public int removeErrored() {
        int removed = errored;
        for (Map.Entry<Series, Bits> e : series.entrySet()) {
            Bits bits = e.getValue();
            Series s = e.getKey();
            for (int id = bits.errored.nextSetBit(0); id >= 0; id = bits.errored.nextSetBit(id + 1)) {
                forget(new BalloonResult.Key(s.participant(), s.persona(), s.epoch(), id), bits,
                        spend.get(s.participant()));
            }
        }
        return removed;
    }

    private void forget(BalloonResult.Key key, Bits bits, Spend account) {
        int id = key.balloonId();
        boolean wasError = bits.errored.get(id);
        bits.done.clear(id);
        bits.errored.clear(id);
        size--;
        if (wasError) {
            errored--;
        }
        Spend old = erroredSpend.remove(key);
        account.subtract(old == null ? Spend.NOTHING : old);
    }

    /** Whether the balloon {@code key} identifies is done. */
    public boolean contains(BalloonResult.Key key) {
        Bits bits = series.get(new Series(key.participant(), key.persona(), key.epoch()));
        return bits != null && key.balloonId() >= 0 && bits.done.get(key.balloonId());
    }

    /** How many balloons are done. */
    public int size() {
        return size;
    }

    /** Whether no balloon is done. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** How many of them have status error. */
    public int errored() {
        return errored;
    }

    /**
     * The dollars these balloons cost as {@code budget} counts them ({@link Budget#costOf}, its prices
     * applied), summed over those whose cost is known.
     */
    public double costUsd(Budget budget) {
        double sum = 0;
        for (Map.Entry<String, Spend> e : spend.entrySet()) {
            sum += e.getValue().costUsd(budget.prices().get(e.getKey()));
        }
        return sum;
    }

    /** The tokens (prompt + completion) of these balloons whose count is known ({@link Budget#tokensOf}). */
    public long tokens() {
        long sum = 0;
        for (Spend s : spend.values()) {
            sum += s.tokens;
        }
        return sum;
    }

    @Override
    public String toString() {
        return "CompletedBalloons[" + size + " balloons, " + errored + " errored]";
    }

    // ------------------------------------------------------------ for the builder and the runner

    CompletedBalloons copy() {
        CompletedBalloons c = new CompletedBalloons();
        series.forEach((s, b) -> c.series.put(s, b.copy()));
        c.seriesOrder.addAll(seriesOrder);
        spend.forEach((p, s) -> c.spend.put(p, s.copy()));
        c.erroredSpend.putAll(erroredSpend);
        c.balloonById = balloonById.clone();
        c.firstSeriesById = firstSeriesById.clone();
        c.conflict = conflict;
        c.size = size;
        c.errored = errored;
        return c;
    }

    boolean contains(String participant, String persona, int epoch, int balloonId) {
        Bits bits = series.get(new Series(participant, persona, epoch));
        return bits != null && bits.done.get(balloonId);
    }

    /** The series that have a balloon done, in the order first added. */
    Map<Series, Bits> series() {
        return series;
    }

    /** Each balloon id's balloon as first added, with the result that added it, in id order. */
    List<Used> balloons() {
        List<Used> out = new ArrayList<>();
        for (int id = 0; id < balloonById.length; id++) {
            if (balloonById[id] != null) {
                Series s = seriesOrder.get(firstSeriesById[id]);
                out.add(new Used(balloonById[id], new BalloonResult.Key(s.participant(), s.persona(), s.epoch(), id)));
            }
        }
        return out;
    }

    Used conflict() {
        return conflict;
    }

    /** The recorded spend per participant, in the order first added. */
    Map<String, Spend> spend() {
        return spend;
    }

    /**
     * Recorded spend of some balloons, price-free, so that any {@link Budget} can count it as
     * {@link Budget#costOf} and {@link Budget#tokensOf} do: balloons whose every answer reported
     * its cost; balloons that need a price (an answer with tokens but no cost); balloons whose cost
     * cannot be known (an answer with neither); and the tokens of those whose count is known.
     */
    static final class Spend {
        static final Spend NOTHING = new Spend();

        int count;
        double reportedCost;
        int pricedCount;
        double pricedReportedCost;
        long pricedPromptTokens;
        long pricedCompletionTokens;
        int unknownCostCount;
        long tokens;
        int unknownTokensCount;

        static Spend of(BalloonResult r) {
            Spend s = new Spend();
            s.count = 1;
            double reported = 0;
            long prompt = 0;
            long completion = 0;
            boolean needsPrice = false;
            boolean costUnknown = false;
            long tokens = 0;
            boolean tokensUnknown = false;
            for (Turn t : r.turns()) {
                TokenUsage u = t.answer().usage();
                boolean hasTokens = u.inputTokens() != null || u.outputTokens() != null;
                long in = u.inputTokens() == null ? 0 : u.inputTokens();
                long out = u.outputTokens() == null ? 0 : u.outputTokens();
                if (u.cost() != null) {
                    reported += u.cost();
                } else if (hasTokens) {
                    needsPrice = true;
                    prompt += in;
                    completion += out;
                } else {
                    costUnknown = true;
                }
                if (hasTokens) {
                    tokens += in + out;
                } else {
                    tokensUnknown = true;
                }
            }
            if (costUnknown) {
                s.unknownCostCount = 1;
            } else if (needsPrice) {
                s.pricedCount = 1;
                s.pricedReportedCost = reported;
                s.pricedPromptTokens = prompt;
                s.pricedCompletionTokens = completion;
            } else {
                s.reportedCost = reported;
            }
            if (tokensUnknown) {
                s.unknownTokensCount = 1;
            } else {
                s.tokens = tokens;
            }
            return s;
        }

        void add(Spend o) {
            count += o.count;
            reportedCost += o.reportedCost;
            pricedCount += o.pricedCount;
            pricedReportedCost += o.pricedReportedCost;
            pricedPromptTokens += o.pricedPromptTokens;
            pricedCompletionTokens += o.pricedCompletionTokens;
            unknownCostCount += o.unknownCostCount;
            tokens += o.tokens;
            unknownTokensCount += o.unknownTokensCount;
        }

        /** Removes one balloon's record: {@code o}, or a balloon without answers when {@link #NOTHING}. */
        void subtract(Spend o) {
            count -= 1;
            reportedCost -= o.reportedCost;
            pricedCount -= o.pricedCount;
            pricedReportedCost -= o.pricedReportedCost;
            pricedPromptTokens -= o.pricedPromptTokens;
            pricedCompletionTokens -= o.pricedCompletionTokens;
            unknownCostCount -= o.unknownCostCount;
            tokens -= o.tokens;
            unknownTokensCount -= o.unknownTokensCount;
        }

        Spend copy() {
            Spend s = new Spend();
            s.add(this);
            return s;
        }

        /** Dollars of the balloons whose cost is known under {@code price} ({@code null}: none). */
        double costUsd(TokenPrice price) {
            return price == null ? reportedCost
                    : reportedCost + pricedReportedCost + price.cost(pricedPromptTokens, pricedCompletionTokens);
        }

        /** How many balloons' cost is unknown under {@code price} ({@code null}: none). */
        int unknownCost(TokenPrice price) {
            return unknownCostCount + (price == null ? pricedCount : 0);
        }
    }
}
