package org.distill.physics.nbody;

import java.util.Objects;
import org.apache.commons.math3.exception.MaxCountExceededException;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.apache.commons.math3.ode.sampling.StepHandler;
import org.apache.commons.math3.ode.sampling.StepInterpolator;

/**
 * Integrates n-body systems with the adaptive Dormand–Prince 8(5,3) method of Commons Math and samples the
 * trajectory at fixed times from its dense output, so the sample spacing does not limit the internal step (close
 * encounters get small steps, quiet stretches large ones). The right-hand side works on one flat {@code double[]}
 * state and allocates nothing.
 *
 * <p>The disc law's force jumps where a pair crosses {@code r' = 2}. Stepping across the jump would make the error
 * control reject step after step, so by default ({@link Builder#locateCrossings}) each pair keeps its side for the
 * whole of a step, a Commons Math event handler per pair ({@code g = r' − 2}, checked every half time step and
 * located to {@value #CROSSING_TIME_TOLERANCE} in time) finds each crossing, and the integrator restarts there
 * with the pair on its new side. A pair that leaves its side and comes back within half a time step goes unseen.
 *
 * <p>Immutable and thread-safe: every call builds its own integrator. Results depend only on the arguments.
 */
public final class NBodySimulator {
    /** Default absolute and relative local error tolerance. */
    public static final double DEFAULT_TOLERANCE = 1e-10;
    /** Default cap on right-hand side evaluations per simulation. */
    public static final int DEFAULT_MAX_EVALUATIONS = 50_000_000;

    /** Accuracy in time of the located disc crossings. */
    static final double CROSSING_TIME_TOLERANCE = 1e-13;

    private final double absoluteTolerance;
    private final double relativeTolerance;
    private final int maxEvaluations;
    private final boolean locateCrossings;

    private NBodySimulator(Builder b) {
        this.absoluteTolerance = b.absoluteTolerance;
        this.relativeTolerance = b.relativeTolerance;
        this.maxEvaluations = b.maxEvaluations;
        this.locateCrossings = b.locateCrossings;
    }

    /** A simulator with the default tolerance {@value #DEFAULT_TOLERANCE}. */
    public static NBodySimulator of() { return builder().build(); }

    public static Builder builder() { return new Builder(); }

    public double absoluteTolerance() { return absoluteTolerance; }
    public double relativeTolerance() { return relativeTolerance; }
    public int maxEvaluations() { return maxEvaluations; }
    public boolean locateCrossings() { return locateCrossings; }

    /** {@link #simulate(PairLaw, Particles, int, double)} at the law's own {@link PairLaw#timeStep()}. */
    public Trajectory simulate(PairLaw law, Particles initial, int steps) {
        return simulate(law, initial, steps, Objects.requireNonNull(law, "law").timeStep());
    }

    /**
     * Moves {@code initial} under {@code law} and samples {@code steps} states, at {@code t = 0, dt, …, (steps − 1)·dt},
     * each with its true accelerations.
     *
     * @throws IllegalArgumentException if steps is below 1 or dt is not finite and positive
     * @throws IllegalStateException    if the integrator needs more than {@link #maxEvaluations()} evaluations
     */
    public Trajectory simulate(PairLaw law, Particles initial, int steps, double dt) {
        Objects.requireNonNull(law, "law");
        Objects.requireNonNull(initial, "initial");
        if (steps < 1) throw new IllegalArgumentException("steps must be at least 1: " + steps);
        if (!(dt > 0) || !Double.isFinite(dt)) throw new IllegalArgumentException("dt must be finite and positive: " + dt);
        int dim = initial.dim(), n = initial.bodies(), nd = n * dim;
        if ((long) steps * nd > Integer.MAX_VALUE - 8)
            throw new IllegalArgumentException("steps·bodies·dim must fit in an array: " + (long) steps * nd);
        Forces forces = initial.forces(law);
        double[] xs = new double[steps * nd], vs = new double[steps * nd], as = new double[steps * nd];
        double[] y = new double[2 * nd];
        System.arraycopy(initial.positions(), 0, y, 0, nd);
        System.arraycopy(initial.velocities(), 0, y, nd, nd);
        System.arraycopy(y, 0, xs, 0, nd);
        System.arraycopy(y, nd, vs, 0, nd);
        forces.accelerations(y, 0, y, nd, as, 0);
        if (steps > 1) {
            double end = (steps - 1) * dt;
            var integrator = new DormandPrince853Integrator(0, end, absoluteTolerance, relativeTolerance);
            integrator.setMaxEvaluations(maxEvaluations);
            integrator.addStepHandler(new Sampler(forces, steps, dt, nd, xs, vs, as));
            if (forces.discontinuous() && locateCrossings) {
                forces.startSwitching(y);
                for (int p = 0; p < forces.pairs(); p++)
                    integrator.addEventHandler(forces.crossing(p), dt / 2, CROSSING_TIME_TOLERANCE, 200);
            }
            try {
                integrator.integrate(forces, 0, y, end, y);
            } catch (MaxCountExceededException e) {
                throw new IllegalStateException("simulating " + law.label() + " with " + n + " bodies over " + steps
                        + " steps needed more than " + maxEvaluations + " evaluations", e);
            }
        }
        return new Trajectory(law, dim, dt, initial.charges(), initial.masses(), xs, vs, as);
    }

    /** Writes the dense output at {@code t = s·dt} into the sample arrays, and its accelerations. */
    private static final class Sampler implements StepHandler {
        private final Forces forces;
        private final int steps, nd;
        private final double dt;
        private final double[] xs, vs, as;
        private int next = 1;

        Sampler(Forces forces, int steps, double dt, int nd, double[] xs, double[] vs, double[] as) {
            this.forces = forces;
            this.steps = steps;
            this.dt = dt;
            this.nd = nd;
            this.xs = xs;
            this.vs = vs;
            this.as = as;
        }

        @Override public void init(double t0, double[] y0, double t) { next = 1; }

        @Override public void handleStep(StepInterpolator interpolator, boolean isLast) {
            double now = interpolator.getCurrentTime();
            while (next < steps && (next * dt <= now || isLast)) {
                interpolator.setInterpolatedTime(next * dt);
                double[] y = interpolator.getInterpolatedState();
                int offset = next * nd;
                System.arraycopy(y, 0, xs, offset, nd);
                System.arraycopy(y, nd, vs, offset, nd);
                forces.accelerations(y, 0, y, nd, as, offset);
                next++;
            }
        }
    }

    /** Settings of a simulator; every one has a default. */
    public static final class Builder {
        private double absoluteTolerance = DEFAULT_TOLERANCE;
        private double relativeTolerance = DEFAULT_TOLERANCE;
        private int maxEvaluations = DEFAULT_MAX_EVALUATIONS;
        private boolean locateCrossings = true;

        private Builder() { }

        /**
         * For the disc law, find each time a pair crosses {@code r' = 2} by root finding and restart the integrator
         * there, keeping the force smooth within every step. Default on; off, the step-size control alone handles
         * the jump, which is slower (many rejected steps per crossing) but a useful cross-check.
         */
        public Builder locateCrossings(boolean v) { this.locateCrossings = v; return this; }

        /** Sets both the absolute and the relative tolerance. */
        public Builder tolerance(double v) { return absoluteTolerance(v).relativeTolerance(v); }
        /** Absolute local error per state component, in (0, 1). Default {@value #DEFAULT_TOLERANCE}. */
        public Builder absoluteTolerance(double v) { this.absoluteTolerance = v; return this; }
        /** Relative local error per state component, in (0, 1). Default {@value #DEFAULT_TOLERANCE}. */
        public Builder relativeTolerance(double v) { this.relativeTolerance = v; return this; }
        /** Cap on right-hand side evaluations per simulation, at least 100. */
        public Builder maxEvaluations(int v) { this.maxEvaluations = v; return this; }

        public NBodySimulator build() {
            if (!(absoluteTolerance > 0 && absoluteTolerance < 1))
                throw new IllegalArgumentException("absoluteTolerance must be in (0, 1): " + absoluteTolerance);
            if (!(relativeTolerance > 0 && relativeTolerance < 1))
                throw new IllegalArgumentException("relativeTolerance must be in (0, 1): " + relativeTolerance);
            if (maxEvaluations < 100) throw new IllegalArgumentException("maxEvaluations must be at least 100: " + maxEvaluations);
            return new NBodySimulator(this);
        }
    }

    @Override public String toString() {
        return "NBodySimulator[absoluteTolerance=" + absoluteTolerance + ", relativeTolerance=" + relativeTolerance
                + ", maxEvaluations=" + maxEvaluations + ", locateCrossings=" + locateCrossings + "]";
    }
}
