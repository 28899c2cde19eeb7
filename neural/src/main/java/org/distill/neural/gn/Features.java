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
     * As {@link #RELATIVE}, with the separation {@code |x_r − x_s|} after the difference: edge model
     * {@code [x_r − x_s, |x_r − x_s|, v_r, q_r, m_r, v_s, q_s, m_s]}. A force that depends on the distance is then a
     * function of one input rather than of a norm the network must build from the components.
     */
    DISTANCE,
    /**
     * As in the paper: edge model {@code [features_r, features_s]}, node model
     * {@code [features, Σ messages]}; translation invariance is learned from random translations.
     */
    ABSOLUTE;

    /** Width of an edge model input for the given spatial dimension. */
    public int edgeWidth(int dim) {
        return switch (this) {
            case RELATIVE -> 3 * dim + 4;
            case DISTANCE -> 3 * dim + 5;
            case ABSOLUTE -> 4 * dim + 4;
        };
    }

    /** Width of the node features the node model sees besides the summed messages. */
    public int nodeWidth(int dim) { return this == ABSOLUTE ? 2 * dim + 2 : dim + 2; }

    /** Whether positions enter only as differences (the node model never sees them). */
    public boolean relative() { return this != ABSOLUTE; }

    /** Lower-case name, as the command line writes it. */
    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
