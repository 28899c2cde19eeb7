package org.distill.neural.lnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.neural.Torch;
import org.distill.neural.TrainingListener;
import org.distill.neural.TrainingReport;
import org.distill.physics.lagrangian.DoublePendulum;
import org.distill.physics.lagrangian.EulerLagrange;
import org.distill.physics.lagrangian.Lagrangian;
import org.distill.physics.lagrangian.StateSamples;
import org.distill.physics.lagrangian.Derivatives;
import org.junit.jupiter.api.Test;

class LagrangianNetworkTest {
    /**
     * The network's batched accelerations equal the general solver's on the network's own Lagrangian (derivatives by
     * finite differences), the fixed kinetic term ½k|q̇|² included.
     */
    @Test void accelerationsSolveTheEulerLagrangeEquationsOfTheLearnedLagrangian() {
        var config = LnnConfig.builder().hiddenSize(24).hiddenLayers(2).ridge(0).kinetic(0.5).seed(4).build();
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

    /**
     * With a ridge λ the solve is damped least squares, (H² + λI)⁻¹ H rhs; the penalty is the smaller of
     * mean max(0, m − λ_min(H)) and mean max(0, m − λ_min(−H)) (L and −L give the same dynamics).
     */
    @Test void dampedSolveAndHessianPenalty() {
        double ridge = 0.05;
        var config = LnnConfig.builder().hiddenSize(24).hiddenLayers(2).ridge(ridge).kinetic(0).seed(8).build();
        try (LagrangianNetwork lnn = LagrangianNetwork.of(2, config); NDManager m = Torch.engine().newBaseManager()) {
            StateSamples s = StateSamples.random(DoublePendulum.of(), 4, 6);
            var out = lnn.accelerationsAndPenalty(m.create(s.q(), new Shape(4, 2)), m.create(s.qd(), new Shape(4, 2)));
            double[] a = out[0].toDoubleArray();
            Lagrangian numeric = new Lagrangian() {
                @Override public int dof() { return 2; }
                @Override public double value(double[] q, double[] qd) { return lnn.lagrangian(q, qd, 1)[0]; }
                @Override public Derivatives derivatives(double[] q, double[] qd) { return finiteDifferences(this, q, qd); }
            };
            double positive = 0, negative = 0;
            for (int r = 0; r < 4; r++) {
                double[] q = {s.q()[2 * r], s.q()[2 * r + 1]}, qd = {s.qd()[2 * r], s.qd()[2 * r + 1]};
                Derivatives d = numeric.derivatives(q, qd);
                double[][] h = d.hessianVV(), mx = d.mixed();
                double[] rhs = d.gradQ();
                for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) rhs[i] -= mx[i][j] * qd[j];
                var hm = new org.apache.commons.math3.linear.Array2DRowRealMatrix(h);
                var lhs = hm.multiply(hm).add(org.apache.commons.math3.linear.MatrixUtils.createRealIdentityMatrix(2).scalarMultiply(ridge));
                double[] expected = new org.apache.commons.math3.linear.LUDecomposition(lhs).getSolver()
                        .solve(hm.operate(new org.apache.commons.math3.linear.ArrayRealVector(rhs))).toArray();
                for (int i = 0; i < 2; i++)
                    assertThat(a[2 * r + i]).isCloseTo(expected[i], offset(2e-4 * (1 + Math.abs(expected[i]))));
                double[] eigen = new org.apache.commons.math3.linear.EigenDecomposition(hm).getRealEigenvalues();
                double low = Math.min(eigen[0], eigen[1]), high = Math.max(eigen[0], eigen[1]);
                positive += Math.max(0, LagrangianNetwork.HESSIAN_MARGIN - low) / 4;
                negative += Math.max(0, LagrangianNetwork.HESSIAN_MARGIN + high) / 4;
            }
            double penalty = Math.min(positive, negative);
            assertThat(penalty).as("the test states must exercise the penalty").isPositive();
            assertThat(out[1].getDouble()).isCloseTo(penalty, offset(1e-4 * (1 + penalty)));
        }
    }

    /** A separable network, L = T(q̇) + U(q): its accelerations solve the Euler–Lagrange equations of its own L, whose mixed derivatives vanish. */
    @Test void separableNetworkSolvesItsOwnEulerLagrangeEquations() {
        var config = LnnConfig.builder().hiddenSize(16).hiddenLayers(2).ridge(0).separable(true).seed(6).build();
        try (LagrangianNetwork lnn = LagrangianNetwork.of(2, config); NDManager m = Torch.engine().newBaseManager()) {
            assertThat(lnn.separable()).isTrue();
            assertThat(lnn.parameters()).hasSize(12);
            StateSamples s = StateSamples.random(DoublePendulum.of(), 4, 7);
            double[] a = lnn.accelerations(m.create(s.q(), new Shape(4, 2)), m.create(s.qd(), new Shape(4, 2))).toDoubleArray();
            Lagrangian numeric = new Lagrangian() {
                @Override public int dof() { return 2; }
                @Override public double value(double[] q, double[] qd) { return lnn.lagrangian(q, qd, 1)[0]; }
                @Override public Derivatives derivatives(double[] q, double[] qd) { return finiteDifferences(this, q, qd); }
            };
            for (int r = 0; r < 4; r++) {
                double[] q = {s.q()[2 * r], s.q()[2 * r + 1]}, qd = {s.qd()[2 * r], s.qd()[2 * r + 1]};
                Derivatives d = numeric.derivatives(q, qd);
                for (double[] row : d.mixed()) for (double x : row) assertThat(x).isCloseTo(0, offset(1e-6));
                double[] expected = EulerLagrange.acceleration(numeric, q, qd);
                for (int i = 0; i < 2; i++)
                    assertThat(a[2 * r + i]).isCloseTo(expected[i], offset(2e-4 * (1 + Math.abs(expected[i]))));
            }
        }
    }

    /** The kinetic term adds ½k|q̇|² to the network's value; the penalty's orientation is set by the first batch. */
    @Test void kineticTermAndPenaltyOrientation() {
        var plain = LnnConfig.builder().hiddenSize(16).hiddenLayers(2).kinetic(0).seed(5).build();
        StateSamples s = StateSamples.random(DoublePendulum.of(), 6, 3);
        try (LagrangianNetwork a = LagrangianNetwork.of(2, plain);
             LagrangianNetwork b = LagrangianNetwork.of(2, plain.toBuilder().kinetic(0.7).build());
             NDManager m = Torch.engine().newBaseManager()) {
            double[] la = a.lagrangian(s.q(), s.qd(), 6), lb = b.lagrangian(s.q(), s.qd(), 6);
            for (int r = 0; r < 6; r++) {
                double v2 = s.qd()[2 * r] * s.qd()[2 * r] + s.qd()[2 * r + 1] * s.qd()[2 * r + 1];
                assertThat(lb[r] - la[r]).isCloseTo(0.35 * v2, offset(1e-12));
            }
            assertThat(b.orientation()).isZero();
            var q = m.create(s.q(), new Shape(6, 2));
            var qd = m.create(s.qd(), new Shape(6, 2));
            b.accelerationsAndPenalty(q, qd);
            assertThat(b.orientation()).isNotZero();
        }
    }

    @Test void configRejectsBadValues() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LnnConfig.builder().kinetic(-1).build())
                .hasMessageContaining("kinetic must be finite and >= 0: -1");
    }

    static Derivatives finiteDifferences(Lagrangian l, double[] q, double[] qd) {
        return org.distill.physics.lagrangian.FiniteDifferences.derivatives(l, q, qd, 1e-4);
    }

    /** A short run: both models lower the L1 loss on double-pendulum states; training is reproducible. */
    @Test void shortTrainingRunLowersTheLoss() {
        var p = new DoublePendulum(9.8, Math.PI / 4, 0.5);
        StateSamples train = StateSamples.random(p, 512, 1);
        var config = LnnConfig.builder().hiddenSize(32).hiddenLayers(2).epochs(32).batchSize(64).learningRate(3e-3).seed(2).build();
        double[] losses = new double[2];
        for (int run = 0; run < 2; run++) {
            double before;
            try (LagrangianNetwork untrained = LagrangianNetwork.of(2, config)) {
                before = LnnTrainer.loss(untrained, train);
            }
            LagrangianNetwork[] training = new LagrangianNetwork[1];      // the model the trainer makes, for the listener
            int[] arrays = new int[2]; // after the first epoch (Adam's moments exist) and after the last
            try (var trained = LnnTrainer.of(config, (dof, c) -> training[0] = LagrangianNetwork.of(dof, c)).train(train,
                    e -> arrays[e.epoch() == 1 ? 0 : 1] = training[0].mlp().managedArrays(), new AtomicBoolean())) {
                LagrangianNetwork lnn = trained.model();
                TrainingReport r = trained.report();
                assertThat(lnn).isSameAs(training[0]);
                assertThat(r.steps()).isEqualTo(256);
                assertThat(r.model()).isEqualTo("lnn");
                assertThat(r.rows()).isEqualTo(512);
                assertThat(r.epochLosses()).hasSize(32);
                losses[run] = LnnTrainer.loss(lnn, train);
                assertThat(arrays[1]).as("arrays in the network's manager").isEqualTo(arrays[0]);
                assertThat(losses[run]).as("LNN loss before %s, after %s", before, losses[run]).isLessThan(0.75 * before);
            }
        }
        assertThat(losses[1]).isEqualTo(losses[0]);
        double before;
        try (DirectNetwork untrained = DirectNetwork.of(2, config)) {
            before = LnnTrainer.loss(untrained, train);
        }
        try (DirectNetwork base = LnnTrainer.of(config, DirectNetwork::of).train(train).model()) {
            assertThat(LnnTrainer.loss(base, train)).isLessThan(0.75 * before);
        }
    }

    @Test void cancelStopsBeforeTheFirstStep() {
        var config = LnnConfig.builder().hiddenSize(8).hiddenLayers(1).epochs(3).build();
        double[] before;
        try (LagrangianNetwork untrained = LagrangianNetwork.of(2, config)) {
            before = untrained.mlp().flatParameters();
        }
        try (var trained = LnnTrainer.of(config).train(StateSamples.random(DoublePendulum.of(), 32, 1),
                TrainingListener.NONE, new AtomicBoolean(true))) {
            LagrangianNetwork lnn = trained.model();
            TrainingReport r = trained.report();
            assertThat(r.stopped()).isTrue();
            assertThat(r.steps()).isZero();
            assertThat(lnn.mlp().flatParameters()).containsExactly(before);
        }
    }
}
