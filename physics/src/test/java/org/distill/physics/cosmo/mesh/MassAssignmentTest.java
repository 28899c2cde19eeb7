package org.distill.physics.cosmo.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MassAssignmentTest {
    private static float[] uniform(int count, double box, long seed) {
        Random r = new Random(seed);
        float[] x = new float[3 * count];
        for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextDouble() * box);
        return x;
    }

    @ParameterizedTest
    @EnumSource(MassAssignment.class)
    void paintConservesTheTotalWeight(MassAssignment mas) {
        float[] x = uniform(5000, 10, 1);
        x[0] = 9.999f; // beside the periodic boundary
        float[] w = new float[5000];
        double total = 0;
        for (int i = 0; i < w.length; i++) total += w[i] = 0.5f + (i % 7);
        RealGrid g = RealGrid.zeros(16, 10);
        mas.paint(g, x, w);
        assertEquals(total, g.mean() * g.size(), 1e-6 * total);
    }

    @Test
    void kernelsOfAParticleOnANode() {
        float[] x = {2.5f, 2.5f, 2.5f}; // node (2,2,2) for H = 1.25
        double[] centre = {1, 1, 0.75 * 0.75 * 0.75, Math.pow(4.0 / 6, 3)};
        double[] side = {0, 0, 0.75 * 0.75 * 0.125, Math.pow(4.0 / 6, 2) / 6};
        for (MassAssignment mas : MassAssignment.values()) {
            RealGrid g = RealGrid.zeros(8, 10);
            mas.paint(g, x, null);
            assertEquals(centre[mas.order() - 1], g.get(2, 2, 2), 1e-6, mas + " centre");
            assertEquals(side[mas.order() - 1], g.get(2, 2, 3), 1e-6, mas + " neighbour");
            assertEquals(side[mas.order() - 1], g.get(1, 2, 2), 1e-6, mas + " neighbour");
        }
    }

    @Test
    void threadedPaintEqualsASequentialLoopBitForBit() {
        int n = 16;
        double box = 20;
        float[] x = uniform(20000, box, 3);
        RealGrid g = RealGrid.zeros(n, box);
        MassAssignment.CIC.paint(g, x, null);
        float[] ref = new float[n * n * n];
        double inv = n / box;
        for (int p = 0; p < 20000; p++) {
            int[] i0 = new int[3];
            double[] d = new double[3];
            for (int a = 0; a < 3; a++) {
                double u = x[3 * p + a] * inv;
                i0[a] = (int) Math.floor(u);
                d[a] = u - i0[a];
            }
            for (int a = 0; a < 2; a++) {
                double wa = a == 0 ? 1 - d[0] : d[0];
                for (int b = 0; b < 2; b++) {
                    double wb = wa * (b == 0 ? 1 - d[1] : d[1]);
                    for (int c = 0; c < 2; c++) {
                        int idx = ((Math.floorMod(i0[0] + a, n) * n + Math.floorMod(i0[1] + b, n)) * n) + Math.floorMod(i0[2] + c, n);
                        ref[idx] += (float) (wb * (c == 0 ? 1 - d[2] : d[2]));
                    }
                }
            }
        }
        assertArrayEquals(ref, g.values());
    }

    @Test
    void cicInterpolationOfASmoothFieldReproducesIt() {
        int n = 32;
        double box = 100, k = 2 * Math.PI / box;
        RealGrid g = RealGrid.zeros(n, box);
        double h = g.cellSize();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int l = 0; l < n; l++) g.values()[g.index(i, j, l)] = (float) f(i * h, j * h, l * h, k);
        float[] x = uniform(2000, box, 5);
        float[] v = MassAssignment.CIC.interpolate(g, x, null);
        for (int p = 0; p < 2000; p++) {
            // trilinear error ≤ Σ_axis A(k_a H)²/8: (1 + 0.5·4 + 0.5)(kH)²/8 for this f
            assertEquals(f(x[3 * p], x[3 * p + 1], x[3 * p + 2], k), v[p], 3.5 * Math.pow(k * h, 2) / 8 + 1e-5);
        }
    }

    @Test
    void cicPaintThenInterpolateReproducesASmoothField() {
        // 2³ particles per cell carry f(x) as weight; painted weights / painted counts ≈ f at the nodes,
        // and interpolating that grid back gives f at the particles.
        int n = 16, m = 32;
        double box = 64, k = 2 * Math.PI / box;
        float[] x = new float[3 * m * m * m];
        float[] w = new float[m * m * m];
        double s = box / m;
        int p = 0;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
                for (int l = 0; l < m; l++, p++) {
                    x[3 * p] = (float) ((i + 0.3) * s);
                    x[3 * p + 1] = (float) ((j + 0.3) * s);
                    x[3 * p + 2] = (float) ((l + 0.3) * s);
                    w[p] = (float) f(x[3 * p], x[3 * p + 1], x[3 * p + 2], k);
                }
        RealGrid mass = RealGrid.zeros(n, box), count = RealGrid.zeros(n, box);
        MassAssignment.CIC.paint(mass, x, w);
        MassAssignment.CIC.paint(count, x, null);
        for (int c = 0; c < mass.size(); c++) mass.values()[c] /= count.values()[c];
        float[] back = MassAssignment.CIC.interpolate(mass, x, null);
        double h = box / n;
        for (int q = 0; q < w.length; q++) assertEquals(w[q], back[q], 2 * Math.pow(k * h, 2), "particle " + q);
    }

    private static double f(double x, double y, double z, double k) {
        return Math.cos(k * x) + 0.5 * Math.sin(2 * k * y + 1) * Math.cos(k * z);
    }

    @Test
    void windowsAtZeroAndNyquist() {
        for (MassAssignment mas : MassAssignment.values()) {
            assertEquals(1, mas.window(0, 0, 0, 2), 1e-12);
            double kn = Math.PI / 2; // cell size 2
            assertEquals(Math.pow(2 / Math.PI, mas.order()), mas.window(kn, 0, 0, 2), 1e-12);
        }
    }

    @Test
    void badInputIsRejected() {
        RealGrid g = RealGrid.zeros(4, 1);
        assertThrows(IllegalArgumentException.class, () -> MassAssignment.CIC.paint(g, new float[4], null));
        assertThrows(IllegalArgumentException.class, () -> MassAssignment.CIC.paint(g, new float[6], new float[3]));
        assertThrows(IllegalArgumentException.class, () -> MassAssignment.parse("QQQ"));
        assertEquals(MassAssignment.TSC, MassAssignment.parse("tsc"));
    }
}
