package org.distill.physics.cosmo.linear;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/** Top-hat variance quadrature shared by {@link LinearPower}'s default methods (see its Javadoc). */
final class TopHat {
    private static final double X_MIN = 1e-6;
    private static final double X_MAX = 400;
    private static final int LOG_SEGMENTS = 14;
    private static final double[] X16;
    private static final double[] W16;
    private static final double[] X8;
    private static final double[] W8;
    /** Quadrature nodes x and weights (for ∫ d ln x), fixed once. */
    private static final double[] NODES;
    private static final double[] WEIGHTS;

    static {
        GaussIntegratorFactory factory = new GaussIntegratorFactory();
        GaussIntegrator g16 = factory.legendre(16);
        GaussIntegrator g8 = factory.legendre(8);
        X16 = new double[16];
        W16 = new double[16];
        for (int i = 0; i < 16; i++) { X16[i] = g16.getPoint(i); W16[i] = g16.getWeight(i); }
        X8 = new double[8];
        W8 = new double[8];
        for (int i = 0; i < 8; i++) { X8[i] = g8.getPoint(i); W8[i] = g8.getWeight(i); }
        int linear = (int) Math.ceil((X_MAX - 1) / Math.PI);
        int n = LOG_SEGMENTS * 16 + linear * 8;
        NODES = new double[n];
        WEIGHTS = new double[n];
        int j = 0;
        double lo = Math.log(X_MIN);
        double step = -lo / LOG_SEGMENTS;
        for (int s = 0; s < LOG_SEGMENTS; s++) {
            double a = lo + s * step;
            for (int i = 0; i < 16; i++) {
                NODES[j] = Math.exp(a + 0.5 * step * (X16[i] + 1));
                WEIGHTS[j++] = 0.5 * step * W16[i];
            }
        }
        for (int s = 0; s < linear; s++) {
            double a = 1 + s * Math.PI;
            double b = Math.min(a + Math.PI, X_MAX);
            for (int i = 0; i < 8; i++) {
                double x = a + 0.5 * (b - a) * (X8[i] + 1);
                NODES[j] = x;
                WEIGHTS[j++] = 0.5 * (b - a) * W8[i] / x; // dx/x = d ln x
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
        return ds2 / s2;
    }
}
