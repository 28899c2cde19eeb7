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
 * with the input gradient and Hessian from {@link Mlp#derivatives} and a small ridge {@code λ} against
 * ill-conditioned velocity Hessians. The result is differentiable in θ, so an L1 loss on q̈ trains L_θ.
 */
public final class LagrangianNetwork implements AccelerationModel {
    private final int dof;
    private final double ridge;
    private final Mlp mlp;

    private LagrangianNetwork(int dof, double ridge, Mlp mlp) {
        this.dof = dof;
        this.ridge = ridge;
        this.mlp = mlp;
    }

    /** A network for {@code dof} degrees of freedom with the paper's initialisation ({@link Initialization#LAGRANGIAN}). */
    public static LagrangianNetwork of(int dof, LnnConfig config) {
        if (dof < 1 || dof > 1024) throw new IllegalArgumentException("dof must be in [1, 1024]: " + dof);
        return new LagrangianNetwork(dof, config.ridge(),
                Mlp.of(config.widths(2 * dof, 1), config.activation(), config.initialization(), config.seed()));
    }

    @Override public int dof() { return dof; }
    @Override public String name() { return "lnn"; }
    @Override public List<NDArray> parameters() { return mlp.parameters(); }
    public double ridge() { return ridge; }
    public Mlp mlp() { return mlp; }

    @Override public NDArray accelerations(NDArray q, NDArray qd) {
        NDArray x = NDArrays.concat(new ai.djl.ndarray.NDList(q, qd), 1);
        InputDerivatives d = mlp.derivatives(x, dof);                                   // velocity rows only
        long batch = q.getShape().get(0);
        NDArray grad = d.gradient(), hess = d.hessian();
        NDArray gradQ = grad.get(":, :" + dof);                                         // (B, n)
        NDArray hvv = hess.get(":, :, " + dof + ":");                                    // (B, n, n)
        NDArray mixed = hess.get(":, :, :" + dof);                                       // ∂²L/∂q̇_i∂q_j
        NDArray rhs = gradQ.sub(mixed.batchMatMul(qd.reshape(batch, dof, 1)).reshape(batch, dof));
        if (ridge > 0) hvv = hvv.add(q.getManager().eye(dof, dof, 0, DataType.FLOAT64).mul(ridge));
        if (dof == 1) return rhs.div(hvv.reshape(batch, 1));
        return hvv.inverse().batchMatMul(rhs.reshape(batch, dof, 1)).reshape(batch, dof);
    }

    /** The learned Lagrangian at flat row-major states {@code (q, q̇)}, {@code rows × dof}. */
    @SuppressWarnings("try")
    public double[] lagrangian(double[] q, double[] qd, int rows) {
        try (NDManager m = Torch.engine().newBaseManager(Torch.device()); var scope = new NDScope()) {
            NDArray x = NDArrays.concat(new ai.djl.ndarray.NDList(m.create(q, new Shape(rows, dof)),
                    m.create(qd, new Shape(rows, dof))), 1);
            return mlp.forward(x).toDoubleArray();
        }
    }

    @Override public void close() { mlp.close(); }
}
