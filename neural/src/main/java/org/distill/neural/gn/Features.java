package org.distill.neural.gn;

/**
 * What the edge and node models see. Node features are {@code [x, v, q, m]}; messages go from a
 * sender {@code s} to a receiver {@code r}.
 */
public enum Features {
    /**
     * Edge model: {@code [x_r − x_s, v_r, q_r, m_r, v_s, q_s, m_s]}; node model: {@code [v, q, m, Σ messages]}.
     * Positions enter only as differences, so the network is exactly translation invariant (random
     * translations of the training data change nothing) and the messages are functions of the
     * separation, as the force laws are. The default.
     */
    RELATIVE,
    /**
     * As in the paper: edge model {@code [features_r, features_s]}, node model
     * {@code [features, Σ messages]}; translation invariance is learned from random translations.
     */
    ABSOLUTE;

    /** Width of an edge model input for the given spatial dimension. */
    public int edgeWidth(int dim) { return this == RELATIVE ? 3 * dim + 4 : 4 * dim + 4; }

    /** Width of the node features the node model sees besides the summed messages. */
    public int nodeWidth(int dim) { return this == RELATIVE ? dim + 2 : 2 * dim + 2; }
}
