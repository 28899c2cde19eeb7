package org.distill.physics.cosmo.fisher;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A finite-difference rule for the derivative of a statistic S with respect to one parameter θ at its fiducial
 * value θ₀: ∂S/∂θ ≈ Σ_j w_j S(θ₀ + o_j), with offsets o_j (in the units of θ) and weights w_j.
 *
 * <ul>
 *   <li>{@link #central(double)}: Quijote's plus/minus pair, ∂S/∂θ ≈ [S(θ₀ + Δ) − S(θ₀ − Δ)]/(2Δ), exact for
 *       polynomials of degree ≤ 2.</li>
 *   <li>{@link #quijoteNeutrino()}: Mν cannot go below 0, so Quijote's one-sided rule from Mν = 0, 0.1, 0.2 and
 *       0.4 eV, ∂S/∂Mν ≈ [−21 S(0) + 32 S(0.1) − 12 S(0.2) + S(0.4)]/(1.2 eV), the derivative at 0 of the cubic
 *       through the four points (exact for polynomials of degree ≤ 3).</li>
 *   <li>{@link #lagrange(double...)}: the derivative at o = 0 of the interpolating polynomial through any
 *       distinct offsets (the two rules above are its cases).</li>
 * </ul>
 *
 * @param offsets o_j, distinct and finite
 * @param weights w_j, as many as offsets
 */
public record DerivativeStencil(double[] offsets, double[] weights) {
    public DerivativeStencil {
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(weights, "weights");
        if (offsets.length < 2) throw new IllegalArgumentException("a stencil needs at least 2 points: " + offsets.length);
        if (offsets.length != weights.length) {
            throw new IllegalArgumentException("stencil has " + offsets.length + " offsets and " + weights.length + " weights");
        }
        for (int i = 0; i < offsets.length; i++) {
            if (!Double.isFinite(offsets[i]) || !Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("stencil offsets and weights must be finite: " + offsets[i] + ", " + weights[i]);
            }
            for (int j = 0; j < i; j++) {
                if (offsets[i] == offsets[j]) throw new IllegalArgumentException("stencil offsets must be distinct: " + offsets[i]);
            }
        }
        offsets = offsets.clone();
        weights = weights.clone();
    }

    /** [S(θ₀ + Δ) − S(θ₀ − Δ)]/(2Δ): offsets {+Δ, −Δ}. */
    public static DerivativeStencil central(double step) {
        if (!(step > 0 && Double.isFinite(step))) throw new IllegalArgumentException("step must be positive and finite: " + step);
        return new DerivativeStencil(new double[] {step, -step}, new double[] {1 / (2 * step), -1 / (2 * step)});
    }

    /** Quijote's Mν rule: offsets {0, 0.1, 0.2, 0.4} eV, weights {−21, 32, −12, 1}/1.2 eV⁻¹. */
    public static DerivativeStencil quijoteNeutrino() {
        return new DerivativeStencil(new double[] {0, 0.1, 0.2, 0.4}, new double[] {-21 / 1.2, 32 / 1.2, -12 / 1.2, 1 / 1.2});
    }

    /**
     * The derivative at 0 of the Lagrange polynomial through the offsets: w_j = L_j'(0), with
     * L_j(x) = Π_{m≠j} (x − o_m)/(o_j − o_m).
     */
    public static DerivativeStencil lagrange(double... offsets) {
        Objects.requireNonNull(offsets, "offsets");
        int n = offsets.length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (offsets[i] == offsets[j]) throw new IllegalArgumentException("stencil offsets must be distinct: " + offsets[i]);
            }
        }
        double[] w = new double[n];
        for (int j = 0; j < n; j++) {
            double denom = 1;
            for (int m = 0; m < n; m++) if (m != j) denom *= offsets[j] - offsets[m];
            // L_j'(0) = Σ_{l≠j} Π_{m≠j,l} (0 − o_m) / denom
            double sum = 0;
            for (int l = 0; l < n; l++) {
                if (l == j) continue;
                double prod = 1;
                for (int m = 0; m < n; m++) if (m != j && m != l) prod *= -offsets[m];
                sum += prod;
            }
            w[j] = sum / denom;
        }
        return new DerivativeStencil(offsets, w);
    }

    /** Number of points. */
    public int size() { return offsets.length; }

    @Override public double[] offsets() { return offsets.clone(); }

    @Override public double[] weights() { return weights.clone(); }

    /** Σ_j w_j values[j]: the derivative from the statistic at the stencil's points. */
    public double apply(double[] values) {
        if (values.length != offsets.length) throw new IllegalArgumentException("stencil has " + offsets.length + " points, got " + values.length + " values");
        double s = 0;
        for (int j = 0; j < values.length; j++) s += weights[j] * values[j];
        return s;
    }

    /** The derivative of every element of a data vector: {@code values[j]} is the vector at point j. */
    public double[] apply(double[][] values) {
        if (values.length != offsets.length) throw new IllegalArgumentException("stencil has " + offsets.length + " points, got " + values.length + " vectors");
        int n = values[0].length;
        double[] d = new double[n];
        for (int j = 0; j < values.length; j++) {
            if (values[j].length != n) throw new IllegalArgumentException("vector " + j + " has " + values[j].length + " elements, vector 0 has " + n);
            for (int i = 0; i < n; i++) d[i] += weights[j] * values[j][i];
        }
        return d;
    }

    @Override public boolean equals(Object o) {
        return o instanceof DerivativeStencil s && Arrays.equals(offsets, s.offsets) && Arrays.equals(weights, s.weights);
    }

    @Override public int hashCode() { return 31 * Arrays.hashCode(offsets) + Arrays.hashCode(weights); }

    @Override public String toString() {
        StringBuilder b = new StringBuilder("dS/dθ ≈");
        for (int j = 0; j < offsets.length; j++) b.append(String.format(Locale.ROOT, " %+.6g·S(θ0%+.6g)", weights[j], offsets[j]));
        return b.toString();
    }
}
