package org.distill.physics.cosmo.mesh;

import java.util.stream.IntStream;
import org.jtransforms.fft.FloatFFT_3D;

/**
 * Real-to-complex 3-D FFTs of {@link RealGrid}s over JTransforms' {@code FloatFFT_3D} (multi-threaded).
 *
 * <p>Conventions: forward δ_k = Σ_x δ(x) e^{−i k·x} (no normalisation); inverse
 * δ(x) = n⁻³ Σ_k δ_k e^{+i k·x}, so {@code inverse(forward(g))} returns g (to float rounding).
 * With these, P(k) = |δ_k|² L³/n⁶, and a derivative ∂/∂x is a multiplication by i·k_x.
 *
 * <p>For n a power of two the transform is JTransforms' in-place {@code realForward}, whose packed
 * output is unpacked here into the half-complex layout of {@link FourierGrid}; for other even n,
 * {@code realForwardFull} (twice the memory) and {@code complexInverse}. The inverse reads, on the
 * self-conjugate planes l = 0 and l = n/2, one mode of each pair ±k and assumes the other is its
 * conjugate (as FFTW's c2r does): an odd operator such as i·k should zero the Nyquist modes
 * (i or j = n/2, l = n/2) first.
 */
public final class Fft {
    private Fft() {}

    /** Forward transform; the grid is left unchanged. */
    public static FourierGrid forward(RealGrid grid) {
        int n = grid.n();
        FourierGrid out = FourierGrid.zeros(n, grid.boxSize());
        if (Integer.bitCount(n) == 1) {
            float[] a = grid.values().clone();
            new FloatFFT_3D(n, n, n).realForward(a);
            unpack(a, out.values(), n);
        } else {
            float[] full = new float[2 * n * n * n];
            System.arraycopy(grid.values(), 0, full, 0, n * n * n);
            new FloatFFT_3D(n, n, n).realForwardFull(full);
            int h = n / 2 + 1;
            float[] c = out.values();
            IntStream.range(0, n).parallel().forEach(i -> {
                for (int j = 0; j < n; j++) {
                    System.arraycopy(full, 2 * ((i * n + j) * n), c, 2 * ((i * n + j) * h), 2 * h);
                }
            });
        }
        return out;
    }

    /** Inverse transform (with the 1/n³); the Fourier grid is left unchanged. */
    public static RealGrid inverse(FourierGrid fourier) {
        int n = fourier.n();
        float[] c = fourier.values();
        if (Integer.bitCount(n) == 1) {
            float[] a = new float[n * n * n];
            pack(c, a, n);
            new FloatFFT_3D(n, n, n).realInverse(a, true);
            return new RealGrid(n, fourier.boxSize(), a);
        }
        int h = n / 2 + 1;
        float[] full = new float[2 * n * n * n];
        IntStream.range(0, n).parallel().forEach(i -> {
            int mi = (n - i) % n;
            for (int j = 0; j < n; j++) {
                int mj = (n - j) % n;
                System.arraycopy(c, 2 * ((i * n + j) * h), full, 2 * ((i * n + j) * n), 2 * h);
                for (int l = h; l < n; l++) {
                    int src = 2 * ((mi * n + mj) * h + (n - l));
                    int dst = 2 * ((i * n + j) * n + l);
                    full[dst] = c[src];
                    full[dst + 1] = -c[src + 1];
                }
            }
        });
        new FloatFFT_3D(n, n, n).complexInverse(full, true);
        float[] a = new float[n * n * n];
        for (int p = 0; p < a.length; p++) a[p] = full[2 * p];
        return new RealGrid(n, fourier.boxSize(), a);
    }

    /** JTransforms' packed realForward output (power-of-two n) → half-complex layout. */
    static void unpack(float[] a, float[] c, int n) {
        int half = n / 2, h = half + 1;
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int j = 0; j < n; j++) {
                int src = (i * n + j) * n, dst = 2 * ((i * n + j) * h);
                System.arraycopy(a, src + 2, c, dst + 2, 2 * (half - 1));
            }
        });
        for (int i = 0; i < n; i++) {
            int mi = (n - i) % n;
            for (int j = 1; j < half; j++) {
                float re = a[ai(n, i, j, 0)], im = a[ai(n, i, j, 1)];
                set(c, n, i, j, 0, re, im);
                set(c, n, mi, n - j, 0, re, -im);
                float re2 = a[ai(n, i, n - j, 1)], im2 = a[ai(n, i, n - j, 0)];
                set(c, n, mi, j, half, re2, -im2);
                set(c, n, i, n - j, half, re2, im2);
            }
        }
        for (int i = 1; i < half; i++) {
            for (int j : new int[] {0, half}) {
                float re = a[ai(n, i, j, 0)], im = a[ai(n, i, j, 1)];
                set(c, n, i, j, 0, re, im);
                set(c, n, n - i, j, 0, re, -im);
                float re2 = a[ai(n, n - i, j, 1)], im2 = -a[ai(n, n - i, j, 0)];
                set(c, n, i, j, half, re2, im2);
                set(c, n, n - i, j, half, re2, -im2);
            }
        }
        for (int i : new int[] {0, half}) {
            for (int j : new int[] {0, half}) {
                set(c, n, i, j, 0, a[ai(n, i, j, 0)], 0);
                set(c, n, i, j, half, a[ai(n, i, j, 1)], 0);
            }
        }
    }

    /** Half-complex layout → JTransforms' packed layout for realInverse (power-of-two n). */
    static void pack(float[] c, float[] a, int n) {
        int half = n / 2, h = half + 1;
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int j = 0; j < n; j++) {
                int dst = (i * n + j) * n, src = 2 * ((i * n + j) * h);
                System.arraycopy(c, src + 2, a, dst + 2, 2 * (half - 1));
            }
        });
        for (int i = 0; i < n; i++) {
            int mi = (n - i) % n;
            for (int j = 1; j < half; j++) {
                int p = ci(n, i, j, 0);
                a[ai(n, i, j, 0)] = c[p];
                a[ai(n, i, j, 1)] = c[p + 1];
                int q = ci(n, i, n - j, half);
                a[ai(n, i, n - j, 1)] = c[q];
                a[ai(n, i, n - j, 0)] = c[q + 1];
            }
        }
        for (int i = 1; i < half; i++) {
            for (int j : new int[] {0, half}) {
                int p = ci(n, i, j, 0);
                a[ai(n, i, j, 0)] = c[p];
                a[ai(n, i, j, 1)] = c[p + 1];
                int q = ci(n, i, j, half);
                a[ai(n, n - i, j, 1)] = c[q];
                a[ai(n, n - i, j, 0)] = -c[q + 1];
            }
        }
        for (int i : new int[] {0, half}) {
            for (int j : new int[] {0, half}) {
                a[ai(n, i, j, 0)] = c[ci(n, i, j, 0)];
                a[ai(n, i, j, 1)] = c[ci(n, i, j, half)];
            }
        }
    }

    private static int ai(int n, int i, int j, int k) { return (i * n + j) * n + k; }

    private static int ci(int n, int i, int j, int l) { return 2 * ((i * n + j) * (n / 2 + 1) + l); }

    private static void set(float[] c, int n, int i, int j, int l, float re, float im) {
        int p = ci(n, i, j, l);
        c[p] = re;
        c[p + 1] = im;
    }
}
