package org.distill.physics.cosmo.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.distill.physics.cosmo.Cosmology;
import org.distill.physics.cosmo.linear.EisensteinHuPower;
import org.distill.physics.cosmo.linear.LinearPower;
import org.distill.physics.cosmo.mesh.FourierGrid;
import org.distill.physics.cosmo.mesh.RealGrid;
import org.junit.jupiter.api.Test;

class GaussianFieldTest {
    private static final int N = 32;
    private static final double BOX = 500;
    private static final LinearPower P = EisensteinHuPower.of(Cosmology.QUIJOTE);

    private static double power(FourierGrid f, int idx) {
        double re = f.values()[idx], im = f.values()[idx + 1];
        return (re * re + im * im) * Math.pow(f.boxSize(), 3) / Math.pow(f.n(), 6);
    }

    @Test
    void measuredPowerMatchesInputWithinCosmicVariance() {
        FourierGrid f = GaussianField.fourier(P, N, BOX, 7, false, false);
        int bins = 16;
        double kMax = f.nyquist();
        double[] sum = new double[bins];
        long[] count = new long[bins];
        int h = N / 2 + 1;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                for (int l = 1; l < h - 1; l++) { // independent modes only (their mirrors are not stored)
                    double kx = f.wavenumber(i), ky = f.wavenumber(j), kz = l * f.fundamental();
                    double k = Math.sqrt(kx * kx + ky * ky + kz * kz);
                    int b = (int) (k / kMax * bins);
                    if (b >= bins) continue;
                    sum[b] += power(f, f.index(i, j, l)) / P.at(k); // each ~ Exp(1)
                    count[b]++;
                }
            }
        }
        double chi2 = 0;
        int used = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] == 0) continue;
            double mean = sum[b] / count[b];
            chi2 += (mean - 1) * (mean - 1) * count[b];
            used++;
        }
        assertTrue(chi2 / used < 2.5, "chi2 per bin " + chi2 / used);
        assertTrue(chi2 / used > 0.1, "chi2 per bin suspiciously small " + chi2 / used);
    }

    @Test
    void fixedAmplitudesGiveThePowerExactly() {
        FourierGrid f = GaussianField.fourier(P, N, BOX, 3, true, false);
        f.forEachMode((idx, kx, ky, kz, w) -> {
            double k = Math.sqrt(kx * kx + ky * ky + kz * kz);
            if (k == 0) return;
            assertEquals(1, power(f, idx) / P.at(k), 1e-5, "mode at k = " + k);
        });
    }

    @Test
    void pairedFieldsAreExactNegatives() {
        RealGrid a = GaussianField.realSpace(P, N, BOX, 11, true, false);
        RealGrid b = GaussianField.realSpace(P, N, BOX, 11, true, true);
        float[] neg = a.values().clone();
        for (int i = 0; i < neg.length; i++) neg[i] = -neg[i];
        assertArrayEquals(neg, b.values());
        double var = 0;
        for (float v : a.values()) var += v * v;
        assertTrue(var > 0);
    }

    @Test
    void sameSeedGivesSamePhasesForEveryCosmologyAndBox() {
        FourierGrid a = GaussianField.fourier(P, N, BOX, 5, false, false);
        FourierGrid b = GaussianField.fourier(EisensteinHuPower.of(Cosmology.QUIJOTE.withOmegaM(0.3275).withMnu(0.1)), N, 250, 5,
                false, false);
        FourierGrid c = GaussianField.fourier(P, N, BOX, 6, false, false);
        int differ = 0;
        for (int idx = 2; idx < a.values().length; idx += 2) {
            double pa = Math.atan2(a.values()[idx + 1], a.values()[idx]);
            double pb = Math.atan2(b.values()[idx + 1], b.values()[idx]);
            double pc = Math.atan2(c.values()[idx + 1], c.values()[idx]);
            if (a.values()[idx] == 0 && a.values()[idx + 1] == 0) continue;
            assertEquals(0, Math.IEEEremainder(pa - pb, 2 * Math.PI), 1e-4, "phase of mode " + idx / 2);
            if (Math.abs(Math.IEEEremainder(pa - pc, 2 * Math.PI)) > 0.1) differ++;
        }
        assertTrue(differ > a.values().length / 4, "another seed changes the phases: " + differ);
    }

    @Test
    void whiteNoiseHasUnitVarianceAndIsReproducible() {
        RealGrid w = GaussianField.whiteNoise(42, N, BOX);
        double m = 0, v = 0;
        for (float x : w.values()) { m += x; v += x * x; }
        m /= w.size();
        v = v / w.size() - m * m;
        assertEquals(0, m, 5 / Math.sqrt(w.size()));
        assertEquals(1, v, 5 * Math.sqrt(2.0 / w.size()));
        assertArrayEquals(w.values(), GaussianField.whiteNoise(42, N, 1).values());
    }
}
