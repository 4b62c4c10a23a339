package io.github.bart4j.core.analysis;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bootstrap's generator draws exactly what {@link SplittableRandom} draws. */
class SplitMixTest {

    private static final int[] BOUNDS = {1, 2, 3, 7, 40, 64, 1000, 20_000, 65_537, (1 << 30) - 1, 1 << 30,
        (1 << 30) + 1, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};

    @Test
    void next_int_equals_splittable_random_draw_for_draw() {
        SplittableRandom bounds = new SplittableRandom(1);
        for (long seed : new long[] {0, 42, -1, Long.MIN_VALUE, 0x9e3779b97f4a7c15L}) {
            for (int i = 0; i < BOUNDS.length + 20; i++) {
                int bound = i < BOUNDS.length ? BOUNDS[i] : 1 + bounds.nextInt(Integer.MAX_VALUE);
                SplittableRandom expected = new SplittableRandom(seed);
                SplitMix actual = new SplitMix(seed);
                SplitMix.Bound b = new SplitMix.Bound(bound);
                for (int k = 0; k < 3_000; k++) {
                    assertThat(actual.nextInt(b)).as("seed %d bound %d draw %d", seed, bound, k)
                            .isEqualTo(expected.nextInt(bound));
                }
            }
        }
    }

    @Test
    void the_multiplicative_remainder_is_the_remainder_at_the_edges() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < BOUNDS.length + 200; i++) {
            int d = i < BOUNDS.length ? BOUNDS[i] : 1 + r.nextInt(Integer.MAX_VALUE);
            SplitMix.Bound b = new SplitMix.Bound(d);
            for (int u : new int[] {0, 1, d - 1, d, d + 1, Integer.MAX_VALUE, Integer.MAX_VALUE - 1,
                (Integer.MAX_VALUE / d) * d, (Integer.MAX_VALUE / d) * d - 1, r.nextInt(Integer.MAX_VALUE)}) {
                if (u >= 0) {
                    assertThat(b.remainder(u)).as("%d %% %d", u, d).isEqualTo(u % d);
                }
            }
        }
        assertThatThrownBy(() -> new SplitMix.Bound(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
