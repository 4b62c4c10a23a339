package io.github.bart4j.core.agents;

import io.github.bart4j.core.spi.BalloonContext;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/** A scripted decision rule. Stateless and thread-safe; per-balloon randomness comes from {@link #rng}. */
abstract class Policy {

    private final long seed;

    Policy(long seed) {
        this.seed = seed;
    }

    /** Whether to pump after {@code pumps} safe pumps. */
    abstract boolean pump(BalloonContext context, int pumps, SplittableRandom rng);

    /** The number of pumps stated up front in the automatic task. */
    abstract int declare(BalloonContext context, SplittableRandom rng);

    /** Whether decisions use the random generator (a generator is created only then). */
    abstract boolean random();

    /** A generator that depends only on the seed and the balloon's identity. */
    SplittableRandom rng(BalloonContext c) {
        long h = seed;
        h = h * 0x9E3779B97F4A7C15L + c.epoch();
        h = h * 0x9E3779B97F4A7C15L + c.persona().hashCode();
        h = h * 0x9E3779B97F4A7C15L + c.balloonId();
        return new SplittableRandom(h);
    }

    static Policy fixed(int k) {
        return new Policy(0L) {
            @Override
            boolean pump(BalloonContext c, int pumps, SplittableRandom rng) {
                return pumps < k;
            }

            @Override
            int declare(BalloonContext c, SplittableRandom rng) {
                return k;
            }

            @Override
            boolean random() {
                return false;
            }
        };
    }

    static Policy random(double p, long seed) {
        return new Policy(seed) {
            @Override
            boolean pump(BalloonContext c, int pumps, SplittableRandom rng) {
                return rng.nextDouble() < p;
            }

            @Override
            int declare(BalloonContext c, SplittableRandom rng) {
                int k = 0;
                while (k < c.maxPumps() && rng.nextDouble() < p) {
                    k++;
                }
                return k;
            }

            @Override
            boolean random() {
                return true;
            }
        };
    }

    static Policy crra(double gamma, double w0, double noise, long seed) {
        return new CrraPolicy(gamma, w0, noise, seed);
    }

    /** CRRA agent; plans are computed once per (reward, range) and cached. */
    static final class CrraPolicy extends Policy {
        private final double gamma;
        private final double w0;
        private final double noise;
        private final ConcurrentHashMap<PlanKey, Plan> plans = new ConcurrentHashMap<>();

        CrraPolicy(double gamma, double w0, double noise, long seed) {
            super(seed);
            this.gamma = gamma;
            this.w0 = w0;
            this.noise = noise;
        }

        /** The plan asked for last: a run asks for the same one over and over. */
        private volatile Planned last;

        private Plan plan(BalloonContext c) {
            Planned l = last;
            if (l != null && Double.compare(l.key.reward, c.rewardPerPump()) == 0 && l.key.min == c.minPumps()
                    && l.key.max == c.maxPumps() && l.key.rules.equals(c.rules())) {
                return l.plan;
            }
            PlanKey key = new PlanKey(c.rewardPerPump(), c.minPumps(), c.maxPumps(), c.rules());
            Plan plan = plans.computeIfAbsent(key, k -> Plan.of(gamma, w0, k.reward, k.min, k.max, k.rules));
            last = new Planned(key, plan);
            return plan;
        }

        @Override
        boolean pump(BalloonContext c, int pumps, SplittableRandom rng) {
            Plan plan = plan(c);
            if (noise == 0.0) {
                return pumps < plan.optimal;
            }
            double diff = plan.advantageOfPumping(pumps);
            double p = 1.0 / (1.0 + Math.exp(-diff / noise));
            return rng.nextDouble() < p;
        }

        @Override
        int declare(BalloonContext c, SplittableRandom rng) {
            if (noise == 0.0) {
                return plan(c).optimal;
            }
            int k = 0;
            while (k < c.maxPumps() && pump(c, k, rng)) {
                k++;
            }
            return k;
        }

        @Override
        boolean random() {
            return noise > 0.0;
        }
    }

    private record PlanKey(double reward, int min, int max, io.github.bart4j.core.Rules rules) {
    }

    private record Planned(PlanKey key, Plan plan) {
    }

    /**
     * The optimal plan and, for each number of safe pumps {@code j}, the certainty-equivalent gain
     * (in dollars) of pumping on optimally over cashing out now.
     */
    static final class Plan {
        final int optimal;
        private final double[] advantage;

        private Plan(int optimal, double[] advantage) {
            this.optimal = optimal;
            this.advantage = advantage;
        }

        static Plan of(double gamma, double w0, double reward, int min, int max, io.github.bart4j.core.Rules rules) {
            int optimal = ExpectedUtility.optimalPumps(gamma, w0, reward, min, max, rules);
            double[] advantage = new double[max + 1];
            double u0 = ExpectedUtility.utility(w0, gamma);
            for (int j = 0; j <= max; j++) {
                double sj = ExpectedUtility.survival(j, min, max, rules);
                if (sj <= 0) {
                    advantage[j] = Double.NEGATIVE_INFINITY;
                    continue;
                }
                double stop = w0 + j * reward;
                double bestContinue = Double.NEGATIVE_INFINITY;
                for (int k = j + 1; k < max; k++) {
                    double s = ExpectedUtility.survival(k, min, max, rules) / sj;
                    double eu = s * ExpectedUtility.utility(w0 + k * reward, gamma) + (1 - s) * u0;
                    bestContinue = Math.max(bestContinue, eu);
                }
                advantage[j] = bestContinue == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY
                        : ExpectedUtility.certaintyEquivalent(bestContinue, gamma) - stop;
            }
            return new Plan(optimal, advantage);
        }

        double advantageOfPumping(int pumps) {
            return pumps < advantage.length ? advantage[pumps] : Double.NEGATIVE_INFINITY;
        }
    }
}
