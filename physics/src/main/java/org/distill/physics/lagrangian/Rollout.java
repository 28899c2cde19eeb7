package org.distill.physics.lagrangian;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;

/**
 * Trajectories of many initial states at once, sampled every {@code dt}: fixed-step classical Runge–Kutta (RK4) for
 * any {@link BatchDynamics} (learned models are rolled out this way, all states in one batch per stage), or the
 * adaptive Dormand–Prince 8(5,3) integrator of Commons Math for a true system.
 *
 * @param dof    degrees of freedom
 * @param rows   trajectories
 * @param dt     time between frames
 * @param q      positions per frame, each flat {@code rows × dof}
 * @param qd     velocities per frame, same layout
 */
public record Rollout(int dof, int rows, double dt, double[][] q, double[][] qd) {
    public Rollout {
        Objects.requireNonNull(q, "q");
        Objects.requireNonNull(qd, "qd");
        if (q.length != qd.length || q.length == 0)
            throw new IllegalArgumentException("q has " + q.length + " frames, qd " + qd.length + "; expected the same, > 0");
    }

    /** Frames, the initial state included. */
    public int frames() { return q.length; }

    /** The state of trajectory {@code row} at {@code frame}: positions. */
    public double[] q(int frame, int row) {
        double[] out = new double[dof];
        System.arraycopy(q[frame], row * dof, out, 0, dof);
        return out;
    }

    /** The state of trajectory {@code row} at {@code frame}: velocities. */
    public double[] qd(int frame, int row) {
        double[] out = new double[dof];
        System.arraycopy(qd[frame], row * dof, out, 0, dof);
        return out;
    }

    /** {@code system}'s energy along every trajectory, {@code [row][frame]}; NaN where the state is not finite. */
    public double[][] energy(MechanicalSystem system) {
        double[][] e = new double[rows][frames()];
        for (int r = 0; r < rows; r++)
            for (int f = 0; f < frames(); f++) {
                double v;
                try {
                    v = system.energy(q(f, r), qd(f, r));
                } catch (IllegalArgumentException outside) { // e.g. a relativistic speed ≥ 1
                    v = Double.NaN;
                }
                e[r][f] = v;
            }
        return e;
    }

    /**
     * Mean over the trajectories of {@code |E(end) − E(0)| / |E(0)|}, with E from {@code system}; a trajectory whose
     * final energy is not finite counts as +∞.
     */
    public double meanRelativeEnergyError(MechanicalSystem system) {
        double sum = 0;
        for (double err : relativeEnergyErrors(system)) sum += Double.isFinite(err) ? err : Double.POSITIVE_INFINITY;
        return sum / rows;
    }

    /**
     * {@code |E(t) − E(0)| / |E(0)|} of every trajectory at every frame, {@code [row][frame]}, with E from
     * {@code system}; NaN where the state has no finite energy.
     */
    public double[][] relativeEnergyErrorsOverTime(MechanicalSystem system) {
        double[][] e = energy(system);
        for (double[] row : e) {
            double e0 = row[0];
            for (int f = 0; f < row.length; f++) row[f] = Math.abs(row[f] - e0) / Math.abs(e0);
        }
        return e;
    }

    /** {@code |E(end) − E(0)| / |E(0)|} of every trajectory; NaN where not finite. */
    public double[] relativeEnergyErrors(MechanicalSystem system) {
        double[][] e = relativeEnergyErrorsOverTime(system);
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) out[r] = e[r][e[r].length - 1];
        return out;
    }

    /**
     * Integrates {@code f} from the flat initial states {@code q0, qd0} ({@code rows × dof}) with RK4 steps of
     * {@code dt / substeps}, keeping {@code frames} frames {@code dt} apart; stops early (keeping the frames so far)
     * when {@code stop} says so, checked every frame.
     */
    public static Rollout rk4(BatchDynamics f, int dof, double[] q0, double[] qd0, double dt, int substeps, int frames,
                              BooleanSupplier stop) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(stop, "stop");
        int n = check(dof, q0, qd0, dt, frames);
        if (substeps < 1) throw new IllegalArgumentException("substeps must be >= 1: " + substeps);
        int rows = n / dof;
        double h = dt / substeps;
        double[][] qs = new double[frames][], vs = new double[frames][];
        double[] q = q0.clone(), v = qd0.clone();
        double[] k1 = new double[n], k2 = new double[n], k3 = new double[n], k4 = new double[n];
        double[] qt = new double[n], vt = new double[n];
        qs[0] = q.clone();
        vs[0] = v.clone();
        int kept = 1;
        for (int frame = 1; frame < frames && !stop.getAsBoolean(); frame++, kept++) {
            for (int s = 0; s < substeps; s++) {
                // state (q, v), derivative (v, a)
                f.accelerations(q, v, rows, k1);
                for (int i = 0; i < n; i++) { qt[i] = q[i] + 0.5 * h * v[i]; vt[i] = v[i] + 0.5 * h * k1[i]; }
                double[] v2 = vt.clone();
                f.accelerations(qt, vt, rows, k2);
                for (int i = 0; i < n; i++) { qt[i] = q[i] + 0.5 * h * v2[i]; vt[i] = v[i] + 0.5 * h * k2[i]; }
                double[] v3 = vt.clone();
                f.accelerations(qt, vt, rows, k3);
                for (int i = 0; i < n; i++) { qt[i] = q[i] + h * v3[i]; vt[i] = v[i] + h * k3[i]; }
                double[] v4 = vt.clone();
                f.accelerations(qt, vt, rows, k4);
                for (int i = 0; i < n; i++) {
                    q[i] += h / 6 * (v[i] + 2 * v2[i] + 2 * v3[i] + v4[i]);
                    v[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
                }
            }
            qs[frame] = q.clone();
            vs[frame] = v.clone();
        }
        return new Rollout(dof, rows, dt, java.util.Arrays.copyOf(qs, kept), java.util.Arrays.copyOf(vs, kept));
    }

    /**
     * Integrates {@code system}'s analytic accelerations with Dormand–Prince 8(5,3) at tolerance {@code tolerance}
     * (absolute and relative), each trajectory on its own, keeping {@code frames} frames {@code dt} apart.
     */
    public static Rollout exact(MechanicalSystem system, double[] q0, double[] qd0, double dt, int frames, double tolerance) {
        Objects.requireNonNull(system, "system");
        int dof = system.dof();
        int n = check(dof, q0, qd0, dt, frames);
        if (!(tolerance > 0)) throw new IllegalArgumentException("tolerance must be > 0: " + tolerance);
        int rows = n / dof;
        double[][] qs = new double[frames][n], vs = new double[frames][n];
        double[] qi = new double[dof], vi = new double[dof], ai = new double[dof];
        FirstOrderDifferentialEquations ode = new FirstOrderDifferentialEquations() {
            @Override public int getDimension() { return 2 * dof; }
            @Override public void computeDerivatives(double t, double[] y, double[] yDot) {
                System.arraycopy(y, 0, qi, 0, dof);
                System.arraycopy(y, dof, vi, 0, dof);
                system.acceleration(qi, vi, ai);
                System.arraycopy(vi, 0, yDot, 0, dof);
                System.arraycopy(ai, 0, yDot, dof, dof);
            }
        };
        var integrator = new DormandPrince853Integrator(1e-12, dt, tolerance, tolerance);
        double[] y = new double[2 * dof];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(q0, r * dof, y, 0, dof);
            System.arraycopy(qd0, r * dof, y, dof, dof);
            System.arraycopy(y, 0, qs[0], r * dof, dof);
            System.arraycopy(y, dof, vs[0], r * dof, dof);
            for (int frame = 1; frame < frames; frame++) {
                integrator.integrate(ode, (frame - 1) * dt, y, frame * dt, y);
                System.arraycopy(y, 0, qs[frame], r * dof, dof);
                System.arraycopy(y, dof, vs[frame], r * dof, dof);
            }
        }
        return new Rollout(dof, rows, dt, qs, vs);
    }

    private static int check(int dof, double[] q0, double[] qd0, double dt, int frames) {
        if (dof < 1) throw new IllegalArgumentException("dof must be >= 1: " + dof);
        if (q0.length != qd0.length) throw new IllegalArgumentException("q0 has " + q0.length + " values, qd0 " + qd0.length);
        if (q0.length == 0 || q0.length % dof != 0)
            throw new IllegalArgumentException("q0 has " + q0.length + " values, expected a positive multiple of dof " + dof);
        if (!(dt > 0) || Double.isInfinite(dt)) throw new IllegalArgumentException("dt must be finite and > 0: " + dt);
        if (frames < 1) throw new IllegalArgumentException("frames must be >= 1: " + frames);
        return q0.length;
    }
}
