package org.distill.physics.nbody;

import java.util.Arrays;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.events.EventHandler;

/**
 * The equations of motion of one n-body system, the hot loop of the simulator. The state is the flat
 * {@code y = [x (n·dim), v (n·dim)]}; nothing is allocated per call.
 *
 * <p>For the discontinuous law an integrator should not step across the jump of the force at {@code r' = 2}: the
 * error control would shrink the step to nothing at every crossing. In <em>switching</em> mode each pair keeps a
 * side (inside or outside) that only {@link #crossing} events change, so the right-hand side is smooth within a
 * step and the crossings are located by root finding instead.
 */
final class Forces implements FirstOrderDifferentialEquations {
    private final PairLaw law;
    private final int dim;
    private final int n;
    private final double[] charges;
    private final double[] masses;
    private final double drag;
    /** Switching mode (disc law): whether pair {@code p = index(i, j)} feels the force of the outside region. */
    private final boolean[] outside;
    private boolean switching;

    /** Arrays are used as given (callers pass copies they own). */
    Forces(PairLaw law, int dim, double[] charges, double[] masses) {
        this.law = law;
        this.dim = dim;
        this.n = masses.length;
        this.charges = charges;
        this.masses = masses;
        this.drag = law.drag();
        this.outside = law == PairLaw.DISC ? new boolean[n * (n - 1) / 2] : null;
    }

    /** Whether this law has a discontinuous force that needs {@link #startSwitching}. */
    boolean discontinuous() { return outside != null; }

    /** Enters switching mode, each pair on the side where the positions {@code y[0 … n·dim)} put it. */
    void startSwitching(double[] y) {
        for (int i = 0, p = 0; i < n; i++)
            for (int j = i + 1; j < n; j++, p++) outside[p] = distance(y, 0, i, j) + PairLaw.SOFTENING >= PairLaw.DISC_RADIUS;
        switching = true;
    }

    /** Number of pairs, {@code n(n − 1)/2}. */
    int pairs() { return n * (n - 1) / 2; }

    /**
     * The event that moves pair {@code p} across {@code r' = 2} in switching mode: {@code g = r' − 2}, and on a root
     * the pair takes the side the crossing leads to.
     */
    EventHandler crossing(int p) {
        int i = 0, first = 0;
        while (first + (n - 1 - i) <= p) first += n - 1 - i++;
        int a = i, b = i + 1 + (p - first);
        return new EventHandler() {
            @Override public void init(double t0, double[] y0, double t) {
                outside[p] = distance(y0, 0, a, b) + PairLaw.SOFTENING >= PairLaw.DISC_RADIUS;
            }

            @Override public double g(double t, double[] y) {
                return distance(y, 0, a, b) + PairLaw.SOFTENING - PairLaw.DISC_RADIUS;
            }

            @Override public Action eventOccurred(double t, double[] y, boolean increasing) {
                outside[p] = increasing;
                return Action.RESET_DERIVATIVES;
            }

            @Override public void resetState(double t, double[] y) { }
        };
    }

    private double distance(double[] x, int xOff, int i, int j) {
        double r2 = 0;
        for (int d = 0; d < dim; d++) {
            double delta = x[xOff + i * dim + d] - x[xOff + j * dim + d];
            r2 += delta * delta;
        }
        return Math.sqrt(r2);
    }

    @Override public int getDimension() { return 2 * n * dim; }

    @Override public void computeDerivatives(double t, double[] y, double[] yDot) {
        int nd = n * dim;
        System.arraycopy(y, nd, yDot, 0, nd);
        accelerations(y, 0, y, nd, yDot, nd, switching);
    }

    /**
     * Accelerations {@code a[aOff + i·dim + d]} of the bodies at positions {@code x[xOff + i·dim + d]} with velocities
     * {@code v[vOff + i·dim + d]} (velocities matter only for the damped law). {@code a} must not overlap x or v.
     */
    void accelerations(double[] x, int xOff, double[] v, int vOff, double[] a, int aOff) {
        accelerations(x, xOff, v, vOff, a, aOff, false);
    }

    /** As above; with {@code sides}, disc pairs feel the force of their recorded side rather than of their distance. */
    private void accelerations(double[] x, int xOff, double[] v, int vOff, double[] a, int aOff, boolean sides) {
        Arrays.fill(a, aOff, aOff + n * dim, 0);
        int p = 0;
        for (int i = 0; i < n; i++) {
            int xi = xOff + i * dim, ai = aOff + i * dim;
            double qi = charges[i], mi = masses[i];
            for (int j = i + 1; j < n; j++, p++) {
                int xj = xOff + j * dim, aj = aOff + j * dim;
                double r2 = 0;
                for (int d = 0; d < dim; d++) {
                    double delta = x[xi + d] - x[xj + d];
                    r2 += delta * delta;
                }
                double r = Math.sqrt(r2);
                if (r == 0) continue;
                double derivative = sides ? (outside[p] ? 2 * (r + PairLaw.SOFTENING - 1) : 0)
                        : law.derivative(r, qi, charges[j], mi, masses[j]);
                double scale = -derivative / r;
                for (int d = 0; d < dim; d++) {
                    double f = scale * (x[xi + d] - x[xj + d]);
                    a[ai + d] += f;
                    a[aj + d] -= f;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            int ai = aOff + i * dim, vi = vOff + i * dim;
            double inverseMass = 1 / masses[i];
            for (int d = 0; d < dim; d++) a[ai + d] = (a[ai + d] - drag * v[vi + d]) * inverseMass;
        }
    }

    /** Total potential energy of the positions {@code x[xOff + i·dim + d]}. */
    double potential(double[] x, int xOff) {
        double u = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) {
                double r2 = 0;
                for (int d = 0; d < dim; d++) {
                    double delta = x[xOff + i * dim + d] - x[xOff + j * dim + d];
                    r2 += delta * delta;
                }
                u += law.potential(Math.sqrt(r2), charges[i], charges[j], masses[i], masses[j]);
            }
        return u;
    }

    /** Total kinetic energy of the velocities {@code v[vOff + i·dim + d]}. */
    double kinetic(double[] v, int vOff) {
        double k = 0;
        for (int i = 0; i < n; i++) {
            double v2 = 0;
            for (int d = 0; d < dim; d++) v2 += v[vOff + i * dim + d] * v[vOff + i * dim + d];
            k += 0.5 * masses[i] * v2;
        }
        return k;
    }

    /** Total momentum of the velocities {@code v[vOff + i·dim + d]}, a new array of {@code dim} values. */
    double[] momentum(double[] v, int vOff) {
        double[] p = new double[dim];
        for (int i = 0; i < n; i++)
            for (int d = 0; d < dim; d++) p[d] += masses[i] * v[vOff + i * dim + d];
        return p;
    }
}
