package org.distill.examples.halos;

import java.util.function.IntConsumer;

/**
 * Points of a periodic box sorted into cubic cells of side at least {@code reach}: every point within
 * {@code reach} of a position lies in the 27 cells around it (fewer, without repeats, when the box has
 * fewer than 3 cells per side).
 */
final class CellList {
    private final double boxSize;
    private final int cellsPerSide;
    private final int[] start, points;

    private CellList(double boxSize, int cellsPerSide, int[] start, int[] points) {
        this.boxSize = boxSize;
        this.cellsPerSide = cellsPerSide;
        this.start = start;
        this.points = points;
    }

    static CellList of(float[] xyz, double boxSize, double reach) {
        int nc = (int) Math.max(1, Math.min(256, Math.floor(boxSize / reach)));
        int n = xyz.length / 3;
        int[] cellOf = new int[n];
        int[] start = new int[nc * nc * nc + 1];
        for (int p = 0; p < n; p++) {
            cellOf[p] = cell(xyz[3 * p], nc, boxSize) + nc * (cell(xyz[3 * p + 1], nc, boxSize) + nc * cell(xyz[3 * p + 2], nc, boxSize));
            start[cellOf[p] + 1]++;
        }
        for (int c = 0; c < nc * nc * nc; c++) start[c + 1] += start[c];
        int[] fill = java.util.Arrays.copyOf(start, nc * nc * nc);
        int[] points = new int[n];
        for (int p = 0; p < n; p++) points[fill[cellOf[p]]++] = p;
        return new CellList(boxSize, nc, start, points);
    }

    private static int cell(double x, int nc, double box) {
        int c = (int) Math.floor(x / box * nc);
        return Math.floorMod(c, nc);
    }

    /** Calls {@code action} with every point in the cells around (x, y, z), each once. */
    void forNear(double x, double y, double z, IntConsumer action) {
        int nc = cellsPerSide;
        int cx = cell(x, nc, boxSize), cy = cell(y, nc, boxSize), cz = cell(z, nc, boxSize);
        int lo = nc >= 3 ? -1 : 0, hi = nc >= 3 ? 1 : nc - 1;
        for (int dz = lo; dz <= hi; dz++)
            for (int dy = lo; dy <= hi; dy++)
                for (int dx = lo; dx <= hi; dx++) {
                    int c = Math.floorMod(cx + dx, nc) + nc * (Math.floorMod(cy + dy, nc) + nc * Math.floorMod(cz + dz, nc));
                    for (int k = start[c]; k < start[c + 1]; k++) action.accept(points[k]);
                }
    }

    /** Minimum-image separation along one axis, in [−L/2, L/2]. */
    static double minimumImage(double d, double boxSize) {
        return d - boxSize * Math.rint(d / boxSize);
    }

    /** Squared periodic distance between point p of {@code a} and point q of {@code b}. */
    static double distance2(float[] a, int p, float[] b, int q, double boxSize) {
        double s = 0;
        for (int d = 0; d < 3; d++) {
            double x = minimumImage((double) a[3 * p + d] - b[3 * q + d], boxSize);
            s += x * x;
        }
        return s;
    }
}
