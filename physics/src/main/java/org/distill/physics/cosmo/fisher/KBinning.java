package org.distill.physics.cosmo.fisher;

import java.util.Objects;
import org.distill.physics.cosmo.stats.PowerSpectrum;

/**
 * Wider k bins up to k_max for a data vector: shells [k_lo + i·Δk, k_lo + (i + 1)·Δk) with k_lo = k_F/2, and only the
 * shells whose upper edge is at most k_max. A spectrum measured on the fine shells of
 * {@link org.distill.physics.cosmo.stats.PowerSpectrumEstimator}'s default (width k_F from k_F/2) is put on them by a
 * mode-weighted average of the fine bins whose mean k falls in the shell: the same number as measuring on the wide
 * shell directly.
 *
 * @param fundamental k_F = 2π/L, h/Mpc
 * @param width       Δk, a whole multiple of k_F is natural, h/Mpc
 * @param kMax        k_max, h/Mpc
 */
public record KBinning(double fundamental, double width, double kMax) {
    public KBinning {
        if (!(fundamental > 0 && Double.isFinite(fundamental))) throw new IllegalArgumentException("fundamental must be positive h/Mpc: " + fundamental);
        if (!(width > 0 && Double.isFinite(width))) throw new IllegalArgumentException("bin width must be positive h/Mpc: " + width);
        if (!(kMax >= fundamental / 2 + width)) {
            throw new IllegalArgumentException("kmax must leave at least one bin (>= " + (fundamental / 2 + width) + " h/Mpc): " + kMax);
        }
    }

    /** Bins of {@code factor}·k_F for a box of side L (Mpc/h). */
    public static KBinning of(double boxSize, int factor, double kMax) {
        if (factor < 1) throw new IllegalArgumentException("bin width factor must be at least 1: " + factor);
        double kf = 2 * Math.PI / boxSize;
        return new KBinning(kf, factor * kf, kMax);
    }

    /** Number of shells. */
    public int bins() { return (int) Math.floor((kMax - fundamental / 2) / width + 1e-9); }

    /**
     * A spectrum on these bins.
     *
     * @param k      mean k of each fine bin
     * @param values the statistic in each fine bin
     * @param modes  modes in each fine bin
     * @throws IllegalArgumentException if a shell has no modes
     */
    public Binned apply(double[] k, double[] values, long[] modes) {
        Objects.requireNonNull(k, "k");
        if (values.length != k.length || modes.length != k.length) {
            throw new IllegalArgumentException("k has " + k.length + " bins, values " + values.length + ", modes " + modes.length);
        }
        int nb = bins();
        double[] sk = new double[nb], sv = new double[nb];
        long[] sm = new long[nb];
        double lo = fundamental / 2;
        for (int i = 0; i < k.length; i++) {
            int b = (int) Math.floor((k[i] - lo) / width);
            if (b < 0 || b >= nb) continue;
            sk[b] += modes[i] * k[i];
            sv[b] += modes[i] * values[i];
            sm[b] += modes[i];
        }
        for (int b = 0; b < nb; b++) {
            if (sm[b] == 0) throw new IllegalArgumentException("k bin " + b + " [" + (lo + b * width) + ", " + (lo + (b + 1) * width) + ") h/Mpc has no modes");
            sk[b] /= sm[b];
            sv[b] /= sm[b];
        }
        return new Binned(sk, sv, sm);
    }

    /** The monopole of a spectrum on these bins. */
    public Binned apply(PowerSpectrum p) { return apply(p.k(), p.p0(), p.modes()); }

    /**
     * A binned statistic.
     *
     * @param k      mode-weighted mean k
     * @param values mode-weighted mean of the statistic
     * @param modes  modes in each shell (k and −k counted)
     */
    public record Binned(double[] k, double[] values, long[] modes) {
        public Binned {
            k = k.clone();
            values = values.clone();
            modes = modes.clone();
        }

        @Override public double[] k() { return k.clone(); }

        @Override public double[] values() { return values.clone(); }

        @Override public long[] modes() { return modes.clone(); }
    }
}
