package org.distill.physics.cosmo.fisher;

import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A Fisher matrix F_ab = Σ_ij (∂μ_i/∂θ_a) Ψ_ij (∂μ_j/∂θ_b) over named parameters, with the Cramér–Rao errors:
 * marginalised σ_a = √(F⁻¹)_aa (the other parameters free) and unmarginalised σ_a = 1/√F_aa (the others fixed).
 * Fisher information is additive in volume, so a survey of volume V' has F·V'/V and errors √(V/V') times these
 * ({@link #scaled}).
 *
 * @param parameters the parameter names, distinct
 * @param matrix     F, symmetric, one row per parameter
 */
public record FisherMatrix(List<String> parameters, double[][] matrix) {
    public FisherMatrix {
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(matrix, "matrix");
        int n = parameters.size();
        if (n < 1) throw new IllegalArgumentException("a Fisher matrix needs at least one parameter");
        if (parameters.stream().distinct().count() != n) throw new IllegalArgumentException("parameter names must be distinct: " + parameters);
        if (matrix.length != n) throw new IllegalArgumentException("Fisher matrix has " + matrix.length + " rows for " + n + " parameters");
        double[][] copy = new double[n][];
        for (int i = 0; i < n; i++) {
            if (matrix[i].length != n) throw new IllegalArgumentException("Fisher matrix row " + i + " has " + matrix[i].length + " elements, expected " + n);
            copy[i] = matrix[i].clone();
        }
        matrix = copy;
    }

    /**
     * F = D Ψ Dᵀ.
     *
     * @param derivatives ∂μ/∂θ_a, one row of p elements per parameter
     * @param precision   Ψ, p × p
     */
    public static FisherMatrix of(List<String> parameters, double[][] derivatives, double[][] precision) {
        int n = derivatives.length, p = precision.length;
        if (parameters.size() != n) throw new IllegalArgumentException(parameters.size() + " parameters but " + n + " derivative rows");
        double[][] f = new double[n][n];
        for (int a = 0; a < n; a++) {
            if (derivatives[a].length != p) {
                throw new IllegalArgumentException("derivative " + parameters.get(a) + " has " + derivatives[a].length + " elements, the precision matrix " + p);
            }
        }
        double[][] psiD = new double[n][p];
        for (int a = 0; a < n; a++) for (int i = 0; i < p; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) s += precision[i][j] * derivatives[a][j];
            psiD[a][i] = s;
        }
        for (int a = 0; a < n; a++) for (int b = 0; b <= a; b++) {
            double s = 0;
            for (int i = 0; i < p; i++) s += derivatives[a][i] * psiD[b][i];
            f[a][b] = s;
            f[b][a] = s;
        }
        return new FisherMatrix(parameters, f);
    }

    @Override public double[][] matrix() {
        double[][] c = new double[matrix.length][];
        for (int i = 0; i < c.length; i++) c[i] = matrix[i].clone();
        return c;
    }

    /** Number of parameters. */
    public int size() { return matrix.length; }

    /** Index of a parameter. */
    public int index(String parameter) {
        int i = parameters.indexOf(parameter);
        if (i < 0) throw new IllegalArgumentException("no parameter '" + parameter + "' in " + parameters);
        return i;
    }

    /** F⁻¹, the parameter covariance. */
    public double[][] inverse() {
        RealMatrix inv = Covariance.inverse(matrix, "Fisher");
        double[][] r = inv.getData();
        Covariance.symmetrize(r);
        return r;
    }

    /** σ_a = √(F⁻¹)_aa, every other parameter marginalised over. */
    public double[] marginalized() {
        double[][] inv = inverse();
        double[] s = new double[size()];
        for (int a = 0; a < s.length; a++) s[a] = Math.sqrt(inv[a][a]);
        return s;
    }

    /** σ_a = 1/√F_aa, every other parameter fixed. */
    public double[] unmarginalized() {
        double[] s = new double[size()];
        for (int a = 0; a < s.length; a++) s[a] = 1 / Math.sqrt(matrix[a][a]);
        return s;
    }

    /** This matrix times {@code factor}, e.g. V'/V to move the forecast to another volume. */
    public FisherMatrix scaled(double factor) {
        if (!(factor > 0 && Double.isFinite(factor))) throw new IllegalArgumentException("factor must be positive and finite: " + factor);
        double[][] f = matrix();
        for (double[] row : f) for (int j = 0; j < row.length; j++) row[j] *= factor;
        return new FisherMatrix(parameters, f);
    }

    /** The sum of two Fisher matrices over the same parameters (independent data). */
    public FisherMatrix plus(FisherMatrix other) {
        if (!parameters.equals(other.parameters)) throw new IllegalArgumentException("parameters differ: " + parameters + " vs " + other.parameters);
        double[][] f = matrix();
        for (int i = 0; i < f.length; i++) for (int j = 0; j < f.length; j++) f[i][j] += other.matrix[i][j];
        return new FisherMatrix(parameters, f);
    }

    /**
     * The confidence ellipse of parameters a and b (the others marginalised), centred on 0: {@code points} points
     * (x, y) of the curve Δθᵀ C⁻¹ Δθ = Δχ², C the 2 × 2 block of F⁻¹. Δχ² = 2.30 encloses 68.3 % of a 2-D
     * Gaussian, 6.18 95.4 %.
     *
     * @return {x[], y[]}, closed (the last point repeats the first)
     */
    public double[][] ellipse(String a, String b, double deltaChi2, int points) {
        if (!(deltaChi2 > 0)) throw new IllegalArgumentException("deltaChi2 must be positive: " + deltaChi2);
        if (points < 4) throw new IllegalArgumentException("an ellipse needs at least 4 points: " + points);
        int i = index(a), j = index(b);
        double[][] inv = inverse();
        double sxx = inv[i][i], syy = inv[j][j], sxy = inv[i][j];
        // C = L Lᵀ (Cholesky), x = √Δχ² L (cos t, sin t)
        double l11 = Math.sqrt(sxx), l21 = sxy / l11, l22 = Math.sqrt(Math.max(0, syy - l21 * l21));
        double r = Math.sqrt(deltaChi2);
        double[] x = new double[points], y = new double[points];
        for (int p = 0; p < points; p++) {
            double t = 2 * Math.PI * p / (points - 1);
            double u = Math.cos(t), v = Math.sin(t);
            x[p] = r * l11 * u;
            y[p] = r * (l21 * u + l22 * v);
        }
        return new double[][] {x, y};
    }
}
