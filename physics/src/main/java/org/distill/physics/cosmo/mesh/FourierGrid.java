package org.distill.physics.cosmo.mesh;

import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The Fourier transform of a real n³ field, half-complex: the modes with k_z ≥ 0, as FFTW's r2c
 * layout. Complex mode (i, j, l), i, j in [0, n) and l in [0, n/2], has its real part at
 * {@code values[2·((i·n + j)·(n/2 + 1) + l)]} and its imaginary part at the next index (float32).
 * The other half follows from Hermitian symmetry δ(−k) = δ(k)*.
 *
 * <p>Wavenumbers: k = k_F·(i', j', l) with the fundamental frequency k_F = 2π/L and
 * i' = i for i ≤ n/2, i − n above (the same for j); the Nyquist index n/2 is taken as +n/2
 * (k_N = π n/L). Normalisation: see {@link Fft}, δ_k = Σ_x δ(x) e^{−i k·x} (no factor), so a field's
 * power spectrum is P(k) = |δ_k|² L³/n⁶.
 *
 * <p>Looping over modes: {@link #forEachMode} hands each stored mode with its (k_x, k_y, k_z) and
 * its multiplicity in the full k-space (1 on the planes l = 0 and l = n/2, which hold both k and
 * −k, 2 elsewhere, for the mode's mirror −k), so sums over the stored modes weighted by it are
 * sums over all n³ modes.
 *
 * @param n       nodes per side of the real grid (even)
 * @param boxSize side of the box L, Mpc/h
 * @param values  2·n·n·(n/2 + 1) floats, real and imaginary parts interleaved
 */
public record FourierGrid(int n, double boxSize, float[] values) {
    public FourierGrid {
        RealGrid.checkMesh(n);
        if (!(boxSize > 0 && boxSize < 1e6)) throw new IllegalArgumentException("boxSize must be in (0, 1e6) Mpc/h: " + boxSize);
        Objects.requireNonNull(values, "values");
        long size = 2L * n * n * (n / 2 + 1);
        if (values.length != size) {
            throw new IllegalArgumentException("a half-complex " + n + "³ grid needs " + size + " floats: got " + values.length);
        }
    }

    /** Zeros. */
    public static FourierGrid zeros(int n, double boxSize) {
        RealGrid.checkMesh(n);
        return new FourierGrid(n, boxSize, new float[2 * n * n * (n / 2 + 1)]);
    }

    /** Visits one stored mode: {@code index} of its real part (imaginary at index + 1), its wavevector, its multiplicity. */
    @FunctionalInterface
    public interface ModeConsumer {
        void accept(int index, double kx, double ky, double kz, int weight);
    }

    /** Stored modes along z, n/2 + 1. */
    public int nz() { return n / 2 + 1; }

    /** Index of the real part of mode (i, j, l). */
    public int index(int i, int j, int l) { return 2 * ((i * n + j) * (n / 2 + 1) + l); }

    /** Fundamental frequency k_F = 2π/L, h/Mpc. */
    public double fundamental() { return 2 * Math.PI / boxSize; }

    /** Nyquist frequency k_N = π n/L, h/Mpc. */
    public double nyquist() { return Math.PI * n / boxSize; }

    /** Signed integer frequency of index i along x or y: i for i ≤ n/2, i − n above. */
    public int frequency(int i) { return i <= n / 2 ? i : i - n; }

    /** Wavenumber of index i along x or y (h/Mpc); along z the index l itself times k_F. */
    public double wavenumber(int i) { return frequency(i) * fundamental(); }

    /** Copy. */
    public FourierGrid copy() { return new FourierGrid(n, boxSize, values.clone()); }

    /** All stored modes, in storage order, on the calling thread. */
    public void forEachMode(ModeConsumer c) {
        for (int i = 0; i < n; i++) forEachModeInSlab(i, c);
    }

    /**
     * All stored modes, the x-slabs spread over threads: for element-wise work (filters,
     * derivatives) whose result does not depend on the order. For sums, call
     * {@link #forEachModeInSlab} per slab and add the slab totals in order (deterministic).
     */
    public void forEachModeParallel(ModeConsumer c) {
        IntStream.range(0, n).parallel().forEach(i -> forEachModeInSlab(i, c));
    }

    /** The stored modes of the x-slab i (all j and l). */
    public void forEachModeInSlab(int i, ModeConsumer c) {
        double kf = fundamental();
        int h = n / 2 + 1;
        double kx = frequency(i) * kf;
        for (int j = 0; j < n; j++) {
            double ky = frequency(j) * kf;
            int base = 2 * ((i * n + j) * h);
            for (int l = 0; l < h; l++) {
                c.accept(base + 2 * l, kx, ky, l * kf, l == 0 || l == n / 2 ? 1 : 2);
            }
        }
    }

    /** Multiplies every mode by a real function of its wavevector (e.g. a window or a smoothing kernel), in parallel. */
    public FourierGrid multiply(KFunction f) {
        forEachModeParallel((idx, kx, ky, kz, w) -> {
            double g = f.apply(kx, ky, kz);
            values[idx] = (float) (values[idx] * g);
            values[idx + 1] = (float) (values[idx + 1] * g);
        });
        return this;
    }

    /** A real function of the wavevector. */
    @FunctionalInterface
    public interface KFunction {
        double apply(double kx, double ky, double kz);
    }
}
