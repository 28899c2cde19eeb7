package org.distill.neural.sets;

/**
 * The support set's mean and shrunk covariance, and the query offsets whitened by them: for a query x,
 * {@code z = L⁻¹(x − μ)} with {@code L Lᵀ = (K·Σ + K₀·s₀²·I) / (K + K₀)}, and {@code |z|²}, its squared
 * Mahalanobis distance from the support.
 *
 * <p>This is the fixed part of the set encoder: φ(x) = (x, x xᵀ) mean-pooled, and a closed-form ρ. It lets
 * the head see what an axis-by-axis spread cannot: a stream is a thin curved track, so its members are
 * correlated across features (position along the track with proper motion, magnitude with colour along the
 * isochrone), and the covariance of a handful of members already points along the track. With fewer than
 * 8 support stars the 7 × 7 sample covariance is singular; the shrinkage towards {@code s₀² I} (worth
 * {@code K₀} stars) keeps it invertible and says "a stream is thin" where the support cannot tell.
 * Everything here depends on the support only through means, so it is permutation-invariant.
 */
final class SupportShape {
    /** Prior spread per standardised feature, and its weight in stars. */
    static final double PRIOR_SPREAD = 0.05, PRIOR_WEIGHT = 2;

    private final int d;
    private final double[] mean;
    private final double[] chol; // lower-triangular Cholesky factor, row-major d × d

    private SupportShape(int d, double[] mean, double[] chol) {
        this.d = d;
        this.mean = mean;
        this.chol = chol;
    }

    /** The shape of the support rows {@code rows} of flat standardised window {@code x} (width d). */
    static SupportShape of(float[] x, int d, int[] rows) {
        int k = rows.length;
        double[] mean = new double[d], cov = new double[d * d];
        for (int r : rows) for (int j = 0; j < d; j++) mean[j] += x[r * d + j];
        for (int j = 0; j < d; j++) mean[j] /= k;
        for (int r : rows)
            for (int i = 0; i < d; i++) {
                double a = x[r * d + i] - mean[i];
                for (int j = 0; j <= i; j++) cov[i * d + j] += a * (x[r * d + j] - mean[j]);
            }
        double prior = PRIOR_WEIGHT * PRIOR_SPREAD * PRIOR_SPREAD;
        for (int i = 0; i < d; i++)
            for (int j = 0; j <= i; j++) {
                double v = (cov[i * d + j] + (i == j ? prior : 0)) / (k + PRIOR_WEIGHT);
                cov[i * d + j] = v;
                cov[j * d + i] = v;
            }
        // Cholesky: positive definite by the prior
        double[] l = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j <= i; j++) {
                double s = cov[i * d + j];
                for (int m = 0; m < j; m++) s -= l[i * d + m] * l[j * d + m];
                l[i * d + j] = i == j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j * d + j];
            }
        return new SupportShape(d, mean, l);
    }

    /** Width of {@link #whiten}'s output per star: z and |z|². */
    static int width(int d) { return d + 1; }

    /**
     * Writes z and |z|² of star {@code row} of {@code x} to {@code out} at {@code at}, compressed to a range a
     * network takes well: {@code asinh(z_i)} (linear near 0, logarithmic far out) and {@code log(1 + |z|²/d)}.
     */
    void whiten(float[] x, int row, float[] out, int at) {
        double ss = 0;
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            double s = x[row * d + i] - mean[i];
            for (int m = 0; m < i; m++) s -= chol[i * d + m] * z[m];
            z[i] = s / chol[i * d + i];
            ss += z[i] * z[i];
        }
        for (int i = 0; i < d; i++) out[at + i] = (float) asinh(z[i]);
        out[at + d] = (float) Math.log1p(ss / d);
    }

    static double asinh(double v) {
        double a = Math.abs(v), r = Math.log(a + Math.sqrt(a * a + 1));
        return v < 0 ? -r : r;
    }
}
