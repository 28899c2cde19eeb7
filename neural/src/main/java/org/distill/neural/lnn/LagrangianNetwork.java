package org.distill.neural.lnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.distill.neural.Torch;

/**
 * A Lagrangian neural network (Cranmer et al. 2020): an {@link Mlp} {@code L_θ(q, q̇)} and the Euler–Lagrange
 * equations solved for the accelerations, batched,
 * <pre>
 *   q̈ = (∇q̇∇q̇ᵀL + λI)⁻¹ [∇qL − (∇q∇q̇ᵀL) q̇],
 * </pre>
 * with the input gradient and Hessian from {@link Mlp#derivatives}. Against ill-conditioned velocity Hessians H the
 * solve is regularised as damped least squares (Tikhonov) with a small ridge {@code λ},
 * {@code q̈ = (H² + λI)⁻¹ H rhs}: equal to {@code H⁻¹ rhs} up to {@code O(λ/σ²)} where the singular values σ of H are
 * large, and bounded by {@code |rhs|/(2√λ)} where H is singular, so a training state near a singular Hessian cannot
 * produce an unbounded acceleration (and gradient). The result is differentiable in θ, so an L1 loss on q̈ trains
 * L_θ.
 */
public final class LagrangianNetwork implements AccelerationModel {
    /** The smallest eigenvalue the Hessian penalty asks of the velocity Hessian. */
    public static final double HESSIAN_MARGIN = 0.01;

    private final int dof;
    private final double ridge, kinetic;
    private final Mlp mlp;
    /** The position term U(q) of a separable network, L = T(q̇) + U(q) with T = {@link #mlp}; null: one MLP of (q, q̇). */
    private final Mlp potential;
    /** +1: the penalty asks H to be positive definite, −1: −H; 0 until the first penalised batch decides. */
    private int orientation;

    private LagrangianNetwork(int dof, double ridge, double kinetic, Mlp mlp, Mlp potential) {
        this.dof = dof;
        this.ridge = ridge;
        this.kinetic = kinetic;
        this.potential = potential;
        this.mlp = mlp;
    }

    /** A network for {@code dof} degrees of freedom with the paper's initialisation ({@link Initialization#LAGRANGIAN}). */
    public static LagrangianNetwork of(int dof, LnnConfig config) {
        if (dof < 1 || dof > 1024) throw new IllegalArgumentException("dof must be in [1, 1024]: " + dof);
        if (config.separable())
            return new LagrangianNetwork(dof, config.ridge(), config.kinetic(),
                    Mlp.of(config.widths(dof, 1), config.activation(), config.initialization(), config.seed()),
                    Mlp.of(config.widths(dof, 1), config.activation(), config.initialization(), config.seed() + 1));
        return new LagrangianNetwork(dof, config.ridge(), config.kinetic(),
                Mlp.of(config.widths(2 * dof, 1), config.activation(), config.initialization(), config.seed()), null);
    }

    @Override public int dof() { return dof; }
    @Override public String name() { return "lnn"; }
    @Override public List<NDArray> parameters() {
        if (potential == null) return mlp.parameters();
        List<NDArray> all = new java.util.ArrayList<>(mlp.parameters());
        all.addAll(potential.parameters());
        return List.copyOf(all);
    }

    /** Whether L = T(q̇) + U(q) (two MLPs) rather than one MLP of (q, q̇). */
    public boolean separable() { return potential != null; }
    public double ridge() { return ridge; }

    /** k of the fixed term ½k|q̇|² added to the network's output (0: none). */
    public double kinetic() { return kinetic; }

    /** +1 when the Hessian penalty asks ∇q̇∇q̇ᵀL to be positive definite, −1 when −∇q̇∇q̇ᵀL, 0 before the first penalised batch. */
    public int orientation() { return orientation; }
    public Mlp mlp() { return mlp; }

    @Override public NDArray accelerations(NDArray q, NDArray qd) { return solve(q, qd, false, ridge)[0]; }

    /** q̈ with ridge {@code ridge} instead of the network's (0: the exact Euler–Lagrange solve). */
    public NDArray accelerations(NDArray q, NDArray qd, double ridge) { return solve(q, qd, false, ridge)[0]; }

    /** The ridge of {@link #exact()}: keeps exactly singular Hessians finite, negligible elsewhere. */
    public static final double EXACT_RIDGE = 1e-12;

    /**
     * The learned dynamics solved (all but) exactly, ridge {@value #EXACT_RIDGE} instead of the training one: the flow
     * that conserves the learned energy {@code E_θ = q̇·∂L_θ/∂q̇ − L_θ}. Rollouts use this; the training ridge is a
     * training device. States that are not finite give NaN accelerations.
     */
    @SuppressWarnings("try")
    @Override public org.distill.physics.lagrangian.BatchDynamics exact() {
        return (q, qd, rows, out) -> {
            for (int k = 0; k < rows * dof; k++)
                if (!Double.isFinite(q[k]) || !Double.isFinite(qd[k])) {
                    java.util.Arrays.fill(out, 0, rows * dof, Double.NaN);
                    return;
                }
            try (NDManager m = Torch.engine().newBaseManager(Torch.device()); var scope = new NDScope()) {
                NDArray a = accelerations(m.create(q, new Shape(rows, dof)), m.create(qd, new Shape(rows, dof)), EXACT_RIDGE);
                System.arraycopy(a.toDoubleArray(), 0, out, 0, rows * dof);
            }
        };
    }

    /**
     * q̈ and the mean over the batch of {@code max(0, m − λ_min(∇q̇∇q̇ᵀL))} with {@code m =} {@value #HESSIAN_MARGIN}:
     * zero when every velocity Hessian is positive definite with room to spare (for one or two degrees of freedom,
     * where λ_min has a closed form; null otherwise). Lagrangians are defined up to scale, sign included, so the
     * penalty is taken for H or for −H, whichever is smaller on the first batch it sees, and that orientation is
     * kept ({@link #orientation()}): it keeps training away from singular Hessians without forcing a network that
     * starts negative definite through singular (a penalty on H alone pushed such networks to λ ≈ −m, near
     * singular: docs/LAGRANGIAN-NETWORKS.md). The margin is small because the
     * network cannot change its output scale quickly (Adam moves each weight by about the learning rate per step),
     * and the paper's initialisation gives velocity Hessians of order 0.1 at 64 units; the ridge must stay well
     * below {@code margin²}, or the network learns to live on the ridge, where {@code (H² + λI)⁻¹H ≈ H/λ} is no
     * Euler–Lagrange solve at all (measured: docs/LAGRANGIAN-NETWORKS.md).
     */
    @Override public NDArray[] accelerationsAndPenalty(NDArray q, NDArray qd) { return solve(q, qd, dof <= 2, ridge); }

    private NDArray[] solve(NDArray q, NDArray qd, boolean penalty, double ridge) {
        long batch = q.getShape().get(0);
        NDArray hvv, rhs;
        if (potential != null) {                                                        // L = T(q̇) + U(q): no mixed term
            hvv = mlp.derivatives(qd, 0).hessian();
            rhs = potential.gradient(q).gradient();
        } else {
            NDArray x = NDArrays.concat(new ai.djl.ndarray.NDList(q, qd), 1);
            InputDerivatives d = mlp.derivatives(x, dof);                               // velocity rows only
            NDArray grad = d.gradient(), hess = d.hessian();
            NDArray gradQ = grad.get(":, :" + dof);                                     // (B, n)
            hvv = hess.get(":, :, " + dof + ":");                                       // (B, n, n)
            NDArray mixed = hess.get(":, :, :" + dof);                                  // ∂²L/∂q̇_i∂q_j
            rhs = gradQ.sub(mixed.batchMatMul(qd.reshape(batch, dof, 1)).reshape(batch, dof));
        }
        if (kinetic > 0) hvv = hvv.add(q.getManager().eye(dof, dof, 0, DataType.FLOAT64).mul(kinetic));
        NDArray low = penalty ? hessianPenalty(hvv, batch) : null;
        NDArray acc;
        if (dof == 1) {
            NDArray h = hvv.reshape(batch, 1);
            acc = ridge > 0 ? rhs.mul(h).div(h.square().add(ridge)) : rhs.div(h);
        } else if (ridge > 0) {  // damped least squares: (H² + λI)⁻¹ H rhs, H symmetric
            NDArray h2 = hvv.batchMatMul(hvv).add(q.getManager().eye(dof, dof, 0, DataType.FLOAT64).mul(ridge));
            acc = h2.inverse().batchMatMul(hvv.batchMatMul(rhs.reshape(batch, dof, 1))).reshape(batch, dof);
        } else {
            acc = hvv.inverse().batchMatMul(rhs.reshape(batch, dof, 1)).reshape(batch, dof);
        }
        return new NDArray[] {acc, low};
    }

    private NDArray hessianPenalty(NDArray hvv, long batch) {
        NDArray lowest, highest;
        if (dof == 1) {
            lowest = highest = hvv.reshape(batch);
        } else {
            NDArray h00 = hvv.get(":, 0, 0"), h01 = hvv.get(":, 0, 1"), h11 = hvv.get(":, 1, 1");
            NDArray half = h00.add(h11).mul(0.5);
            NDArray root = half.square().sub(h00.mul(h11)).add(h01.square()).add(1e-12).sqrt();
            lowest = half.sub(root);
            highest = half.add(root);
        }
        // L and −L give the same dynamics: ask H or −H, whichever is closer on the first batch, to be positive
        // definite, and keep that orientation
        NDArray positive = lowest.neg().add(HESSIAN_MARGIN).maximum(0).mean();
        NDArray negative = highest.add(HESSIAN_MARGIN).maximum(0).mean();
        if (orientation == 0) orientation = positive.getDouble() <= negative.getDouble() ? 1 : -1;
        return orientation > 0 ? positive : negative;
    }

    /** The learned Lagrangian at flat row-major states {@code (q, q̇)}, {@code rows × dof}. */
    @SuppressWarnings("try")
    public double[] lagrangian(double[] q, double[] qd, int rows) {
        try (NDManager m = Torch.engine().newBaseManager(Torch.device()); var scope = new NDScope()) {
            NDArray tq = m.create(q, new Shape(rows, dof)), tv = m.create(qd, new Shape(rows, dof));
            double[] value = potential != null ? mlp.forward(tv).add(potential.forward(tq)).toDoubleArray()
                    : mlp.forward(NDArrays.concat(new ai.djl.ndarray.NDList(tq, tv), 1)).toDoubleArray();
            for (int r = 0; r < rows && kinetic > 0; r++)
                for (int i = 0; i < dof; i++) value[r] += 0.5 * kinetic * qd[r * dof + i] * qd[r * dof + i];
            return value;
        }
    }

    @Override public void close() {
        mlp.close();
        if (potential != null) potential.close();
    }
}
