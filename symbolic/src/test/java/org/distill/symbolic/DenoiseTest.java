package org.distill.symbolic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.distill.symbolic.expr.Op;
import org.junit.jupiter.api.Test;

/** {@code denoise(true)}: the search sees a smoothed target, the front reports losses on the original. */
class DenoiseTest {

    @Test
    void aDenoisedSearchFindsTheLawAndReportsLossesOnTheNoisyTarget() {
        // y = 2.5 x^2 on 40 rows with Gaussian noise of sd 1 (about 10 % of y's spread).
        Random r = new Random(11);
        int n = 40;
        double[][] x = new double[n][1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = -3 + 6 * r.nextDouble();
            y[i] = 2.5 * x[i][0] * x[i][0] + r.nextGaussian();
        }
        Dataset data = Dataset.of(x, y);
        SymbolicRegressor regressor = SymbolicRegressor.builder().operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV)
                .generations(20).populationSize(80).islands(4).seed(3).threads(2).denoise(true).build();
        ParetoFront front = regressor.fit(data);
        assertThat(front.provenance().settings().denoise()).isTrue();
        assertThat(front.provenance().settings().describe()).containsEntry("denoise", true);
        for (Equation e : front.equations()) {
            // Every loss is the mean squared error against the original (noisy) target.
            double[] p = e.predict(x);
            double mse = 0;
            for (int i = 0; i < n; i++) mse += (p[i] - y[i]) * (p[i] - y[i]);
            mse /= n;
            assertThat(e.loss()).as(e.toString()).isCloseTo(mse, org.assertj.core.api.Assertions.within(1e-9 * (1 + mse)));
        }
        // The chosen equation is the law: within 5 % of 2.5 x^2 at x = 2 and no worse than the noise.
        Equation best = front.select(Selection.BEST);
        double at2 = best.predict(new double[][] {{2}})[0];
        assertThat(at2).as(best.toString()).isBetween(9.5, 10.5);
        assertThat(best.loss()).isBetween(0.5, 1.5);
    }

    @Test
    void denoisingNeedsThreeRows() {
        Dataset data = Dataset.of(new double[][] {{1}, {2}}, new double[] {1, 2});
        SymbolicRegressor regressor = SymbolicRegressor.builder().generations(1).denoise(true).build();
        assertThatThrownBy(() -> regressor.fit(data)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("denoising needs at least 3 rows, got 2");
    }
}
