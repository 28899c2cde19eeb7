package org.distill.physics.nbody;

import java.util.Arrays;
import java.util.Objects;

/**
 * One simulated n-body system sampled every {@code timeStep}: positions, velocities and true accelerations at
 * {@code t = s·timeStep} for {@code s = 0 … steps − 1}. Arrays are flat and step-major: component {@code d} of body
 * {@code i} at step {@code s} is {@code positions[(s·bodies + i)·dim + d]}.
 *
 * @param law           the pair law that moved the bodies
 * @param dim           spatial dimension, 2 or 3
 * @param timeStep      time between samples, positive
 * @param charges       charge of each body ({@code bodies} values, at least 2)
 * @param masses        mass of each body
 * @param positions     {@code steps·bodies·dim} values, {@code steps ≥ 1}
 * @param velocities    as many values as positions
 * @param accelerations as many values as positions
 */
public record Trajectory(PairLaw law, int dim, double timeStep, double[] charges, double[] masses,
                         double[] positions, double[] velocities, double[] accelerations) {

    public Trajectory {
        Objects.requireNonNull(law, "law");
        if (dim != 2 && dim != 3) throw new IllegalArgumentException("dim must be 2 or 3: " + dim);
        if (!(timeStep > 0) || !Double.isFinite(timeStep))
            throw new IllegalArgumentException("timeStep must be finite and positive: " + timeStep);
        int n = masses.length;
        if (n < 2) throw new IllegalArgumentException("bodies must be at least 2: " + n);
        if (charges.length != n) throw new IllegalArgumentException("charges has " + charges.length + " values, masses " + n);
        if (positions.length == 0 || positions.length % (n * dim) != 0)
            throw new IllegalArgumentException("positions has " + positions.length
                    + " values, expected a positive multiple of bodies·dim = " + n * dim);
        if (velocities.length != positions.length)
            throw new IllegalArgumentException("velocities has " + velocities.length + " values, positions " + positions.length);
        if (accelerations.length != positions.length)
            throw new IllegalArgumentException("accelerations has " + accelerations.length + " values, positions " + positions.length);
        charges = charges.clone();
        masses = masses.clone();
        positions = positions.clone();
        velocities = velocities.clone();
        accelerations = accelerations.clone();
    }

    /** Number of bodies. */
    public int bodies() { return masses.length; }

    /** Number of samples, the first at {@code t = 0}. */
    public int steps() { return positions.length / (masses.length * dim); }

    /** The time of sample {@code s}, {@code s·timeStep}. */
    public double time(int s) { return s * timeStep; }

    @Override public double[] charges() { return charges.clone(); }
    @Override public double[] masses() { return masses.clone(); }
    @Override public double[] positions() { return positions.clone(); }
    @Override public double[] velocities() { return velocities.clone(); }
    @Override public double[] accelerations() { return accelerations.clone(); }

    public double charge(int i) { return charges[i]; }
    public double mass(int i) { return masses[i]; }
    /** Component {@code d} of the position of body {@code i} at step {@code s}. */
    public double position(int s, int i, int d) { return positions[index(s, i, d)]; }
    /** Component {@code d} of the velocity of body {@code i} at step {@code s}. */
    public double velocity(int s, int i, int d) { return velocities[index(s, i, d)]; }
    /** Component {@code d} of the true acceleration of body {@code i} at step {@code s}. */
    public double acceleration(int s, int i, int d) { return accelerations[index(s, i, d)]; }

    private int index(int s, int i, int d) {
        if (s < 0 || s >= steps()) throw new IndexOutOfBoundsException("step " + s + " outside [0, " + steps() + ")");
        if (i < 0 || i >= bodies()) throw new IndexOutOfBoundsException("body " + i + " outside [0, " + bodies() + ")");
        if (d < 0 || d >= dim) throw new IndexOutOfBoundsException("component " + d + " outside [0, " + dim + ")");
        return (s * bodies() + i) * dim + d;
    }

    /** The bodies at step {@code s}. */
    public Particles state(int s) {
        int nd = bodies() * dim;
        index(s, 0, 0);
        return new Particles(dim, Arrays.copyOfRange(positions, s * nd, (s + 1) * nd),
                Arrays.copyOfRange(velocities, s * nd, (s + 1) * nd), charges, masses);
    }

    /** Kinetic plus potential energy at step {@code s}. */
    public double energy(int s) {
        index(s, 0, 0);
        Forces f = new Forces(law, dim, charges, masses);
        int offset = s * bodies() * dim;
        return f.kinetic(velocities, offset) + f.potential(positions, offset);
    }

    /** Total momentum at step {@code s}, {@code dim} values. */
    public double[] momentum(int s) {
        index(s, 0, 0);
        return new Forces(law, dim, charges, masses).momentum(velocities, s * bodies() * dim);
    }

    @Override public boolean equals(Object o) {
        return o instanceof Trajectory t && t.law == law && t.dim == dim
                && Double.compare(t.timeStep, timeStep) == 0 && Arrays.equals(t.charges, charges)
                && Arrays.equals(t.masses, masses) && Arrays.equals(t.positions, positions)
                && Arrays.equals(t.velocities, velocities) && Arrays.equals(t.accelerations, accelerations);
    }

    @Override public int hashCode() {
        return Objects.hash(law, dim, timeStep, Arrays.hashCode(charges), Arrays.hashCode(masses),
                Arrays.hashCode(positions), Arrays.hashCode(velocities), Arrays.hashCode(accelerations));
    }

    @Override public String toString() {
        return "Trajectory[law=" + law.label() + ", dim=" + dim + ", bodies=" + bodies() + ", steps=" + steps()
                + ", timeStep=" + timeStep + "]";
    }
}
