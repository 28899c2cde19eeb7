package org.distill.physics.cosmo.linear;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/** Top-hat variance quadrature shared by {@link LinearPower}'s default methods (see its Javadoc). */
final class TopHat {
    private static final double X_MIN = 1e-9;
    private static final double X_MAX = 400;
    /** Largest segment width in ln x: resolves baryon wiggles (period ≥ 0.1 in ln k up to k ≈ 0.6 h/Mpc). */
    private static final double MAX_LN_WIDTH = 0.04;
    /** Quadrature nodes x and weights (for ∫ d ln x), fixed once. */
    private static final double[] NODES;
    private static final double[] WEIGHTS;

    static {
        GaussIntegrator g8 = new GaussIntegratorFactory().legendre(8);
        double[] xs = new double[8];
        double[] ws = new double[8];
        for (int i = 0; i < 8; i++) {
            xs[i] = g8.getPoint(i);
            ws[i] = g8.getWeight(i);
        }
        java.util.List<double[]> segments = new java.util.ArrayList<>();
        double u = Math.log(X_MIN);
        double end = Math.log(X_MAX);
        while (u < end) {
            // a quarter period of the window's oscillation (period 2π in x, 2π/x in ln x) at most
            double width = Math.min(MAX_LN_WIDTH, Math.PI / (2 * Math.exp(u)));
            double next = Math.min(u + width, end);
            segments.add(new double[] {u, next});
            u = next;
        }
        NODES = new double[segments.size() * 8];
        WEIGHTS = new double[NODES.length];
        int j = 0;
        for (double[] seg : segments) {
            double half = 0.5 * (seg[1] - seg[0]);
            for (int i = 0; i < 8; i++) {
                NODES[j] = Math.exp(seg[0] + half * (xs[i] + 1));
                WEIGHTS[j++] = half * ws[i];
            }
        }
    }

    private TopHat() {}

    /** W(x) = 3 (sin x − x cos x)/x³. */
    static double window(double x) {
        if (x < 1e-3) {
            double x2 = x * x;
            return 1 - x2 / 10 + x2 * x2 / 280;
        }
        return 3 * (Math.sin(x) - x * Math.cos(x)) / (x * x * x);
    }

    /** dW/dx = 3 sin x/x² − 3 W/x. */
    static double windowDerivative(double x) {
        if (x < 1e-3) return -x / 5 + x * x * x / 70;
        return 3 * Math.sin(x) / (x * x) - 3 * window(x) / x;
    }

    private static void checkRadius(double r) {
        if (!(r > 0 && Double.isFinite(r))) throw new IllegalArgumentException("radius must be positive and finite (Mpc/h): " + r);
    }

    private static double delta2(LinearPower p, double k) {
        return k * k * k * p.at(k) / (2 * Math.PI * Math.PI);
    }

    static double variance(LinearPower p, double r) {
        checkRadius(r);
        double sum = 0;
        for (int i = 0; i < NODES.length; i++) {
            double x = NODES[i];
            double w = window(x);
            sum += WEIGHTS[i] * delta2(p, x / r) * w * w;
        }
        return sum;
    }

    static double dlnSigmaDlnR(LinearPower p, double r) {
        return varianceAndSlope(p, r)[1];
    }

    /** {σ², dlnσ/dlnR} in one pass. */
    static double[] varianceAndSlope(LinearPower p, double r) {
        checkRadius(r);
        double s2 = 0;
        double ds2 = 0;
        for (int i = 0; i < NODES.length; i++) {
            double x = NODES[i];
            double w = window(x);
            double d = WEIGHTS[i] * delta2(p, x / r);
            s2 += d * w * w;
            ds2 += d * w * windowDerivative(x) * x;
        }
        return new double[] {s2, ds2 / s2};
    }
}
