package org.distill.neural.analysis;

import java.util.Objects;
import org.distill.neural.gn.EdgeMessages;
import org.distill.physics.nbody.GraphDataset;
import org.distill.physics.nbody.PairLaw;

/**
 * The true pair force on every edge: what the messages of a graph network should be linear
 * combinations of. The force on edge {@code e} is the force that the law exerts on the edge's
 * receiver (body 1, the body the message acts on) from its sender (body 2),
 * {@code F = −U'(r')·dx/r} with {@code dx = x₁ − x₂}, as {@link PairLaw#force} computes it. The
 * drag of {@link PairLaw#DAMPED} acts on single bodies, not on pairs, and is not included.
 *
 * <p>Summed over the senders of a node and divided by its mass, the edge forces give the node's
 * acceleration (less the drag, {@code −drag·v/m}).
 */
public final class EdgeForces {
    private EdgeForces() { }

    /**
     * The force on every edge of {@code edges}, from the edge's separation, charges and masses:
     * {@code forces[d][e]}, {@code d < edges.dim()}, in the edge order of {@link EdgeMessages}.
     */
    public static double[][] of(PairLaw law, EdgeMessages edges) {
        Objects.requireNonNull(law, "law");
        Objects.requireNonNull(edges, "edges");
        int dim = edges.dim(), n = edges.edges();
        double[][] dx = edges.dx(), forces = new double[dim][n];
        double[] q1 = edges.q1(), q2 = edges.q2(), m1 = edges.m1(), m2 = edges.m2();
        double[] receiver = new double[dim], origin = new double[dim], f = new double[dim];
        for (int e = 0; e < n; e++) {
            for (int d = 0; d < dim; d++) receiver[d] = dx[d][e];        // x₁ − x₂, sender at the origin
            law.force(receiver, origin, q1[e], q2[e], m1[e], m2[e], f);
            for (int d = 0; d < dim; d++) forces[d][e] = f[d];
        }
        return forces;
    }

    /**
     * The force on every edge of the graphs of {@code data}, in the edge order of
     * {@link EdgeMessages}: graph by graph, receiver-major (receiver {@code i} takes the next
     * {@code n − 1} edges, one per sender {@code j ≠ i} in increasing order). Positions, charges and
     * masses are the data's float values, widened to double.
     */
    public static double[][] of(PairLaw law, GraphDataset data) {
        Objects.requireNonNull(law, "law");
        Objects.requireNonNull(data, "data");
        int dim = data.dim(), n = data.bodies(), q = 2 * dim, m = 2 * dim + 1;
        long edges = (long) data.graphs() * n * (n - 1);
        if (edges > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("too many edges for one array: " + edges);
        double[][] forces = new double[dim][(int) edges];
        double[] xi = new double[dim], xj = new double[dim], f = new double[dim];
        int e = 0;
        for (int g = 0; g < data.graphs(); g++)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) {
                    if (j == i) continue;
                    for (int d = 0; d < dim; d++) {
                        xi[d] = data.node(g, i, d);
                        xj[d] = data.node(g, j, d);
                    }
                    law.force(xi, xj, data.node(g, i, q), data.node(g, j, q), data.node(g, i, m), data.node(g, j, m), f);
                    for (int d = 0; d < dim; d++) forces[d][e] = f[d];
                    e++;
                }
        return forces;
    }
}
