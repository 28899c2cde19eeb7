package org.distill.neural.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.distill.neural.gn.EdgeMessages;
import org.distill.neural.gn.GraphNetwork;
import org.distill.neural.gn.GraphNetworkConfig;
import org.distill.neural.gn.GraphNetworkTrainer;
import org.distill.physics.nbody.GraphDataset;
import org.distill.physics.nbody.NBodyData;
import org.distill.physics.nbody.PairLaw;
import org.distill.physics.nbody.Particles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EdgeForcesTest {

    static GraphDataset data(PairLaw law, int dim, int bodies) {
        return NBodyData.builder().law(law).dim(dim).bodies(bodies).simulations(3).steps(40).keepEvery(8).seed(5)
                .build().generate();
    }

    /**
     * Σ over senders of the edge forces on a node, less the drag, over its mass, is the simulator's acceleration: in
     * double precision from the same (float) positions, and to 1e-5 (relative to the size of the terms) against the
     * recorded float accelerations, which the simulator computed from its unrounded positions.
     */
    @ParameterizedTest
    @CsvSource({"R2, 2, 4", "R1, 2, 4", "SPRING, 2, 4", "DAMPED, 2, 4", "CHARGE, 2, 4", "DISC, 2, 4",
        "R2, 3, 5", "SPRING, 3, 3", "CHARGE, 3, 6"})
    void edgeForcesSumToTheAccelerations(PairLaw law, int dim, int n) {
        GraphDataset data = data(law, dim, n);
        double[][] forces = EdgeForces.of(law, data);
        assertThat(forces).hasNumberOfRows(dim);
        assertThat(forces[0]).hasSize(data.graphs() * n * (n - 1));
        int v = dim, q = 2 * dim, m = 2 * dim + 1;
        for (int g = 0; g < data.graphs(); g++) {
            double[] x = new double[n * dim], vel = new double[n * dim], charges = new double[n], masses = new double[n];
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < dim; d++) {
                    x[i * dim + d] = data.node(g, i, d);
                    vel[i * dim + d] = data.node(g, i, v + d);
                }
                charges[i] = data.node(g, i, q);
                masses[i] = data.node(g, i, m);
            }
            double[] exact = Particles.of(dim, x, vel, charges, masses).accelerations(law);   // double precision
            for (int i = 0; i < n; i++)
                for (int d = 0; d < dim; d++) {
                    double sum = 0, size = Math.abs(law.drag() * vel[i * dim + d]);
                    int first = (g * n + i) * (n - 1);                 // receiver-major: i's edges are consecutive
                    for (int k = 0; k < n - 1; k++) {
                        sum += forces[d][first + k];
                        size += Math.abs(forces[d][first + k]);
                    }
                    double a = (sum - law.drag() * vel[i * dim + d]) / masses[i], scale = 1 + size / masses[i];
                    double recorded = data.acceleration(g, i, d);   // float, from the simulator's own positions
                    assertThat(a).as("graph %d body %d axis %d vs Particles.accelerations", g, i, d)
                            .isCloseTo(exact[i * dim + d], within(1e-12 * scale));
                    assertThat(a).as("graph %d body %d axis %d vs the recorded acceleration", g, i, d)
                            .isCloseTo(recorded, within(1e-5 * scale));
                }
        }
    }

    /** The force on the receiver from the sender: a stretched spring pulls body 0 towards body 1, and back. */
    @Test void directionIsOnTheReceiverFromTheSender() {
        float[] nodes = {0, 0, 0, 0, 1, 1, /* body 1 */ 3, 0, 0, 0, 1, 2};
        var data = new GraphDataset(2, 2, nodes, new float[4]);
        double[][] f = EdgeForces.of(PairLaw.SPRING, data);
        double pull = 2 * (3 + PairLaw.SOFTENING - 1);
        assertThat(f[0]).containsExactly(new double[] {pull, -pull}, within(1e-12));   // edge 0: 0 ← 1, edge 1: 1 ← 0
        assertThat(f[1]).containsExactly(new double[] {0, 0}, within(0.0));
        double[][] g = EdgeForces.of(PairLaw.R2, data);                // gravity attracts: towards the sender as well
        assertThat(g[0][0]).isCloseTo(2.0 / (3.01 * 3.01), within(1e-12));
        assertThat(g[0][1]).isCloseTo(-2.0 / (3.01 * 3.01), within(1e-12));
        double[][] c = EdgeForces.of(PairLaw.CHARGE, data);            // like charges (1, 1) repel
        assertThat(c[0][0]).isCloseTo(-1 / (3.01 * 3.01), within(1e-12));
    }

    /** The forces from a network's edge columns are those from the graphs, edge for edge (same order, same values). */
    @Test void edgeMessagesGiveTheSameForcesInTheSameOrder() {
        GraphDataset data = data(PairLaw.CHARGE, 2, 4).slice(0, 6);
        var config = GraphNetworkConfig.builder().hiddenSize(8).hiddenLayers(1).messageDim(3).epochs(1).seed(1).build();
        try (GraphNetwork gn = GraphNetworkTrainer.of(config).train(data).model()) {
            EdgeMessages messages = gn.messages(data);
            double[][] fromEdges = EdgeForces.of(PairLaw.CHARGE, messages), fromGraphs = EdgeForces.of(PairLaw.CHARGE, data);
            for (int d = 0; d < 2; d++) assertThat(fromEdges[d]).containsExactly(fromGraphs[d]);
        }
    }
}
