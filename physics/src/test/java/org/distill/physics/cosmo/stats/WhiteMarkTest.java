package org.distill.physics.cosmo.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.distill.physics.cosmo.mesh.MassAssignment;
import org.distill.physics.cosmo.mesh.RealGrid;
import org.junit.jupiter.api.Test;

class WhiteMarkTest {
    private static float[] clustered() {
        return TestFields.zeldovich(TestFields.gaussianK(32, 200, k -> 3000 * Math.pow(k / 0.1, -1.5), 21))[0];
    }

    @Test
    void markFormula() {
        WhiteMark m = WhiteMark.MASSARA;
        assertEquals(10, m.radius());
        assertEquals(1, m.mark(0), 1e-15);
        assertEquals(Math.pow(1.25 / 2.25, 2), m.mark(1), 1e-15);
        assertEquals(Math.pow(1.25 / 0.25, 2), m.mark(-1), 1e-12);
        assertEquals(m.mark(-1), m.mark(-3), 1e-12); // clipped at the emptiest possible density
        assertTrue(m.mark(0.5) < 1 && m.mark(-0.5) > 1, "p > 0 up-weights underdense regions");
        assertEquals(new WhiteMark(15, 0.5, 0.1), WhiteMark.parse(" 15, 0.5,0.1"));
        assertThrows(IllegalArgumentException.class, () -> WhiteMark.parse("10,2"));
        assertThrows(IllegalArgumentException.class, () -> new WhiteMark(-1, 2, 0.25));
        assertThrows(IllegalArgumentException.class, () -> new WhiteMark(10, 2, 0));
    }

    @Test
    void topHatWindow() {
        assertEquals(1, WhiteMark.topHat(0), 1e-15);
        assertEquals(WhiteMark.topHat(1.0001e-3), WhiteMark.topHat(0.9999e-3), 1e-9);
        double x = 4.493409457909064; // first zero of tan x = x
        assertEquals(0, WhiteMark.topHat(x), 1e-12);
    }

    @Test
    void markIsOneWhereExponentIsZero() {
        float[] x = clustered();
        float[] m = new WhiteMark(10, 0, 0.25).marks(x, 200, 32, MassAssignment.CIC);
        for (float v : m) assertEquals(1f, v);
        PowerSpectrumEstimator est = PowerSpectrumEstimator.of(32);
        PowerSpectrum marked = new WhiteMark(10, 0, 0.25).power(x, 200, est);
        PowerSpectrum plain = est.measure(x, null, 200);
        assertArrayEquals(plain.p0(), marked.p0(), 1e-9);
    }

    @Test
    void markedPowerOfAUniformFieldIsZero() {
        int n = 32;
        double box = 128, h = box / n;
        float[] x = new float[3 * n * n * n];
        for (int i = 0, p = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int l = 0; l < n; l++, p++) {
                    x[3 * p] = (float) ((i + 0.5) * h);
                    x[3 * p + 1] = (float) ((j + 0.5) * h);
                    x[3 * p + 2] = (float) ((l + 0.5) * h);
                }
        WhiteMark mark = WhiteMark.MASSARA;
        float[] m = mark.marks(x, box, n, MassAssignment.CIC);
        for (float v : m) assertEquals(1, v, 1e-5);
        PowerSpectrum ps = mark.power(x, box, PowerSpectrumEstimator.of(n));
        for (double p : ps.p0WithShotNoise()) assertEquals(0, p, 1e-6);
    }

    @Test
    void densePlacesGetSmallMarksAndTheMarkedFieldDiffers() {
        float[] x = clustered();
        WhiteMark mark = WhiteMark.MASSARA;
        RealGrid dR = mark.smoothedContrast(x, 200, 32, MassAssignment.CIC);
        float[] atParticles = MassAssignment.CIC.interpolate(dR, x, null);
        float[] m = mark.marks(x, 200, 32, MassAssignment.CIC);
        for (int i = 0; i < m.length; i++) {
            assertEquals(mark.mark(atParticles[i]), m[i], 1e-5 * m[i]);
            if (atParticles[i] > 0.05) assertTrue(m[i] < 1);
        }
        RealGrid dM = mark.markedContrast(x, m, 200, 32, MassAssignment.CIC);
        assertEquals(0, dM.mean(), 1e-5);
        PowerSpectrumEstimator est = PowerSpectrumEstimator.of(32);
        PowerSpectrum marked = est.measure(x, m, 200), plain = est.measure(x, null, 200);
        assertTrue(marked.p0()[0] < plain.p0()[0], "p = 2 down-weights the dense regions: " + marked.p0()[0] + " vs " + plain.p0()[0]);
        assertTrue(marked.shotNoise() > plain.shotNoise(), "weights raise the shot noise Σm²/(Σm)²");
    }
}
