package org.distill.physics.cosmo.fisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sample covariance and the Hartlap factor against their closed forms. */
class CovarianceTest {
    @Test void hartlapFactorIsItsFormula() {
        assertThat(Covariance.hartlap(100, 10)).isCloseTo(88.0 / 99, within(1e-15));
        assertThat(Covariance.hartlap(15000, 79)).isCloseTo(14919.0 / 14999, within(1e-15));
        assertThatThrownBy(() -> Covariance.hartlap(12, 10)).hasMessageContaining("12 simulations for 10 elements");
    }

    @Test void sampleCovarianceOfAKnownSet() {
        Covariance c = Covariance.of(new double[][] {{1, 2}, {3, 6}, {5, 4}});
        assertThat(c.mean()).containsExactly(3, 4);
        // deviations (−2,−2), (0,2), (2,0): C = [[8, 4], [4, 8]]/2
        assertThat(c.matrix()[0]).containsExactly(4, 2);
        assertThat(c.matrix()[1]).containsExactly(2, 4);
    }

    /**
     * For Gaussian data the inverse sample covariance is biased high by (N − 1)/(N − p − 2); the Hartlap-corrected
     * precision averages to the true Σ⁻¹. Σ = diag(1, 4, 9, 0.25), p = 4, N = 12: the bias is 11/6.
     */
    @Test void hartlapCorrectedPrecisionIsUnbiased() {
        double[] sd = {1, 2, 3, 0.5};
        int p = sd.length, n = 12, reps = 4000;
        SplittableRandom r = new SplittableRandom(7);
        double[] rawDiag = new double[p], corrected = new double[p];
        for (int rep = 0; rep < reps; rep++) {
            double[][] x = new double[n][p];
            for (double[] row : x) for (int i = 0; i < p; i++) row[i] = sd[i] * r.nextGaussian();
            Covariance c = Covariance.of(x);
            double[][] psi = c.precision();
            for (int i = 0; i < p; i++) {
                corrected[i] += psi[i][i] / reps;
                rawDiag[i] += psi[i][i] / c.hartlapFactor() / reps;
            }
        }
        for (int i = 0; i < p; i++) {
            double truth = 1 / (sd[i] * sd[i]);
            assertThat(corrected[i] / truth).as("corrected %d", i).isCloseTo(1, within(0.05));
            assertThat(rawDiag[i] / truth).as("raw %d", i).isCloseTo(11.0 / 6, within(0.1));
        }
    }
}
