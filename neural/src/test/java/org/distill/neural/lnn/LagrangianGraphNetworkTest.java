package org.distill.neural.lnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.distill.neural.Torch;
import org.distill.physics.lagrangian.Derivatives;
import org.distill.physics.lagrangian.EulerLagrange;
import org.distill.physics.lagrangian.Lagrangian;
import org.junit.jupiter.api.Test;

class LagrangianGraphNetworkTest {
    /** The assembled gradient and Hessians give the same q̈ as the general solver on Σ f (finite differences). */
    @Test void accelerationsSolveTheEulerLagrangeEquationsOfTheSummedLagrangian() {
        int n = 5, rows = 2;
        var config = LnnConfig.builder().hiddenSize(16).hiddenLayers(2).ridge(0).seed(3).build();
        try (var lgn = LagrangianGraphNetwork.of(n, 0.3, config); NDManager m = Torch.engine().newBaseManager()) {
            var random = new SplittableRandom(2);
            double[] q = new double[rows * n], qd = new double[rows * n];
            for (int k = 0; k < q.length; k++) { q[k] = 0.5 * random.nextGaussian(); qd[k] = random.nextGaussian(); }
            double[] a = lgn.accelerations(m.create(q, new Shape(rows, n)), m.create(qd, new Shape(rows, n))).toDoubleArray();
            Lagrangian numeric = new Lagrangian() {
                @Override public int dof() { return n; }
                @Override public double value(double[] x, double[] v) { return lgn.lagrangian(x, v, 1)[0]; }
                @Override public Derivatives derivatives(double[] x, double[] v) { return LagrangianNetworkTest.finiteDifferences(this, x, v); }
            };
            for (int r = 0; r < rows; r++) {
                double[] qi = java.util.Arrays.copyOfRange(q, r * n, r * n + n), vi = java.util.Arrays.copyOfRange(qd, r * n, r * n + n);
                double[] expected = EulerLagrange.acceleration(numeric, qi, vi);
                for (int i = 0; i < n; i++)
                    assertThat(a[r * n + i]).as("row %d site %d", r, i).isCloseTo(expected[i], offset(1e-3 * (1 + Math.abs(expected[i]))));
            }
        }
        assertThatThrownBy(() -> LagrangianGraphNetwork.of(2, 0.1, LnnConfig.defaults())).hasMessageContaining("sites must be in [3, 1024]: 2");
    }
}
