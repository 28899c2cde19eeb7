package org.distill.physics.streams;

import java.util.Objects;

/**
 * Orbits in a {@link MilkyWayPotential} by the kick–drift–kick leapfrog: second order, symplectic and
 * time-reversible, so energy errors stay bounded and an orbit integrated backwards and then forwards returns to its
 * start (up to rounding). Fixed steps in Myr; a negative step integrates backwards in time. Thread-safe.
 */
public final class LeapfrogIntegrator {
    private final MilkyWayPotential potential;

    private LeapfrogIntegrator(MilkyWayPotential potential) {
        this.potential = Objects.requireNonNull(potential, "potential");
    }

    public static LeapfrogIntegrator of(MilkyWayPotential potential) { return new LeapfrogIntegrator(potential); }

    public MilkyWayPotential potential() { return potential; }

    /**
     * Integrates {@code state = [x, y, z, vx, vy, vz]} (kpc, km/s) for {@code steps} steps of {@code dtMyr} Myr and
     * returns the {@code steps + 1} states, flattened (6 values each), the first being {@code state}.
     *
     * @throws IllegalArgumentException if state does not hold 6 finite values, steps is negative or dtMyr is zero or
     *                                  not finite
     */
    public double[] integrate(double[] state, double dtMyr, int steps) {
        Objects.requireNonNull(state, "state");
        if (state.length != 6) throw new IllegalArgumentException("state must hold 6 values: " + state.length);
        for (double v : state) if (!Double.isFinite(v)) throw new IllegalArgumentException("state must be finite: " + v);
        if (steps < 0) throw new IllegalArgumentException("steps must be non-negative: " + steps);
        if (!Double.isFinite(dtMyr) || dtMyr == 0)
            throw new IllegalArgumentException("dtMyr must be finite and non-zero: " + dtMyr);
        if (6L * (steps + 1) > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("too many steps: " + steps);
        double dt = dtMyr / MilkyWayPotential.MYR_PER_TIME_UNIT, h = dt / 2;
        double[] out = new double[6 * (steps + 1)];
        System.arraycopy(state, 0, out, 0, 6);
        double x = state[0], y = state[1], z = state[2], vx = state[3], vy = state[4], vz = state[5];
        double[] a = new double[3];
        potential.acceleration(x, y, z, a);
        for (int s = 1; s <= steps; s++) {
            vx += h * a[0];
            vy += h * a[1];
            vz += h * a[2];
            x += dt * vx;
            y += dt * vy;
            z += dt * vz;
            potential.acceleration(x, y, z, a);
            vx += h * a[0];
            vy += h * a[1];
            vz += h * a[2];
            int o = 6 * s;
            out[o] = x;
            out[o + 1] = y;
            out[o + 2] = z;
            out[o + 3] = vx;
            out[o + 4] = vy;
            out[o + 5] = vz;
        }
        return out;
    }

    /**
     * Moves one state in place, {@code state[o..o+5]}, by {@code steps} steps of {@code dt} time units
     * (kpc/(km/s)); {@code a} is a 3-value scratch array.
     */
    void advance(double[] state, int o, double dt, int steps, double[] a) {
        double h = dt / 2;
        double x = state[o], y = state[o + 1], z = state[o + 2], vx = state[o + 3], vy = state[o + 4], vz = state[o + 5];
        potential.acceleration(x, y, z, a);
        for (int s = 0; s < steps; s++) {
            vx += h * a[0];
            vy += h * a[1];
            vz += h * a[2];
            x += dt * vx;
            y += dt * vy;
            z += dt * vz;
            potential.acceleration(x, y, z, a);
            vx += h * a[0];
            vy += h * a[1];
            vz += h * a[2];
        }
        state[o] = x;
        state[o + 1] = y;
        state[o + 2] = z;
        state[o + 3] = vx;
        state[o + 4] = vy;
        state[o + 5] = vz;
    }

    /** Energy per unit mass ½v² + Φ of {@code state[o..o+5]}, in (km/s)². */
    public double energy(double[] state, int o) {
        double vx = state[o + 3], vy = state[o + 4], vz = state[o + 5];
        return 0.5 * (vx * vx + vy * vy + vz * vz) + potential.potential(state[o], state[o + 1], state[o + 2]);
    }
}
