package org.distill.physics.cosmo.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.distill.physics.cosmo.mesh.Fft;
import org.distill.physics.cosmo.mesh.FourierGrid;
import org.distill.physics.cosmo.mesh.MassAssignment;
import org.distill.physics.cosmo.mesh.RealGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PowerSpectrumEstimatorTest {
    private static final DoubleUnaryOperator POWER = k -> 2000 * Math.pow(k / 0.1, -1.5);

    private static float[] uniform(int count, double box, long seed) {
        Random r = new Random(seed);
        float[] x = new float[3 * count];
        for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextDouble() * box);
        return x;
    }

    @Test
    void poissonCatalogueHasNoPowerAfterShotNoise() {
        double box = 100;
        float[] x = uniform(100_000, box, 11);
        for (boolean interlace : new boolean[] {false, true}) {
            PowerSpectrumEstimator est = PowerSpectrumEstimator.builder().mesh(32).interlacing(interlace).build();
            PowerSpectrum ps = est.measure(x, null, box);
            double shot = box * box * box / 100_000;
            assertEquals(shot, ps.shotNoise(), 1e-9 * shot);
            double kHalfNyquist = Math.PI * 32 / box / 2;
            double chi2 = 0;
            int bins = 0;
            for (int b = 0; b < ps.size(); b++) {
                if (ps.k()[b] > kHalfNyquist) continue;
                double sigma = shot * Math.sqrt(2.0 / ps.modes()[b]);
                // aliasing left after deconvolution at k < k_N/2: ~2 % of 1/n̄ without interlacing
                double bias = interlace ? 0.003 * shot : 0.03 * shot;
                assertTrue(Math.abs(ps.p0()[b]) < 4 * sigma + bias, "interlace " + interlace + " k " + ps.k()[b] + ": P " + ps.p0()[b]
                        + " vs sigma " + sigma);
                chi2 += Math.pow(ps.p0()[b] / sigma, 2);
                bins++;
            }
            assertTrue(chi2 / bins < 2, "chi2/bin " + chi2 / bins);
        }
    }

    @Test
    void deconvolvedSchemesAgreeBelowHalfNyquistAndInterlacingTightensIt() {
        double box = 200;
        int np = 64, mesh = 32;
        float[] x = TestFields.zeldovich(TestFields.gaussianK(np, box, POWER, 5))[0];
        double kHalf = Math.PI * mesh / box / 2;
        double[] worst = new double[2];
        for (int il = 0; il < 2; il++) {
            PowerSpectrum ref = PowerSpectrumEstimator.builder().mesh(mesh).assignment(MassAssignment.PCS).interlacing(true).build()
                    .measure(x, null, box);
            for (MassAssignment mas : MassAssignment.values()) {
                PowerSpectrum ps = PowerSpectrumEstimator.builder().mesh(mesh).assignment(mas).interlacing(il == 1).build()
                        .measure(x, null, box);
                for (int b = 0; b < ps.size() && ps.k()[b] < kHalf; b++) {
                    worst[il] = Math.max(worst[il], Math.abs(ps.p0()[b] / ref.p0()[b] - 1));
                }
            }
        }
        assertTrue(worst[0] < 0.03, "without interlacing the schemes differ by " + worst[0]);
        assertTrue(worst[1] < 0.005, "with interlacing the schemes differ by " + worst[1]);
        assertTrue(worst[1] < worst[0], "interlacing " + worst[1] + " vs " + worst[0]);
    }

    @Test
    void gaussianFieldMatchesItsPowerWithinCosmicVariance() {
        int n = 64;
        double box = 500;
        PowerSpectrumEstimator est = PowerSpectrumEstimator.of(n);
        PowerSpectrum measured = est.measure(TestFields.gaussianK(n, box, POWER, 42), 0);
        PowerSpectrum expected = est.measure(TestFields.fixedAmplitudeK(n, box, POWER), 0);
        assertEquals(expected.size(), measured.size());
        double chi2 = 0;
        for (int b = 0; b < measured.size(); b++) {
            assertEquals(expected.modes()[b], measured.modes()[b]);
            assertEquals(expected.k()[b], measured.k()[b], 1e-12);
            double var = 2 * Math.pow(expected.p0()[b], 2) / measured.modes()[b];
            chi2 += Math.pow(measured.p0()[b] - expected.p0()[b], 2) / var;
        }
        double perBin = chi2 / measured.size();
        assertTrue(perBin > 0.4 && perBin < 1.8, "chi2 per bin " + perBin);
        // and the fixed field reproduces the input at the bin's mean k closely (P smooth)
        for (int b = 2; b < expected.size(); b++) {
            assertEquals(POWER.applyAsDouble(expected.k()[b]), expected.p0()[b], 0.01 * expected.p0()[b]);
        }
    }

    @Test
    void planeWaveLandsInItsBinWithItsAmplitude() {
        int n = 32, m = 5;
        double box = 80, amp = 0.3;
        RealGrid g = RealGrid.zeros(n, box);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int l = 0; l < n; l++) g.values()[g.index(i, j, l)] = (float) (amp * Math.cos(2 * Math.PI * m * j / n + 0.4));
        PowerSpectrum ps = PowerSpectrumEstimator.of(n).measure(g);
        double kf = 2 * Math.PI / box;
        for (int b = 0; b < ps.size(); b++) {
            boolean home = Math.abs(ps.k()[b] / kf - m) < 0.5;
            // two modes ±k of power A²L³/4 each, averaged over the shell
            double want = home ? 2 * amp * amp * box * box * box / 4 / ps.modes()[b] : 0;
            assertEquals(want, ps.p0()[b], 1e-4 * amp * amp * box * box * box, "bin " + b);
        }
    }

    @Test
    void quadrupoleVanishesForAnIsotropicFieldAndFollowsKaiser() {
        int n = 64;
        double box = 600, f = 0.8;
        FourierGrid d = TestFields.gaussianK(n, box, POWER, 9);
        PowerSpectrumEstimator est = PowerSpectrumEstimator.of(n);
        PowerSpectrum iso = est.measure(d, 0);
        double sumIso = 0, sumW = 0;
        for (int b = 0; b < iso.size(); b++) {
            double sigma = iso.p0()[b] * Math.sqrt(10.0 / iso.modes()[b]);
            assertTrue(Math.abs(iso.p2()[b]) < 5 * sigma, "isotropic P2 at k " + iso.k()[b] + ": " + iso.p2()[b]);
            sumIso += iso.p2()[b] / iso.p0()[b] * iso.modes()[b];
            sumW += iso.modes()[b];
        }
        assertTrue(Math.abs(sumIso / sumW) < 0.03, "mean P2/P0 of an isotropic field " + sumIso / sumW);
        FourierGrid s = d.copy();
        s.multiply((kx, ky, kz) -> {
            double k2 = kx * kx + ky * ky + kz * kz;
            return k2 == 0 ? 1 : 1 + f * kz * kz / k2;
        });
        PowerSpectrum kaiser = est.measure(s, 0);
        double theory = (4 * f / 3 + 4 * f * f / 7) / (1 + 2 * f / 3 + f * f / 5);
        double ratio = 0, w = 0;
        for (int b = 0; b < kaiser.size(); b++) {
            if (kaiser.modes()[b] > 200) assertTrue(kaiser.p2()[b] > 0, "Kaiser P2 at k " + kaiser.k()[b]);
            ratio += kaiser.p2()[b] / kaiser.p0()[b] * kaiser.modes()[b];
            w += kaiser.modes()[b];
        }
        assertEquals(theory, ratio / w, 0.05 * theory);
    }

    @Test
    void crossPowerOfAFieldWithItselfHasRequalOne() {
        FourierGrid d = TestFields.gaussianK(32, 100, POWER, 3);
        PowerSpectrumEstimator est = PowerSpectrumEstimator.of(32);
        CrossPowerSpectrum c = est.cross(d, d);
        PowerSpectrum auto = est.measure(d, 0);
        for (int b = 0; b < c.size(); b++) {
            assertEquals(1, c.r()[b], 1e-9);
            assertEquals(auto.p0()[b], c.p12()[b], 1e-9 * auto.p0()[b]);
        }
        CrossPowerSpectrum other = est.cross(d, TestFields.gaussianK(32, 100, POWER, 4));
        double mean = 0;
        for (int b = 0; b < other.size(); b++) {
            assertTrue(Math.abs(other.r()[b]) <= 1);
            mean += other.r()[b] / other.size();
        }
        assertTrue(Math.abs(mean) < 0.1, "independent fields: mean r " + mean);
        // particles: the same catalogue twice
        float[] x = uniform(20000, 100, 8);
        CrossPowerSpectrum px = est.cross(x, x, 100);
        for (double r : px.r()) assertEquals(1, r, 1e-9);
    }

    @Test
    void fileRoundTripAndErrors(@TempDir Path dir) throws IOException {
        PowerSpectrum ps = PowerSpectrumEstimator.of(32).measure(uniform(5000, 100, 2), null, 100);
        Path file = dir.resolve("pk.txt");
        ps.write(file, "mesh 32, CIC");
        PowerSpectrum back = PowerSpectrum.read(file);
        assertEquals(ps.size(), back.size());
        assertEquals(ps.shotNoise(), back.shotNoise(), 1e-8 * ps.shotNoise());
        for (int b = 0; b < ps.size(); b++) {
            assertEquals(ps.k()[b], back.k()[b], 1e-7 * ps.k()[b]);
            assertEquals(ps.p0()[b], back.p0()[b], 1e-7 * Math.abs(ps.p0()[b]));
            assertEquals(ps.p2()[b], back.p2()[b], 1e-7 * Math.abs(ps.p2()[b]) + 1e-30);
            assertEquals(ps.modes()[b], back.modes()[b]);
        }
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "# k P0 P2 P4 modes\n0.1 1 2 3 4\n0.2 1 x 3 4\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PowerSpectrum.read(bad));
        assertTrue(e.getMessage().contains("bad.txt line 3"), e.getMessage());
        Files.writeString(bad, "0.1 1 2 3\n");
        e = assertThrows(IllegalArgumentException.class, () -> PowerSpectrum.read(bad));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("5 columns"), e.getMessage());
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PowerSpectrumEstimator.builder().mesh(31).build());
        assertThrows(IllegalArgumentException.class, () -> PowerSpectrumEstimator.builder().axis(3).build());
        assertThrows(IllegalArgumentException.class, () -> PowerSpectrumEstimator.builder().binWidth(-1).build());
        assertThrows(IllegalArgumentException.class, () -> PowerSpectrumEstimator.builder().kMin(0.5).kMax(0.1).build());
        RealGrid a = RealGrid.zeros(8, 10), b = RealGrid.zeros(8, 20);
        assertThrows(IllegalArgumentException.class, () -> PowerSpectrumEstimator.of(8).cross(a, b));
        assertTrue(Fft.forward(a).values().length > 0);
    }
}
