package org.distill.neural.analysis;

import java.util.Arrays;

/**
 * A least-squares fit of one message component to a linear combination of force components:
 * {@code message_c ≈ intercept + Σ_d coefficients[d]·F_d}.
 *
 * @param component    index of the message component
 * @param std          its standard deviation over the edges
 * @param intercept    fitted constant
 * @param coefficients fitted weight of each force component (copied in and out)
 * @param r2           coefficient of determination {@code 1 − SS_res/SS_tot}; NaN for a constant component
 */
public record ComponentFit(int component, double std, double intercept, double[] coefficients, double r2) {
    public ComponentFit {
        if (component < 0) throw new IllegalArgumentException("component must be >= 0: " + component);
        coefficients = coefficients.clone();
    }

    @Override public double[] coefficients() { return coefficients.clone(); }

    /**
     * The fitted linear combination {@code intercept + Σ_d coefficients[d]·forces[d][e]} on every edge
     * {@code e}: what the component is compared with (the x axis of the paper's Fig. 5).
     *
     * @throws IllegalArgumentException if {@code forces} has another number of components than the fit, or
     *                                  ragged columns
     */
    public double[] predict(double[][] forces) {
        if (forces.length != coefficients.length)
            throw new IllegalArgumentException("forces has " + forces.length + " components, the fit " + coefficients.length);
        int edges = forces[0].length;
        double[] out = new double[edges];
        Arrays.fill(out, intercept);
        for (int d = 0; d < forces.length; d++) {
            if (forces[d].length != edges)
                throw new IllegalArgumentException("forces column " + d + " has " + forces[d].length + " values, column 0 has " + edges);
            for (int e = 0; e < edges; e++) out[e] += coefficients[d] * forces[d][e];
        }
        return out;
    }

    @Override public String toString() {
        var s = new StringBuilder("message").append(component).append(" ≈ ").append(String.format("%.4g", intercept));
        for (int d = 0; d < coefficients.length; d++)
            s.append(coefficients[d] < 0 ? " − " : " + ").append(String.format("%.4g", Math.abs(coefficients[d])))
                    .append("·F").append(d);
        return s.append(String.format("  (R² = %.4f, std = %.4g)", r2, std)).toString();
    }
}
