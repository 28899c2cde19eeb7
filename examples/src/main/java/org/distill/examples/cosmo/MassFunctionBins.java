package org.distill.examples.cosmo;

import java.util.Arrays;
import org.distill.physics.cosmo.HaloCatalog;

/**
 * A measured halo mass function: dn/dlnM = N / (V Δln M) in logarithmic mass bins, with the Poisson error √N / (V Δln M).
 *
 * @param mass   geometric bin centres, M☉/h (bins with at least one halo)
 * @param dndlnM the mass function, (h/Mpc)³
 * @param error  its Poisson error
 * @param counts halos per bin
 */
public record MassFunctionBins(double[] mass, double[] dndlnM, double[] error, int[] counts) {
    /** Bins of {@code dex} decades from the lightest halo of {@code halos} (empty for an empty catalogue). */
    public static MassFunctionBins of(HaloCatalog halos, double dex) {
        if (!(dex > 0 && dex <= 2)) throw new IllegalArgumentException("dex must be in (0, 2]: " + dex);
        double[] m = halos.masses();
        if (m.length == 0) return new MassFunctionBins(new double[0], new double[0], new double[0], new int[0]);
        double lo = Arrays.stream(m).min().orElseThrow(), hi = Arrays.stream(m).max().orElseThrow();
        double start = Math.log10(lo) - 1e-9;
        int bins = Math.max(1, (int) Math.ceil((Math.log10(hi) + 1e-9 - start) / dex));
        int[] count = new int[bins];
        for (double v : m) count[Math.min(bins - 1, (int) ((Math.log10(v) - start) / dex))]++;
        double volume = Math.pow(halos.boxSize(), 3), width = dex * Math.log(10);
        int used = (int) Arrays.stream(count).filter(c -> c > 0).count();
        double[] centre = new double[used], f = new double[used], err = new double[used];
        int[] n = new int[used];
        for (int b = 0, u = 0; b < bins; b++) {
            if (count[b] == 0) continue;
            centre[u] = Math.pow(10, start + (b + 0.5) * dex);
            f[u] = count[b] / (volume * width);
            err[u] = Math.sqrt(count[b]) / (volume * width);
            n[u++] = count[b];
        }
        return new MassFunctionBins(centre, f, err, n);
    }
}
