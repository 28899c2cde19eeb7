package org.distill.neural.cnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.Objects;

/**
 * Periodic boundaries for 3-D fields on an n³ mesh, laid out as the cosmology toolkit's {@code RealGrid} (row-major,
 * x slowest, z fastest): wrapped padding of network tensors, wrapped sub-volumes and shifts of flat fields.
 *
 * <p>A 3×3×3 convolution with no padding after {@link #pad(NDArray, int) pad}{@code (x, 1)} is the convolution on the
 * torus: it commutes with periodic shifts, so a network built from such layers (and pointwise layers) is exactly
 * translation-equivariant on a periodic box.
 */
public final class Periodic {
    private Periodic() { }

    /**
     * {@code x} of shape (batch, channels, d, h, w) padded by {@code p} wrapped cells on both sides of each spatial axis:
     * shape (batch, channels, d + 2p, h + 2p, w + 2p). Differentiable (slices and concatenations).
     */
    public static NDArray pad(NDArray x, int p) {
        Objects.requireNonNull(x, "x");
        if (x.getShape().dimension() != 5) throw new IllegalArgumentException("x must have 5 axes (batch, channels, d, h, w): " + x.getShape());
        if (p < 0) throw new IllegalArgumentException("padding must be >= 0: " + p);
        if (p == 0) return x;
        NDArray out = x;
        for (int axis = 2; axis < 5; axis++) {
            long size = out.getShape().get(axis);
            if (p > size) throw new IllegalArgumentException("padding " + p + " exceeds the axis size " + size);
            NDArray low = slice(out, axis, size - p, size), high = slice(out, axis, 0, p);
            out = NDArrays.concat(new NDList(low, out, high), axis);
        }
        return out;
    }

    /** The central (d − 2p)(h − 2p)(w − 2p) cells of a (batch, channels, d, h, w) tensor: the inverse of {@link #pad}. */
    public static NDArray crop(NDArray x, int p) {
        if (p == 0) return x;
        var s = x.getShape();
        return x.get(":, :, " + p + ":" + (s.get(2) - p) + ", " + p + ":" + (s.get(3) - p) + ", " + p + ":" + (s.get(4) - p));
    }

    private static NDArray slice(NDArray x, int axis, long from, long to) {
        String[] idx = {":", ":", ":", ":", ":"};
        idx[axis] = from + ":" + to;
        return x.get(String.join(", ", idx));
    }

    /**
     * The cube of side {@code size} whose first cell is ({@code i0, j0, k0}) (any integers: wrapped) cut out of the
     * periodic n³ field {@code field}, row-major.
     */
    public static float[] cube(float[] field, int n, int i0, int j0, int k0, int size) {
        checkField(field, n);
        if (size < 1) throw new IllegalArgumentException("size must be >= 1: " + size);
        float[] out = new float[size * size * size];
        int o = 0;
        for (int a = 0; a < size; a++) {
            int i = Math.floorMod(i0 + a, n);
            for (int b = 0; b < size; b++) {
                int row = (i * n + Math.floorMod(j0 + b, n)) * n;
                for (int c = 0; c < size; c++) out[o++] = field[row + Math.floorMod(k0 + c, n)];
            }
        }
        return out;
    }

    /** The periodic n³ field moved by (di, dj, dk) cells: {@code out[i + di, j + dj, k + dk] = field[i, j, k]}. */
    public static float[] shift(float[] field, int n, int di, int dj, int dk) {
        return cube(field, n, -di, -dj, -dk, n);
    }

    static void checkField(float[] field, int n) {
        Objects.requireNonNull(field, "field");
        if (n < 1) throw new IllegalArgumentException("n must be >= 1: " + n);
        if (field.length != (long) n * n * n)
            throw new IllegalArgumentException("a field of " + n + "³ cells needs " + (long) n * n * n + " values: got " + field.length);
    }
}
