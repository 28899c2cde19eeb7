package org.distill.physics.lagrangian;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Training data for learned dynamics: states {@code (q, q̇)} and their true accelerations q̈, flat row-major
 * {@code rows × dof}. Angular coordinates are wrapped into [−π, π).
 *
 * @param dof degrees of freedom
 * @param q   positions
 * @param qd  velocities
 * @param qdd accelerations
 */
public record StateSamples(int dof, double[] q, double[] qd, double[] qdd) {
    public StateSamples {
        if (dof < 1) throw new IllegalArgumentException("dof must be >= 1: " + dof);
        Objects.requireNonNull(q, "q");
        if (q.length == 0 || q.length % dof != 0)
            throw new IllegalArgumentException("q has " + q.length + " values, expected a positive multiple of dof " + dof);
        if (qd.length != q.length || qdd.length != q.length)
            throw new IllegalArgumentException("q, qd, qdd have " + q.length + ", " + qd.length + ", " + qdd.length + " values");
    }

    /** States. */
    public int rows() { return q.length / dof; }

    /**
     * {@code rows} states drawn independently from {@code system}'s {@link MechanicalSystem#sample} distribution, with
     * their analytic accelerations.
     */
    public static StateSamples random(MechanicalSystem system, int rows, long seed) {
        Objects.requireNonNull(system, "system");
        if (rows < 1) throw new IllegalArgumentException("rows must be >= 1: " + rows);
        int n = system.dof();
        var random = new SplittableRandom(seed);
        double[] q = new double[rows * n], qd = new double[rows * n], qdd = new double[rows * n];
        double[] qi = new double[n], vi = new double[n], ai = new double[n];
        for (int r = 0; r < rows; r++) {
            system.sample(random, qi, vi);
            system.acceleration(qi, vi, ai);
            System.arraycopy(qi, 0, q, r * n, n);
            System.arraycopy(vi, 0, qd, r * n, n);
            System.arraycopy(ai, 0, qdd, r * n, n);
        }
        system.wrap(q);
        return new StateSamples(n, q, qd, qdd);
    }

    /**
     * States along {@code trajectories} trajectories of {@code system} from seeded initial states, each integrated
     * exactly ({@link Rollout#exact}, tolerance 1e-10) for {@code duration} and sampled at {@code perTrajectory}
     * evenly spaced times from 0, with their analytic accelerations.
     */
    public static StateSamples trajectories(MechanicalSystem system, int trajectories, double duration, int perTrajectory,
                                            long seed) {
        Objects.requireNonNull(system, "system");
        if (trajectories < 1) throw new IllegalArgumentException("trajectories must be >= 1: " + trajectories);
        if (perTrajectory < 1) throw new IllegalArgumentException("perTrajectory must be >= 1: " + perTrajectory);
        if (!(duration > 0) || Double.isInfinite(duration))
            throw new IllegalArgumentException("duration must be finite and > 0: " + duration);
        int n = system.dof();
        double[][] init = initialStates(system, trajectories, seed);
        Rollout r = Rollout.exact(system, init[0], init[1], duration / Math.max(1, perTrajectory - 1), perTrajectory, 1e-10);
        int rows = trajectories * perTrajectory;
        double[] q = new double[rows * n], qd = new double[rows * n], qdd = new double[rows * n];
        double[] ai = new double[n];
        int row = 0;
        for (int t = 0; t < trajectories; t++)
            for (int f = 0; f < perTrajectory; f++, row++) {
                double[] qi = r.q(f, t), vi = r.qd(f, t);
                system.acceleration(qi, vi, ai);
                System.arraycopy(qi, 0, q, row * n, n);
                System.arraycopy(vi, 0, qd, row * n, n);
                System.arraycopy(ai, 0, qdd, row * n, n);
            }
        system.wrap(q);
        return new StateSamples(n, q, qd, qdd);
    }

    /** {@code count} seeded initial states of {@code system}: {@code {q0, qd0}}, each flat {@code count × dof}. */
    public static double[][] initialStates(MechanicalSystem system, int count, long seed) {
        if (count < 1) throw new IllegalArgumentException("count must be >= 1: " + count);
        int n = system.dof();
        var random = new SplittableRandom(seed);
        double[] q = new double[count * n], qd = new double[count * n], qi = new double[n], vi = new double[n];
        for (int r = 0; r < count; r++) {
            system.sample(random, qi, vi);
            System.arraycopy(qi, 0, q, r * n, n);
            System.arraycopy(vi, 0, qd, r * n, n);
        }
        return new double[][] {q, qd};
    }
}
