package org.distill.physics.cosmo.fisher;

import java.util.Objects;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The sample covariance of N data vectors of p elements,
 * C = Σ_s (d_s − d̄)(d_s − d̄)ᵀ/(N − 1), and its Hartlap-corrected inverse
 * <pre>
 *   Ψ = h C⁻¹,   h = (N − p − 2)/(N − 1)
 * </pre>
 * (Hartlap, Simon &amp; Schneider 2007): for Gaussian data E[C⁻¹] = Σ⁻¹ (N − 1)/(N − p − 2), so Ψ is an unbiased
 * estimate of the precision matrix Σ⁻¹; it needs N &gt; p + 2.
 *
 * @param mean    d̄, p elements
 * @param matrix  C, p × p
 * @param samples N
 */
public record Covariance(double[] mean, double[][] matrix, int samples) {
    public Covariance {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(matrix, "matrix");
        int p = mean.length;
        if (matrix.length != p) throw new IllegalArgumentException("covariance has " + matrix.length + " rows, the mean " + p + " elements");
        double[][] copy = new double[p][];
        for (int i = 0; i < p; i++) {
            if (matrix[i].length != p) throw new IllegalArgumentException("covariance row " + i + " has " + matrix[i].length + " elements, expected " + p);
            copy[i] = matrix[i].clone();
        }
        if (samples < 2) throw new IllegalArgumentException("a covariance needs at least 2 samples: " + samples);
        mean = mean.clone();
        matrix = copy;
    }

    /** The sample covariance of the rows of {@code samples} (N × p). */
    public static Covariance of(double[][] samples) {
        Objects.requireNonNull(samples, "samples");
        int n = samples.length;
        if (n < 2) throw new IllegalArgumentException("a covariance needs at least 2 samples: " + n);
        int p = samples[0].length;
        double[] mean = new double[p];
        for (double[] s : samples) {
            if (s.length != p) throw new IllegalArgumentException("sample has " + s.length + " elements, the first has " + p);
            for (int i = 0; i < p; i++) mean[i] += s[i];
        }
        for (int i = 0; i < p; i++) mean[i] /= n;
        double[][] c = new double[p][p];
        double[] d = new double[p];
        for (double[] s : samples) {
            for (int i = 0; i < p; i++) d[i] = s[i] - mean[i];
            for (int i = 0; i < p; i++) for (int j = 0; j <= i; j++) c[i][j] += d[i] * d[j];
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                c[i][j] /= n - 1;
                c[j][i] = c[i][j];
            }
        }
        return new Covariance(mean, c, n);
    }

    /**
     * The Hartlap factor (N − p − 2)/(N − 1).
     *
     * @throws IllegalArgumentException unless N &gt; p + 2
     */
    public static double hartlap(int samples, int size) {
        if (size < 1) throw new IllegalArgumentException("data vector size must be positive: " + size);
        if (samples <= size + 2) {
            throw new IllegalArgumentException("the Hartlap factor needs more simulations than data elements + 2: " + samples
                    + " simulations for " + size + " elements");
        }
        return (samples - size - 2.0) / (samples - 1.0);
    }

    /** Number of elements p. */
    public int size() { return mean.length; }

    @Override public double[] mean() { return mean.clone(); }

    @Override public double[][] matrix() {
        double[][] c = new double[matrix.length][];
        for (int i = 0; i < c.length; i++) c[i] = matrix[i].clone();
        return c;
    }

    /** The Hartlap factor of this covariance. */
    public double hartlapFactor() { return hartlap(samples, size()); }

    /** Ψ = h C⁻¹, the Hartlap-corrected precision matrix. */
    public double[][] precision() {
        double h = hartlapFactor();
        RealMatrix inv = inverse(matrix, "covariance");
        double[][] r = inv.scalarMultiply(h).getData();
        symmetrize(r);
        return r;
    }

    /** The correlation matrix C_ij/√(C_ii C_jj). */
    public double[][] correlation() {
        int p = size();
        double[][] r = new double[p][p];
        for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) r[i][j] = matrix[i][j] / Math.sqrt(matrix[i][i] * matrix[j][j]);
        return r;
    }

    /**
     * The inverse of a symmetric matrix with a positive diagonal, computed on the unit-diagonal matrix
     * D^(−1/2) M D^(−1/2) (so the singularity threshold is relative) and scaled back.
     */
    static RealMatrix inverse(double[][] m, String what) {
        int n = m.length;
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            if (!(m[i][i] > 0 && Double.isFinite(m[i][i]))) {
                throw new IllegalArgumentException("the " + what + " matrix has a non-positive diagonal element " + i + ": " + m[i][i]);
            }
            s[i] = 1 / Math.sqrt(m[i][i]);
        }
        double[][] u = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) u[i][j] = m[i][j] * s[i] * s[j];
        LUDecomposition lu = new LUDecomposition(new Array2DRowRealMatrix(u, false), 1e-12);
        if (!lu.getSolver().isNonSingular()) {
            throw new IllegalArgumentException("the " + what + " matrix (" + n + " × " + n + ") is singular");
        }
        double[][] r = lu.getSolver().getInverse().getData();
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) r[i][j] *= s[i] * s[j];
        return new Array2DRowRealMatrix(r, false);
    }

    static void symmetrize(double[][] r) {
        for (int i = 0; i < r.length; i++) {
            for (int j = 0; j < i; j++) {
                double v = 0.5 * (r[i][j] + r[j][i]);
                r[i][j] = v;
                r[j][i] = v;
            }
        }
    }
}
