package io.github.bart4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

    @ParameterizedTest
    @CsvSource({"0.1, $0.10", "0.30000000000000004, $0.30", "1.5, $1.50", "0, $0.00", "0.025, $0.03",
        "0.125, $0.12", "2.675, $2.67", "12.34, $12.34", "1234567.8, $1234567.80", "0.005, $0.01", "0.015, $0.01"})
    void dollars_show_two_decimals_like_the_seed_prompts(double x, String expected) {
        assertThat(Money.dollars(x)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void dollars_and_round2_agree_with_exact_half_even_rounding_everywhere() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < 200_000; i++) {
            double x = i < 100_000 ? i * 0.005 : r.nextDouble(0, 1000);
            String exact = "$" + new java.math.BigDecimal(x).setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
            assertThat(Money.dollars(x)).as("x = %s", x).isEqualTo(exact);
            assertThat(Money.dollars(x)).as("x = %s, asked again", x).isEqualTo(exact); // amounts kept once made
            double exactRound = new java.math.BigDecimal(x).setScale(2, java.math.RoundingMode.HALF_EVEN).doubleValue();
            assertThat(Money.round2(x)).as("round2(%s)", x).isEqualTo(exactRound);
            assertThat(Money.round2(-x)).as("round2(-%s)", x).isEqualTo(-exactRound);
        }
    }
}
