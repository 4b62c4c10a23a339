package io.github.bart4j.core.internal;

import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Bart4jException;
import io.github.bart4j.core.Budget;
import io.github.bart4j.core.Experiment.Arm;
import io.github.bart4j.core.ExperimentListener;
import io.github.bart4j.core.ExperimentResult;
import io.github.bart4j.core.ParticipantException;
import io.github.bart4j.core.Progress;
import io.github.bart4j.core.ResultSink;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.Task;
import io.github.bart4j.core.TokenUsage;
import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.BalloonState;
import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.core.spi.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays an experiment's balloons concurrently under the global and per-participant caps.
 *
 * <p>Scheduling: each arm (participant, persona) has a cursor over its work, epoch by epoch; within
 * an epoch balloons go largest threshold first (the threshold bounds a balloon's number of
 * requests, so long balloons start early and the run ends close to the longest balloon's time).
 * The dispatcher repeatedly starts the pending item with the largest threshold among the arms that
 * have capacity. Sequential participants have one item per (persona, epoch) series.
 */
public final class ExperimentRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);

    private final Schedule schedule;
    private final List<Arm> arms;
    private final int epochs;
    private final Task task;
    private final List<ResultSink> sinks;
    private final List<ExperimentListener> listeners;
    private final int maxConcurrency;
    private final int maxPerParticipant;
    private final Map<BalloonResult.Key, BalloonResult> completed = new HashMap<>();
    private final boolean retainResults;
    private final int[] byThresholdDesc;
    private BudgetGuard budget = new BudgetGuard(Budget.NONE, List.of());

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean stopRequested;
    private volatile long startNanos;

    // guarded by lock
    private int inFlight;
    private final Map<String, Integer> inFlightByName = new HashMap<>();
    private final Map<String, String> failures = new LinkedHashMap<>();
    private int done;
    private int errors;
    private long inputTokens;
    private long outputTokens;
    private double cost;
    private RuntimeException sinkFailure;
    private final List<BalloonResult> results = new ArrayList<>();

    public ExperimentRunner(Schedule schedule, List<Arm> arms, int epochs, Task task, List<ResultSink> sinks,
                            List<ExperimentListener> listeners, int maxConcurrency, int maxPerParticipant,
                            List<BalloonResult> completed, boolean retainResults) {
        this.schedule = schedule;
        this.arms = arms;
        this.epochs = epochs;
        this.task = task;
        this.sinks = sinks;
        this.listeners = listeners;
        this.maxConcurrency = maxConcurrency;
        this.maxPerParticipant = Math.min(maxPerParticipant, maxConcurrency);
        this.retainResults = retainResults;
        for (BalloonResult r : completed) {
            this.completed.put(r.key(), r);
        }
        List<Balloon> balloons = schedule.balloons();
        Integer[] order = new Integer[balloons.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingInt((Integer i) -> -balloons.get(i).threshold())
                .thenComparingInt(i -> i));
        this.byThresholdDesc = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            byThresholdDesc[i] = order[i];
        }
    }

    /** Keeps the run within {@code budget} (see {@link Budget}); call before {@link #run()}. */
    public void budget(Budget budget) {
        this.budget = new BudgetGuard(budget, completed.values());
    }

    public int total() {
        return arms.size() * epochs * schedule.size();
    }

    public void stop() {
        stopRequested = true;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** One unit of work: a balloon, or a whole series for sequential participants. */
    private record Item(int armIndex, int epoch, int balloonIndex, int weight) {
        boolean series() {
            return balloonIndex < 0;
        }
    }

    /** Walks one arm's pending work in dispatch order, skipping completed balloons. */
    private final class Cursor {
        final int armIndex;
        final Arm arm;
        final boolean sequential;
        int epoch = 1;
        int position;
        Item next;

        Cursor(int armIndex) {
            this.armIndex = armIndex;
            this.arm = arms.get(armIndex);
            this.sequential = arm.participant().sequentialBalloons();
            advance();
        }

        void advance() {
            next = null;
            while (epoch <= epochs) {
                if (sequential) {
                    if (position == 0) {
                        position = 1;
                        if (!seriesComplete(epoch)) {
                            next = new Item(armIndex, epoch, -1, Integer.MAX_VALUE);
                            return;
                        }
                    }
                } else {
                    while (position < byThresholdDesc.length) {
                        int b = byThresholdDesc[position++];
                        Balloon balloon = schedule.balloons().get(b);
                        if (!completed.containsKey(key(arm, epoch, balloon))) {
                            next = new Item(armIndex, epoch, b, balloon.threshold());
                            return;
                        }
                    }
                }
                epoch++;
                position = 0;
            }
        }

        private boolean seriesComplete(int e) {
            for (Balloon balloon : schedule.balloons()) {
                if (!completed.containsKey(key(arm, e, balloon))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static BalloonResult.Key key(Arm arm, int epoch, Balloon balloon) {
        return new BalloonResult.Key(arm.participant().name(), arm.persona(), epoch, balloon.id());
    }

    public ExperimentResult run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("an experiment runs once");
        }
        startNanos = System.nanoTime();
        done = completed.size();
        for (BalloonResult r : completed.values()) {
            if (r.isError()) {
                errors++;
            }
        }
        List<Cursor> cursors = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            cursors.add(new Cursor(i));
        }
        AtomicInteger threadIds = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "bart-balloon-" + threadIds.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(maxConcurrency, factory);
        boolean stoppedEarly = false;
        try {
            lock.lock();
            try {
                while (true) {
                    if (sinkFailure != null) {
                        break;
                    }
                    if (stopRequested) {
                        stoppedEarly = anyPending(cursors);
                        break;
                    }
                    Cursor pick = null;
                    if (inFlight < maxConcurrency) {
                        for (Cursor c : cursors) {
                            if (c.next == null || failures.containsKey(c.arm.participant().name())) {
                                continue;
                            }
                            int busy = inFlightByName.getOrDefault(c.arm.participant().name(), 0);
                            if (busy >= maxPerParticipant) {
                                continue;
                            }
                            if (pick == null || c.next.weight() > pick.next.weight()) {
                                pick = c;
                            }
                        }
                    }
                    if (pick == null) {
                        if (inFlight == 0 && !anyRunnable(cursors)) {
                            break;
                        }
                        changed.awaitUninterruptibly();
                        continue;
                    }
                    if (!pick.next.series() && !mayStart(pick.arm.participant().name())) {
                        continue;
                    }
                    Item item = pick.next;
                    pick.advance();
                    String name = pick.arm.participant().name();
                    inFlight++;
                    inFlightByName.merge(name, 1, Integer::sum);
                    pool.execute(() -> play(item));
                }
                while (inFlight > 0) {
                    changed.awaitUninterruptibly();
                }
            } finally {
                lock.unlock();
            }
        } finally {
            pool.shutdownNow();
        }
        if (sinkFailure != null) {
            throw sinkFailure;
        }
        int notRun = total() - done;
        List<BalloonResult> ordered = new ArrayList<>();
        if (retainResults) {
            ordered.addAll(completed.values());
            ordered.addAll(results);
            Map<String, Integer> armOrder = new HashMap<>();
            for (int i = 0; i < arms.size(); i++) {
                armOrder.put(arms.get(i).participant().name() + "\u0000" + arms.get(i).persona(), i);
            }
            ordered.sort(Comparator.comparingInt((BalloonResult r) -> armOrder.getOrDefault(
                            r.participant() + "\u0000" + r.persona(), Integer.MAX_VALUE))
                    .thenComparing(BalloonResult::participant)
                    .thenComparing(BalloonResult::persona)
                    .thenComparingInt(BalloonResult::epoch)
                    .thenComparingInt(r -> r.balloon().id()));
        }
        boolean stopped = stoppedEarly || (stopRequested && notRun > 0);
        return new ExperimentResult(ordered, stopped, failures, notRun,
                Duration.ofNanos(System.nanoTime() - startNanos), stopped ? budget.reached() : null);
    }

    private boolean anyPending(List<Cursor> cursors) {
        for (Cursor c : cursors) {
            if (c.next != null) {
                return true;
            }
        }
        return false;
    }

    private boolean anyRunnable(List<Cursor> cursors) {
        for (Cursor c : cursors) {
            if (c.next != null && !failures.containsKey(c.arm.participant().name())) {
                return true;
            }
        }
        return false;
    }

    private void play(Item item) {
        Arm arm = arms.get(item.armIndex());
        String name = arm.participant().name();
        try {
            if (item.series()) {
                playSeries(arm, item.epoch());
            } else {
                Balloon balloon = schedule.balloons().get(item.balloonIndex());
                BalloonContext context = Task.contextFor(balloon, item.epoch(), arm.persona(), 0.0, schedule.size(),
                        List.of());
                playOne(arm, balloon, context);
            }
        } catch (RuntimeException e) {
            LOG.error("unexpected failure playing {} (persona '{}', epoch {})", name, arm.persona(), item.epoch(), e);
            lock.lock();
            try {
                if (sinkFailure == null) {
                    sinkFailure = e instanceof Bart4jException ? e : new Bart4jException(
                            "unexpected failure playing " + name + ": " + e, e);
                }
            } finally {
                lock.unlock();
            }
        } finally {
            lock.lock();
            try {
                inFlight--;
                inFlightByName.merge(name, -1, Integer::sum);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void playSeries(Arm arm, int epoch) {
        List<BalloonResult> history = new ArrayList<>();
        double banked = 0.0;
        for (Balloon balloon : schedule.balloons()) {
            BalloonResult previous = completed.get(key(arm, epoch, balloon));
            if (previous == null) {
                if (stopRequested || isFailed(arm.participant().name()) || sinkFailure != null
                        || !mayStart(arm.participant().name())) {
                    return;
                }
                BalloonContext context = Task.contextFor(balloon, epoch, arm.persona(), banked, schedule.size(),
                        history);
                previous = playOne(arm, balloon, context);
                if (previous == null) {
                    return; // fatal failure: the series cannot go on
                }
            }
            history.add(previous);
            banked += previous.earnings();
        }
    }

    /** The budget's "may this balloon start?"; a refusal stops the experiment like {@link #stop()}. */
    private boolean mayStart(String name) {
        lock.lock();
        try {
            if (budget.mayStart(name)) {
                return true;
            }
            stopRequested = true;
            changed.signalAll();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private boolean isFailed(String name) {
        lock.lock();
        try {
            return failures.containsKey(name);
        } finally {
            lock.unlock();
        }
    }

    /** Plays one balloon and records it; returns null when the participant failed fatally. */
    private BalloonResult playOne(Arm arm, Balloon balloon, BalloonContext context) {
        FatalWatch watch = new FatalWatch(arm.participant());
        BalloonResult result = task.play(watch, balloon, context);
        if (watch.fatal != null) {
            boolean first;
            lock.lock();
            try {
                budget.abandoned(arm.participant().name());
                first = failures.putIfAbsent(arm.participant().name(), watch.fatal.getMessage()) == null;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            if (first) {
                String message = "{} failed: {}; its remaining balloons are not started";
                if (listeners.isEmpty()) {
                    LOG.warn(message, arm.participant().name(), watch.fatal.getMessage());
                } else { // the listeners report it
                    LOG.debug(message, arm.participant().name(), watch.fatal.getMessage());
                }
                for (ExperimentListener l : listeners) {
                    try {
                        l.participantFailed(arm.participant().name(), arm.persona(), watch.fatal);
                    } catch (RuntimeException e) {
                        LOG.warn("listener failed on participantFailed", e);
                    }
                }
            }
            return null;
        }
        record(result);
        return result;
    }

    private void record(BalloonResult result) {
        Progress progress;
        lock.lock();
        try {
            budget.finished(result);
            if (sinkFailure != null) {
                return;
            }
            try {
                for (ResultSink sink : sinks) {
                    sink.accept(result);
                }
            } catch (RuntimeException e) {
                sinkFailure = new Bart4jException("could not store the result of " + result.participant()
                        + " balloon " + result.balloon().id() + ": " + e.getMessage(), e);
                changed.signalAll();
                return;
            }
            done++;
            if (result.isError()) {
                errors++;
            }
            TokenUsage usage = result.usage();
            inputTokens += usage.inputTokens() == null ? 0 : usage.inputTokens();
            outputTokens += usage.outputTokens() == null ? 0 : usage.outputTokens();
            cost += usage.cost() == null ? 0.0 : usage.cost();
            if (retainResults) {
                results.add(result);
            }
            progress = new Progress(done, total(), errors, inputTokens, outputTokens, cost,
                    Duration.ofNanos(System.nanoTime() - startNanos));
            for (ExperimentListener l : listeners) {
                try {
                    l.balloonFinished(result, progress);
                } catch (RuntimeException e) {
                    LOG.warn("listener failed on balloonFinished", e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Passes calls through and remembers a fatal participant failure. */
    private static final class FatalWatch implements Participant {
        private final Participant delegate;
        volatile ParticipantException fatal;

        FatalWatch(Participant delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public boolean sequentialBalloons() {
            return delegate.sequentialBalloons();
        }

        @Override
        public BalloonSession open(BalloonContext context) {
            BalloonSession session = watch(() -> delegate.open(context));
            return new BalloonSession() {
                @Override
                public Reply decide(BalloonState state) {
                    return watch(() -> session.decide(state));
                }

                @Override
                public Reply declarePumps(BalloonState state) {
                    return watch(() -> session.declarePumps(state));
                }

                @Override
                public void finish(io.github.bart4j.core.BalloonOutcome outcome) {
                    session.finish(outcome);
                }
            };
        }

        private <T> T watch(java.util.function.Supplier<T> call) {
            try {
                return call.get();
            } catch (ParticipantException e) {
                if (e.isFatal()) {
                    fatal = e;
                }
                throw e;
            }
        }
    }
}
