package org.distill.physics.cosmo.sim;

import org.distill.physics.cosmo.Snapshot;

/** Progress of a {@link Simulation} run; called on the running thread. */
public interface SimulationListener {
    /** Ignores everything. */
    SimulationListener NONE = new SimulationListener() { };

    /** The initial conditions are ready (2LPT particles at the start redshift). */
    default void onInitialConditions(double a, double seconds) { }

    /** Step {@code step} of {@code steps} (1-based) is done; the particles are at scale factor {@code a}. */
    default void onStep(int step, int steps, double a, double seconds) { }

    /** A snapshot at one of the output redshifts. */
    default void onSnapshot(Snapshot snapshot) { }
}
