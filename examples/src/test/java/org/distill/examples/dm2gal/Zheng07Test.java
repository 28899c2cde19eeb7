package org.distill.examples.dm2gal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Zheng07Test {
    @Test void meanOccupationsFollowTheFormulas() {
        var h = new Zheng07(12.5, 0.25, 12.7, 13.7, 1.1);
        assertThat(h.centrals(Math.pow(10, 12.5))).isCloseTo(0.5, offset(1e-12));
        assertThat(h.centrals(1e16)).isCloseTo(1, offset(1e-9));
        assertThat(h.satellites(Math.pow(10, 12.6))).isZero();
        double m = 1e14;
        assertThat(h.satellites(m)).isCloseTo(Math.pow((m - Math.pow(10, 12.7)) / Math.pow(10, 13.7), 1.1), offset(1e-12));
        assertThatThrownBy(() -> new Zheng07(12, 0, 12, 13, 1)).hasMessage("sigma must be > 0: 0.0");
    }

    @Test void maximumLikelihoodRecoversTheParametersOfSampledHalos() {
        var truth = new Zheng07(12.6, 0.3, 12.8, 13.8, 1.0);
        var rng = new SplittableRandom(1);
        int n = 20_000;
        double[] mass = new double[n];
        int[] cen = new int[n], sat = new int[n];
        for (int i = 0; i < n; i++) {
            mass[i] = Math.pow(10, 12 + 3 * rng.nextDouble());
            cen[i] = rng.nextDouble() < truth.centrals(mass[i]) ? 1 : 0;
            sat[i] = Zheng07.poisson(truth.satellites(mass[i]), rng);
        }
        Zheng07 fit = Zheng07.fit(mass, cen, sat, new Zheng07(12.3, 0.5, 12.5, 13.5, 0.8));
        assertThat(fit.logMmin()).isCloseTo(12.6, offset(0.03));
        assertThat(fit.sigma()).isCloseTo(0.3, offset(0.05));
        assertThat(fit.logM1()).isCloseTo(13.8, offset(0.1));
        assertThat(fit.alpha()).isCloseTo(1.0, offset(0.1));
    }

    @Test void poissonDeviatesHaveTheirMean() {
        var rng = new SplittableRandom(2);
        double sum = 0;
        for (int i = 0; i < 50_000; i++) sum += Zheng07.poisson(2.5, rng);
        assertThat(sum / 50_000).isCloseTo(2.5, offset(0.03));
    }

    @Test void boxAverageKeepsTheMeanAndSpreadsAPointOverItsCube() {
        int n = 8;
        float[] f = new float[n * n * n];
        f[0] = 125;
        float[] a = DarkMatterToGalaxies.boxAverage(f, n, 2);
        double sum = 0;
        for (float v : a) sum += v;
        assertThat(sum).isCloseTo(125, offset(1e-3));
        assertThat(a[((n - 2) * n + 2) * n + 1]).isCloseTo(1f, offset(1e-5f));     // (−2, 2, 1) is inside the 5³ cube
        assertThat(a[(3 * n) * n]).isZero();                                          // (3, 0, 0) is not
    }
}
