package org.distill.physics.cosmo.mesh;

import java.util.Objects;

/**
 * A real field on an n³ periodic mesh over a box of side L: the value at node (i, j, k) sits at
 * position x = (i, j, k)·H with H = L/n (nodes at the cell corners, as in Pylians). Values are
 * float32 in one array, row-major with z fastest: {@code values[(i·n + j)·n + k]}. The array is
 * not copied and is meant to be written (painting, smoothing, the particle-mesh forces).
 *
 * @param n       nodes per side (even, at least 2)
 * @param boxSize side of the periodic box L, Mpc/h
 * @param values  n³ values, row-major (x slowest, z fastest)
 */
public record RealGrid(int n, double boxSize, float[] values) {
    public RealGrid {
        checkMesh(n);
        if (!(boxSize > 0 && boxSize < 1e6)) throw new IllegalArgumentException("boxSize must be in (0, 1e6) Mpc/h: " + boxSize);
        Objects.requireNonNull(values, "values");
        if (values.length != (long) n * n * n) {
            throw new IllegalArgumentException("a " + n + "³ grid needs " + (long) n * n * n + " values: got " + values.length);
        }
    }

    /** A grid of zeros. */
    public static RealGrid zeros(int n, double boxSize) {
        checkMesh(n);
        return new RealGrid(n, boxSize, new float[n * n * n]);
    }

    static void checkMesh(int n) {
        if (n < 2 || n % 2 != 0 || n > 1290) {
            throw new IllegalArgumentException("mesh must be even and in [2, 1290] nodes per side: " + n);
        }
    }

    /** Flat index of node (i, j, k), each in [0, n). */
    public int index(int i, int j, int k) { return (i * n + j) * n + k; }

    /** Value at node (i, j, k). */
    public float get(int i, int j, int k) { return values[index(i, j, k)]; }

    /** Cell size H = L/n, Mpc/h. */
    public double cellSize() { return boxSize / n; }

    /** Number of nodes, n³. */
    public int size() { return values.length; }

    /** Mean value over the nodes (summed in double). */
    public double mean() {
        double s = 0;
        for (float v : values) s += v;
        return s / values.length;
    }

    /** A deep copy. */
    public RealGrid copy() { return new RealGrid(n, boxSize, values.clone()); }

    /**
     * Turns a density into its contrast in place, δ = ρ/ρ̄ − 1 with ρ̄ the mean over the nodes.
     *
     * @throws IllegalArgumentException if the mean is not positive (an empty grid)
     */
    public RealGrid toContrast() {
        double m = mean();
        if (!(m > 0)) throw new IllegalArgumentException("density contrast needs a positive mean density: " + m);
        double inv = 1 / m;
        for (int i = 0; i < values.length; i++) values[i] = (float) (values[i] * inv - 1);
        return this;
    }
}
