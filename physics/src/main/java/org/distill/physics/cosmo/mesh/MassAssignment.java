package org.distill.physics.cosmo.mesh;

import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Mass-assignment schemes of order p = 1…4 (Hockney &amp; Eastwood): nearest grid point, cloud in
 * cell, triangular shaped cloud and piecewise cubic spline, on a periodic mesh with nodes at
 * x = (i, j, k)·H, H = L/n. With u the distance to a node in units of H, the 1-D kernels are
 * <pre>
 *   NGP  W(u) = 1 for |u| &lt; 1/2
 *   CIC  W(u) = 1 − |u| for |u| &lt; 1
 *   TSC  W(u) = 3/4 − u² for |u| &lt; 1/2,  (3/2 − |u|)²/2 for 1/2 ≤ |u| &lt; 3/2
 *   PCS  W(u) = (4 − 6u² + 3|u|³)/6 for |u| &lt; 1,  (2 − |u|)³/6 for 1 ≤ |u| &lt; 2
 * </pre>
 * and the 3-D kernel is W(u_x)W(u_y)W(u_z). Its Fourier window, which the estimators divide out,
 * is W(k) = Π_i [sinc(k_i H/2)]^p with sinc x = sin x / x.
 *
 * <p>{@link #paint} adds Σ_p w_p W(x_node − x_p) to the grid (a sum of weights per node, not divided
 * by the cell volume); {@link #interpolate} reads Σ_node W(x_node − x_p) g(x_node) at each particle,
 * its adjoint with the same kernel (what a particle-mesh code needs to conserve momentum).
 * Both run on several threads with results identical to a single-threaded run: painting gives each
 * thread its own x-planes of the mesh (every thread reads all particles, adds only to its planes,
 * in particle order); interpolation gives each thread its own particles.
 */
public enum MassAssignment {
    NGP(1), CIC(2), TSC(3), PCS(4);

    private final int order;

    MassAssignment(int order) { this.order = order; }

    /** Order p: the number of nodes per axis a particle touches, and the power of the sinc window. */
    public int order() { return order; }

    /** Parses "NGP", "cic", … (case-insensitive). */
    public static MassAssignment parse(String s) {
        for (MassAssignment m : values()) if (m.name().equalsIgnoreCase(s.trim())) return m;
        throw new IllegalArgumentException("mass assignment must be NGP, CIC, TSC or PCS: '" + s + "'");
    }

    /** Fourier window W(k) = Π_i sinc(k_i H/2)^p for cell size H. */
    public double window(double kx, double ky, double kz, double cellSize) {
        double h = cellSize / 2;
        return Math.pow(sinc(kx * h) * sinc(ky * h) * sinc(kz * h), order);
    }

    private static double sinc(double x) {
        return Math.abs(x) < 1e-6 ? 1 - x * x / 6 : Math.sin(x) / x;
    }

    /**
     * Fills {@code w[0..p)} with the kernel weights of the p nodes around coordinate u (in cells)
     * and returns the first node's (unwrapped) index.
     */
    int weights(double u, double[] w) {
        switch (this) {
            case NGP -> {
                w[0] = 1;
                return (int) Math.floor(u + 0.5);
            }
            case CIC -> {
                int i0 = (int) Math.floor(u);
                double d = u - i0;
                w[0] = 1 - d;
                w[1] = d;
                return i0;
            }
            case TSC -> {
                int i = (int) Math.floor(u + 0.5);
                double d = u - i;
                w[0] = 0.5 * (0.5 - d) * (0.5 - d);
                w[1] = 0.75 - d * d;
                w[2] = 0.5 * (0.5 + d) * (0.5 + d);
                return i - 1;
            }
            default -> {
                int i0 = (int) Math.floor(u);
                double d = u - i0, e = 1 - d;
                w[0] = e * e * e / 6;
                w[1] = (4 - 6 * d * d + 3 * d * d * d) / 6;
                w[2] = (4 - 6 * e * e + 3 * e * e * e) / 6;
                w[3] = d * d * d / 6;
                return i0 - 1;
            }
        }
    }

    /**
     * Adds particles to the grid: node += Σ_p w_p W(x_node − x_p − shift). Positions (x, y, z
     * interleaved, Mpc/h) may lie anywhere: they are wrapped into the box.
     *
     * @param grid      the mesh to add to
     * @param positions 3·N coordinates
     * @param weights   N weights, or null for 1 each
     * @param shift     added to every coordinate before assignment (Mpc/h), e.g. H/2 for the interlaced grid
     */
    public void paint(RealGrid grid, float[] positions, float[] weights, double shift) {
        Objects.requireNonNull(grid, "grid");
        int count = checkPositions(positions, weights);
        int n = grid.n();
        double inv = n / grid.boxSize();
        double shiftCells = shift * inv;
        float[] g = grid.values();
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), n);
        IntStream.range(0, threads).parallel().forEach(t -> {
            int lo = (int) ((long) n * t / threads), hi = (int) ((long) n * (t + 1) / threads);
            double[] wx = new double[4], wy = new double[4], wz = new double[4];
            int[] ix = new int[4];
            for (int p = 0; p < count; p++) {
                int x0 = weights(positions[3 * p] * inv + shiftCells, wx);
                boolean mine = false;
                for (int a = 0; a < order; a++) {
                    ix[a] = Math.floorMod(x0 + a, n);
                    mine |= ix[a] >= lo && ix[a] < hi;
                }
                if (!mine) continue;
                double m = weights == null ? 1 : weights[p];
                int y0 = weights(positions[3 * p + 1] * inv + shiftCells, wy);
                int z0 = weights(positions[3 * p + 2] * inv + shiftCells, wz);
                for (int a = 0; a < order; a++) {
                    if (ix[a] < lo || ix[a] >= hi) continue;
                    double ma = m * wx[a];
                    for (int b = 0; b < order; b++) {
                        int row = (ix[a] * n + Math.floorMod(y0 + b, n)) * n;
                        double mab = ma * wy[b];
                        for (int c = 0; c < order; c++) {
                            g[row + Math.floorMod(z0 + c, n)] += (float) (mab * wz[c]);
                        }
                    }
                }
            }
        });
    }

    /** {@link #paint(RealGrid, float[], float[], double)} without shift. */
    public void paint(RealGrid grid, float[] positions, float[] weights) { paint(grid, positions, weights, 0); }

    /**
     * Interpolates the grid at the particles with this kernel: out_p = Σ_node W(x_node − x_p) g_node.
     *
     * @return {@code out} (allocated when null), N values
     */
    public float[] interpolate(RealGrid grid, float[] positions, float[] out) {
        Objects.requireNonNull(grid, "grid");
        int count = checkPositions(positions, null);
        float[] result = out == null ? new float[count] : out;
        if (result.length != count) throw new IllegalArgumentException("out has " + result.length + " values for " + count + " particles");
        int n = grid.n();
        double inv = n / grid.boxSize();
        float[] g = grid.values();
        int chunks = Math.max(1, Math.min(64, count / 4096));
        IntStream.range(0, chunks).parallel().forEach(t -> {
            int lo = (int) ((long) count * t / chunks), hi = (int) ((long) count * (t + 1) / chunks);
            double[] wx = new double[4], wy = new double[4], wz = new double[4];
            for (int p = lo; p < hi; p++) {
                int x0 = weights(positions[3 * p] * inv, wx);
                int y0 = weights(positions[3 * p + 1] * inv, wy);
                int z0 = weights(positions[3 * p + 2] * inv, wz);
                double s = 0;
                for (int a = 0; a < order; a++) {
                    int xa = Math.floorMod(x0 + a, n);
                    for (int b = 0; b < order; b++) {
                        int row = (xa * n + Math.floorMod(y0 + b, n)) * n;
                        double sb = 0;
                        for (int c = 0; c < order; c++) sb += wz[c] * g[row + Math.floorMod(z0 + c, n)];
                        s += wx[a] * wy[b] * sb;
                    }
                }
                result[p] = (float) s;
            }
        });
        return result;
    }

    /** Divides every mode by this scheme's window W(k) (deconvolution), in place. */
    public FourierGrid deconvolve(FourierGrid f) {
        double h = f.boxSize() / f.n();
        return f.multiply((kx, ky, kz) -> 1 / window(kx, ky, kz, h));
    }

    private static int checkPositions(float[] positions, float[] weights) {
        Objects.requireNonNull(positions, "positions");
        if (positions.length % 3 != 0) throw new IllegalArgumentException("positions must hold x, y, z per particle: length " + positions.length);
        int count = positions.length / 3;
        if (weights != null && weights.length != count) {
            throw new IllegalArgumentException("weights has " + weights.length + " values for " + count + " particles");
        }
        return count;
    }
}
