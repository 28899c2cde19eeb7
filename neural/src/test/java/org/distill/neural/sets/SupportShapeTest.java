package org.distill.neural.sets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SupportShapeTest {
    @Test void identicalSupportStarsLeaveOnlyThePrior() {
        // two stars at (1, 1): covariance = K0 s0² I / (K + K0) = 2 · 0.0025 / 4 = 0.00125
        float[] x = {1, 1, 1, 1, (float) (1 + Math.sqrt(0.00125)), 1};
        SupportShape s = SupportShape.of(x, 2, new int[] {0, 1});
        float[] out = new float[3];
        s.whiten(x, 2, out, 0);
        assertThat(out[0]).isCloseTo((float) SupportShape.asinh(1), within(1e-5f));
        assertThat(out[1]).isCloseTo(0f, within(1e-6f));
        assertThat(out[2]).isCloseTo((float) Math.log1p(0.5), within(1e-5f));
    }

    @Test void correlatedSupportMakesDistanceAlongTheTrackCheap() {
        // support along the diagonal y = x: a query on the diagonal is near, one across it is far
        int k = 20;
        float[] x = new float[2 * (k + 2)];
        for (int i = 0; i < k; i++) {
            x[2 * i] = i / 10f;
            x[2 * i + 1] = i / 10f;
        }
        x[2 * k] = 2.5f; x[2 * k + 1] = 2.5f;     // along the track, beyond its end
        x[2 * k + 2] = 0.95f; x[2 * k + 3] = 1.95f; // 1 across the track, beside its middle
        int[] rows = new int[k];
        for (int i = 0; i < k; i++) rows[i] = i;
        SupportShape s = SupportShape.of(x, 2, rows);
        float[] along = new float[3], across = new float[3];
        s.whiten(x, k, along, 0);
        s.whiten(x, k + 1, across, 0);
        assertThat(across[2]).isGreaterThan(along[2] + 2);
    }

    @Test void asinhIsOddAndLogarithmic() {
        assertThat(SupportShape.asinh(0)).isZero();
        assertThat(SupportShape.asinh(-2)).isEqualTo(-SupportShape.asinh(2));
        assertThat(SupportShape.asinh(1e6)).isCloseTo(Math.log(2e6), within(1e-9));
    }
}
