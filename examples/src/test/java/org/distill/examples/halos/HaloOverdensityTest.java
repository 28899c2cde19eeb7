package org.distill.examples.halos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.distill.symbolic.Dataset;
import org.junit.jupiter.api.Test;

/** The runner's edge sample and settings. */
class HaloOverdensityTest {
    @Test
    void theMessageSampleIsSpreadEvenlyOverDistance() {
        // 20 000 edges uniform in a sphere of radius 25: their number grows as r², most are distant
        var random = new SplittableRandom(1);
        int n = 20_000;
        double[] r = new double[n], mi = new double[n], mj = new double[n], dv = new double[n], y = new double[n];
        for (int e = 0; e < n; e++) {
            r[e] = 25 * Math.cbrt(random.nextDouble());
            mi[e] = mj[e] = dv[e] = 1;
            y[e] = r[e];
        }
        Dataset d = HaloOverdensity.sampleByDistance(new double[][] {r, mi, mj, dv}, y, 2500, 25, 7);
        assertThat(d.rows()).isEqualTo(2500);
        int[] bins = new int[5];
        double[] sampled = d.column(0);
        for (int k = 0; k < sampled.length; k++) {
            assertThat(d.y()[k]).isEqualTo(sampled[k]); // rows stay whole
            bins[(int) (sampled[k] / 5)]++;
        }
        // the innermost fifth holds 0.8 % of the edges (160) and gives them all; the others share the rest evenly
        assertThat(bins[0]).isBetween(150, 175);
        for (int b = 1; b < 5; b++) assertThat(bins[b]).isBetween(500, 700);
        assertThat(HaloOverdensity.sampleByDistance(new double[][] {r, mi, mj, dv}, y, 2500, 25, 7).y()).containsExactly(d.y());
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> HaloOverdensity.Settings.builder().minMembers(10).build())
                .hasMessage("minMembers must be at least 20 (FoF's own cut): 10");
        assertThatThrownBy(() -> HaloOverdensity.Settings.builder().testFrom(0.5).build())
                .hasMessage("need 0 < validationFrom <= testFrom < 1: 0.7, 0.5");
    }
}
