package org.distill.physics.lagrangian;

import java.util.SplittableRandom;

/**
 * The double pendulum with unit masses and arm lengths under gravity {@code g} (9.8 by default): coordinates the
 * two angles from the downward vertical, {@code q = (θ1, θ2)}.
 * <pre>
 *   L = θ̇1² + ½θ̇2² + θ̇1θ̇2 cos(θ1 − θ2) + 2g cos θ1 + g cos θ2
 *   E = θ̇1² + ½θ̇2² + θ̇1θ̇2 cos(θ1 − θ2) + g (3 − 2 cos θ1 − cos θ2)     (0 at rest at the bottom)
 * </pre>
 * The states of {@link #sample}: both angles uniform in [−{@code maxAngle}, {@code maxAngle}], both angular
 * velocities normal with standard deviation {@code speed}.
 *
 * @param g        gravity, finite and > 0
 * @param maxAngle the largest initial angle, in (0, π]
 * @param speed    standard deviation of the initial angular velocities, finite and ≥ 0
 */
public record DoublePendulum(double g, double maxAngle, double speed) implements MechanicalSystem {
    public DoublePendulum {
        if (!(g > 0) || Double.isInfinite(g)) throw new IllegalArgumentException("g must be finite and > 0: " + g);
        if (!(maxAngle > 0 && maxAngle <= Math.PI)) throw new IllegalArgumentException("maxAngle must be in (0, π]: " + maxAngle);
        if (!(speed >= 0) || Double.isInfinite(speed)) throw new IllegalArgumentException("speed must be finite and >= 0: " + speed);
    }

    /** m = l = 1, g = 9.8; states with angles in [−π/2, π/2] and angular velocities of standard deviation 1. */
    public static DoublePendulum of() { return new DoublePendulum(9.8, Math.PI / 2, 1); }

    /** m = l = 1 under gravity {@code g}; the default states. */
    public static DoublePendulum of(double g) { return new DoublePendulum(g, Math.PI / 2, 1); }

    @Override public String name() { return "double-pendulum"; }
    @Override public int dof() { return 2; }
    @Override public boolean angular(int i) { return true; }

    @Override public double value(double[] q, double[] qd) {
        EulerLagrange.check(2, q, qd);
        double w1 = qd[0], w2 = qd[1];
        return w1 * w1 + 0.5 * w2 * w2 + w1 * w2 * Math.cos(q[0] - q[1]) + 2 * g * Math.cos(q[0]) + g * Math.cos(q[1]);
    }

    @Override public Derivatives derivatives(double[] q, double[] qd) {
        EulerLagrange.check(2, q, qd);
        double w1 = qd[0], w2 = qd[1], c = Math.cos(q[0] - q[1]), s = Math.sin(q[0] - q[1]);
        double[] gradQ = {-w1 * w2 * s - 2 * g * Math.sin(q[0]), w1 * w2 * s - g * Math.sin(q[1])};
        double[][] hvv = {{2, c}, {c, 1}};
        // ∂L/∂θ̇1 = 2θ̇1 + θ̇2 cos Δ,  ∂L/∂θ̇2 = θ̇2 + θ̇1 cos Δ, differentiated by θ1 and θ2
        double[][] mixed = {{-w2 * s, w2 * s}, {-w1 * s, w1 * s}};
        return new Derivatives(value(q, qd), gradQ, hvv, mixed);
    }

    @Override public void acceleration(double[] q, double[] qd, double[] out) {
        double t1 = q[0], t2 = q[1], w1 = qd[0], w2 = qd[1];
        double c = Math.cos(t1 - t2), s = Math.sin(t1 - t2);
        // a1 θ̈1 + ... written as in Cranmer et al.'s code with m1 = m2 = l1 = l2 = 1
        double a1 = 0.5 * c, a2 = c;
        double f1 = -0.5 * w2 * w2 * s - g * Math.sin(t1);
        double f2 = w1 * w1 * s - g * Math.sin(t2);
        double det = 1 - a1 * a2;
        out[0] = (f1 - a1 * f2) / det;
        out[1] = (f2 - a2 * f1) / det;
    }

    @Override public double energy(double[] q, double[] qd) {
        double w1 = qd[0], w2 = qd[1];
        return w1 * w1 + 0.5 * w2 * w2 + w1 * w2 * Math.cos(q[0] - q[1]) + g * (3 - 2 * Math.cos(q[0]) - Math.cos(q[1]));
    }

    @Override public void sample(SplittableRandom random, double[] q, double[] qd) {
        for (int i = 0; i < 2; i++) {
            q[i] = random.nextDouble(-maxAngle, maxAngle);
            qd[i] = speed * random.nextGaussian();
        }
    }
}
