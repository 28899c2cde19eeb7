package org.distill.physics.lagrangian;

/**
 * Second-order dynamics {@code q̈ = f(q, q̇)} evaluated on many states at once: a true system, or a learned model.
 * Arrays are flat and row-major, {@code rows × dof()}.
 */
@FunctionalInterface
public interface BatchDynamics {
    /** Writes q̈ of each of the {@code rows} states {@code (q, q̇)} to {@code out}. */
    void accelerations(double[] q, double[] qd, int rows, double[] out);
}
