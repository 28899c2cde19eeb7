package org.distill.physics.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EnsembleSamplerTest {
    /** A correlated 3-D Gaussian with known mean and covariance Σ = L Lᵀ. */
    private static final double[] MU = {1.0, -2.0, 5.0};
    private static final double[][] SIGMA = {{1.0, 0.6, 0.0}, {0.6, 2.0, -0.9}, {0.0, -0.9, 0.5}};

    private static double[][] inverse(double[][] a) {
        var m = new org.apache.commons.math3.linear.Array2DRowRealMatrix(a);
        return new org.apache.commons.math3.linear.LUDecomposition(m).getSolver().getInverse().getData();
    }

    @Test void recoversAKnownGaussianPosterior() {
        double[][] p = inverse(SIGMA);
        BatchLogDensity.LogDensity f = x -> {
            double s = 0;
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++) s += (x[i] - MU[i]) * p[i][j] * (x[j] - MU[j]);
            return -0.5 * s;
        };
        var config = SamplerConfig.builder().walkers(32).steps(4000).burnIn(500).seed(3).build();
        var random = new SplittableRandom(1);
        double[][] start = new double[32][3];
        for (double[] w : start) for (int i = 0; i < 3; i++) w[i] = 10 + random.nextGaussian(); // far from the mode
        Chain chain = EnsembleSampler.of(config).run(BatchLogDensity.of(f), start);
        assertEquals(4000, chain.steps());
        assertTrue(chain.acceptance() > 0.3 && chain.acceptance() < 0.9, "acceptance " + chain.acceptance());
        double[][] flat = chain.flat(500);
        double[] tau = chain.autocorrelationTimes(500);
        for (double t : tau) assertTrue(t > 1 && t < 100, "tau " + t);
        // independent samples: n / τ; the mean's standard error is σ √(τ / n)
        double n = flat.length;
        double[] mean = new double[3];
        for (double[] x : flat) for (int i = 0; i < 3; i++) mean[i] += x[i] / n;
        for (int i = 0; i < 3; i++) {
            double se = Math.sqrt(SIGMA[i][i] * tau[i] / n);
            assertEquals(MU[i], mean[i], 5 * se, "mean " + i);
        }
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) {
                double c = 0;
                for (double[] x : flat) c += (x[i] - mean[i]) * (x[j] - mean[j]);
                c /= n - 1;
                double tauMax = Math.max(tau[i], tau[j]);
                double se = Math.sqrt((SIGMA[i][i] * SIGMA[j][j] + SIGMA[i][j] * SIGMA[i][j]) * 2 * tauMax / n);
                assertEquals(SIGMA[i][j], c, 5 * se, "covariance " + i + j);
            }
        for (double r : chain.splitRhat(500)) assertTrue(r < 1.05, "R-hat " + r);
        // the 68 % interval of a Gaussian marginal: μ ± σ
        Summary s = chain.summary(0, 500);
        assertEquals(MU[0] - 1, s.lo(), 0.1);
        assertEquals(MU[0] + 1, s.hi(), 0.1);
    }

    @Test void seededRunsRepeat() {
        BatchLogDensity.LogDensity f = x -> -0.5 * (x[0] * x[0] + x[1] * x[1]);
        var config = SamplerConfig.builder().walkers(8).steps(50).burnIn(10).seed(9).build();
        double[][] start = {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {-1, 0}, {0, -1}, {-1, -1}, {0.5, 0.5}};
        var a = EnsembleSampler.of(config).run(BatchLogDensity.of(f), start);
        var b = EnsembleSampler.of(config).run(BatchLogDensity.parallel(f), start);
        assertEquals(a.samples()[49][3][1], b.samples()[49][3][1]);
    }

    /** AR(1) with coefficient φ has τ = (1 + φ)/(1 − φ). */
    @Test void autocorrelationTimeOfAnAr1Process() {
        double phi = 0.8;
        var r = new SplittableRandom(4);
        double[][] chains = new double[20][20_000];
        for (double[] c : chains) {
            double x = r.nextGaussian() / Math.sqrt(1 - phi * phi);
            for (int i = 0; i < c.length; i++) {
                x = phi * x + r.nextGaussian();
                c[i] = x;
            }
        }
        assertEquals((1 + phi) / (1 - phi), Diagnostics.integratedTime(chains, 5), 0.5);
        assertEquals(1, Diagnostics.splitRhat(chains), 0.01);
        // chains stuck at different places: R̂ far above 1
        for (int k = 0; k < chains.length; k++) for (int i = 0; i < chains[k].length; i++) chains[k][i] += 10 * k;
        assertTrue(Diagnostics.splitRhat(chains) > 2);
    }

    @Test void summaryPercentiles() {
        double[] x = new double[101];
        for (int i = 0; i <= 100; i++) x[i] = i;
        Summary s = Summary.of(x);
        assertEquals(50, s.mean(), 1e-12);
        assertEquals(16, s.lo(), 1e-12);
        assertEquals(84, s.hi(), 1e-12);
        assertEquals(2.5, s.lo95(), 1e-12);
        assertEquals(97.5, s.hi95(), 1e-12);
        assertTrue(s.covers95(3) && !s.covers95(2));
    }

    @Test void badInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SamplerConfig.builder().walkers(7).build());
        assertThrows(IllegalArgumentException.class, () -> SamplerConfig.builder().steps(10).burnIn(10).build());
        assertThrows(IllegalArgumentException.class, () -> SamplerConfig.builder().stretch(1).build());
        var sampler = EnsembleSampler.of(SamplerConfig.builder().walkers(4).steps(10).burnIn(0).build());
        BatchLogDensity f = BatchLogDensity.of(x -> x[0] > 0 ? 0 : Double.NEGATIVE_INFINITY);
        assertThrows(IllegalArgumentException.class, () -> sampler.run(f, new double[][] {{1}, {1}, {1}}));
        assertThrows(IllegalArgumentException.class, () -> sampler.run(f, new double[][] {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 1}}));
        assertThrows(IllegalArgumentException.class, () -> sampler.run(f, new double[][] {{1}, {1}, {-1}, {1}}));
        assertThrows(IllegalArgumentException.class, () -> Diagnostics.splitRhat(new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> Summary.of(new double[] {1}));
    }
}
