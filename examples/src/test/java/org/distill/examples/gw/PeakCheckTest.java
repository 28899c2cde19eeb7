package org.distill.examples.gw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.junit.jupiter.api.Test;

class PeakCheckTest {
    /** A quadratic mean log-likelihood −½(λ − μ)ᵀA(λ − μ): the stencil recovers its peak μ and −A⁻¹ exactly. */
    @Test void quadraticGivesItsPeakAndCurvature() {
        double[] mu = {2.4, 58, 1.45, 2.9}, at = {2.35, 60, 1.5, 2.7}, h = {0.06, 1, 0.1, 0.14};
        double[][] a = {{40, -0.5, 3, 1}, {-0.5, 0.03, 0.1, 0}, {3, 0.1, 12, -2}, {1, 0, -2, 5}};
        double[][] points = PeakCheck.stencil(at, h);
        assertThat(points).hasNumberOfRows(33);
        int events = 1000;
        double[] sums = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            double q = 0;
            for (int j = 0; j < 4; j++)
                for (int k = 0; k < 4; k++) q += (points[i][j] - mu[j]) * a[j][k] * (points[i][k] - mu[k]);
            sums[i] = -0.5 * q * events + 123; // a constant offset (the map's Jacobian) changes nothing
        }
        var quad = PeakCheck.Quadratic.of(sums, h, events);
        double[] peak = quad.peak(at);
        for (int k = 0; k < 4; k++) assertThat(peak[k]).as("peak " + k).isCloseTo(mu[k], within(1e-8 * (1 + Math.abs(mu[k]))));
        var inverse = new LUDecomposition(new Array2DRowRealMatrix(a)).getSolver().getInverse();
        for (int k = 0; k < 4; k++)
            assertThat(quad.variance(k)).as("variance " + k).isCloseTo(inverse.getEntry(k, k), within(1e-8 * inverse.getEntry(k, k)));
    }

    /** A curvature that is not negative definite gives no width (NaN), never a negative variance's square root. */
    @Test void saddleHasNoVariance() {
        double[] h = {1, 1, 1, 1}, at = {0, 0, 0, 0};
        double[][] points = PeakCheck.stencil(at, h);
        double[] sums = new double[points.length];
        for (int i = 0; i < points.length; i++) sums[i] = points[i][0] * points[i][0] - points[i][1] * points[i][1] - points[i][2] * points[i][2] - points[i][3] * points[i][3];
        var quad = PeakCheck.Quadratic.of(sums, h, 1);
        assertThat(quad.variance(0)).isNegative();
        assertThat(quad.variance(1)).isPositive();
    }
}
