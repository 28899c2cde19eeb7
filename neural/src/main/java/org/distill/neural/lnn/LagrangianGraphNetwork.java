package org.distill.neural.lnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.distill.neural.Torch;
import org.distill.physics.lagrangian.BatchDynamics;

/**
 * A Lagrangian graph network for a periodic 1-D chain of {@code sites} with spacing {@code dx} (Cranmer et al. 2020,
 * Sec. 7): one local Lagrangian {@code f((q_{i+1} − q_i)/dx, q̇_i, q̇_{i+1})}, an {@link Mlp} shared by all
 * neighbouring pairs, summed over the chain, {@code L = Σ_i f}. (The difference is divided by the known spacing so
 * that the local inputs are of order one.) Its gradient and Hessian are assembled from the local ones (each local input depends on
 * at most two sites), then the Euler–Lagrange equations are solved per state as in {@link LagrangianNetwork}
 * (damped least squares with the configured ridge):
 * <pre>
 *   ∂L/∂q_j = (g_Δ(j−1) − g_Δ(j))/dx,
 *   ∂²L/∂q̇∂q̇ = diag(h_11) + Sᵀ diag(h_22) S + diag(h_12) S + Sᵀ diag(h_21),
 *   ∂²L/∂q̇∂q = (diag(h_10) + Sᵀ diag(h_20)) (S − I)/dx,
 * </pre>
 * with local inputs 0 = Δq/dx, 1 = q̇_i, 2 = q̇_{i+1} and the cyclic shift {@code S[i][i+1] = 1}; only the
 * velocity rows (1, 2) of the local Hessian are propagated.
 */
public final class LagrangianGraphNetwork implements AccelerationModel {
    private final int sites;
    private final double dx, ridge;
    private final Mlp mlp;
    private final NDManager manager;
    private final NDArray shift, shiftT, identity, shiftMinusIdentity;

    private LagrangianGraphNetwork(int sites, double dx, double ridge, Mlp mlp) {
        this.sites = sites;
        this.dx = dx;
        this.ridge = ridge;
        this.mlp = mlp;
        this.manager = Torch.engine().newBaseManager(Torch.device());
        double[] s = new double[sites * sites];
        for (int i = 0; i < sites; i++) s[i * sites + (i + 1) % sites] = 1;
        shift = manager.create(s, new Shape(sites, sites));
        shiftT = shift.transpose();
        identity = manager.eye(sites, sites, 0, DataType.FLOAT64);
        shiftMinusIdentity = shift.sub(identity);
    }

    /** A network for a ring of {@code sites} sites {@code dx} apart; the local MLP has 3 inputs and the paper's initialisation. */
    public static LagrangianGraphNetwork of(int sites, double dx, LnnConfig config) {
        if (sites < 3 || sites > 1024) throw new IllegalArgumentException("sites must be in [3, 1024]: " + sites);
        if (!(dx > 0) || Double.isInfinite(dx)) throw new IllegalArgumentException("dx must be finite and > 0: " + dx);
        return new LagrangianGraphNetwork(sites, dx, config.ridge(),
                Mlp.of(config.widths(3, 1), config.activation(), config.initialization(), config.seed()));
    }

    @Override public int dof() { return sites; }
    @Override public String name() { return "lgn"; }
    @Override public List<NDArray> parameters() { return mlp.parameters(); }
    public Mlp mlp() { return mlp; }

    /** The local inputs {@code [q_{i+1} − q_i, q̇_i, q̇_{i+1}]} of every site of every state: (B·N, 3). */
    NDArray localInputs(NDArray q, NDArray qd) {
        long batch = q.getShape().get(0);
        NDArray qNext = NDArrays.concat(new NDList(q.get(":, 1:"), q.get(":, :1")), 1);
        NDArray vNext = NDArrays.concat(new NDList(qd.get(":, 1:"), qd.get(":, :1")), 1);
        return NDArrays.stack(new NDList(qNext.sub(q).div(dx), qd, vNext), 2).reshape(batch * sites, 3);
    }

    @Override public NDArray accelerations(NDArray q, NDArray qd) { return accelerations(q, qd, ridge); }

    /** q̈ with ridge {@code ridge} instead of the network's. */
    public NDArray accelerations(NDArray q, NDArray qd, double ridge) {
        long batch = q.getShape().get(0);
        InputDerivatives d = mlp.derivatives(localInputs(q, qd), 1);                      // velocity rows 1, 2
        NDArray g = d.gradient().reshape(batch, sites, 3), h = d.hessian().reshape(batch, sites, 2, 3);
        NDArray gd = g.get(":, :, 0").div(dx);                                              // (B, N)
        NDArray gradQ = NDArrays.concat(new NDList(gd.get(":, -1:"), gd.get(":, :-1")), 1).sub(gd);
        NDArray hvv = diag(h.get(":, :, 0, 1")).add(shiftT.matMul(diag(h.get(":, :, 1, 2"))).matMul(shift))
                .add(diag(h.get(":, :, 0, 2")).matMul(shift)).add(shiftT.matMul(diag(h.get(":, :, 1, 1"))));
        NDArray mixed = diag(h.get(":, :, 0, 0")).add(shiftT.matMul(diag(h.get(":, :, 1, 0")))).matMul(shiftMinusIdentity).div(dx);
        NDArray rhs = gradQ.reshape(batch, sites, 1).sub(mixed.matMul(qd.reshape(batch, sites, 1)));
        NDArray lhs = ridge > 0 ? hvv.matMul(hvv).add(identity.mul(ridge)) : hvv;
        NDArray right = ridge > 0 ? hvv.matMul(rhs) : rhs;
        return lhs.inverse().matMul(right).reshape(batch, sites);
    }

    private NDArray diag(NDArray v) { return v.expandDims(2).mul(identity); }                // (B, N) -> (B, N, N)

    /** The learned dynamics with ridge {@value LagrangianNetwork#EXACT_RIDGE} (see {@link LagrangianNetwork#exact()}). */
    @SuppressWarnings("try")
    @Override public BatchDynamics exact() {
        return (q, qd, rows, out) -> {
            for (int k = 0; k < rows * sites; k++)
                if (!Double.isFinite(q[k]) || !Double.isFinite(qd[k])) {
                    java.util.Arrays.fill(out, 0, rows * sites, Double.NaN);
                    return;
                }
            try (NDManager m = Torch.engine().newBaseManager(Torch.device()); var scope = new NDScope()) {
                NDArray a = accelerations(m.create(q, new Shape(rows, sites)), m.create(qd, new Shape(rows, sites)),
                        LagrangianNetwork.EXACT_RIDGE);
                System.arraycopy(a.toDoubleArray(), 0, out, 0, rows * sites);
            }
        };
    }

    /** The learned Lagrangian Σ_i f at flat states (rows × sites). */
    @SuppressWarnings("try")
    public double[] lagrangian(double[] q, double[] qd, int rows) {
        try (NDManager m = Torch.engine().newBaseManager(Torch.device()); var scope = new NDScope()) {
            NDArray x = localInputs(m.create(q, new Shape(rows, sites)), m.create(qd, new Shape(rows, sites)));
            return mlp.forward(x).reshape(rows, sites).sum(new int[] {1}).toDoubleArray();
        }
    }

    @Override public void close() {
        mlp.close();
        manager.close();
    }
}
