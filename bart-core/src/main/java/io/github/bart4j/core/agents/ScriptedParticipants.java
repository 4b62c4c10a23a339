package io.github.bart4j.core.agents;

import io.github.bart4j.core.spi.Participant;
import java.util.Locale;

/**
 * Participants that follow a fixed policy instead of a model: baselines, simulations, and test
 * doubles. All of them play both the classic and the automatic task, are thread-safe, and are
 * deterministic: a random policy draws from a generator seeded by its seed and the balloon's
 * identity (epoch, persona, balloon id), so results do not depend on which balloon ran first.
 *
 * <pre>{@code
 * Participant cautious = ScriptedParticipants.crra(2.0);      // plans 7 pumps on 1..20 at $0.10
 * Participant coin = ScriptedParticipants.random(0.5, 42);
 * Participant fromSpec = ScriptedParticipants.parse("fixed:5");
 * }</pre>
 */
public final class ScriptedParticipants {

    /** Reference wealth of CRRA agents unless stated: $1. */
    public static final double DEFAULT_REFERENCE_WEALTH = 1.0;

    private ScriptedParticipants() {
    }

    /**
     * Pumps {@code k} times, then cashes out (or bursts first).
     *
     * @throws IllegalArgumentException if {@code k < 0}
     */
    public static Participant fixed(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("fixed:K needs K >= 0, but K is: " + k);
        }
        return new PolicyParticipant("fixed:" + k, Policy.fixed(k));
    }

    /**
     * Pumps with probability {@code p} at every decision.
     *
     * @throws IllegalArgumentException if {@code p} is not in {@code [0, 1)} (p = 1 never stops)
     */
    public static Participant random(double p, long seed) {
        if (!(p >= 0.0 && p < 1.0)) {
            throw new IllegalArgumentException("random:P needs 0 <= P < 1, but P is: " + p);
        }
        return new PolicyParticipant("random:" + trim(p), Policy.random(p, seed));
    }

    /** Pumps the expected-value-optimal number of times for the balloon's burst range. */
    public static Participant evOptimal() {
        return new PolicyParticipant("ev-optimal", Policy.crra(0.0, DEFAULT_REFERENCE_WEALTH, 0.0, 0L));
    }

    /** A noise-free CRRA expected-utility agent with reference wealth $1 (see {@link ExpectedUtility}). */
    public static Participant crra(double gamma) {
        return crra(gamma, DEFAULT_REFERENCE_WEALTH, 0.0, 0L);
    }

    /**
     * A CRRA expected-utility agent.
     *
     * @param gamma relative risk aversion (2 averse, 1 log, 0 neutral, -1 loving)
     * @param referenceWealth wealth before the balloon, {@code > 0}
     * @param noise softmax temperature in dollars: at each decision the agent pumps with probability
     *     {@code 1 / (1 + exp(-(CE_pump - CE_stop) / noise))}, where {@code CE_pump} is the certainty
     *     equivalent of pumping on optimally and {@code CE_stop} that of cashing out now; {@code 0}
     *     is the deterministic optimal plan
     * @param seed seed of the noise
     * @throws IllegalArgumentException if {@code referenceWealth <= 0} or {@code noise < 0}
     */
    public static Participant crra(double gamma, double referenceWealth, double noise, long seed) {
        if (!Double.isFinite(gamma)) {
            throw new IllegalArgumentException("crra:G needs a finite G, but G is: " + gamma);
        }
        if (!(referenceWealth > 0)) {
            throw new IllegalArgumentException("referenceWealth must be > 0, but is " + referenceWealth);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise must be >= 0, but is " + noise);
        }
        String name = "crra:" + trim(gamma);
        return new PolicyParticipant(name, Policy.crra(gamma, referenceWealth, noise, seed));
    }

    /**
     * The participant a spec names, as in {@code model_list} with {@code backend: simulated}:
     * {@code crra:G}, {@code fixed:K}, {@code random:P} (seed 0), {@code ev-optimal}.
     *
     * @throws IllegalArgumentException naming the spec and the accepted forms when it is not one of them
     */
    public static Participant parse(String spec) {
        return parse(spec, 0L);
    }

    /** As {@link #parse(String)}, with the seed given to random policies. */
    public static Participant parse(String spec, long seed) {
        String s = spec == null ? "" : spec.strip().toLowerCase(Locale.ROOT);
        try {
            if (s.equals("ev-optimal") || s.equals("ev_optimal")) {
                return evOptimal();
            }
            int colon = s.indexOf(':');
            if (colon > 0) {
                String kind = s.substring(0, colon);
                String arg = s.substring(colon + 1).strip();
                switch (kind) {
                    case "crra":
                        return crra(Double.parseDouble(arg), DEFAULT_REFERENCE_WEALTH, 0.0, seed);
                    case "fixed":
                        return fixed(Integer.parseInt(arg));
                    case "random":
                        return random(Double.parseDouble(arg), seed);
                    default:
                        break;
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(unknown(spec) + " (bad number: " + e.getMessage() + ")");
        }
        throw new IllegalArgumentException(unknown(spec));
    }

    private static String unknown(String spec) {
        return "simulated participant '" + spec + "' must be one of crra:G, fixed:K, random:P, ev-optimal";
    }

    static String trim(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
