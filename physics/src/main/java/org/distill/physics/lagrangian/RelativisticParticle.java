package org.distill.physics.lagrangian;

import java.util.SplittableRandom;

/**
 * A relativistic particle of unit mass in a uniform field {@code g}, with {@code c = 1}, in one dimension:
 * <pre>
 *   L = −√(1 − q̇²) + g q,     q̈ = g (1 − q̇²)^{3/2},     E = 1/√(1 − q̇²) − g q.
 * </pre>
 * Speeds must stay below 1. The default states: q uniform in [−1, 1], q̇ uniform in [−{@code maxSpeed},
 * {@code maxSpeed}].
 *
 * @param g        the field, finite
 * @param maxSpeed the largest |q̇| of {@link #sample}, in (0, 1)
 */
public record RelativisticParticle(double g, double maxSpeed) implements MechanicalSystem {
    public RelativisticParticle {
        if (!Double.isFinite(g)) throw new IllegalArgumentException("g must be finite: " + g);
        if (!(maxSpeed > 0 && maxSpeed < 1)) throw new IllegalArgumentException("maxSpeed must be in (0, 1): " + maxSpeed);
    }

    /** g = 1, states with |q̇| ≤ 0.9. */
    public static RelativisticParticle of() { return new RelativisticParticle(1, 0.9); }

    @Override public String name() { return "relativistic"; }
    @Override public int dof() { return 1; }

    private static double gamma(double v) {
        if (!(Math.abs(v) < 1)) throw new IllegalArgumentException("|q̇| must be < 1: " + v);
        return 1 / Math.sqrt(1 - v * v);
    }

    @Override public double value(double[] q, double[] qd) {
        EulerLagrange.check(1, q, qd);
        return -1 / gamma(qd[0]) + g * q[0];
    }

    @Override public Derivatives derivatives(double[] q, double[] qd) {
        EulerLagrange.check(1, q, qd);
        double gm = gamma(qd[0]);
        return new Derivatives(value(q, qd), new double[] {g}, new double[][] {{gm * gm * gm}}, new double[][] {{0}});
    }

    @Override public void acceleration(double[] q, double[] qd, double[] out) {
        double s = 1 - qd[0] * qd[0];
        out[0] = s > 0 ? g * s * Math.sqrt(s) : 0;
    }

    @Override public double energy(double[] q, double[] qd) { return gamma(qd[0]) - g * q[0]; }

    @Override public void sample(SplittableRandom random, double[] q, double[] qd) {
        q[0] = random.nextDouble(-1, 1);
        qd[0] = random.nextDouble(-maxSpeed, maxSpeed);
    }
}
