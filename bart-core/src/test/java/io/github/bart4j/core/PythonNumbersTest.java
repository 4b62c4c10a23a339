package io.github.bart4j.core;

import static org.assertj.core.api.Assertions.assertThat;

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
}
