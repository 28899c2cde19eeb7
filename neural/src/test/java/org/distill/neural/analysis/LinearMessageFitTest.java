package org.distill.neural.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearMessageFitTest {
    private static final int EDGES = 5000;

    private static double[][] forces(SplittableRandom random) {
        double[][] f = new double[2][EDGES];
        for (double[] column : f)
            for (int e = 0; e < EDGES; e++) column[e] = random.nextGaussian();
        return f;
    }

    @Test void exactLinearCombinationGivesRSquaredOne() {
        var random = new SplittableRandom(1);
        double[][] f = forces(random), messages = new double[3][EDGES];
        for (int e = 0; e < EDGES; e++) {
            messages[0][e] = 0.01 * random.nextGaussian();
            messages[1][e] = 2 * f[0][e] - 3 * f[1][e] + 1;
            messages[2][e] = -f[1][e];
        }
        var fits = LinearMessageFit.fit(messages, f, 2);
        assertThat(fits).extracting(ComponentFit::component).containsExactly(1, 2);
        ComponentFit best = fits.get(0);
        assertThat(best.r2()).isCloseTo(1, within(1e-12));
        assertThat(best.intercept()).isCloseTo(1, within(1e-9));
        assertThat(best.coefficients()).containsExactly(new double[] {2, -3}, within(1e-9));
        assertThat(best.std()).isCloseTo(Math.sqrt(13), within(0.2));
        assertThat(fits.get(1).r2()).isCloseTo(1, within(1e-12));
        assertThat(best.toString()).contains("R² = 1.0000");
    }

    @Test void noiseGivesRSquaredNearZero() {
        var random = new SplittableRandom(2);
        double[][] f = forces(random), messages = new double[1][EDGES];
        for (int e = 0; e < EDGES; e++) messages[0][e] = random.nextGaussian();
        assertThat(LinearMessageFit.fit(messages, f, 1).get(0).r2()).isBetween(0.0, 0.005);
    }

    @Test void constantComponentHasUndefinedRSquared() {
        double[][] f = forces(new SplittableRandom(3)), messages = {new double[EDGES]};
        assertThat(LinearMessageFit.fit(messages, f, 1).get(0).r2()).isNaN();
    }

    @Test void rejectsBadInput() {
        double[][] f = forces(new SplittableRandom(4)), messages = {new double[EDGES]};
        assertThatThrownBy(() -> LinearMessageFit.fit(messages, f, 2)).hasMessage("top must be in [1, 1]: 2");
        assertThatThrownBy(() -> LinearMessageFit.fit(new double[][] {new double[3]}, f, 1))
                .hasMessage("messages column 0 has 3 values, forces column 0 has 5000");
        double[][] collinear = {f[0], f[0].clone()};
        assertThatThrownBy(() -> LinearMessageFit.fit(messages, collinear, 1)).hasMessageContaining("linearly dependent");
        double[][] nan = {f[0], f[1].clone()};
        nan[1][7] = Double.NaN;
        assertThatThrownBy(() -> LinearMessageFit.fit(messages, nan, 1)).hasMessage("forces column 1, edge 7: not finite: NaN");
    }

    @Test void trimmedFitIgnoresAHeavyTailOfBadEdges() {
        var random = new SplittableRandom(5);
        double[][] f = forces(random), messages = new double[1][EDGES];
        for (int e = 0; e < EDGES; e++) {
            messages[0][e] = 0.5 * f[0][e] + 2 * f[1][e] - 1 + 1e-3 * random.nextGaussian();
            if (e % 20 == 0) messages[0][e] = 1000 * random.nextGaussian();   // 5 % of edges: a tail the fit should not follow
        }
        ComponentFit plain = LinearMessageFit.fit(messages, f, 1).get(0);
        ComponentFit trimmed = LinearMessageFit.fit(messages, f, 1, 0.1).get(0);
        assertThat(plain.r2()).as("plain").isLessThan(0.1);
        assertThat(trimmed.r2()).as("trimmed").isGreaterThan(0.999);
        assertThat(trimmed.intercept()).isCloseTo(-1, within(1e-3));
        assertThat(trimmed.coefficients()).containsExactly(new double[] {0.5, 2}, within(1e-3));
        assertThat(LinearMessageFit.fit(messages, f, 1, 0).get(0).r2()).isEqualTo(plain.r2());
    }

    @Test void trimmingCannotRescueNoise() {
        var random = new SplittableRandom(6);
        double[][] f = forces(random), messages = new double[1][EDGES];
        for (int e = 0; e < EDGES; e++) messages[0][e] = random.nextGaussian();
        assertThat(LinearMessageFit.fit(messages, f, 1, 0.1).get(0).r2()).isLessThan(0.02);
    }

    @Test void rejectsTrimOutOfRange() {
        double[][] f = forces(new SplittableRandom(7)), messages = {f[0]};
        assertThatThrownBy(() -> LinearMessageFit.fit(messages, f, 1, 0.5)).hasMessage("trim must be in [0, 0.5): 0.5");
        assertThatThrownBy(() -> LinearMessageFit.fit(messages, f, 1, -0.1)).hasMessage("trim must be in [0, 0.5): -0.1");
        assertThatThrownBy(() -> FormCheck.of(f[0], f, Double.NaN)).hasMessage("trim must be in [0, 0.5): NaN");
    }
}
