package org.distill.neural.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.distill.physics.nbody.PairLaw;
import org.junit.jupiter.api.Test;

class NodeResponseTest {

    @Test void theReceiverScaleIsHowTheLawsAccelerationDependsOnTheReceiver() {
        for (int dim = 2; dim <= 3; dim++) {
            assertThat(NodeResponse.receiverScale(PairLaw.R2, dim, 1.7, -0.6)).isCloseTo(1, within(1e-12));
            assertThat(NodeResponse.receiverScale(PairLaw.R1, dim, 0.5, 1.3)).isCloseTo(1, within(1e-12));
            assertThat(NodeResponse.receiverScale(PairLaw.SPRING, dim, 1.7, -0.6)).isCloseTo(1 / 1.7, within(1e-12));
            assertThat(NodeResponse.receiverScale(PairLaw.CHARGE, dim, 1.7, -0.6)).isCloseTo(-0.6 / 1.7, within(1e-12));
            assertThat(NodeResponse.receiverScale(PairLaw.DISC, dim, 2, 1)).as("beyond its radius").isCloseTo(0.5, within(1e-12));
        }
    }

    @Test void aNodeModelThatUndoesTheFactorHasNoSpreadWithIt() {
        // spring: the law's acceleration scales as 1/m1; messages g·h with g = 2 + 1/m1; a node model that undoes g
        double[] m1 = {0.5, 1, 2}, q1 = {1, -1, 0.5};
        double[] u = {0.3, -0.4};
        double[][] response = new double[3][];
        for (int i = 0; i < 3; i++) {
            double k = (1 / m1[i]) / (2 + 1 / m1[i]);          // ρ/g
            response[i] = new double[] {u[0] * k, u[1] * k};
        }
        NodeResponse r = NodeResponse.of(response, m1, q1, (m, q) -> 2 + 1 / m, PairLaw.SPRING,
                ForceBasis.FORCE);
        assertThat(r.spread()).isCloseTo(0, within(1e-12));
        assertThat(r.nodes()).isEqualTo(3);
        // strictly (message = F, k = m1) the rows are u·k·m1 = u/g: 1/g = 0.25, 1/3, 0.4 about their median 1/3:
        // deviations 1/4, 0, 1/5
        assertThat(r.spreadStrict()).isCloseTo(0.2, within(1e-12));
        // in the basis F/m1 (k = 1) the rows are u·(1/m1)/g = 0.5, 1/3, 0.2 of u: deviations 1/2, 0, 2/5
        assertThat(NodeResponse.of(response, m1, q1, (m, q) -> 2 + 1 / m, PairLaw.SPRING, ForceBasis.ACCELERATION)
                .spreadStrict()).isCloseTo(0.4, within(1e-12));
    }

    @Test void nodesWithoutAFiniteFactorAreLeftOutAndBadInputIsRefused() {
        double[][] response = {{1, 0}, {1, 0}, {2, 0}};
        NodeResponse r = NodeResponse.of(response, new double[] {1, 1, 2}, new double[] {1, 1, 1},
                (m, q) -> m == 2 ? Double.NaN : 1, PairLaw.R2,
                ForceBasis.ACCELERATION);
        assertThat(r.nodes()).isEqualTo(2);
        assertThat(r.spread()).isZero();
        assertThatThrownBy(() -> NodeResponse.of(response, new double[2], new double[3], (m, q) -> 1, PairLaw.R2, ForceBasis.FORCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("response has 3 nodes, m1 2, q1 3");
        assertThatThrownBy(() -> NodeResponse.of(response, new double[3], new double[3], (m, q) -> Double.NaN, PairLaw.R2, ForceBasis.FORCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no node with a finite response and factor");
    }
}
