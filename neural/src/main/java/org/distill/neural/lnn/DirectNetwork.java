package org.distill.neural.lnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.List;

/**
 * The baseline of Cranmer et al. (2020): an {@link Mlp} of the same hidden size that maps {@code (q, q̇)} straight
 * to q̈, Xavier-initialised. Nothing in it conserves energy.
 */
public final class DirectNetwork implements AccelerationModel {
    private final int dof;
    private final Mlp mlp;

    private DirectNetwork(int dof, Mlp mlp) {
        this.dof = dof;
        this.mlp = mlp;
    }

    /** A baseline for {@code dof} degrees of freedom, hidden layers as in {@code config}. */
    public static DirectNetwork of(int dof, LnnConfig config) {
        if (dof < 1 || dof > 1024) throw new IllegalArgumentException("dof must be in [1, 1024]: " + dof);
        return new DirectNetwork(dof, Mlp.of(config.widths(2 * dof, dof), config.activation(), Initialization.XAVIER,
                config.seed()));
    }

    @Override public int dof() { return dof; }
    @Override public String name() { return "baseline"; }
    @Override public List<NDArray> parameters() { return mlp.parameters(); }
    public Mlp mlp() { return mlp; }

    @Override public NDArray accelerations(NDArray q, NDArray qd) {
        return mlp.forward(NDArrays.concat(new NDList(q, qd), 1));
    }

    @Override public void close() { mlp.close(); }
}
