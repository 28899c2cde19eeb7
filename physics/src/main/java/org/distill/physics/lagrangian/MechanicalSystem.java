package org.distill.physics.lagrangian;

import java.util.SplittableRandom;

/**
 * A conservative system with an analytic Lagrangian, accelerations and energy, and a distribution of states to
 * train and test on. Implementations are immutable and thread-safe.
 */
public interface MechanicalSystem extends Lagrangian, BatchDynamics {
    /** A short name, e.g. {@code double-pendulum}. */
    String name();

    /** The analytic accelerations q̈ at {@code (q, q̇)}, written to {@code out} (length {@link #dof()}). */
    void acceleration(double[] q, double[] qd, double[] out);

    /** The conserved energy at {@code (q, q̇)}. */
    double energy(double[] q, double[] qd);

    /** Whether coordinate {@code i} is an angle (a model should see it wrapped into [−π, π)). */
    default boolean angular(int i) { return false; }

    /** Draws an initial state from the system's default distribution into {@code q} and {@code qd}. */
    void sample(SplittableRandom random, double[] q, double[] qd);

    /** The analytic accelerations, row by row. */
    @Override default void accelerations(double[] q, double[] qd, int rows, double[] out) {
        int n = dof();
        double[] qi = new double[n], vi = new double[n], ai = new double[n];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(q, r * n, qi, 0, n);
            System.arraycopy(qd, r * n, vi, 0, n);
            acceleration(qi, vi, ai);
            System.arraycopy(ai, 0, out, r * n, n);
        }
    }

    /** Wraps the angular coordinates of a flat row-major {@code q} (rows × dof) into [−π, π), in place. */
    default void wrap(double[] q) {
        int n = dof();
        for (int k = 0; k < q.length; k++)
            if (angular(k % n)) q[k] -= 2 * Math.PI * Math.floor((q[k] + Math.PI) / (2 * Math.PI));
    }
}
