package org.distill.physics.lagrangian;

import java.util.Objects;

/** Derivatives of any {@link Lagrangian} from its values alone, by central differences. */
public final class FiniteDifferences {
    private FiniteDifferences() { }

    /**
     * {@code L} and its Euler–Lagrange derivatives at {@code (q, q̇)} from values of {@code lagrangian.value}:
     * {@code ∂L/∂q_j} by two-point central differences, {@code ∂²L/∂q̇_i∂q_j} and {@code ∂²L/∂q̇_i∂q̇_j} by four-point
     * ones, all with step {@code h} (error O(h²); round-off O(ε·|L|/h²) in the second derivatives).
     *
     * @param h the step, finite and > 0
     */
    public static Derivatives derivatives(Lagrangian lagrangian, double[] q, double[] qd, double h) {
        Objects.requireNonNull(lagrangian, "lagrangian");
        int n = lagrangian.dof();
        if (q.length != n || qd.length != n)
            throw new IllegalArgumentException("q and qd have " + q.length + " and " + qd.length + " components, expected " + n);
        if (!(h > 0) || Double.isInfinite(h)) throw new IllegalArgumentException("h must be finite and > 0: " + h);
        double[] gq = new double[n];
        double[][] hvv = new double[n][n], mixed = new double[n][n];
        for (int j = 0; j < n; j++) {
            double[] qp = q.clone(), qm = q.clone();
            qp[j] += h;
            qm[j] -= h;
            gq[j] = (lagrangian.value(qp, qd) - lagrangian.value(qm, qd)) / (2 * h);
            for (int i = 0; i < n; i++) {
                double[] vp = qd.clone(), vm = qd.clone();
                vp[i] += h;
                vm[i] -= h;
                mixed[i][j] = (lagrangian.value(qp, vp) - lagrangian.value(qp, vm) - lagrangian.value(qm, vp)
                        + lagrangian.value(qm, vm)) / (4 * h * h);
                double[] vpp = vp.clone(), vpm = vp.clone(), vmp = vm.clone(), vmm = vm.clone();
                vpp[j] += h; vpm[j] -= h; vmp[j] += h; vmm[j] -= h;
                hvv[i][j] = (lagrangian.value(q, vpp) - lagrangian.value(q, vpm) - lagrangian.value(q, vmp)
                        + lagrangian.value(q, vmm)) / (4 * h * h);
            }
        }
        return new Derivatives(lagrangian.value(q, qd), gq, hvv, mixed);
    }
}
