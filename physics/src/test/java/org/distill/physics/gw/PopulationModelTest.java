package org.distill.physics.gw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PopulationModelTest {
    private static final PopulationModel MODEL = PopulationModel.of();

    /** Composite Simpson on [a, b] with n (even) intervals: independent of the model's Gauss–Legendre. */
    private static double simpson(DoubleUnaryOperator f, double a, double b, int n) {
        double h = (b - a) / n, s = f.applyAsDouble(a) + f.applyAsDouble(b);
        for (int i = 1; i < n; i++) s += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(a + i * h);
        return s * h / 3;
    }

    /** The event with one coordinate replaced. */
    private static double[] with(int k, double v) {
        double[] x = {30, 0.6, 0.3, 0.4, 0.2, 0.7};
        x[k] = v;
        return x;
    }

    /** Each one-dimensional conditional (all others fixed) is the marginal times a constant: integrate it, divide. */
    @ParameterizedTest
    @CsvSource({"2.35, 60, 1.5, 2.7", "1.0, 30, -1.0, -1.0", "4.0, 80, 4.0, 6.0", "1.7, 45, -0.99999999, 0.999999"})
    void densityIntegratesToOne(double alpha, double mMax, double beta, double kappa) {
        var l = new PopulationParameters(alpha, mMax, beta, kappa);
        double[] base = with(0, 30);
        double rest = MODEL.logDensity(base, l);
        // log p(x) is a sum over coordinates: ∫∫.. p = Π_k ∫ p(x_k) dx_k; each ∫ is ∫ exp(logp(x with x_k) − logp(base)) × p_k(base_k)
        double logProduct = 0;
        for (int k = 0; k < 6; k++) {
            final int kk = k;
            double integral = simpson(v -> Math.exp(MODEL.logDensity(with(kk, v), l) - rest), PopulationModel.LO[k] + 1e-12,
                    PopulationModel.HI[k] - 1e-12, 2_000);
            // ∫ p(x_k) dx_k / p(base_k) = integral  → log p(base_k) = −log integral
            logProduct += -Math.log(integral);
        }
        // Σ_k log p(base_k) must equal log p(base)
        assertEquals(rest, logProduct, 1e-6, "log p(base) vs the product of its normalised marginals");
    }

    @Test void massNormalisationMatchesSimpson() {
        for (double[] am : new double[][] {{2.35, 60}, {1, 30}, {4, 80}, {3, 33}}) {
            double exact = simpson(m -> Math.pow(m, -am[0]) / (1 + Math.exp((m - am[1]) / PopulationModel.TAPER)),
                    5, 100, 400_000);
            assertEquals(Math.log(exact), MODEL.logMassNorm(am[0], am[1]), 1e-9);
        }
    }

    @Test void redshiftNormalisationMatchesClosedFormLowZ() {
        // at small z, dVc/dz → 4π z² (c/H0 = 1): check the distance against its Taylor series
        double z = 1e-3;
        double dc = PopulationModel.comovingDistance(z);
        // D_c = z − (3Ω_m/4) z² + O(z³)
        assertEquals(z - 0.75 * PopulationModel.OMEGA_M * z * z, dc, 1e-9);
        // the normalisation against an independent Simpson rule
        assertEquals(Math.log(simpson(zz -> PopulationModel.comovingVolume(zz) * Math.pow(1 + zz, 1.7), 0, 2, 20_000)),
                MODEL.logRedshiftNorm(2.7), 1e-9);
    }

    @Test void powerLawInverseCdf() {
        for (double slope : new double[] {-4, -2.35, -1, -1 + 1e-14, 0, 1.5, 4}) {
            double lo = 0.1, hi = 1;
            double norm = Math.exp(PowerLaw.logNorm(lo, hi, slope));
            for (double u : new double[] {0, 0.1, 0.5, 0.9, 0.999}) {
                double x = PowerLaw.inverseCdf(lo, hi, slope, u);
                double cdf = simpson(t -> Math.pow(t, slope), lo, x, 20_000) / norm;
                assertEquals(u, cdf, 1e-9, "slope " + slope + " u " + u);
            }
        }
    }

    /** Samples against the density: each marginal's mean and a Kolmogorov–Smirnov distance against its exact CDF. */
    @Test void samplesMatchDensity() {
        var l = PopulationParameters.fiducial();
        int n = 20_000;
        double[][] x = MODEL.sample(l, n, new SplittableRandom(11));
        double[] base = with(0, 30);
        double rest = MODEL.logDensity(base, l);
        for (int k = 0; k < 6; k++) {
            final int kk = k;
            double lo = PopulationModel.LO[k], hi = PopulationModel.HI[k];
            int grid = 500;
            double[] cdf = new double[grid + 1];
            double h = (hi - lo) / grid;
            double prev = 0;
            DoubleUnaryOperator p = v -> Math.exp(MODEL.logDensity(with(kk, v), l) - rest);
            for (int i = 1; i <= grid; i++) {
                double a = lo + (i - 1) * h, b = lo + i * h;
                prev += simpson(p, a + (i == 1 ? 1e-12 : 0), b - (i == grid ? 1e-12 : 0), 8);
                cdf[i] = prev;
            }
            for (int i = 0; i <= grid; i++) cdf[i] /= prev;
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = x[i][k];
                assertTrue(s[i] >= lo && s[i] <= hi, "sample in the support");
            }
            Arrays.sort(s);
            double d = 0;
            for (int i = 0; i < n; i++) {
                double pos = (s[i] - lo) / h;
                int j = Math.min(grid - 1, (int) pos);
                double f = cdf[j] + (pos - j) * (cdf[j + 1] - cdf[j]);
                d = Math.max(d, Math.max(Math.abs(f - i / (double) n), Math.abs(f - (i + 1) / (double) n)));
            }
            // KS critical value at 0.1 % significance: 1.95 / √n
            assertTrue(d < 1.95 / Math.sqrt(n), "KS distance of " + PopulationModel.OBSERVABLES.get(k) + ": " + d);
        }
    }

    @Test void catalogueLikelihoodIsTheSumOfEventDensities() {
        var l = new PopulationParameters(2.0, 50, 0.5, 1.0);
        double[][] x = MODEL.sample(PopulationParameters.fiducial(), 50, new SplittableRandom(3));
        double sum = 0;
        for (double[] e : x) sum += MODEL.logDensity(e, l);
        assertEquals(sum, MODEL.catalogueLikelihood(x).logLikelihood(l.toArray()), 1e-8 * Math.abs(sum));
        assertEquals(Double.NEGATIVE_INFINITY, MODEL.catalogueLikelihood(x).logLikelihood(new double[] {0.5, 50, 0, 0}));
    }

    @Test void logRatioIsTheDifferenceOfDensities() {
        var a = new PopulationParameters(2.0, 50, 0.5, 1.0);
        var b = new PopulationParameters(3.1, 62, -0.7, 4.2);
        for (double[] e : MODEL.sample(PopulationParameters.fiducial(), 20, new SplittableRandom(4))) {
            double d = MODEL.logDensity(e, b) - MODEL.logDensity(e, a);
            assertEquals(d, MODEL.logRatio(e, a.toArray(), b.toArray()), 1e-9 * Math.max(1, Math.abs(d)));
            assertEquals(0, MODEL.logRatio(e, a.toArray(), a.toArray()), 0);
        }
        assertThrows(IllegalArgumentException.class,
                () -> MODEL.logRatio(new double[] {200, 0.5, 0.5, 0.5, 0, 1}, a.toArray(), b.toArray()));
        assertThrows(IllegalArgumentException.class,
                () -> MODEL.logRatio(new double[] {50, 0.5, 0.5, 0.5, 0, 1}, a.toArray(), new double[3]));
    }

    @Test void trainingDrawsCoverThePrior() {
        var d = MODEL.sampleAcrossPrior(2000, new SplittableRandom(5));
        for (int i = 0; i < 2000; i++) {
            assertTrue(PopulationParameters.inPrior(d.lambdas()[i]));
            assertTrue(Double.isFinite(MODEL.logDensity(d.events()[i], PopulationParameters.of(d.lambdas()[i]))));
        }
    }

    @Test void badInputsAreRefused() {
        var l = PopulationParameters.fiducial();
        assertThrows(IllegalArgumentException.class, () -> MODEL.logDensity(new double[5], l));
        assertThrows(IllegalArgumentException.class, () -> new PopulationParameters(Double.NaN, 60, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PopulationParameters(2, 1000, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> MODEL.sample(l, -1, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> MODEL.catalogueLikelihood(new double[0][]));
        assertThrows(IllegalArgumentException.class,
                () -> MODEL.catalogueLikelihood(new double[][] {{200, 0.5, 0.5, 0.5, 0, 1}}));
        assertEquals(Double.NEGATIVE_INFINITY, MODEL.logDensity(new double[] {200, 0.5, 0.5, 0.5, 0, 1}, l));
    }
}
