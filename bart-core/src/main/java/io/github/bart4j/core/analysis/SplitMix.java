package io.github.bart4j.core.analysis;

/**
 * The generator of {@link java.util.SplittableRandom} (SplitMix64 with its default gamma), written
 * out so the bootstrap's inner loop is one inlined loop with no division: {@link #nextInt(Bound)}
 * returns exactly what {@code new SplittableRandom(seed).nextInt(bound)} returns, draw for draw
 * (the same rejection rule), with the remainder by a loop-invariant bound computed by a
 * multiplication (Granlund &amp; Montgomery 1994) instead of a division. A test keeps the two equal.
 */
final class SplitMix {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long seed;

    SplitMix(long seed) {
        this.seed = seed;
    }

    /** A bound > 0 with its reciprocal: {@code floor(u / bound)} for any {@code 0 <= u < 2^31} as a multiply-shift. */
    static final class Bound {
        final int value;
        final int mask;
        final boolean powerOfTwo;
        final long magic;
        final int shift;

        Bound(int value) {
            if (value <= 0) {
                throw new IllegalArgumentException("bound must be > 0, but is " + value);
            }
            this.value = value;
            this.mask = value - 1;
            this.powerOfTwo = (value & mask) == 0;
            int l = 32 - Integer.numberOfLeadingZeros(value - 1); // ceil(log2 value)
            this.shift = 31 + l;
            this.magic = ((1L << shift) + value - 1) / value; // ceil(2^(31+l) / value) < 2^32
        }

        /** {@code u % value} for {@code 0 <= u < 2^31}. */
        int remainder(int u) {
            long q = (u * magic) >>> shift;
            return u - (int) q * value;
        }
    }

    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    /** As {@code SplittableRandom.nextInt(bound.value)}. */
    int nextInt(Bound bound) {
        int r = mix32(seed += GOLDEN_GAMMA);
        int m = bound.mask;
        if (bound.powerOfTwo) {
            return r & m;
        }
        for (int u = r >>> 1; u + m - (r = bound.remainder(u)) < 0; u = mix32(seed += GOLDEN_GAMMA) >>> 1) {
            // rejected: draw again, as SplittableRandom does
        }
        return r;
    }
}
