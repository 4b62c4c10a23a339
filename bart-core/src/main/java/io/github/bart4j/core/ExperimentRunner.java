package io.github.bart4j.core;

import io.github.bart4j.core.Experiment.Arm;
import io.github.bart4j.core.spi.BalloonContext;
import io.github.bart4j.core.spi.BalloonSession;
import io.github.bart4j.core.spi.BalloonState;
import io.github.bart4j.core.spi.Participant;
import io.github.bart4j.core.ArmScheduler.Item;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
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
 * <p>Which balloon starts when is decided by an {@link ArmScheduler}: each arm (participant, persona)
 * plays its balloons in play order (epoch by epoch, schedule order within an epoch), and a free slot
 * goes to the arm the scheduler's rule picks (documented there). Sequential participants have one item
 * per (persona, epoch) series. Whether a balloon may start beyond the caps is decided in one place,
 * {@link #mayStart}. Listener calls are delivered in order on a thread of their own ({@link ListenerQueue}).
 */
final class ExperimentRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);

    private final Schedule schedule;
    private final List<Arm> arms;
    private final int epochs;
    private final Task task;
    private final List<ResultSink> sinks;
    private final ListenerQueue listeners;
    private final boolean quietFailures;
    private final int maxConcurrency;
    private final int maxPerParticipant;
    private final Map<BalloonResult.Key, BalloonResult> completed = new HashMap<>();
    /** Balloons completed by identity only ({@link CompletedBalloons}), none of them in {@link #completed}. */
    private final CompletedBalloons done;
    private final boolean retainResults;
    private BudgetGuard budget = new BudgetGuard(Budget.NONE, List.of());
    private Ticker ticker = Ticker.system();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean stopRequested;
    private volatile long startNanos;
    private volatile Thread runThread;

    // guarded by lock
    private final Map<String, String> failures = new LinkedHashMap<>();
    private int finished;
    private int errors;
    private long inputTokens;
    private long outputTokens;
    private double cost;
    private RuntimeException sinkFailure;
    private final List<BalloonResult> results = new ArrayList<>();
    private ArmScheduler scheduler;

    public ExperimentRunner(Schedule schedule, List<Arm> arms, int epochs, Task task, List<ResultSink> sinks,
                            List<ExperimentListener> listeners, int maxConcurrency, int maxPerParticipant,
                            List<BalloonResult> completed, CompletedBalloons done, boolean retainResults) {
        this.schedule = schedule;
        this.arms = arms;
        this.epochs = epochs;
        this.task = task;
        this.sinks = sinks;
        this.listeners = new ListenerQueue(listeners);
        this.quietFailures = !listeners.isEmpty();
        this.maxConcurrency = maxConcurrency;
        this.maxPerParticipant = Math.min(maxPerParticipant, maxConcurrency);
        this.retainResults = retainResults;
        for (BalloonResult r : completed) {
            this.completed.put(r.key(), r);
        }
        this.done = done;
    }

    /** Keeps the run within {@code budget} (see {@link Budget}); call before {@link #run()}. */
    public void budget(Budget budget) {
        this.budget = new BudgetGuard(budget, completed.values(), done);
    }

    /** Measures elapsed time on {@code ticker} (see {@link Ticker}); call before {@link #run()}. */
    public void ticker(Ticker ticker) {
        this.ticker = ticker;
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

    private static BalloonResult.Key key(Arm arm, int epoch, Balloon balloon) {
        return new BalloonResult.Key(arm.participant().name(), arm.persona(), epoch, balloon.id());
    }

    /** Whether the balloon was recorded before this run (as a result or by identity). */
    private boolean isCompleted(Arm arm, int epoch, Balloon balloon) {
        return done.contains(arm.participant().name(), arm.persona(), epoch, balloon.id())
                || completed.containsKey(key(arm, epoch, balloon));
    }

    /** An arm's pending items in play order, skipping what is completed; computed lazily. */
    private Iterator<Item> queue(int armIndex) {
        Arm arm = arms.get(armIndex);
        boolean sequential = arm.participant().sequentialBalloons();
        return new Iterator<>() {
            int epoch = 1;
            int position;
            Item next = advance();

            private Item advance() {
                while (epoch <= epochs) {
                    if (sequential) {
                        int e = epoch++;
                        if (!seriesComplete(arm, e)) {
                            return new Item(armIndex, e, -1);
                        }
                        continue;
                    }
                    while (position < schedule.size()) {
                        int b = position++;
                        if (!isCompleted(arm, epoch, schedule.balloons().get(b))) {
                            return new Item(armIndex, epoch, b);
                        }
                    }
                    epoch++;
                    position = 0;
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Item next() {
                Item item = next;
                next = advance();
                return item;
            }
        };
    }

    private int pendingCount(int armIndex) {
        int n = 0;
        for (Iterator<Item> it = queue(armIndex); it.hasNext(); it.next()) {
            n++;
        }
        return n;
    }

    private boolean seriesComplete(Arm arm, int epoch) {
        for (Balloon balloon : schedule.balloons()) {
            if (!isCompleted(arm, epoch, balloon)) {
                return false;
            }
        }
        return true;
    }

    private ArmScheduler newScheduler() {
        Map<String, Integer> groups = new LinkedHashMap<>();
        int[] groupOf = new int[arms.size()];
        List<Integer> caps = new ArrayList<>();
        List<Iterator<Item>> queues = new ArrayList<>();
        int[] remaining = new int[arms.size()];
        for (int i = 0; i < arms.size(); i++) {
            Participant p = arms.get(i).participant();
            int cap = p.preferredConcurrency() > 0 ? Math.min(maxPerParticipant, p.preferredConcurrency())
                    : maxPerParticipant;
            Integer g = groups.get(p.name());
            if (g == null) {
                g = groups.size();
                groups.put(p.name(), g);
                caps.add(cap);
            } else {
                caps.set(g, Math.min(caps.get(g), cap));
            }
            groupOf[i] = g;
            queues.add(queue(i));
            remaining[i] = pendingCount(i);
        }
        int[] thresholds = task instanceof ClassicTask // one decision per pump: a balloon's length grows with its pumps
                ? schedule.balloons().stream().mapToInt(Balloon::threshold).toArray() : null;
        ArmScheduler scheduler = new ArmScheduler(maxConcurrency, groupOf,
                caps.stream().mapToInt(Integer::intValue).toArray(), queues, remaining, thresholds, epochs, ticker::read);
        tellRecorded(scheduler);
        return scheduler;
    }

    /**
     * Tells {@code scheduler} what the balloons recorded before this run (a resumed run) showed about
     * each arm, so that an arm seen before is not estimated as one never seen. A sequential
     * participant's items are whole series: its recorded balloons count as one item per epoch.
     */
    private void tellRecorded(ArmScheduler scheduler) {
        Map<CompletedBalloons.Series, ArmScheduler.History> recorded = new HashMap<>();
        done.series().forEach((s, bits) -> recorded.computeIfAbsent(s, k -> new ArmScheduler.History())
                .addAll(bits.played));
        for (BalloonResult r : completed.values()) {
            recorded.computeIfAbsent(new CompletedBalloons.Series(r.participant(), r.persona(), r.epoch()),
                    k -> new ArmScheduler.History()).add(r.latencyMillis() * 1_000_000L, ArmScheduler.Played.of(r));
        }
        for (int i = 0; i < arms.size(); i++) {
            Arm arm = arms.get(i);
            for (int epoch = 1; epoch <= epochs; epoch++) {
                ArmScheduler.History h = recorded.get(
                        new CompletedBalloons.Series(arm.participant().name(), arm.persona(), epoch));
                if (h == null || h.finished == 0) {
                    continue;
                }
                if (arm.participant().sequentialBalloons()) {
                    ArmScheduler.History series = new ArmScheduler.History();
                    series.add(h.busyNanos, ArmScheduler.Played.UNKNOWN);
                    scheduler.recorded(i, series);
                } else {
                    scheduler.recorded(i, h);
                }
            }
        }
    }

    /** Whether an arm's next item may be chosen at all: its participant has not failed. Called under the lock. */
    private boolean eligible(Item next) {
        return !failures.containsKey(arms.get(next.arm()).participant().name());
    }

    /**
     * Whether the chosen balloon may start now, beyond the caps (kept by the scheduler) and failed
     * participants: the one place that decides it (today the {@link Budget}); a refusal stops the
     * experiment like {@link #stop()}. Series check each of their balloons in {@code playSeries}.
     */
    private boolean mayStart(Item next) {
        return mayStart(arms.get(next.arm()).participant().name());
    }

    /**
     * Runs until every balloon is played, the run is stopped (also by interrupting the calling
     * thread, which is then left interrupted) or nothing more may start.
     */
    public ExperimentResult run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("an experiment runs once");
        }
        startNanos = ticker.read();
        runThread = Thread.currentThread();
        finished = completed.size() + done.size();
        errors = done.errored();
        for (BalloonResult r : completed.values()) {
            if (r.isError()) {
                errors++;
            }
        }
        AtomicInteger threadIds = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "bart-balloon-" + threadIds.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(maxConcurrency, factory);
        boolean stoppedEarly = false;
        boolean interrupted = false;
        try {
            lock.lock();
            try {
                scheduler = newScheduler();
                while (true) {
                    if (sinkFailure != null) {
                        break;
                    }
                    if (Thread.interrupted()) { // await() may return normally with the interrupt pending
                        interrupted = true;
                        stopRequested = true;
                    }
                    if (stopRequested) {
                        stoppedEarly = scheduler.anyPending(i -> true);
                        break;
                    }
                    ArmScheduler.Started next = next();
                    if (next != null) {
                        pool.execute(() -> work(pool, next));
                        continue;
                    }
                    if (stopRequested) {
                        continue; // the budget refused: stops the run
                    }
                    if (scheduler.inFlight() == 0) {
                        break; // nothing in flight and nothing may start: nothing will change
                    }
                    try {
                        changed.await(); // signalled when a worker stops taking items (or the run stops)
                    } catch (InterruptedException e) {
                        interrupted = true;
                        stopRequested = true;
                    }
                }
                while (scheduler.inFlight() > 0) {
                    changed.awaitUninterruptibly();
                }
            } finally {
                lock.unlock();
            }
        } finally {
            pool.shutdownNow();
            listeners.drain();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (sinkFailure != null) {
            throw sinkFailure;
        }
        int notRun = total() - finished;
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
        Map<String, String> failed = new LinkedHashMap<>(); // in the participants' order, not the order they failed
        for (Arm arm : arms) {
            String name = arm.participant().name();
            if (failures.containsKey(name)) {
                failed.putIfAbsent(name, failures.get(name));
            }
        }
        return new ExperimentResult(ordered, stopped, failed, notRun,
                Duration.ofNanos(ticker.read() - startNanos), stopped ? budget.reached() : null);
    }

    /**
     * The item the scheduler starts next, or {@code null} when none may start now (the run stopped,
     * a sink failed, no slot or arm is free, or the budget refused it, which stops the run). Called under the lock.
     */
    private ArmScheduler.Started next() {
        if (stopRequested || sinkFailure != null || runThread.isInterrupted()) {
            return null; // an interrupt is the dispatching thread's to handle (it stops the run)
        }
        Item pick = scheduler.peek(this::eligible);
        if (pick == null || (!pick.series() && !mayStart(pick))) {
            return null;
        }
        return scheduler.start(pick);
    }

    /**
     * A worker: plays {@code first}, then takes the scheduler's next item itself under the lock
     * (the same rule the dispatching thread applies, without a hand-off per balloon), until none may
     * start; then it wakes the dispatching thread, which decides whether the run is over.
     */
    private void work(ExecutorService pool, ArmScheduler.Started first) {
        ArmScheduler.Started current = first;
        while (current != null) {
            boolean played = false;
            BalloonResult result = null;
            try {
                result = play(current);
                played = true;
            } finally {
                lock.lock();
                try {
                    scheduler.finished(current, ArmScheduler.Played.of(result));
                    current = played ? next() : null; // an Error ends this worker; its slot is free
                    ArmScheduler.Started more;
                    while (current != null && (more = next()) != null) {
                        ArmScheduler.Started extra = more;
                        pool.execute(() -> work(pool, extra));
                    }
                    if (current == null) {
                        changed.signalAll();
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /**
     * Plays one item; its slot is freed by the caller ({@link #work}). Returns the balloon's result,
     * {@code null} for a series or when it failed.
     */
    private BalloonResult play(ArmScheduler.Started started) {
        Item item = started.item();
        Arm arm = arms.get(item.arm());
        String name = arm.participant().name();
        BalloonResult result = null;
        try {
            if (item.series()) {
                playSeries(arm, item.epoch());
            } else {
                Balloon balloon = schedule.balloons().get(item.balloon());
                BalloonContext context = Task.contextFor(balloon, item.epoch(), arm.persona(), 0.0, schedule.size(),
                        List.of());
                result = playOne(arm, balloon, context);
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
        }
        return result;
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
            lock.lock();
            try {
                budget.abandoned(arm.participant().name());
                if (failures.putIfAbsent(arm.participant().name(), watch.fatal.getMessage()) == null) {
                    String message = "{} failed: {}; its remaining balloons are not started";
                    if (quietFailures) { // the listeners report it
                        LOG.debug(message, arm.participant().name(), watch.fatal.getMessage());
                    } else {
                        LOG.warn(message, arm.participant().name(), watch.fatal.getMessage());
                    }
                    listeners.participantFailed(arm.participant().name(), arm.persona(), watch.fatal);
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            return null;
        }
        record(result);
        return result;
    }

    private void record(BalloonResult result) {
        Object[] written = new Object[sinks.size()]; // files are written before taking the lock
        for (int i = 0; i < written.length; i++) {
            written[i] = AppendingFileSink.writeAhead(sinks.get(i), result);
        }
        Progress progress;
        lock.lock();
        try {
            budget.finished(result);
            if (sinkFailure != null) {
                return;
            }
            try {
                for (int i = 0; i < written.length; i++) {
                    AppendingFileSink.accept(sinks.get(i), result, written[i]);
                }
            } catch (RuntimeException e) {
                sinkFailure = new Bart4jException("could not store the result of " + result.participant()
                        + " balloon " + result.balloon().id() + ": " + e.getMessage(), e);
                changed.signalAll();
                return;
            }
            finished++;
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
            progress = new Progress(finished, total(), errors, inputTokens, outputTokens, cost,
                    Duration.ofNanos(ticker.read() - startNanos));
            listeners.balloonFinished(result, progress);
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
                public Answer decide(BalloonState state) {
                    try { // no lambda: this is once per decision
                        return session.decide(state);
                    } catch (ParticipantException e) {
                        throw noted(e);
                    }
                }

                @Override
                public Answer declarePumps(BalloonState state) {
                    try {
                        return session.declarePumps(state);
                    } catch (ParticipantException e) {
                        throw noted(e);
                    }
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
                throw noted(e);
            }
        }

        private ParticipantException noted(ParticipantException e) {
            if (e.isFatal()) {
                fatal = e;
            }
            return e;
        }
    }
}
