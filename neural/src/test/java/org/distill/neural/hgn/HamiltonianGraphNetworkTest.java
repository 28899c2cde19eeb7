package org.distill.neural.hgn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.neural.Torch;
import org.distill.neural.TrainingListener;
import org.distill.physics.nbody.GraphDataset;
import org.distill.physics.nbody.NBodyData;
import org.distill.physics.nbody.PairLaw;
import org.junit.jupiter.api.Test;

class HamiltonianGraphNetworkTest {
    /** ṗ = −∂H/∂q and q̇ = ∂H/∂p of the network agree with central differences of H itself. */
    @Test void derivativesAreTheGradientOfTheHamiltonian() {
        try (var net = HamiltonianGraphNetwork.of(2, 3, 16, 2, 1); NDManager m = Torch.engine().newBaseManager()) {
            double[] q = {0.3, -0.2, 1.1, 0.4, -0.5, 0.9}, p = {0.1, 0.2, -0.3, 0.05, 0.4, -0.1}, mass = {1.0, 2.0, 0.5};
            var out = net.derivatives(m.create(q, new Shape(1, 3, 2)), m.create(p, new Shape(1, 3, 2)), m.create(mass, new Shape(1, 3)));
            double[] pdot = out[0].toDoubleArray(), qdot = out[1].toDoubleArray();
            double h = 1e-5;
            for (int k = 0; k < 6; k++) {
                double[] qp = q.clone(), qm = q.clone(), pp = p.clone(), pm = p.clone();
                qp[k] += h; qm[k] -= h; pp[k] += h; pm[k] -= h;
                double dq = (energy(net, m, qp, p, mass) - energy(net, m, qm, p, mass)) / (2 * h);
                double dp = (energy(net, m, q, pp, mass) - energy(net, m, q, pm, mass)) / (2 * h);
                assertThat(pdot[k]).as("ṗ%d", k).isCloseTo(-dq, offset(1e-6 * (1 + Math.abs(dq))));
                assertThat(qdot[k]).as("q̇%d", k).isCloseTo(dp, offset(1e-6 * (1 + Math.abs(dp))));
            }
        }
    }

    /** H = Σ_pairs φ + Σ_i ψ, evaluated directly. */
    private static double energy(HamiltonianGraphNetwork net, NDManager m, double[] q, double[] p, double[] mass) {
        double h = 0;
        for (double v : net.pairTerm().forward(net.pairInputs(m.create(q, new Shape(1, 3, 2)), m.create(mass, new Shape(1, 3))))
                .toDoubleArray()) h += v;
        for (int i = 0; i < 3; i++)
            h += net.selfTerm().forward(m.create(new double[] {p[2 * i], p[2 * i + 1], mass[i]}, new Shape(1, 3))).getDouble(0, 0);
        return h;
    }

    @Test void shortTrainingOnSpringsLowersTheLoss() {
        GraphDataset data = NBodyData.builder().law(PairLaw.SPRING).dim(2).bodies(4).simulations(2).seed(3).build().generate();
        var config = HgnConfig.builder().hiddenSize(32).hiddenLayers(2).epochs(12).batchSize(32).learningRate(3e-3).seed(7).build();
        double before;
        try (var untrained = HamiltonianGraphNetwork.of(2, 4, config)) {
            before = HgnTrainer.loss(untrained, data);
        }
        try (var trained = HgnTrainer.of(config).train(data, TrainingListener.NONE, new AtomicBoolean())) {
            var report = trained.report();
            assertThat(report.steps()).isEqualTo(12 * 7);
            assertThat(report.model()).isEqualTo("hgn");
            assertThat(report.epochLosses()).hasSize(12);
            assertThat(report.stopped()).isFalse();
            assertThat(HgnTrainer.loss(trained.model(), data)).isLessThan(0.6 * before);
        }
        assertThatThrownBy(() -> HamiltonianGraphNetwork.of(4, 3, 8, 1, 0)).hasMessageContaining("dim must be in [1, 3]: 4");
        assertThatThrownBy(() -> HgnConfig.builder().epochs(0).build()).hasMessageContaining("epochs must be in [1, 100000]: 0");
    }
}
