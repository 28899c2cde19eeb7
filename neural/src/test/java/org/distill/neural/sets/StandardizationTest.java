package org.distill.neural.sets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StandardizationTest {
    @Test void medianAndInterquartileRangePerColumn() {
        // column 0: 1..5 -> median 3, quartiles 2 and 4 -> scale 2/1.349; column 1 constant -> scale 1
        float[][] x = {{5, 7}, {1, 7}, {4, 7}, {2, 7}, {3, 7}};
        Standardization s = Standardization.of(x);
        assertThat(s.center()).containsExactly(3f, 7f);
        assertThat(s.scale()[0]).isCloseTo((float) (2 / 1.349), within(1e-6f));
        assertThat(s.scale()[1]).isEqualTo(1f);
        float[] y = s.apply(new float[][] {{3 + 2 / 1.349f, 8}});
        assertThat(y[0]).isCloseTo(1f, within(1e-5f));
        assertThat(y[1]).isEqualTo(1f);
    }

    @Test void zeroInterquartileRangeFallsBackToTheStandardDeviation() {
        float[][] x = {{0}, {0}, {0}, {0}, {0}, {0}, {10}};
        Standardization s = Standardization.of(x);
        assertThat(s.center()[0]).isZero();
        double mean = 10 / 7.0, sd = Math.sqrt((6 * mean * mean + (10 - mean) * (10 - mean)) / 7);
        assertThat(s.scale()[0]).isCloseTo((float) sd, within(1e-5f));
    }

    @Test void extremeValuesAreClipped() {
        Standardization s = new Standardization(new float[] {0}, new float[] {1});
        assertThat(s.apply(new float[][] {{1e6f}, {-50}, {3}})).containsExactly(Standardization.CLIP, -Standardization.CLIP, 3f);
    }

    @Test void badInputIsRejected() {
        assertThatThrownBy(() -> Standardization.of(new float[0][]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("stars has no rows");
        assertThatThrownBy(() -> Standardization.of(new float[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("stars row 1 has 1 columns, row 0 has 2");
        assertThatThrownBy(() -> new Standardization(new float[] {0}, new float[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale finite and > 0");
    }
}
