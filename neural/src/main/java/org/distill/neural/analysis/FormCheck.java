package org.distill.neural.analysis;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Whether a discovered formula has the form of the true force: how well the best linear
 * combination {@code c + Σ_d a_d·F_d} of the true force components explains the formula's values
 * over the edges (least squares, as {@link LinearMessageFit}). A message component that learned a
 * rotation of the force, and a formula that reproduces it, give {@code r2} close to 1, whatever the
 * formula's scale, sign or written form; a formula of another law gives a clearly lower value.
 *
 * <pre>{@code
 * double[][] forces = EdgeForces.of(law, messages);
 * FormCheck check = FormCheck.of(equation.predict(edgeData), forces);
 * if (check.matches()) ...
 * }</pre>
 *
 * @param r2           coefficient of determination of the fit over the edges where the formula is finite
 *                     (NaN when it is constant there, or finite on too few edges to fit)
 * @param intercept    fitted constant {@code c}
 * @param coefficients fitted weight {@code a_d} of each force component (copied in and out)
 * @param edges        edges checked
 * @param nonFinite    edges where the formula is NaN or infinite (left out of the fit)
 */
public record FormCheck(double r2, double intercept, double[] coefficients, int edges, int nonFinite) {
    /** The R² from which a formula counts as being of the true force's form. */
    public static final double THRESHOLD = 0.9;

    public FormCheck {
        Objects.requireNonNull(coefficients, "coefficients");
        if (edges < 0 || nonFinite < 0 || nonFinite > edges)
            throw new IllegalArgumentException("need 0 <= nonFinite <= edges: " + nonFinite + ", " + edges);
        coefficients = coefficients.clone();
    }

    /**
     * Fits {@code values[e] ≈ c + Σ_d a_d·forces[d][e]} over the edges where the value is finite.
     *
     * @param values the formula's value on each edge
     * @param forces {@code forces[d][e]}: the true force components on the same edges (finite)
     * @throws IllegalArgumentException on mismatched lengths, non-finite forces, or force components
     *                                  that are linearly dependent
     */
    public static FormCheck of(double[] values, double[][] forces) {
        return of(values, forces, 0);
    }

    /**
     * As {@link #of(double[], double[][])}, ignoring the fraction {@code trim} of the finite edges that
     * the best combination fits worst (least trimmed squares, as {@link LinearMessageFit#fit(double[][],
     * double[][], int, double)}); {@code r2} is then over the kept edges.
     *
     * @throws IllegalArgumentException also if {@code trim} is outside [0, 0.5)
     */
    public static FormCheck of(double[] values, double[][] forces, double trim) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(forces, "forces");
        if (forces.length == 0) throw new IllegalArgumentException("forces has no components");
        int edges = values.length;
        for (int d = 0; d < forces.length; d++)
            if (forces[d].length != edges)
                throw new IllegalArgumentException("forces column " + d + " has " + forces[d].length + " values, values has " + edges);
        int finite = 0;
        for (double v : values) if (Double.isFinite(v)) finite++;
        double[] y = new double[finite];
        double[][] f = new double[forces.length][finite];
        for (int e = 0, k = 0; e < edges; e++) {
            if (!Double.isFinite(values[e])) continue;
            y[k] = values[e];
            for (int d = 0; d < forces.length; d++) f[d][k] = forces[d][e];
            k++;
        }
        if (!(trim >= 0 && trim < 0.5)) throw new IllegalArgumentException("trim must be in [0, 0.5): " + trim);
        if (finite < forces.length + 2)
            return new FormCheck(Double.NaN, Double.NaN, nanArray(forces.length), edges, edges - finite);
        ComponentFit fit = LinearMessageFit.fit(new double[][] {y}, f, 1, trim).get(0);
        return new FormCheck(fit.r2(), fit.intercept(), fit.coefficients(), edges, edges - finite);
    }

    private static double[] nanArray(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    /**
     * Whether the formula is of the true force's form: finite on every edge and {@code r2} at least
     * {@value #THRESHOLD}.
     */
    public boolean matches() { return nonFinite == 0 && r2 >= THRESHOLD; }

    @Override public double[] coefficients() { return coefficients.clone(); }

    @Override public String toString() {
        var s = new StringBuilder(String.format(Locale.ROOT, "formula ≈ %.4g", intercept));
        for (int d = 0; d < coefficients.length; d++)
            s.append(coefficients[d] < 0 ? " − " : " + ").append(String.format(Locale.ROOT, "%.4g", Math.abs(coefficients[d])))
                    .append("·F").append(d);
        return s.append(String.format(Locale.ROOT, "  (R² = %.4f over %d edges%s)", r2, edges - nonFinite,
                nonFinite > 0 ? ", " + nonFinite + " not finite" : "")).toString();
    }
}
