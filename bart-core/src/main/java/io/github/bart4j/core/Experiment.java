package io.github.bart4j.core;

import io.github.bart4j.core.spi.Participant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An experiment: participants × personas × epochs × a {@link Schedule}, played by a {@link Task},
 * with every result handed to {@link ResultSink}s and {@link ExperimentListener}s as it happens.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>every participant plays the same balloons (the schedule's thresholds);</li>
 *   <li>balloons run concurrently, at most {@code maxConcurrency} in flight overall and
 *       {@code maxConcurrencyPerParticipant} per participant name (shared by its personas); the
 *       balloons of a participant with {@link Participant#sequentialBalloons()} are played one at a
 *       time in schedule order within each (persona, epoch) series;</li>
 *   <li>each arm (participant, persona) plays its balloons in play order: epoch by epoch, and
 *       within an epoch in schedule order, so a run stopped at any point holds a prefix of every
 *       (participant, persona, epoch) series, except the balloons that were in flight when it stopped
 *       (they finish and are recorded); every arm starts in the first round of dispatch, and a free
 *       slot goes to the arm whose longest balloon still ahead is estimated to take longest (an arm
 *       with no finished balloon counts as the longest, balloons given to {@code completed(...)}
 *       counting as finished with the sum of their answers' latencies; in the classic task the estimate is the
 *       largest threshold ahead, capped by the most pumps the arm made once it has cashed out, times
 *       its time per call; otherwise the mean duration of its finished balloons). Play order has a
 *       cost in wall time when balloon lengths vary within an arm: an arm's long balloons late in its
 *       schedule cannot start before its earlier ones; {@link SchedulingSimulation} replays given
 *       calls per balloon to measure it;</li>
 *   <li>results do not depend on scheduling: {@link ExperimentResult#results()} is in a stable order,
 *       and deterministic participants give the same results whatever finished first;</li>
 *   <li>a result reaches every sink before it is reported to listeners or counted as done;</li>
 *   <li>balloons given to {@link Builder#completed} (e.g. read back from a journal) are not played again;
 *       {@link CompletedBalloons} gives them in a few bits each, so a run of any size resumes in flat memory.</li>
 * </ul>
 *
 * <pre>{@code
 * Experiment experiment = Experiment.builder()
 *         .schedule(Schedule.uniform(1, 20, 50, 0.10, 42))
 *         .participant(ScriptedParticipants.crra(2.0))
 *         .participant(ScriptedParticipants.crra(0.0))
 *         .sink(mySink)
 *         .build();
 * ExperimentResult result = experiment.run();
 * }</pre>
 */
public final class Experiment {

    /** One participant under one persona. */
    public record Arm(Participant participant, String persona) {
        public Arm {
            Objects.requireNonNull(participant, "participant");
            persona = persona == null ? "" : persona;
        }
    }

    private final ExperimentRunner runner;

    private Experiment(Builder b) {
        this.runner = new ExperimentRunner(b.schedule, List.copyOf(b.arms), b.epochs,
                TaskSupport.withTicker(b.task, b.ticker), List.copyOf(b.sinks),
                List.copyOf(b.listeners), b.maxConcurrency, b.maxPerParticipant == 0 ? b.maxConcurrency
                : b.maxPerParticipant, List.copyOf(b.completed), b.done, b.retainResults);
        this.runner.budget(b.budget);
        this.runner.ticker(b.ticker);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Plays every balloon not yet completed and returns when all have finished, the experiment was
     * {@linkplain #stop() stopped} and its balloons in flight finished, or every remaining
     * participant failed. Interrupting the calling thread acts as {@link #stop()} (so a harness can
     * cancel a run with {@code Future.cancel(true)}): the run returns its result, stopped, with the
     * thread's interrupt status set.
     *
     * @throws Bart4jException if a sink fails to store a result (nothing more is started)
     * @throws IllegalStateException if called twice
     */
    public ExperimentResult run() {
        return runner.run();
    }

    /** Starts no further balloon; those in flight finish and are recorded. Safe from any thread. */
    public void stop() {
        runner.stop();
    }

    /** The total number of balloons (participants × personas × epochs × schedule size). */
    public int size() {
        return runner.total();
    }

    /** Builds an {@link Experiment}; {@link #build()} checks the combination. */
    public static final class Builder {
        private Schedule schedule;
        private final List<Arm> arms = new ArrayList<>();
        private int epochs = 1;
        private Task task = Task.classic();
        private final List<ResultSink> sinks = new ArrayList<>();
        private final List<ExperimentListener> listeners = new ArrayList<>();
        private int maxConcurrency = 8;
        private int maxPerParticipant;
        private final List<BalloonResult> completed = new ArrayList<>();
        private CompletedBalloons done = new CompletedBalloons();
        private boolean retainResults = true;
        private Budget budget = Budget.NONE;
        private Ticker ticker = Ticker.system();

        private Builder() {
        }

        /** The balloons every participant plays. Required. */
        public Builder schedule(Schedule schedule) {
            this.schedule = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /** Adds a participant with no persona. */
        public Builder participant(Participant participant) {
            return participant(participant, "");
        }

        /** Adds a participant under a persona label (the participant itself carries the persona's prompt). */
        public Builder participant(Participant participant, String persona) {
            arms.add(new Arm(participant, persona));
            return this;
        }

        /** Repetitions of the whole schedule per participant, {@code >= 1} (default 1). */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, but is: " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** The task variant (default {@link Task#classic()}). */
        public Builder task(Task task) {
            this.task = Objects.requireNonNull(task, "task");
            return this;
        }

        /**
         * Adds a sink; every result goes to every sink, in the order added, before listeners hear of
         * it. The experiment does not close its sinks: whoever opened them closes them after
         * {@link Experiment#run()} (try-with-resources).
         */
        public Builder sink(ResultSink sink) {
            sinks.add(Objects.requireNonNull(sink, "sink"));
            return this;
        }

        /** Adds a listener. */
        public Builder listener(ExperimentListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Balloons in flight overall, {@code >= 1} (default 8). */
        public Builder maxConcurrency(int maxConcurrency) {
            if (maxConcurrency < 1) {
                throw new IllegalArgumentException("maxConcurrency must be >= 1, but is " + maxConcurrency);
            }
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        /**
         * Balloons in flight per participant name (shared by its personas), {@code >= 1} (default:
         * {@code maxConcurrency}). A participant's {@link Participant#preferredConcurrency()} lowers it
         * for that participant.
         */
        public Builder maxConcurrencyPerParticipant(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConcurrencyPerParticipant must be >= 1, but is " + max);
            }
            this.maxPerParticipant = max;
            return this;
        }

        /**
         * Results recorded earlier (e.g. read from a journal): these balloons are not played again,
         * are part of the returned results, and are the history of sequential participants. They are
         * not sent to the sinks again.
         */
        public Builder completed(Collection<BalloonResult> results) {
            completed.addAll(results);
            return this;
        }

        /**
         * Balloons recorded earlier, known only by their identity and status (see
         * {@link CompletedBalloons}; e.g. a journal read into it): they are not played again, count
         * as done in {@link Progress} and in the {@link Budget}'s recorded spend, and are not in
         * {@link ExperimentResult#results()} nor sent to the sinks. The builder takes a copy; a
         * second call replaces the first. May be combined with {@link #completed(Collection)} (e.g.
         * the results of a series a {@linkplain Participant#sequentialBalloons() sequential}
         * participant has not finished, its history), as long as no balloon is given both ways.
         */
        public Builder completed(CompletedBalloons balloons) {
            this.done = Objects.requireNonNull(balloons, "balloons").copy();
            return this;
        }

        /**
         * Whether {@link ExperimentResult#results()} holds the results (default {@code true}); turn off
         * for very large runs that only need the sinks, so memory stays flat.
         */
        public Builder retainResults(boolean retain) {
            this.retainResults = retain;
            return this;
        }

        /**
         * A spending limit (default {@link Budget#NONE}): once recorded spend plus the estimate for
         * the balloons in flight would pass it, no further balloon starts; see {@link Budget}.
         */
        public Builder budget(Budget budget) {
            this.budget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /**
         * The time source for answer latencies ({@link Turn#latencyMillis()}),
         * {@link ExperimentResult#elapsed()}, {@link Progress#elapsed()} and the dispatcher's
         * balloon durations (default {@link Ticker#system()}). bart4j's tasks ({@link Task#classic},
         * {@link Task#automatic}) measure on it; a {@link Task} of your own measures its own time.
         * A fake ticker makes every latency exact in a test.
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * @throws IllegalStateException when the schedule or every participant is missing, two
         *     participants share a name and persona, or a {@linkplain #completed completed} result
         *     belongs to another experiment (a participant and persona not added, an epoch outside
         *     {@code 1..epochs}, or a balloon not in the schedule); the message names the first such result;
         *     or when a balloon is given both as a result and in {@link CompletedBalloons}, or a series
         *     of a sequential participant that it has not finished has balloons given only in
         *     {@link CompletedBalloons} (it needs their results as its history)
         */
        public Experiment build() {
            if (schedule == null) {
                throw new IllegalStateException("an experiment needs a schedule");
            }
            if (arms.isEmpty()) {
                throw new IllegalStateException("an experiment needs at least one participant");
            }
            Set<String> seen = new HashSet<>();
            for (Arm arm : arms) {
                String id = arm.participant().name() + "\u0000" + arm.persona();
                if (!seen.add(id)) {
                    throw new IllegalStateException("participant '" + arm.participant().name() + "'"
                            + (arm.persona().isEmpty() ? "" : " with persona '" + arm.persona() + "'")
                            + " is added twice; names (with personas) must be unique");
                }
            }
            checkCompleted(seen);
            checkDone(seen);
            return new Experiment(this);
        }

        private void checkCompleted(Set<String> arms) {
            for (BalloonResult r : completed) {
                String problem;
                if (!arms.contains(r.participant() + "\u0000" + r.persona())) {
                    problem = "no such participant" + (r.persona().isEmpty() ? "" : " and persona") + " was added";
                } else if (r.epoch() < 1 || r.epoch() > epochs) {
                    problem = "the experiment has epochs 1.." + epochs;
                } else {
                    problem = balloonProblem(r.balloon());
                }
                if (problem != null) {
                    throw notOurs(r.key(), problem);
                }
            }
        }

        /** {@link #checkCompleted}'s rule for the balloons given by {@link CompletedBalloons}, with its messages. */
        private void checkDone(Set<String> armIds) {
            for (Map.Entry<CompletedBalloons.Series, CompletedBalloons.Bits> e : done.series().entrySet()) {
                CompletedBalloons.Series s = e.getKey();
                if (e.getValue().done.isEmpty()) {
                    continue; // every balloon of it was removed
                }
                String problem = null;
                if (!armIds.contains(s.participant() + "\u0000" + s.persona())) {
                    problem = "no such participant" + (s.persona().isEmpty() ? "" : " and persona") + " was added";
                } else if (s.epoch() < 1 || s.epoch() > epochs) {
                    problem = "the experiment has epochs 1.." + epochs;
                }
                if (problem != null) {
                    throw notOurs(new BalloonResult.Key(s.participant(), s.persona(), s.epoch(),
                            e.getValue().done.nextSetBit(0)), problem);
                }
            }
            List<CompletedBalloons.Used> used = done.balloons();
            if (done.conflict() != null) {
                used.add(done.conflict());
            }
            for (CompletedBalloons.Used u : used) {
                String problem = balloonProblem(u.balloon());
                if (problem != null) {
                    throw notOurs(u.by(), problem);
                }
            }
            Set<BalloonResult.Key> results = new HashSet<>();
            for (BalloonResult r : completed) {
                if (done.contains(r.key())) {
                    throw new IllegalStateException("balloon " + r.balloon().id() + " of participant '"
                            + r.participant() + "'" + (r.persona().isEmpty() ? "" : " (persona '" + r.persona() + "')")
                            + ", epoch " + r.epoch() + " is given both as a completed result and in the completed"
                            + " balloons; give each balloon once");
                }
                results.add(r.key());
            }
            for (Arm arm : arms) {
                if (!arm.participant().sequentialBalloons()) {
                    continue;
                }
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    CompletedBalloons.Bits bits = done.series().get(new CompletedBalloons.Series(
                            arm.participant().name(), arm.persona(), epoch));
                    if (bits == null || bits.done.isEmpty()) {
                        continue;
                    }
                    for (Balloon b : schedule.balloons()) {
                        if (!bits.done.get(b.id()) && !results.contains(new BalloonResult.Key(
                                arm.participant().name(), arm.persona(), epoch, b.id()))) {
                            throw new IllegalStateException("participant '" + arm.participant().name() + "'"
                                    + (arm.persona().isEmpty() ? "" : " (persona '" + arm.persona() + "')")
                                    + " plays its balloons in order (sequentialBalloons) and has not finished epoch "
                                    + epoch + ", whose balloon " + bits.done.nextSetBit(0) + " is given only in the"
                                    + " completed balloons: give that series' results with completed(Collection),"
                                    + " they are its history");
                        }
                    }
                }
            }
        }

        /** Why {@code balloon} is not the schedule's balloon of its id, or {@code null} if it is. */
        private String balloonProblem(Balloon balloon) {
            int id = balloon.id();
            Balloon expected = id >= 1 && id <= schedule.size() ? schedule.balloons().get(id - 1) : null;
            if (expected == null) {
                return "the schedule has balloons 1.." + schedule.size();
            }
            if (!expected.rules().equals(balloon.rules())) {
                return "the schedule's balloons are played under the " + expected.rules().describe()
                        + " rules, the result's under the " + balloon.rules().describe() + " rules";
            }
            if (!expected.equals(balloon)) {
                return "the schedule's balloon " + id + " has threshold " + expected.threshold()
                        + " (type " + expected.type() + "), the result's has threshold " + balloon.threshold()
                        + " (type " + balloon.type() + ")";
            }
            return null;
        }

        private static IllegalStateException notOurs(BalloonResult.Key k, String problem) {
            return new IllegalStateException("completed result of participant '" + k.participant() + "'"
                    + (k.persona().isEmpty() ? "" : " (persona '" + k.persona() + "')") + ", epoch "
                    + k.epoch() + ", balloon " + k.balloonId() + " does not belong to this experiment: " + problem);
        }
    }
}
