package org.distill.physics.cosmo.sim;

import java.util.Objects;
import java.util.stream.IntStream;
import org.distill.physics.cosmo.Cosmology;
import org.distill.physics.cosmo.linear.Growth;
import org.distill.physics.cosmo.mesh.Fft;
import org.distill.physics.cosmo.mesh.FourierGrid;
import org.distill.physics.cosmo.mesh.RealGrid;

/**
 * Second-order Lagrangian perturbation theory (2LPT) on a particle lattice (Scoccimarro 1998;
 * the sign convention of {@link Growth}).
 *
 * <p>From the linear density δ_L(q) normalised to a = 1 (D1(1) = 1):
 * <pre>
 *   ∇²φ1 = δ_L,                  Ψ1 = −∇φ1      (Ψ1_k = i k δ_k / k²)
 *   ∇²φ2 = Σ_{i&lt;j} (φ1,ii φ1,jj − φ1,ij²),   Ψ2 = ∇φ2   (Ψ2_k = −i k S_k / k²)
 *   x(a) = q + D1(a) Ψ1 + D2(a) Ψ2         (D2 ≈ −3/7 D1², {@link Growth#d2})
 *   p(a) = a³ E dx/da = a² E (f1 D1 Ψ1 + f2 D2 Ψ2),    v = 100 p / a  km/s (peculiar)
 * </pre>
 * p is the FastPM momentum (comoving Mpc/h in units of H0 = 100 km/s/(Mpc/h)). Derivatives are
 * spectral; the derivative along an axis is zeroed on that axis' Nyquist plane (the odd operator has
 * no real representation there). The second-order source needs the six second derivatives of φ1:
 * at most four real grids are held at once.
 */
public final class Lpt {
    private Lpt() { }

    /**
     * First- and second-order displacement fields at a = 1 on the n³ lattice, interleaved x, y, z per
     * node (node (i, j, l) is particle (i·n + j)·n + l at q = (i, j, l)·L/n).
     */
    public record Displacements(int n, double boxSize, float[] first, float[] second) {
        public Displacements {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(second, "second");
            long size = 3L * n * n * n;
            if (first.length != size || second.length != size) {
                throw new IllegalArgumentException("displacements of a " + n + "³ lattice need " + size + " values: got "
                        + first.length + " and " + second.length);
            }
        }
    }

    /** 2LPT displacements of the linear density δ_k (a = 1 normalisation). */
    public static Displacements displacements(FourierGrid delta) {
        Objects.requireNonNull(delta, "delta");
        int n = delta.n();
        double box = delta.boxSize();
        float[] first = new float[3 * n * n * n];
        for (int c = 0; c < 3; c++) {
            int axis = c;
            RealGrid g = Fft.inverse(apply(delta, (i, j, l, k) -> nyquist(n, i, j, l, axis) ? 0 : k[axis] / dot(k), true));
            scatter(g.values(), first, c);
        }
        // second-order source S = Σ_{i<j} φ,ii φ,jj − φ,ij², with φ,ij = −k_i k_j φ_k = k_i k_j δ_k/k²
        float[][] diag = new float[3][];
        for (int c = 0; c < 3; c++) {
            int axis = c;
            diag[c] = Fft.inverse(apply(delta, (i, j, l, k) -> k[axis] * k[axis] / dot(k), false)).values();
        }
        float[] source = new float[n * n * n];
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int p = i * n * n; p < (i + 1) * n * n; p++) {
                source[p] = (float) ((double) diag[0][p] * diag[1][p] + (double) diag[0][p] * diag[2][p]
                        + (double) diag[1][p] * diag[2][p]);
            }
        });
        diag[0] = diag[1] = diag[2] = null;
        int[][] pairs = {{0, 1}, {0, 2}, {1, 2}};
        for (int[] pr : pairs) {
            float[] off = Fft.inverse(apply(delta, (i, j, l, k) ->
                    nyquist(n, i, j, l, pr[0]) || nyquist(n, i, j, l, pr[1]) ? 0 : k[pr[0]] * k[pr[1]] / dot(k), false)).values();
            IntStream.range(0, n).parallel().forEach(i -> {
                for (int p = i * n * n; p < (i + 1) * n * n; p++) source[p] -= off[p] * off[p];
            });
        }
        FourierGrid s = Fft.forward(new RealGrid(n, box, source));
        float[] second = new float[3 * n * n * n];
        for (int c = 0; c < 3; c++) {
            int axis = c;
            RealGrid g = Fft.inverse(apply(s, (i, j, l, k) -> nyquist(n, i, j, l, axis) ? 0 : -k[axis] / dot(k), true));
            scatter(g.values(), second, c);
        }
        return new Displacements(n, box, first, second);
    }

    /**
     * Particles on the lattice displaced to scale factor a: positions (wrapped into [0, L)) and FastPM
     * momenta p = a² E (f1 D1 Ψ1 + f2 D2 Ψ2).
     */
    public static ParticleState particles(Displacements d, Cosmology cosmology, Growth growth, double a) {
        Objects.requireNonNull(d, "d");
        int n = d.n();
        double box = d.boxSize();
        double d1 = growth.d1(a), d2 = growth.d2(a);
        double e = cosmology.e(a);
        double p1 = a * a * e * growth.f1(a) * d1, p2 = a * a * e * growth.f2(a) * d2;
        float[] x = new float[3 * n * n * n];
        float[] p = new float[3 * n * n * n];
        double cell = box / n;
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int j = 0; j < n; j++) {
                for (int l = 0; l < n; l++) {
                    int q = 3 * ((i * n + j) * n + l);
                    for (int c = 0; c < 3; c++) {
                        int node = c == 0 ? i : c == 1 ? j : l;
                        double s1 = d.first()[q + c], s2 = d.second()[q + c];
                        x[q + c] = ParticleState.wrap(node * cell + d1 * s1 + d2 * s2, box);
                        p[q + c] = (float) (p1 * s1 + p2 * s2);
                    }
                }
            }
        });
        return new ParticleState(box, a, x, p);
    }

    @FunctionalInterface
    interface Kernel {
        double at(int i, int j, int l, double[] k);
    }

    private static double dot(double[] k) { return k[0] * k[0] + k[1] * k[1] + k[2] * k[2]; }

    static boolean nyquist(int n, int i, int j, int l, int axis) {
        return (axis == 0 ? i : axis == 1 ? j : l) == n / 2;
    }

    /** A new grid g_k = K(k) f_k (times i when {@code imaginary}); the k = 0 mode is zeroed. */
    static FourierGrid apply(FourierGrid f, Kernel kernel, boolean imaginary) {
        int n = f.n();
        FourierGrid out = FourierGrid.zeros(n, f.boxSize());
        float[] src = f.values(), dst = out.values();
        int h = n / 2 + 1;
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] k = new double[3];
            k[0] = f.wavenumber(i);
            for (int j = 0; j < n; j++) {
                k[1] = f.wavenumber(j);
                for (int l = 0; l < h; l++) {
                    if (i == 0 && j == 0 && l == 0) continue;
                    k[2] = l * f.fundamental();
                    int idx = 2 * ((i * n + j) * h + l);
                    double g = kernel.at(i, j, l, k);
                    if (imaginary) {
                        dst[idx] = (float) (-src[idx + 1] * g);
                        dst[idx + 1] = (float) (src[idx] * g);
                    } else {
                        dst[idx] = (float) (src[idx] * g);
                        dst[idx + 1] = (float) (src[idx + 1] * g);
                    }
                }
            }
        });
        return out;
    }

    private static void scatter(float[] grid, float[] interleaved, int c) {
        IntStream.range(0, grid.length / 4096 + 1).parallel().forEach(t -> {
            int hi = Math.min(grid.length, (t + 1) * 4096);
            for (int p = t * 4096; p < hi; p++) interleaved[3 * p + c] = grid[p];
        });
    }
}
