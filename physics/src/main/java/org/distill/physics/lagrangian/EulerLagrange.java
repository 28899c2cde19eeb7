package org.distill.physics.lagrangian;

import java.util.Objects;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Accelerations from a Lagrangian: the Euler–Lagrange equations {@code d/dt ∂L/∂q̇ = ∂L/∂q} solved for q̈,
 * <pre>
 *   q̈ = (∇q̇∇q̇ᵀL)⁻¹ [∇qL − (∇q∇q̇ᵀL) q̇],
 * </pre>
 * with {@code (∇q∇q̇ᵀL)_ij = ∂²L/∂q̇_i∂q_j} ({@link Derivatives#mixed()}). An optional ridge {@code λ} solves
 * {@code (H + λI) q̈ = rhs} instead, for learned Lagrangians whose velocity Hessian is nearly singular; a singular
 * system without a ridge falls back to the pseudo-inverse (SVD).
 */
public final class EulerLagrange {
    private EulerLagrange() { }

    /** The accelerations of {@code lagrangian} at {@code (q, q̇)}, without a ridge. */
    public static double[] acceleration(Lagrangian lagrangian, double[] q, double[] qd) {
        Objects.requireNonNull(lagrangian, "lagrangian");
        check(lagrangian.dof(), q, qd);
        return acceleration(lagrangian.derivatives(q, qd), qd, 0);
    }

    /**
     * The accelerations from derivatives at a state with velocities {@code qd}.
     *
     * @param ridge added to the diagonal of the velocity Hessian, ≥ 0
     */
    public static double[] acceleration(Derivatives d, double[] qd, double ridge) {
        Objects.requireNonNull(d, "d");
        int n = d.dof();
        if (qd.length != n) throw new IllegalArgumentException("qd has " + qd.length + " components, expected " + n);
        if (!(ridge >= 0) || Double.isInfinite(ridge)) throw new IllegalArgumentException("ridge must be finite and >= 0: " + ridge);
        double[] rhs = d.gradQ();
        double[][] mixed = d.mixed(), h = d.hessianVV();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) rhs[i] -= mixed[i][j] * qd[j];
            h[i][i] += ridge;
        }
        if (n == 1) return new double[] {rhs[0] / h[0][0]};
        var matrix = new Array2DRowRealMatrix(h, false);
        var lu = new LUDecomposition(matrix, 1e-14);
        var b = new ArrayRealVector(rhs, false);
        if (lu.getSolver().isNonSingular()) return lu.getSolver().solve(b).toArray();
        return new SingularValueDecomposition(matrix).getSolver().solve(b).toArray();
    }

    static void check(int n, double[] q, double[] qd) {
        if (q.length != n) throw new IllegalArgumentException("q has " + q.length + " components, expected " + n);
        if (qd.length != n) throw new IllegalArgumentException("qd has " + qd.length + " components, expected " + n);
    }
}
