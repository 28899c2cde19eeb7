package org.distill.neural.lnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.neural.Torch;
import org.distill.neural.TrainingListener;
import org.distill.physics.lagrangian.DoublePendulum;
import org.distill.physics.lagrangian.EulerLagrange;
import org.distill.physics.lagrangian.Lagrangian;
import org.distill.physics.lagrangian.StateSamples;
import org.distill.physics.lagrangian.Derivatives;
import org.junit.jupiter.api.Test;

class LagrangianNetworkTest {
    /** The network's batched accelerations equal the general solver's on the network's own Lagrangian (derivatives by finite differences). */
    @Test void accelerationsSolveTheEulerLagrangeEquationsOfTheLearnedLagrangian() {
        var config = LnnConfig.builder().hiddenSize(24).hiddenLayers(2).ridge(0).seed(4).build();
        try (LagrangianNetwork lnn = LagrangianNetwork.of(2, config); NDManager m = Torch.engine().newBaseManager()) {
            StateSamples s = StateSamples.random(DoublePendulum.of(), 5, 2);
            double[] a = lnn.accelerations(m.create(s.q(), new Shape(5, 2)), m.create(s.qd(), new Shape(5, 2))).toDoubleArray();
            Lagrangian numeric = new Lagrangian() {
                @Override public int dof() { return 2; }
                @Override public double value(double[] q, double[] qd) { return lnn.lagrangian(q, qd, 1)[0]; }
                @Override public Derivatives derivatives(double[] q, double[] qd) { return finiteDifferences(this, q, qd); }
            };
            for (int r = 0; r < 5; r++) {
                double[] q = {s.q()[2 * r], s.q()[2 * r + 1]}, qd = {s.qd()[2 * r], s.qd()[2 * r + 1]};
                double[] expected = EulerLagrange.acceleration(numeric, q, qd);
                for (int i = 0; i < 2; i++)
                    assertThat(a[2 * r + i]).isCloseTo(expected[i], offset(2e-4 * (1 + Math.abs(expected[i]))));
            }
        }
    }

    static Derivatives finiteDifferences(Lagrangian l, double[] q, double[] qd) {
        int n = q.length;
        double h = 1e-4;
        double[] gq = new double[n];
        double[][] hvv = new double[n][n], mixed = new double[n][n];
        for (int j = 0; j < n; j++) {
            double[] qp = q.clone(), qm = q.clone();
            qp[j] += h;
            qm[j] -= h;
            gq[j] = (l.value(qp, qd) - l.value(qm, qd)) / (2 * h);
            for (int i = 0; i < n; i++) {
                double[] vp = qd.clone(), vm = qd.clone();
                vp[i] += h;
                vm[i] -= h;
                // ∂²L/∂q̇_i∂q_j and ∂²L/∂q̇_i∂q̇_j by four-point differences
                mixed[i][j] = (l.value(qp, vp) - l.value(qp, vm) - l.value(qm, vp) + l.value(qm, vm)) / (4 * h * h);
                double[] vpp = vp.clone(), vpm = vp.clone(), vmp = vm.clone(), vmm = vm.clone();
                vpp[j] += h; vpm[j] -= h; vmp[j] += h; vmm[j] -= h;
                hvv[i][j] = (l.value(q, vpp) - l.value(q, vpm) - l.value(q, vmp) + l.value(q, vmm)) / (4 * h * h);
            }
        }
        return new Derivatives(l.value(q, qd), gq, hvv, mixed);
    }

    /** A short run: both models lower the L1 loss on double-pendulum states; training is reproducible. */
    @Test void shortTrainingRunLowersTheLoss() {
        var p = DoublePendulum.of();
        StateSamples train = StateSamples.random(p, 512, 1);
        var config = LnnConfig.builder().hiddenSize(32).hiddenLayers(2).epochs(16).batchSize(64).learningRate(3e-3).seed(2).build();
        double[] losses = new double[2];
        for (int run = 0; run < 2; run++) {
            try (LagrangianNetwork lnn = LagrangianNetwork.of(2, config)) {
                double before = LnnTrainer.loss(lnn, train);
                int[] arrays = new int[2]; // after the first epoch (Adam's moments exist) and after the last
                TrainingReport r = LnnTrainer.of(config).train(lnn, train,
                        e -> arrays[e.epoch() == 1 ? 0 : 1] = lnn.mlp().managedArrays(), new AtomicBoolean());
                assertThat(r.steps()).isEqualTo(128);
                losses[run] = LnnTrainer.loss(lnn, train);
                assertThat(arrays[1]).as("arrays in the network's manager").isEqualTo(arrays[0]);
                assertThat(losses[run]).as("LNN loss before %s, after %s", before, losses[run]).isLessThan(0.75 * before);
            }
        }
        assertThat(losses[1]).isEqualTo(losses[0]);
        try (DirectNetwork base = DirectNetwork.of(2, config)) {
            double before = LnnTrainer.loss(base, train);
            LnnTrainer.of(config).train(base, train);
            assertThat(LnnTrainer.loss(base, train)).isLessThan(0.75 * before);
        }
    }

    @Test void cancelStopsBeforeTheFirstStep() {
        var config = LnnConfig.builder().hiddenSize(8).hiddenLayers(1).epochs(3).build();
        try (LagrangianNetwork lnn = LagrangianNetwork.of(2, config)) {
            double[] before = lnn.mlp().flatParameters();
            TrainingReport r = LnnTrainer.of(config).train(lnn, StateSamples.random(DoublePendulum.of(), 32, 1),
                    TrainingListener.NONE, new AtomicBoolean(true));
            assertThat(r.stopped()).isTrue();
            assertThat(r.steps()).isZero();
            assertThat(lnn.mlp().flatParameters()).containsExactly(before);
        }
    }
}
