package org.distill.symbolic.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ColumnsTest {

    @Test void meanAndVarianceAreWeightedLikeTheLoss() {
        double[][] x = {{0, 0, 0, 0}};
        // unweighted: y = 1, 2, 3, 6 has mean 3 and variance (4 + 1 + 0 + 9)/4 = 3.5
        var plain = new Columns(x, new double[] {1, 2, 3, 6}, null, 4);
        assertThat(plain.mean()).isCloseTo(3, within(1e-15));
        assertThat(plain.variance()).isCloseTo(3.5, within(1e-15));
        // weight 0 on the last row: the first three alone, mean 2 and variance 2/3; weights scale-free
        var weighted = new Columns(x, new double[] {1, 2, 3, 6}, new double[] {5, 5, 5, 0}, 4);
        assertThat(weighted.mean()).isCloseTo(2, within(1e-15));
        assertThat(weighted.variance()).isCloseTo(2.0 / 3, within(1e-15));
        // weight 2 on a row counts it twice: y = 1, 1, 3 has mean 5/3
        var doubled = new Columns(x, new double[] {1, 3, 0, 0}, new double[] {2, 1, 0, 0}, 4);
        assertThat(doubled.mean()).isCloseTo(5.0 / 3, within(1e-15));
        assertThat(doubled.variance()).isCloseTo((2 * 4.0 / 9 + 16.0 / 9) / 3, within(1e-15));
    }
}
