package org.distill.neural.lnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.distill.neural.Torch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class MlpTest {
    private static double value(Mlp mlp, NDManager m, double[] x) {
        return mlp.forward(m.create(x, new Shape(1, x.length))).getDouble(0, 0);
    }

    @ParameterizedTest @EnumSource(Activation.class)
    void gradientAndHessianMatchFiniteDifferences(Activation activation) {
        int n = 4, batch = 3;
        try (Mlp mlp = Mlp.of(new int[] {n, 16, 16, 1}, activation, Initialization.LAGRANGIAN, 3);
             NDManager m = Torch.engine().newBaseManager()) {
            var random = new SplittableRandom(1);
            double[] xs = new double[batch * n];
            for (int k = 0; k < xs.length; k++) xs[k] = random.nextGaussian();
            InputDerivatives d = mlp.derivatives(m.create(xs, new Shape(batch, n)));
            double[] grad = d.gradient().toDoubleArray(), hess = d.hessian().toDoubleArray(), val = d.value().toDoubleArray();
            assertThat(d.hessian().getShape()).isEqualTo(new Shape(batch, n, n));
            double[] rows = mlp.derivatives(m.create(xs, new Shape(batch, n)), 2).hessian().toDoubleArray();
            for (int b = 0; b < batch; b++)   // the last two rows alone are the same numbers
                for (int k = 0; k < 2 * n; k++) assertThat(rows[b * 2 * n + k]).isCloseTo(hess[b * n * n + 2 * n + k], offset(1e-12));
            double h = 1e-5;
            for (int b = 0; b < batch; b++) {
                double[] x = java.util.Arrays.copyOfRange(xs, b * n, b * n + n);
                assertThat(val[b]).isCloseTo(value(mlp, m, x), offset(1e-12));
                for (int i = 0; i < n; i++) {
                    double[] p = x.clone(), q = x.clone();
                    p[i] += h;
                    q[i] -= h;
                    double fd = (value(mlp, m, p) - value(mlp, m, q)) / (2 * h);
                    assertThat(grad[b * n + i]).as("∂f/∂x%d", i).isCloseTo(fd, offset(1e-6 * (1 + Math.abs(fd))));
                    // the Hessian column from central differences of the (forward-mode) gradient
                    double[] gp = mlp.gradient(m.create(p, new Shape(1, n))).gradient().toDoubleArray();
                    double[] gq = mlp.gradient(m.create(q, new Shape(1, n))).gradient().toDoubleArray();
                    for (int j = 0; j < n; j++) {
                        double fdh = (gp[j] - gq[j]) / (2 * h);
                        assertThat(hess[(b * n + j) * n + i]).as("∂²f/∂x%d∂x%d", j, i)
                                .isCloseTo(fdh, offset(1e-6 * (1 + Math.abs(fdh))));
                        assertThat(hess[(b * n + j) * n + i]).isCloseTo(hess[(b * n + i) * n + j], offset(1e-12));
                    }
                }
            }
        }
    }

    @Test void paperInitialisationHasTheStatedSpreads() {
        int h = 400;
        try (Mlp mlp = Mlp.of(new int[] {4, h, h, h, 1}, Activation.SOFTPLUS, Initialization.LAGRANGIAN, 9)) {
            double[] expected = {2.2 / Math.sqrt(h), 0.58 / Math.sqrt(h), 1.16 / Math.sqrt(h), Math.sqrt(h)};
            var params = mlp.parameters();
            for (int l = 0; l < 4; l++) {
                double[] w = params.get(2 * l).toDoubleArray();
                double ss = 0;
                for (double v : w) ss += v * v;
                double std = Math.sqrt(ss / w.length);
                assertThat(std).as("layer %d", l).isCloseTo(expected[l], offset(expected[l] * (l == 3 ? 0.2 : 0.05)));
                assertThat(params.get(2 * l + 1).toDoubleArray()).containsOnly(0.0);
            }
        }
        try (Mlp a = Mlp.of(new int[] {2, 8, 1}, Activation.TANH, Initialization.XAVIER, 5);
             Mlp b = Mlp.of(new int[] {2, 8, 1}, Activation.TANH, Initialization.XAVIER, 5)) {
            assertThat(a.flatParameters()).containsExactly(b.flatParameters());
            assertThat(a.size()).isEqualTo(2 * 8 + 8 + 8 + 1);
        }
    }

    @Test void badInputs() {
        assertThatThrownBy(() -> Mlp.of(new int[] {3}, Activation.TANH, Initialization.XAVIER, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least the input and output");
        assertThatThrownBy(() -> Mlp.of(new int[] {3, 0, 1}, Activation.TANH, Initialization.XAVIER, 0))
                .hasMessageContaining("every width must be in [1, 65536]");
        try (Mlp mlp = Mlp.of(new int[] {3, 4, 2}, Activation.TANH, Initialization.XAVIER, 0);
             NDManager m = Torch.engine().newBaseManager()) {
            NDArray x = m.create(new double[6], new Shape(2, 3));
            assertThatThrownBy(() -> mlp.derivatives(x)).isInstanceOf(IllegalStateException.class).hasMessageContaining("one output");
            assertThatThrownBy(() -> mlp.forward(m.create(new double[4], new Shape(2, 2))))
                    .hasMessageContaining("x must have shape (B, 3)");
            assertThatThrownBy(() -> mlp.forward(m.create(new float[6], new Shape(2, 3)))).hasMessageContaining("float64");
        }
    }
}
