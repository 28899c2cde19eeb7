package org.distill.neural.lnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.distill.neural.Torch;
import org.distill.physics.lagrangian.BatchDynamics;

/**
 * A trainable model of second-order dynamics q̈ = f(q, q̇): the Lagrangian network or the plain baseline. As a
 * {@link BatchDynamics} it can be rolled out by {@link org.distill.physics.lagrangian.Rollout#rk4}.
 */
public interface AccelerationModel extends BatchDynamics, AutoCloseable {
    /** Degrees of freedom. */
    int dof();

    /** q̈ for positions and velocities of shape (B, dof), float64: shape (B, dof), differentiable in the parameters. */
    NDArray accelerations(NDArray q, NDArray qd);

    /**
     * q̈ and a penalty to add to the training loss (a scalar), or {@code {q̈, null}} when the model has none.
     * {@link LagrangianNetwork} penalises velocity Hessians that are not positive definite.
     */
    default NDArray[] accelerationsAndPenalty(NDArray q, NDArray qd) { return new NDArray[] {accelerations(q, qd), null}; }

    /** The dynamics to roll out: the model itself unless it has a training-only regularisation to drop. */
    default BatchDynamics exact() { return this; }

    /** The trainable arrays. */
    List<NDArray> parameters();

    /** A short name for reports, e.g. {@code lnn}. */
    String name();

    @SuppressWarnings("try")
    @Override default void accelerations(double[] q, double[] qd, int rows, double[] out) {
        int n = dof();
        try (NDManager m = Torch.engine().newBaseManager(Torch.device()); var scope = new NDScope()) {
            NDArray a = accelerations(m.create(q, new Shape(rows, n)), m.create(qd, new Shape(rows, n)));
            System.arraycopy(a.toDoubleArray(), 0, out, 0, rows * n);
        }
    }

    @Override void close();
}
