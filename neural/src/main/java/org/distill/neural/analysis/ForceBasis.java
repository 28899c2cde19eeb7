package org.distill.neural.analysis;

import java.util.Objects;
import org.distill.neural.gn.EdgeMessages;
import org.distill.physics.nbody.PairLaw;

/**
 * What the edge messages of a graph network are compared with: the pair force, or the acceleration
 * it gives the receiver. Both are the force law; which one a network learns depends on where it
 * finds it easier to put the receiver's mass. Under r⁻² the receiver's acceleration
 * {@code Σ_j m_j·Δx/r³} does not depend on its own mass, so messages {@code m₂·Δx/r³}
 * ({@link #ACCELERATION}) leave the node model nothing to do, while messages {@code m₁m₂·Δx/r³}
 * ({@link #FORCE}) make it divide by {@code m₁}.
 */
public enum ForceBasis {
    /** The pair force on the receiver, {@link EdgeForces#of(PairLaw, EdgeMessages)}. */
    FORCE("force", "F"),
    /** The acceleration the pair force gives the receiver, {@code F/m₁}. */
    ACCELERATION("acceleration", "F/m1");

    private final String label, symbol;

    ForceBasis(String label, String symbol) {
        this.label = label;
        this.symbol = symbol;
    }

    /** Lower-case name, as the command line and JSON write it. */
    public String label() { return label; }

    /** Short symbol for printing fits: {@code F} or {@code F/m1}. */
    public String symbol() { return symbol; }

    /** This quantity on every edge of {@code edges}: {@code [d][e]}, in the edge order of {@link EdgeMessages}. */
    public double[][] of(PairLaw law, EdgeMessages edges) {
        double[][] forces = EdgeForces.of(law, Objects.requireNonNull(edges, "edges"));
        if (this == FORCE) return forces;
        double[] m1 = edges.m1();
        for (double[] column : forces)
            for (int e = 0; e < column.length; e++) column[e] /= m1[e];
        return forces;
    }
}
