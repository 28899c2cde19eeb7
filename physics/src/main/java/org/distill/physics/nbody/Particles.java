package org.distill.physics.nbody;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The state of {@code n} bodies in 2-D or 3-D: positions, velocities, charges and masses. Arrays are flat and
 * row-major: component {@code d} of body {@code i} is {@code positions[i·dim + d]}.
 *
 * @param dim        spatial dimension, 2 or 3
 * @param positions  {@code n·dim} finite values
 * @param velocities {@code n·dim} finite values
 * @param charges    {@code n} finite values
 * @param masses     {@code n} finite positive values; {@code n ≥ 2}
 */
public record Particles(int dim, double[] positions, double[] velocities, double[] charges, double[] masses) {

    public Particles {
        if (dim != 2 && dim != 3) throw new IllegalArgumentException("dim must be 2 or 3: " + dim);
        Objects.requireNonNull(positions, "positions");
        Objects.requireNonNull(velocities, "velocities");
        Objects.requireNonNull(charges, "charges");
        Objects.requireNonNull(masses, "masses");
        int n = masses.length;
        if (n < 2) throw new IllegalArgumentException("bodies must be at least 2: " + n);
        if (charges.length != n) throw new IllegalArgumentException("charges has " + charges.length + " values, masses " + n);
        if (positions.length != n * dim)
            throw new IllegalArgumentException("positions has " + positions.length + " values, expected bodies·dim = " + n * dim);
        if (velocities.length != n * dim)
            throw new IllegalArgumentException("velocities has " + velocities.length + " values, expected bodies·dim = " + n * dim);
        requireFinite("positions", positions);
        requireFinite("velocities", velocities);
        requireFinite("charges", charges);
        for (int i = 0; i < n; i++)
            if (!(masses[i] > 0) || !Double.isFinite(masses[i]))
                throw new IllegalArgumentException("mass " + i + " must be finite and positive: " + masses[i]);
        positions = positions.clone();
        velocities = velocities.clone();
        charges = charges.clone();
        masses = masses.clone();
    }

    private static void requireFinite(String name, double[] values) {
        for (int k = 0; k < values.length; k++)
            if (!Double.isFinite(values[k]))
                throw new IllegalArgumentException(name + " value " + k + " is not finite: " + values[k]);
    }

    /** Bodies with the given state; the arrays are copied. */
    public static Particles of(int dim, double[] positions, double[] velocities, double[] charges, double[] masses) {
        return new Particles(dim, positions, velocities, charges, masses);
    }

    /**
     * Random initial conditions as in the paper: every position, velocity and charge component from N(0, 1), masses
     * {@code exp(N(0, 1))}; for {@link PairLaw#CHARGE} the charges are the signs of their draws, ±1. For the other laws
     * the charge does not enter the dynamics but is still sampled and carried as a node feature (a network has to learn
     * to ignore it). The same generator state gives the same bodies on every platform and JDK (the normal draws use
     * Marsaglia's polar method over {@link SplittableRandom#nextDouble()}).
     *
     * @throws IllegalArgumentException if dim is not 2 or 3, or bodies is below 2
     */
    public static Particles random(PairLaw law, int dim, int bodies, SplittableRandom random) {
        Objects.requireNonNull(law, "law");
        Objects.requireNonNull(random, "random");
        if (dim != 2 && dim != 3) throw new IllegalArgumentException("dim must be 2 or 3: " + dim);
        if (bodies < 2) throw new IllegalArgumentException("bodies must be at least 2: " + bodies);
        double[] x = new double[bodies * dim], v = new double[bodies * dim], q = new double[bodies], m = new double[bodies];
        for (int i = 0; i < bodies; i++) {           // body by body, like a row [x, v, q, m] of the paper's state
            for (int d = 0; d < dim; d++) x[i * dim + d] = gaussian(random);
            for (int d = 0; d < dim; d++) v[i * dim + d] = gaussian(random);
            double charge = gaussian(random);
            q[i] = law == PairLaw.CHARGE ? (charge < 0 ? -1 : 1) : charge;
            m[i] = Math.exp(gaussian(random));
        }
        return new Particles(dim, x, v, q, m);
    }

    /** {@link #random(PairLaw, int, int, SplittableRandom)} from a fresh generator seeded with {@code seed}. */
    public static Particles random(PairLaw law, int dim, int bodies, long seed) {
        return random(law, dim, bodies, new SplittableRandom(seed));
    }

    /** A standard normal draw, Marsaglia's polar method (one value per accepted pair). */
    static double gaussian(SplittableRandom random) {
        while (true) {
            double u = 2 * random.nextDouble() - 1, w = 2 * random.nextDouble() - 1, s = u * u + w * w;
            if (s > 0 && s < 1) return u * Math.sqrt(-2 * Math.log(s) / s);
        }
    }

    /** Number of bodies. */
    public int bodies() { return masses.length; }

    @Override public double[] positions() { return positions.clone(); }
    @Override public double[] velocities() { return velocities.clone(); }
    @Override public double[] charges() { return charges.clone(); }
    @Override public double[] masses() { return masses.clone(); }

    /** Component {@code d} of the position of body {@code i}. */
    public double position(int i, int d) { return positions[i * dim + d]; }
    /** Component {@code d} of the velocity of body {@code i}. */
    public double velocity(int i, int d) { return velocities[i * dim + d]; }
    public double charge(int i) { return charges[i]; }
    public double mass(int i) { return masses[i]; }

    /** {@code Σ m|v|²/2}. */
    public double kineticEnergy() { return forces(PairLaw.SPRING).kinetic(velocities, 0); }

    /** The sum of the pair potentials of {@code law} over all pairs. */
    public double potentialEnergy(PairLaw law) { return forces(law).potential(positions, 0); }

    /** Kinetic plus potential energy under {@code law}. */
    public double energy(PairLaw law) { return kineticEnergy() + potentialEnergy(law); }

    /** Total momentum {@code Σ m v}, {@code dim} values. */
    public double[] momentum() { return forces(PairLaw.SPRING).momentum(velocities, 0); }

    /** Accelerations under {@code law} (forces over masses, with the drag of the damped law), {@code n·dim} values. */
    public double[] accelerations(PairLaw law) {
        double[] a = new double[positions.length];
        forces(law).accelerations(positions, 0, velocities, 0, a, 0);
        return a;
    }

    /** The equations of motion of these bodies under {@code law}, over private copies of charges and masses. */
    Forces forces(PairLaw law) {
        return new Forces(Objects.requireNonNull(law, "law"), dim, charges.clone(), masses.clone());
    }

    @Override public boolean equals(Object o) {
        return o instanceof Particles p && p.dim == dim && Arrays.equals(p.positions, positions)
                && Arrays.equals(p.velocities, velocities) && Arrays.equals(p.charges, charges)
                && Arrays.equals(p.masses, masses);
    }

    @Override public int hashCode() {
        return Objects.hash(dim, Arrays.hashCode(positions), Arrays.hashCode(velocities), Arrays.hashCode(charges),
                Arrays.hashCode(masses));
    }

    @Override public String toString() { return "Particles[dim=" + dim + ", bodies=" + bodies() + "]"; }
}
