package org.distill.physics.inference;

import java.util.Objects;

/** Convergence diagnostics of MCMC chains: integrated autocorrelation time (emcee's estimator) and split R̂. */
public final class Diagnostics {
    private Diagnostics() { }

    /**
     * The integrated autocorrelation time τ of chains of equal length (chains × steps), estimated as emcee does: the
     * normalised autocorrelation function ρ(t) of each chain (its own mean removed, the biased sum over the overlap,
     * ρ(0) = 1), averaged over chains; τ(M) = 1 + 2 Σ_{t=1}^{M} ρ(t) with Sokal's automatic window, the smallest M with
     * M ≥ c·τ(M). NaN for a constant chain.
     *
     * @param c the window constant (emcee: 5), &gt; 0
     */
    public static double integratedTime(double[][] chains, double c) {
        int n = check(chains, 2);
        if (!(c > 0)) throw new IllegalArgumentException("c must be > 0: " + c);
        int m = chains.length;
        double[][] centred = new double[m][n];
        double[] c0 = new double[m];
        for (int k = 0; k < m; k++) {
            double mean = 0;
            for (double v : chains[k]) mean += v;
            mean /= n;
            for (int i = 0; i < n; i++) {
                centred[k][i] = chains[k][i] - mean;
                c0[k] += centred[k][i] * centred[k][i];
            }
            if (c0[k] == 0) return Double.NaN;
        }
        double tau = 1;
        for (int t = 1; t < n; t++) {
            double rho = 0;
            for (int k = 0; k < m; k++) {
                double s = 0;
                double[] x = centred[k];
                for (int i = 0; i + t < n; i++) s += x[i] * x[i + t];
                rho += s / c0[k];
            }
            tau += 2 * rho / m;
            if (t >= c * tau) return tau;
        }
        return tau; // the window never closed: the chains are too short for a reliable τ
    }

    /**
     * The split R̂ of Gelman et al.: each chain (chains × steps, at least 4 steps) is cut into halves, and
     * R̂ = √(((n − 1)/n · W + B/n) / W) over the 2·chains halves of n steps, W the mean within-half variance, B/n the
     * variance of the halves' means. Close to 1 when the chains agree.
     */
    public static double splitRhat(double[][] chains) {
        int len = check(chains, 4);
        int n = len / 2, m = 2 * chains.length;
        double[] means = new double[m], vars = new double[m];
        for (int k = 0; k < chains.length; k++)
            for (int h = 0; h < 2; h++) {
                int j = 2 * k + h, off = h == 0 ? 0 : len - n;
                double mean = 0;
                for (int i = 0; i < n; i++) mean += chains[k][off + i];
                mean /= n;
                double v = 0;
                for (int i = 0; i < n; i++) v += (chains[k][off + i] - mean) * (chains[k][off + i] - mean);
                means[j] = mean;
                vars[j] = v / (n - 1);
            }
        double grand = 0, w = 0;
        for (int j = 0; j < m; j++) {
            grand += means[j];
            w += vars[j];
        }
        grand /= m;
        w /= m;
        double b = 0;
        for (int j = 0; j < m; j++) b += (means[j] - grand) * (means[j] - grand);
        b *= n / (m - 1.0);
        return Math.sqrt(((n - 1.0) / n * w + b / n) / w);
    }

    private static int check(double[][] chains, int minLength) {
        Objects.requireNonNull(chains, "chains");
        if (chains.length == 0) throw new IllegalArgumentException("no chains");
        int n = chains[0].length;
        if (n < minLength) throw new IllegalArgumentException("chains must have at least " + minLength + " steps: " + n);
        for (double[] c : chains)
            if (c.length != n) throw new IllegalArgumentException("chains of " + n + " and " + c.length + " steps");
        return n;
    }
}
