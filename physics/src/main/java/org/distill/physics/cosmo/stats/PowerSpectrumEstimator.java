package org.distill.physics.cosmo.stats;

import java.util.Objects;
import java.util.stream.IntStream;
import org.distill.physics.cosmo.Snapshot;
import org.distill.physics.cosmo.mesh.DensityField;
import org.distill.physics.cosmo.mesh.Fft;
import org.distill.physics.cosmo.mesh.FourierGrid;
import org.distill.physics.cosmo.mesh.MassAssignment;
import org.distill.physics.cosmo.mesh.RealGrid;

/**
 * Measures power spectra on a mesh: particles are painted with a {@link MassAssignment} (optionally
 * interlaced), δ = ρ/ρ̄ − 1 is transformed, the window W(k) is divided out, and the modes are
 * averaged in spherical shells:
 * <pre>
 *   P_ℓ(k) = (2ℓ + 1) Σ_shell |δ_k|² L_ℓ(μ) / N_modes · L³/n⁶,   μ = k_axis/|k|,
 *   L₀ = 1,  L₂ = (3μ² − 1)/2,  L₄ = (35μ⁴ − 30μ² + 3)/8,
 * </pre>
 * with the shot noise 1/n̄ = L³/N (Σw²/(Σw)²·L³ for weights) subtracted from P₀ and reported.
 * Shells: from {@code kMin} (default k_F/2) in steps of {@code binWidth} (default the fundamental
 * frequency k_F = 2π/L) up to {@code kMax} (default the Nyquist frequency k_N = πn/L), so by default
 * bin i holds the modes with |k|/k_F rounding to i + 1; k of a bin is the mean |k| of its modes;
 * the k = 0 mode and empty shells are left out. Multipoles are with respect to {@code axis}
 * (0, 1, 2 for x, y, z; default z), the line of sight of {@link RedshiftSpace}.
 *
 * <p>Thread-safe; the shell sums are made per x-slab and added in slab order, so results do not
 * depend on the number of threads.
 */
public final class PowerSpectrumEstimator {
    private final int mesh;
    private final MassAssignment assignment;
    private final boolean interlacing;
    private final int axis;
    private final double binWidth;
    private final double kMin;
    private final double kMax;
    private final boolean subtractShotNoise;

    private PowerSpectrumEstimator(Builder b) {
        mesh = b.mesh;
        assignment = b.assignment;
        interlacing = b.interlacing;
        axis = b.axis;
        binWidth = b.binWidth;
        kMin = b.kMin;
        kMax = b.kMax;
        subtractShotNoise = b.subtractShotNoise;
    }

    /** A builder with the defaults: mesh 256, CIC, no interlacing, axis z, bins of k_F up to Nyquist, shot noise subtracted. */
    public static Builder builder() { return new Builder(); }

    /** The default estimator on an n³ mesh. */
    public static PowerSpectrumEstimator of(int mesh) { return builder().mesh(mesh).build(); }

    public int mesh() { return mesh; }

    public MassAssignment assignment() { return assignment; }

    /** The power spectrum of a snapshot's particles (all weight 1), in the coordinates given (real space). */
    public PowerSpectrum measure(Snapshot s) {
        Objects.requireNonNull(s, "snapshot");
        return measure(s.positions(), null, s.boxSize());
    }

    /** The power spectrum of (weighted) particles in a box of side boxSize; weights may be null. */
    public PowerSpectrum measure(float[] positions, float[] weights, double boxSize) {
        FourierGrid f = DensityField.fourier(positions, weights, mesh, boxSize, assignment, interlacing, true);
        return measure(f, subtractShotNoise ? shotNoise(positions, weights, boxSize) : 0);
    }

    /** The power spectrum of a density-contrast grid (no window, no shot noise; the grid is not changed). */
    public PowerSpectrum measure(RealGrid delta) {
        return measure(Fft.forward(delta), 0);
    }

    /** Shell averages of a transformed field δ_k, {@code shotNoise} subtracted from P₀. */
    public PowerSpectrum measure(FourierGrid deltaK, double shotNoise) {
        Shells sh = shells(deltaK);
        int nb = sh.count();
        double[][] acc = sum(deltaK, deltaK, sh, true);
        int used = 0;
        for (int b = 0; b < nb; b++) if (acc[0][b] > 0) used++;
        double[] k = new double[used], p0 = new double[used], p2 = new double[used], p4 = new double[used];
        long[] modes = new long[used];
        double norm = Math.pow(deltaK.boxSize(), 3) / Math.pow((double) deltaK.n() * deltaK.n() * deltaK.n(), 2);
        for (int b = 0, o = 0; b < nb; b++) {
            double w = acc[0][b];
            if (w == 0) continue;
            modes[o] = (long) w;
            k[o] = acc[1][b] / w;
            p0[o] = acc[2][b] / w * norm - shotNoise;
            p2[o] = 5 * acc[3][b] / w * norm;
            p4[o] = 9 * acc[4][b] / w * norm;
            o++;
        }
        return new PowerSpectrum(k, p0, p2, p4, modes, shotNoise);
    }

    /** Cross power of two particle sets in the same box (both painted like {@link #measure(Snapshot)}). */
    public CrossPowerSpectrum cross(float[] positions1, float[] positions2, double boxSize) {
        return cross(DensityField.fourier(positions1, null, mesh, boxSize, assignment, interlacing, true),
                DensityField.fourier(positions2, null, mesh, boxSize, assignment, interlacing, true));
    }

    /** Cross power of two density-contrast grids. */
    public CrossPowerSpectrum cross(RealGrid delta1, RealGrid delta2) {
        return cross(Fft.forward(delta1), Fft.forward(delta2));
    }

    /** Cross power of two transformed fields on the same mesh and box. */
    public CrossPowerSpectrum cross(FourierGrid a, FourierGrid b) {
        if (a.n() != b.n() || a.boxSize() != b.boxSize()) {
            throw new IllegalArgumentException("cross power needs the same mesh and box: " + a.n() + "/" + a.boxSize() + " vs "
                    + b.n() + "/" + b.boxSize());
        }
        Shells sh = shells(a);
        double[][] acc = sum(a, b, sh, false);
        int nb = sh.count(), used = 0;
        for (int i = 0; i < nb; i++) if (acc[0][i] > 0) used++;
        double[] k = new double[used], p12 = new double[used], p11 = new double[used], p22 = new double[used];
        long[] modes = new long[used];
        double norm = Math.pow(a.boxSize(), 3) / Math.pow((double) a.n() * a.n() * a.n(), 2);
        for (int i = 0, o = 0; i < nb; i++) {
            double w = acc[0][i];
            if (w == 0) continue;
            modes[o] = (long) w;
            k[o] = acc[1][i] / w;
            p12[o] = acc[2][i] / w * norm;
            p11[o] = acc[3][i] / w * norm;
            p22[o] = acc[4][i] / w * norm;
            o++;
        }
        return new CrossPowerSpectrum(k, p12, p11, p22, modes);
    }

    /** Shot noise of (weighted) particles: L³/N, or Σw²/(Σw)²·L³. */
    public static double shotNoise(float[] positions, float[] weights, double boxSize) {
        double v = boxSize * boxSize * boxSize;
        if (weights == null) {
            if (positions.length == 0) throw new IllegalArgumentException("no particles");
            return v / (positions.length / 3);
        }
        double s = 0, s2 = 0;
        for (float w : weights) {
            s += w;
            s2 += (double) w * w;
        }
        if (!(s > 0)) throw new IllegalArgumentException("the weights must have a positive sum: " + s);
        return s2 / (s * s) * v;
    }

    private record Shells(double kMin, double width, int count) {}

    private Shells shells(FourierGrid f) {
        double kf = f.fundamental();
        double lo = Double.isNaN(kMin) ? kf / 2 : kMin;
        double dk = Double.isNaN(binWidth) ? kf : binWidth;
        double hi = Double.isNaN(kMax) ? f.nyquist() : kMax;
        int count = (int) Math.floor((hi - lo) / dk + 1e-9);
        if (count < 1) throw new IllegalArgumentException("no k bin between kMin " + lo + " and kMax " + hi + " with width " + dk);
        return new Shells(lo, dk, count);
    }

    /**
     * Per-shell sums over the stored modes, weighted by their multiplicity: rows are
     * [modes, Σ|k|, then auto: Σ|a|²L₀, Σ|a|²L₂, Σ|a|²L₄ or cross: Σ Re a b*, Σ|a|², Σ|b|²].
     */
    private double[][] sum(FourierGrid a, FourierGrid b, Shells sh, boolean auto) {
        int n = a.n(), nb = sh.count();
        float[] va = a.values(), vb = b.values();
        double[][][] slabs = new double[n][][];
        IntStream.range(0, n).parallel().forEach(i -> {
            double[][] acc = new double[5][nb];
            a.forEachModeInSlab(i, (idx, kx, ky, kz, w) -> {
                double k2 = kx * kx + ky * ky + kz * kz;
                if (k2 == 0) return;
                double k = Math.sqrt(k2);
                int bin = (int) Math.floor((k - sh.kMin()) / sh.width());
                if (bin < 0 || bin >= nb) return;
                double ar = va[idx], ai = va[idx + 1];
                acc[0][bin] += w;
                acc[1][bin] += w * k;
                if (auto) {
                    double p = ar * ar + ai * ai;
                    double kl = axis == 0 ? kx : axis == 1 ? ky : kz;
                    double mu2 = kl * kl / k2;
                    acc[2][bin] += w * p;
                    acc[3][bin] += w * p * (1.5 * mu2 - 0.5);
                    acc[4][bin] += w * p * ((35 * mu2 * mu2 - 30 * mu2 + 3) / 8);
                } else {
                    double br = vb[idx], bi = vb[idx + 1];
                    acc[2][bin] += w * (ar * br + ai * bi);
                    acc[3][bin] += w * (ar * ar + ai * ai);
                    acc[4][bin] += w * (br * br + bi * bi);
                }
            });
            slabs[i] = acc;
        });
        double[][] total = new double[5][nb];
        for (double[][] s : slabs) for (int r = 0; r < 5; r++) for (int c = 0; c < nb; c++) total[r][c] += s[r][c];
        return total;
    }

    /** Settings with defaults; {@link #build()} checks them. */
    public static final class Builder {
        private int mesh = 256;
        private MassAssignment assignment = MassAssignment.CIC;
        private boolean interlacing;
        private int axis = 2;
        private double binWidth = Double.NaN;
        private double kMin = Double.NaN;
        private double kMax = Double.NaN;
        private boolean subtractShotNoise = true;

        private Builder() {}

        /** Mesh nodes per side (even; a power of two is fastest). Default 256. */
        public Builder mesh(int n) { mesh = n; return this; }

        /** Mass assignment. Default CIC. */
        public Builder assignment(MassAssignment m) { assignment = Objects.requireNonNull(m, "assignment"); return this; }

        /** Interlace with a grid shifted by half a cell. Default off. */
        public Builder interlacing(boolean on) { interlacing = on; return this; }

        /** Line of sight for the multipoles: 0, 1 or 2 (x, y, z). Default 2. */
        public Builder axis(int a) { axis = a; return this; }

        /** Shell width in h/Mpc. Default the fundamental frequency 2π/L. */
        public Builder binWidth(double dk) { binWidth = dk; return this; }

        /** Lower edge of the first shell, h/Mpc. Default k_F/2. */
        public Builder kMin(double k) { kMin = k; return this; }

        /** Upper limit of the last shell, h/Mpc. Default the Nyquist frequency πn/L. */
        public Builder kMax(double k) { kMax = k; return this; }

        /** Subtract 1/n̄ from P₀ of particles. Default true. */
        public Builder subtractShotNoise(boolean on) { subtractShotNoise = on; return this; }

        public PowerSpectrumEstimator build() {
            if (mesh < 2 || mesh % 2 != 0 || mesh > 1290) throw new IllegalArgumentException("mesh must be even and in [2, 1290]: " + mesh);
            if (axis < 0 || axis > 2) throw new IllegalArgumentException("axis must be 0, 1 or 2: " + axis);
            if (!Double.isNaN(binWidth) && !(binWidth > 0 && binWidth < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("binWidth must be positive h/Mpc: " + binWidth);
            }
            if (!Double.isNaN(kMin) && !(kMin >= 0)) throw new IllegalArgumentException("kMin must be >= 0 h/Mpc: " + kMin);
            if (!Double.isNaN(kMax) && !(kMax > 0)) throw new IllegalArgumentException("kMax must be positive h/Mpc: " + kMax);
            if (!Double.isNaN(kMin) && !Double.isNaN(kMax) && kMax <= kMin) {
                throw new IllegalArgumentException("kMax (" + kMax + ") must exceed kMin: " + kMin);
            }
            return new PowerSpectrumEstimator(this);
        }
    }
}
