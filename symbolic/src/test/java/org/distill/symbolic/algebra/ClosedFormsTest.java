package org.distill.symbolic.algebra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClosedFormsTest {
    @ParameterizedTest
    @CsvSource({
        "0.50000012, 0.5",
        "3.14159265, 3.141592653589793",
        "0.3183098, 0.3183098861837907",
        "-1.5707963, -1.5707963267948966",
        "0.33333334, 0.3333333333333333",
        "2.0000001, 2",
        "6.2831853, 6.283185307179586",
        "2.5066283, 2.5066282746310002",
        "1.4142136, 1.4142135623730951",
        "2.7182818, 2.718281828459045",
        "0, 0",
    })
    void snapsToShortClosedForms(double c, double expected) {
        assertEquals(expected, ClosedForms.snap(c).orElseThrow(), 1e-15);
    }

    @ParameterizedTest
    @CsvSource({"1.2345678", "0.001", "123456.1", "9.81", "NaN", "Infinity"})
    void leavesOtherConstantsAlone(double c) {
        assertEquals(OptionalDouble.empty(), ClosedForms.snap(c));
    }

    @Test
    void snapToleranceIsChecked() {
        assertThat(ClosedForms.snap(1.2345678, 1e-2)).isPresent();
        assertThatThrownBy(() -> ClosedForms.snap(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("relativeTolerance must be in (0, 0.01]: 0.0");
    }
}
