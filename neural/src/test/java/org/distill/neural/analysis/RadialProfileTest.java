package org.distill.neural.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RadialProfileTest {
    private static final int EDGES = 4000;

    /** Separations log-uniform in [0.05, 5], directions uniform: the x component of a pair. */
    private static double[][] edges(long seed) {
        var random = new SplittableRandom(seed);
        double[] r = new double[EDGES], dx = new double[EDGES];
        for (int e = 0; e < EDGES; e++) {
            r[e] = 0.05 * Math.pow(100, random.nextDouble());
            dx[e] = r[e] * Math.cos(2 * Math.PI * random.nextDouble());
        }
        return new double[][] {r, dx};
    }

    @Test void aMessageThatIsTheLawHasAmplitudeOneAndNoSlope() {
        double[][] d = edges(1);
        double[] r = d[0], law = new double[EDGES], message = new double[EDGES];
        for (int e = 0; e < EDGES; e++) {
            law[e] = 0.3 + 2 * d[1][e] / Math.pow(r[e], 3);    // the fit: intercept 0.3
            message[e] = law[e];
        }
        RadialProfile p = RadialProfile.of(message, law, 0.3, r, 8, 0);
        assertThat(p.bins()).hasSize(8).allSatisfy(b -> {
            assertThat(b.amplitude()).isCloseTo(1, within(1e-12));
            assertThat(b.correlation()).isCloseTo(1, within(1e-12));
            assertThat(b.edges()).isEqualTo(EDGES / 8);
        });
        assertThat(p.bins().get(0).rLow()).isGreaterThanOrEqualTo(0.05);
        assertThat(p.bins().get(7).rHigh()).isLessThanOrEqualTo(5);
        for (int b = 1; b < 8; b++) assertThat(p.bins().get(b).rLow()).isGreaterThanOrEqualTo(p.bins().get(b - 1).rHigh());
        assertThat(p.slope()).isCloseTo(0, within(1e-12));
    }

    @Test void aSofterMessageShowsItsExponent() {
        // Δx/r² against the law Δx/r³: one power of r more slowly; then law·r^0.5
        double[][] d = edges(2);
        double[] r = d[0], law = new double[EDGES], inverseSquare = new double[EDGES], half = new double[EDGES];
        for (int e = 0; e < EDGES; e++) {
            law[e] = d[1][e] / Math.pow(r[e], 3);
            inverseSquare[e] = 0.7 * d[1][e] / (r[e] * r[e]);
            half[e] = law[e] * Math.sqrt(r[e]);
        }
        assertThat(RadialProfile.of(inverseSquare, law, 0, r, 10, 0).slope()).isCloseTo(1, within(0.02));
        assertThat(RadialProfile.of(half, law, 0, r, 10, 0).slope()).isCloseTo(0.5, within(0.02));
    }

    @Test void theExponentHoldsWhenTheBinsDifferInWidth() {
        // r uniform in [0.3, 6] (not log-uniform): equal-count bins are narrow near and wide far, where a bin's
        // middle is far from the r that carries its law² weight
        var random = new SplittableRandom(4);
        double[] r = new double[EDGES], law = new double[EDGES], message = new double[EDGES];
        for (int e = 0; e < EDGES; e++) {
            r[e] = 0.3 + 5.7 * random.nextDouble();
            law[e] = r[e] * Math.cos(2 * Math.PI * random.nextDouble()) / Math.pow(r[e], 3);
            message[e] = law[e] * Math.pow(r[e], 0.5);
        }
        assertThat(RadialProfile.of(message, law, 0, r, 10, 0).slope()).isCloseTo(0.5, within(0.02));
    }

    @Test void saturatedClosePairsAreLeftOutOfTheSlope() {
        // the closest fifth saturates (message 10 times smaller); beyond it the message is the law
        double[][] d = edges(3);
        double[] r = d[0], law = new double[EDGES], message = new double[EDGES];
        double cut = 0.05 * Math.pow(100, 0.2);
        for (int e = 0; e < EDGES; e++) {
            law[e] = d[1][e] / Math.pow(r[e], 3);
            message[e] = r[e] < cut ? 0.1 * law[e] : law[e];
        }
        RadialProfile all = RadialProfile.of(message, law, 0, r, 10, 0);
        RadialProfile apart = RadialProfile.of(message, law, 0, r, 10, cut);
        assertThat(all.bins().get(0).amplitude()).isCloseTo(0.1, within(1e-12));
        assertThat(all.slope()).isGreaterThan(0.2);
        assertThat(apart.slope()).isCloseTo(0, within(1e-12));
        assertThat(apart.slopeFrom()).isEqualTo(cut);
    }

    @Test void aLawThatVanishesInABinHasNoAmplitudeThere() {
        double[] r = new double[40], law = new double[40], message = new double[40];
        for (int e = 0; e < 40; e++) {
            r[e] = 1 + e;
            law[e] = e < 20 ? 0 : 1.0 / r[e];
            message[e] = law[e];
        }
        RadialProfile p = RadialProfile.of(message, law, 0, r, 4, 0);
        assertThat(p.bins().get(0).amplitude()).isNaN();
        assertThat(p.bins().get(3).amplitude()).isCloseTo(1, within(1e-12));
        assertThat(p.slope()).isCloseTo(0, within(1e-12));  // from the two bins with an amplitude
    }

    @Test void badInputIsRefusedWithTheValue() {
        double[] r = {1, 2, 3, 4}, y = {1, 2, 3, 4};
        assertThatThrownBy(() -> RadialProfile.of(y, y, 0, r, 1, 0)).hasMessage("bins must be at least 2: 1");
        assertThatThrownBy(() -> RadialProfile.of(y, y, 0, r, 3, 0)).hasMessage("need at least 6 edges for 3 bins, got 4");
        assertThatThrownBy(() -> RadialProfile.of(new double[3], y, 0, r, 2, 0))
                .hasMessage("message, law and r must have one value per edge: 3, 4, 4");
        assertThatThrownBy(() -> RadialProfile.of(new double[] {1, Double.NaN, 3, 4}, y, 0, r, 2, 0))
                .hasMessage("edge 1 has a value that is not finite (or r < 0): message NaN, law 2.0, r 2.0");
        assertThatThrownBy(() -> RadialProfile.of(y, y, Double.NaN, r, 2, 0)).hasMessage("intercept must be finite: NaN");
        assertThatThrownBy(() -> RadialProfile.of(y, y, 0, r, 2, -1)).hasMessage("slopeFrom must be >= 0: -1.0");
    }
}
