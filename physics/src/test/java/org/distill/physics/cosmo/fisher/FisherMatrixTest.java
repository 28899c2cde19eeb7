package org.distill.physics.cosmo.fisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Fisher matrices whose errors are known in closed form. */
class FisherMatrixTest {
    @Test void twoParametersWithCorrelation() {
        // F = [[4, 2], [2, 4]]: F⁻¹ = [[4, −2], [−2, 4]]/12
        FisherMatrix f = new FisherMatrix(List.of("a", "b"), new double[][] {{4, 2}, {2, 4}});
        assertThat(f.marginalized()).containsExactly(new double[] {Math.sqrt(1 / 3.0), Math.sqrt(1 / 3.0)}, within(1e-12));
        assertThat(f.unmarginalized()).containsExactly(new double[] {0.5, 0.5}, within(1e-12));
        assertThat(f.scaled(4).marginalized()[0]).isCloseTo(Math.sqrt(1 / 3.0) / 2, within(1e-12));
    }

    @Test void fromDerivativesAndPrecision() {
        // two data points with variances 1 and 4, μ = (θ, 2θ): F = 1 + 4/4 = 2
        FisherMatrix f = FisherMatrix.of(List.of("t"), new double[][] {{1, 2}}, new double[][] {{1, 0}, {0, 0.25}});
        assertThat(f.matrix()[0][0]).isCloseTo(2, within(1e-12));
    }

    @Test void ellipseIsTheContourOfTheMarginalCovariance() {
        FisherMatrix f = new FisherMatrix(List.of("a", "b", "c"), new double[][] {{5, 1, 0.5}, {1, 3, 0.2}, {0.5, 0.2, 2}});
        double[][] inv = f.inverse();
        double sxx = inv[0][0], syy = inv[1][1], sxy = inv[0][1], det = sxx * syy - sxy * sxy;
        double[][] e = f.ellipse("a", "b", 2.3, 50);
        for (int p = 0; p < 50; p++) {
            double x = e[0][p], y = e[1][p];
            double chi2 = (syy * x * x - 2 * sxy * x * y + sxx * y * y) / det;
            assertThat(chi2).isCloseTo(2.3, within(1e-9));
        }
    }

    @Test void singularOrMisnamedIsRefused() {
        FisherMatrix f = new FisherMatrix(List.of("a", "b"), new double[][] {{1, 1}, {1, 1}});
        assertThatThrownBy(f::marginalized).hasMessageContaining("singular");
        assertThatThrownBy(() -> f.index("c")).hasMessageContaining("no parameter 'c'");
    }
}
