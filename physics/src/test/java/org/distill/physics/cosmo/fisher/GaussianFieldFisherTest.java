package org.distill.physics.cosmo.fisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.distill.physics.cosmo.linear.LinearPower;
import org.distill.physics.cosmo.sim.GaussianField;
import org.distill.physics.cosmo.stats.PowerSpectrum;
import org.distill.physics.cosmo.stats.PowerSpectrumEstimator;
import org.junit.jupiter.api.Test;

/**
 * The whole Quijote pipeline on Gaussian random fields with P(k) = A (k/k₀)^n: derivatives by central differences
 * of fields that share seeds, the Hartlap-corrected covariance of fiducial fields, and the Fisher errors on (A, n),
 * against the analytic Gaussian Fisher matrix F_ab = Σ_k (N_k/2) ∂lnP/∂θ_a ∂lnP/∂θ_b (N_k counting k and −k).
 */
class GaussianFieldFisherTest {
    static final int N = 32;
    static final double BOX = 200, A = 2000, TILT = -1.5, K0 = 0.1;

    private static double[] measure(double amplitude, double tilt, long seed, KBinning bins) {
        LinearPower p = k -> amplitude * Math.pow(k / K0, tilt);
        PowerSpectrum ps = PowerSpectrumEstimator.of(N).measure(GaussianField.fourier(p, N, BOX, seed, false, false), 0);
        return bins.apply(ps).values();
    }

    @Test void simulatedFisherErrorsMatchTheAnalyticGaussianErrors() {
        KBinning bins = KBinning.of(BOX, 1, 0.35);
        int nf = 300, nd = 40;
        double dA = 0.05 * A, dn = 0.02;
        double[][] fid = new double[nf][];
        for (int s = 0; s < nf; s++) fid[s] = measure(A, TILT, 1000 + s, bins);
        double[][] ap = new double[nd][], am = new double[nd][], np = new double[nd][], nm = new double[nd][];
        for (int s = 0; s < nd; s++) {
            ap[s] = measure(A + dA, TILT, s, bins);
            am[s] = measure(A - dA, TILT, s, bins);
            np[s] = measure(A, TILT + dn, s, bins);
            nm[s] = measure(A, TILT - dn, s, bins);
        }
        FisherForecast f = FisherForecast.of(fid, List.of(
                new FisherForecast.Parameter("A", DerivativeStencil.central(dA), List.of(ap, am)),
                new FisherForecast.Parameter("n", DerivativeStencil.central(dn), List.of(np, nm))));
        int[] all = FisherForecast.range(0, bins.bins());
        double[] simulated = f.fisher(all).marginalized();

        // analytic: the bins' k and modes come from the estimator itself
        PowerSpectrum any = PowerSpectrumEstimator.of(N).measure(GaussianField.fourier(k -> 1, N, BOX, 1, false, false), 0);
        KBinning.Binned b = bins.apply(any);
        double[][] fa = new double[2][2];
        for (int i = 0; i < bins.bins(); i++) {
            double[] g = {1 / A, Math.log(b.k()[i] / K0)};
            for (int x = 0; x < 2; x++) for (int y = 0; y < 2; y++) fa[x][y] += b.modes()[i] / 2.0 * g[x] * g[y];
        }
        double[] analytic = new FisherMatrix(List.of("A", "n"), fa).marginalized();
        assertThat(simulated[0] / analytic[0]).as("sigma(A): simulated %s, analytic %s", simulated[0], analytic[0]).isCloseTo(1, within(0.1));
        assertThat(simulated[1] / analytic[1]).as("sigma(n): simulated %s, analytic %s", simulated[1], analytic[1]).isCloseTo(1, within(0.1));
        // the Hartlap factor matters here: without it the errors would be smaller by √h
        assertThat(Covariance.hartlap(nf, bins.bins())).isLessThan(0.97);
        // the convergence series ends at the full result
        List<FisherForecast.ConvergencePoint> conv = f.convergence(all, new double[] {0.5, 1});
        assertThat(conv.get(conv.size() - 1).marginalized()).containsExactly(simulated, within(1e-12));
    }
}
