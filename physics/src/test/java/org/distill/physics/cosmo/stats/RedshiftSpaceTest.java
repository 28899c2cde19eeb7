package org.distill.physics.cosmo.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.distill.physics.cosmo.Cosmology;
import org.distill.physics.cosmo.Snapshot;
import org.distill.physics.cosmo.mesh.FourierGrid;
import org.junit.jupiter.api.Test;

class RedshiftSpaceTest {
    @Test
    void displacementIsVelocityOverAHAndWraps() {
        Cosmology c = Cosmology.QUIJOTE;
        double z = 1, a = 0.5, aH = a * 100 * c.e(a);
        float[] x = {10, 20, 99.5f, 50, 50, 1};
        float[] v = {300, 400, (float) (2 * aH), 0, 0, (float) (-3 * aH)};
        Snapshot s = new Snapshot(100, z, c, x, v, new long[] {1, 2}, 1e10);
        float[] r = RedshiftSpace.positions(s, 2);
        assertEquals(10, r[0]);
        assertEquals(20, r[1]);
        assertEquals(1.5, r[2], 1e-4);     // 99.5 + 2 wraps to 1.5
        assertEquals(98, r[5], 1e-4);      // 1 − 3 wraps to 98
        assertEquals(99.5f, x[2]);         // the snapshot is not changed
        float[] rx = RedshiftSpace.positions(s, 0);
        assertEquals(10 + 300 / aH, rx[0], 1e-4);
        assertThrows(IllegalArgumentException.class, () -> RedshiftSpace.positions(s, 3));
    }

    @Test
    void linearVelocitiesSquashTheFieldAlongTheLineOfSight() {
        // Zel'dovich particles with linear velocities v = f a H ψ: Kaiser's P2/P0 = (4f/3 + 4f²/7)/(1 + 2f/3 + f²/5)
        int n = 64;
        double box = 1000;
        Cosmology c = Cosmology.QUIJOTE;
        double f = Math.pow(c.omegaMAt(1), 0.55), aH = 100 * c.e(1);
        FourierGrid d = TestFields.gaussianK(n, box, k -> 2000 * Math.pow(k / 0.1, -1.5), 17);
        float[][] zel = TestFields.zeldovich(d);
        float[] v = zel[1].clone();
        for (int i = 0; i < v.length; i++) v[i] = (float) (v[i] * f * aH);
        Snapshot s = new Snapshot(box, 0, c, zel[0], v, new long[n * n * n], 1e12);
        PowerSpectrumEstimator est = PowerSpectrumEstimator.builder().mesh(n).interlacing(true)
                .subtractShotNoise(false).build(); // particles from a lattice carry no Poisson shot noise
        PowerSpectrum real = est.measure(s), red = est.measure(RedshiftSpace.of(s, 2));
        double kaiser = (4 * f / 3 + 4 * f * f / 7) / (1 + 2 * f / 3 + f * f / 5);
        double ratio = 0, w = 0, realRatio = 0;
        for (int b = 0; b < red.size() && red.k()[b] < 0.08; b++) {
            ratio += red.p2()[b] / red.p0()[b] * red.modes()[b];
            realRatio += real.p2()[b] / real.p0()[b] * real.modes()[b];
            w += red.modes()[b];
        }
        assertTrue(ratio / w > 0, "redshift-space quadrupole must be positive: " + ratio / w);
        assertEquals(kaiser, ratio / w, 0.1 * kaiser);
        assertTrue(Math.abs(realRatio / w) < 0.1, "real-space P2/P0 " + realRatio / w);
    }
}
