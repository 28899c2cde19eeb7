package org.distill.physics.cosmo.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParticleMeshTest {
    private static float[] overdensity(int n, double box, int clump, double radius, double centre) {
        float[] x = new float[3 * (n * n * n + clump)];
        double cell = box / n;
        int p = 0;
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) for (int l = 0; l < n; l++) {
            x[p++] = (float) ((i + 0.5) * cell);
            x[p++] = (float) ((j + 0.5) * cell);
            x[p++] = (float) ((l + 0.5) * cell);
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int c = 0; c < clump; c++) {
            double u, v, w;
            do { u = r.nextDouble(-1, 1); v = r.nextDouble(-1, 1); w = r.nextDouble(-1, 1); } while (u * u + v * v + w * w > 1);
            x[p++] = (float) (centre + radius * u);
            x[p++] = (float) (centre + radius * v);
            x[p++] = (float) (centre + radius * w);
        }
        return x;
    }

    @Test
    void forcesPointToTheOverdensityAndSumToZero() {
        double box = 100;
        ParticleMesh pm = new ParticleMesh(32, box, ForceMethod.SPECTRAL, WindowCompensation.TWICE);
        float[] x = overdensity(16, box, 4000, 8, 50);
        float[] f = pm.forces(x, 0.3, null, null);
        int inward = 0, checked = 0;
        double[] total = new double[3];
        double abs = 0;
        for (int p = 0; p < x.length / 3; p++) {
            double dx = x[3 * p] - 50, dy = x[3 * p + 1] - 50, dz = x[3 * p + 2] - 50;
            double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
            for (int c = 0; c < 3; c++) { total[c] += f[3 * p + c]; abs += Math.abs(f[3 * p + c]); }
            if (r < 12 || r > 35) continue;
            checked++;
            if (f[3 * p] * dx + f[3 * p + 1] * dy + f[3 * p + 2] * dz < 0) inward++;
        }
        assertTrue(checked > 500);
        assertEquals(checked, inward, "all forces outside the clump point inward");
        for (double t : total) assertEquals(0, t / abs, 1e-4, "net force");
    }

    @Test
    void anOverdensityCollapsesTowardItsCentre() {
        double box = 100;
        ParticleMesh pm = new ParticleMesh(32, box, ForceMethod.FINITE_DIFFERENCE, WindowCompensation.NONE);
        int clump = 2000;
        float[] x = overdensity(8, box, clump, 15, 50);
        int first = 3 * 8 * 8 * 8;
        float[] v = new float[x.length];
        double r0 = rms(x, first);
        double dt = 0.03;
        for (int step = 0; step < 10; step++) {
            float[] f = pm.forces(x, 0.3, null, null);
            for (int i = 0; i < x.length; i++) {
                v[i] += (float) (f[i] * dt);
                x[i] = ParticleState.wrap(x[i] + v[i] * dt, box);
            }
        }
        double r1 = rms(x, first);
        assertTrue(r1 < 0.9 * r0 && r1 > 0.2 * r0, "rms radius " + r0 + " -> " + r1);
    }

    private static double rms(float[] x, int from) {
        double s = 0;
        int n = 0;
        for (int i = from; i < x.length; i++) { double d = x[i] - 50; s += d * d; n++; }
        return Math.sqrt(3 * s / n);
    }

    @Test
    void spectralAndFiniteDifferenceAgreeOnLargeScales() {
        double box = 100;
        float[] x = overdensity(16, box, 3000, 10, 50);
        float[] a = new ParticleMesh(64, box, ForceMethod.SPECTRAL, WindowCompensation.NONE).forces(x, 0.3, null, null);
        float[] b = new ParticleMesh(64, box, ForceMethod.FINITE_DIFFERENCE, WindowCompensation.NONE).forces(x, 0.3, null, null);
        double num = 0, den = 0;
        for (int p = 0; p < 16 * 16 * 16; p++) {
            double dx = x[3 * p] - 50, dy = x[3 * p + 1] - 50, dz = x[3 * p + 2] - 50;
            if (Math.sqrt(dx * dx + dy * dy + dz * dz) < 20) continue;
            for (int c = 0; c < 3; c++) { num += Math.pow(a[3 * p + c] - b[3 * p + c], 2); den += a[3 * p + c] * a[3 * p + c]; }
        }
        assertTrue(Math.sqrt(num / den) < 0.02, "relative difference " + Math.sqrt(num / den));
    }

    @Test
    void aUniformResponseScalesTheForce() {
        double box = 100;
        float[] x = overdensity(8, box, 500, 10, 50);
        ParticleMesh pm = new ParticleMesh(16, box, ForceMethod.SPECTRAL, WindowCompensation.TWICE);
        float[] a = pm.forces(x, 0.3, null, null);
        float[] b = pm.forces(x, 0.3, k -> 0.5, null);
        for (int i = 0; i < a.length; i++) assertEquals(0.5 * a[i], b[i], 1e-6 * (1 + Math.abs(a[i])));
    }
}
