package org.distill.physics.lagrangian;

/** A Lagrangian {@code L(q, q̇)} with its first and second derivatives, for {@link EulerLagrange}. */
public interface Lagrangian {
    /** Degrees of freedom {@code n}: q and q̇ have n components. */
    int dof();

    /** {@code L(q, q̇)}. */
    double value(double[] q, double[] qd);

    /** {@code L} and its derivatives at {@code (q, q̇)}. */
    Derivatives derivatives(double[] q, double[] qd);
}
