package org.distill.physics.cosmo.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.jtransforms.fft.DoubleFFT_3D;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FftTest {
    private static RealGrid random(int n, long seed) {
        Random r = new Random(seed);
        RealGrid g = RealGrid.zeros(n, 100);
        for (int i = 0; i < g.size(); i++) g.values()[i] = (float) r.nextGaussian();
        return g;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8, 16, 6, 12})
    void halfComplexLayoutMatchesTheFullComplexTransform(int n) {
        RealGrid g = random(n, n);
        FourierGrid f = Fft.forward(g);
        double[] full = new double[2 * n * n * n];
        for (int p = 0; p < n * n * n; p++) full[p] = g.values()[p];
        new DoubleFFT_3D(n, n, n).realForwardFull(full);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int l = 0; l <= n / 2; l++) {
                    int c = f.index(i, j, l), d = 2 * ((i * n + j) * n + l);
                    assertEquals(full[d], f.values()[c], 1e-3, "Re (" + i + "," + j + "," + l + ")");
                    assertEquals(full[d + 1], f.values()[c + 1], 1e-3, "Im (" + i + "," + j + "," + l + ")");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8, 32, 6, 10})
    void inverseUndoesForward(int n) {
        RealGrid g = random(n, 7 + n);
        RealGrid back = Fft.inverse(Fft.forward(g));
        for (int p = 0; p < g.size(); p++) assertEquals(g.values()[p], back.values()[p], 1e-4);
    }

    @Test
    void forwardSignIsMinusIkx() {
        // δ(x) = sin(k1 x) = (e^{ik1x} − e^{−ik1x})/2i: the stored mode +k1 along x gets −i n³/2.
        int n = 16;
        double L = 50;
        RealGrid g = RealGrid.zeros(n, L);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++) g.values()[g.index(i, j, k)] = (float) Math.sin(2 * Math.PI * 3 * i / n);
        FourierGrid f = Fft.forward(g);
        int idx = f.index(3, 0, 0);
        assertEquals(0, f.values()[idx], 1e-2);
        assertEquals(-n * n * n / 2.0, f.values()[idx + 1], 1e-2);
        assertEquals(3 * 2 * Math.PI / L, f.wavenumber(3), 1e-12);
        assertEquals(-2 * 2 * Math.PI / L, f.wavenumber(14), 1e-12);
    }

    @Test
    void modeWeightsCountAllModes() {
        FourierGrid f = FourierGrid.zeros(8, 1);
        long[] total = {0};
        f.forEachMode((idx, kx, ky, kz, w) -> total[0] += w);
        assertEquals(8 * 8 * 8, total[0]);
    }

    @Test
    void badMeshIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> RealGrid.zeros(7, 1));
        assertThrows(IllegalArgumentException.class, () -> new RealGrid(4, 1, new float[10]));
    }
}
