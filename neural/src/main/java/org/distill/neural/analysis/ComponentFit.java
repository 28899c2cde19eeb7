package org.distill.neural.analysis;

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

    @Override public String toString() {
        var s = new StringBuilder("message").append(component).append(" ≈ ").append(String.format("%.4g", intercept));
        for (int d = 0; d < coefficients.length; d++)
            s.append(coefficients[d] < 0 ? " − " : " + ").append(String.format("%.4g", Math.abs(coefficients[d])))
                    .append("·F").append(d);
        return s.append(String.format("  (R² = %.4f, std = %.4g)", r2, std)).toString();
    }
}
