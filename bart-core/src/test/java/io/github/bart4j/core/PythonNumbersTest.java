package io.github.bart4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonNumbersTest {

    @ParameterizedTest
    @CsvSource({
        // x, Python round(x, 2) then str()
        "5.8, 5.8",
        "0.0, 0.0",
        "62.300000000000004, 62.3",
        "10, 10.0",
        "0.025, 0.03",      // 0.025 is 0.025000000000000001387 in binary: rounds up, as Python does
        "0.125, 0.12",      // exactly representable: half to even
        "0.375, 0.38",
        "2.675, 2.67",      // 2.67499999999999982236431605997495353221893310546875
        "6.285714285714286, 6.29",
        "409.40000000000003, 409.4",
    })
    void round2_then_format_matches_python(double x, String expected) {
        assertThat(PythonNumbers.str(PythonNumbers.round2(x))).isEqualTo(expected);
        assertThat(Money.round2(x)).as("money is rounded by the same rule").isEqualTo(PythonNumbers.round2(x));
    }

    @Test
    void str_is_the_shortest_decimal_with_a_digit_after_the_point_for_random_doubles() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int i = 0; i < 200_000; i++) {
            double x = switch (i % 4) {
                case 0 -> random.nextInt(-100_000, 100_000) / 100.0;
                case 1 -> Double.longBitsToDouble(random.nextLong());
                case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(-8, 12));
                default -> Math.round(random.nextDouble() * 1e6) * Math.pow(10, random.nextInt(-6, 6));
            };
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                continue;
            }
            java.math.BigDecimal d = new java.math.BigDecimal(Double.toString(x)).stripTrailingZeros();
            String expected = (d.scale() < 1 ? d.setScale(1, java.math.RoundingMode.UNNECESSARY) : d).toPlainString();
            assertThat(PythonNumbers.str(x)).as("%s", x).isEqualTo(expected);
        }
        assertThat(PythonNumbers.str(-0.0)).isEqualTo("0.0");
        assertThat(PythonNumbers.str(1e-5)).isEqualTo("0.00001");
        assertThat(PythonNumbers.str(1e21)).isEqualTo("1000000000000000000000.0");
        assertThat(PythonNumbers.str(100.0)).isEqualTo("100.0");
    }
}
