package io.github.bart4j.examples.web;

import io.github.bart4j.core.Answer;
import io.github.bart4j.core.Balloon;
import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.Money;
import io.github.bart4j.core.ResultSink;
import io.github.bart4j.core.Schedule;
import io.github.bart4j.core.Turn;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * People playing a {@link Schedule} one click at a time: the state behind {@code bart serve}.
 *
 * <p>Each person plays the schedule's balloons once, in order, as participant {@code human:ID}
 * (epoch 1, no persona), under the classic task's rules as {@link Balloon} states them: pump
 * number {@code k} bursts the balloon when {@code k >= threshold}; a cash-out banks
 * {@code pumps × reward}. Every choice is recorded as a {@link Turn} whose answer's raw text
 * is {@code Pump} or {@code Cash Out} and whose latency is the time since the person was shown the
 * state they answered.
 *
 * <p>Contract:
 * <ul>
 *   <li>a finished balloon is given to the journal (which writes and flushes it) before the call
 *       that finished it returns; when the journal cannot write, the call throws and the state is
 *       unchanged, so the person can try again;</li>
 *   <li>a person who starts again with the same ID continues: balloons recorded earlier (given to
 *       the constructor) are not played again, and a balloon in progress keeps its pumps;</li>
 *   <li>sessions are named by unguessable tokens (128 random bits); a token acts only on its
 *       person's balloons;</li>
 *   <li>nothing returned before a balloon ends tells its threshold;</li>
 *   <li>thread-safe: many people may play at once; one person's calls are serialised.</li>
 * </ul>
 */
public final class HumanStudy {

    /** What participant IDs may look like. */
    public static final Pattern PARTICIPANT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** The prefix of the participant name results are recorded under. */
    public static final String PREFIX = "human:";

    /** Tokens kept per person (older ones are forgotten, so starting again and again uses bounded memory). */
    private static final int TOKENS_PER_PERSON = 16;

    private final Schedule schedule;
    private final ResultSink journal;
    private final LongSupplier nanoClock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Person> people = new ConcurrentHashMap<>();
    private final Map<String, Person> sessions = new ConcurrentHashMap<>();

    /**
     * @param schedule the balloons every person plays
     * @param recorded results already in the journal (any participant; only {@code human:*} ones of
     *     epoch 1 count as played)
     * @param journal receives each finished balloon; must write it durably before returning
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
     */
    public HumanStudy(Schedule schedule, List<BalloonResult> recorded, ResultSink journal, LongSupplier nanoClock) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        for (BalloonResult r : recorded) {
            if (r.participant().startsWith(PREFIX) && r.epoch() == 1 && r.persona().isEmpty()
                    && PARTICIPANT_ID.matcher(r.participant().substring(PREFIX.length())).matches()) {
                people.computeIfAbsent(r.participant().substring(PREFIX.length()), Person::new).played
                        .put(r.balloon().id(), r);
            }
        }
    }

    /** The number of balloons each person plays. */
    public int balloonsTotal() {
        return schedule.size();
    }

    /** A started (or resumed) session: its state, and whether the person is new. */
    public record Start(State state, boolean created) {
    }

    /**
     * What a person sees: never a threshold before the balloon has ended.
     *
     * @param session the session token
     * @param participant the person's ID (without {@code human:})
     * @param result what the action did: {@code safe}, {@code burst}, {@code cashed_out}, or {@code null}
     * @param balloon the balloon being played, or {@code null} when done
     * @param balloonsDone balloons finished
     * @param totalEarnings money banked over the finished balloons
     * @param last the balloon finished last (threshold included), or {@code null} before the first
     */
    public record State(String session, String participant, String result, Current balloon, int balloonsDone,
                        double totalEarnings, BalloonResult last) {

        /** Whether every balloon has been played. */
        public boolean done() {
            return balloon == null;
        }
    }

    /**
     * The balloon being played.
     *
     * @param balloon its id, type, burst range and reward; its threshold must not be shown
     * @param pumps safe pumps so far
     * @param earnings what a cash-out now would bank
     */
    public record Current(Balloon balloon, int pumps, double earnings) {
    }

    /** The session token is not known. */
    public static final class UnknownSessionException extends RuntimeException {
        UnknownSessionException() {
            super("unknown session");
        }
    }

    /** The person has played every balloon. */
    public static final class FinishedException extends RuntimeException {
        FinishedException(int balloons) {
            super("all " + balloons + " balloons have been played");
        }
    }

    /**
     * Starts a session for {@code participantId}, continuing where that person stopped.
     *
     * @throws IllegalArgumentException if the ID does not match {@link #PARTICIPANT_ID}
     */
    public Start start(String participantId) {
        if (participantId == null || !PARTICIPANT_ID.matcher(participantId).matches()) {
            throw new IllegalArgumentException("participant ID must be 1 to 64 letters, digits, '_' or '-'");
        }
        boolean[] created = {false};
        Person person = people.computeIfAbsent(participantId, id -> {
            created[0] = true;
            return new Person(id);
        });
        synchronized (person) {
            String token = newToken();
            person.tokens.addLast(token);
            sessions.put(token, person);
            while (person.tokens.size() > TOKENS_PER_PERSON) {
                sessions.remove(person.tokens.removeFirst());
            }
            person.shownAt = nanoClock.getAsLong();
            return new Start(person.state(token, null), created[0]);
        }
    }

    /** The state of a session. @throws UnknownSessionException for an unknown token */
    public State state(String token) {
        Person person = person(token);
        synchronized (person) {
            return person.state(token, null);
        }
    }

    /**
     * Pumps the current balloon once; records the balloon when it bursts.
     *
     * @throws UnknownSessionException for an unknown token
     * @throws FinishedException after the last balloon
     */
    public State pump(String token) {
        return act(token, Decision.PUMP);
    }

    /**
     * Banks the current balloon's earnings and records the balloon.
     *
     * @throws UnknownSessionException for an unknown token
     * @throws FinishedException after the last balloon
     */
    public State cashOut(String token) {
        return act(token, Decision.CASH_OUT);
    }

    /** The people who finished at least one balloon, with their results in balloon order. */
    public Map<String, List<BalloonResult>> results() {
        Map<String, List<BalloonResult>> out = new TreeMap<>();
        for (Person p : people.values()) {
            synchronized (p) {
                if (!p.played.isEmpty()) {
                    out.put(PREFIX + p.id, List.copyOf(p.played.values()));
                }
            }
        }
        return out;
    }

    private State act(String token, Decision decision) {
        Person person = person(token);
        synchronized (person) {
            Balloon balloon = person.next();
            if (balloon == null) {
                throw new FinishedException(schedule.size());
            }
            long now = nanoClock.getAsLong();
            long millis = Math.max(0, TimeUnit.NANOSECONDS.toMillis(now - person.shownAt));
            Turn record = new Turn(Answer.decision(decision, decision == Decision.PUMP ? "Pump" : "Cash Out"), millis);
            int pumps = person.pumps + (decision == Decision.PUMP ? 1 : 0);
            boolean burst = decision == Decision.PUMP && balloon.burstsAt(pumps);
            String result;
            if (decision == Decision.PUMP && !burst) {
                person.decisions.add(record);
                person.pumps = pumps;
                result = "safe";
            } else {
                List<Turn> decisions = new ArrayList<>(person.decisions);
                decisions.add(record);
                BalloonResult finished = new BalloonResult(PREFIX + person.id, "", 1, balloon, pumps, burst,
                        balloon.earnings(pumps, burst), decisions, BalloonResult.Status.OK, null);
                journal.accept(finished); // durable before anyone is told the outcome; throws -> state unchanged
                person.played.put(balloon.id(), finished);
                person.last = finished;
                person.pumps = 0;
                person.decisions.clear();
                result = burst ? "burst" : "cashed_out";
            }
            person.shownAt = nanoClock.getAsLong();
            return person.state(token, result);
        }
    }

    private Person person(String token) {
        Person p = token == null ? null : sessions.get(token);
        if (p == null) {
            throw new UnknownSessionException();
        }
        return p;
    }

    private String newToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** One person's progress; guarded by its own monitor. */
    private final class Person {
        final String id;
        final Map<Integer, BalloonResult> played = new TreeMap<>();
        final List<Turn> decisions = new ArrayList<>();
        final Deque<String> tokens = new ArrayDeque<>();
        int pumps;
        long shownAt;
        BalloonResult last;

        Person(String id) {
            this.id = id;
        }

        /** The first balloon of the schedule not yet played, or {@code null}. */
        Balloon next() {
            for (Balloon b : schedule.balloons()) {
                if (!played.containsKey(b.id())) {
                    return b;
                }
            }
            return null;
        }

        State state(String token, String result) {
            Balloon b = next();
            double total = 0;
            for (BalloonResult r : played.values()) {
                total += r.earnings();
            }
            BalloonResult lastShown = last;
            if (lastShown == null && !played.isEmpty()) {
                lastShown = new ArrayList<>(played.values()).get(played.size() - 1);
            }
            return new State(token, id, result, b == null ? null : new Current(b, pumps, b.earnings(pumps, false)),
                    played.size(), Money.round2(total), lastShown);
        }
    }

    /** The JSON form of a state (the API's body), without the threshold of an unfinished balloon. */
    static Map<String, Object> json(State s, int balloonsTotal, Rules rules) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (s.result() != null) {
            m.put("result", s.result());
        }
        m.put("session", s.session());
        m.put("participant", s.participant());
        m.put("balloons_total", balloonsTotal);
        m.put("balloons_done", s.balloonsDone());
        m.put("done", s.done());
        if (s.balloon() != null) {
            Balloon b = s.balloon().balloon();
            Map<String, Object> cur = new LinkedHashMap<>();
            cur.put("id", b.id());
            cur.put("type", b.type());
            cur.put("pumps", s.balloon().pumps());
            cur.put("earnings", s.balloon().earnings());
            cur.put("reward_per_pump", b.rewardPerPump());
            if (rules.discloseRange()) {
                cur.put("min_pumps", b.minThreshold());
                cur.put("max_pumps", b.capacity());
            }
            cur.put("rules", rules.lines(b));
            m.put("balloon", cur);
        } else {
            m.put("balloon", null);
        }
        m.put("total_earnings", s.totalEarnings());
        if (s.last() != null) {
            BalloonResult r = s.last();
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("id", r.balloon().id());
            last.put("type", r.balloon().type());
            last.put("pumps", r.pumps());
            last.put("burst", r.burst());
            last.put("earnings", r.earnings());
            last.put("threshold", r.balloon().threshold());
            m.put("last", last);
        }
        return m;
    }
}
