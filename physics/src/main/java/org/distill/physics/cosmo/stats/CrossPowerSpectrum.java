package org.distill.physics.cosmo.stats;

import java.util.Objects;

/**
 * Cross power of two fields in spherical bins, P₁₂(k) = ⟨Re δ₁(k) δ₂*(k)⟩ L³/n⁶, with the two
 * auto spectra measured on the same modes (no shot noise subtracted from any) and the correlation
 * coefficient r(k) = P₁₂/√(P₁₁P₂₂), which is 1 for a field with itself and |r| ≤ 1 always.
 *
 * @param k     mean wavenumber of each bin, h/Mpc
 * @param p12   cross power, (Mpc/h)³
 * @param p11   auto power of the first field
 * @param p22   auto power of the second field
 * @param modes modes per bin
 */
public record CrossPowerSpectrum(double[] k, double[] p12, double[] p11, double[] p22, long[] modes) {
    public CrossPowerSpectrum {
        Objects.requireNonNull(k, "k");
        int n = k.length;
        if (p12.length != n || p11.length != n || p22.length != n || modes.length != n) {
            throw new IllegalArgumentException("k has " + n + " bins, p12/p11/p22/modes have " + p12.length + "/" + p11.length
                    + "/" + p22.length + "/" + modes.length);
        }
        k = k.clone();
        p12 = p12.clone();
        p11 = p11.clone();
        p22 = p22.clone();
        modes = modes.clone();
    }

    /** r(k) = P₁₂/√(P₁₁P₂₂) per bin (NaN where an auto power is zero). */
    public double[] r() {
        double[] r = new double[k.length];
        for (int i = 0; i < r.length; i++) {
            double d = Math.sqrt(p11[i] * p22[i]);
            r[i] = d > 0 ? p12[i] / d : Double.NaN;
        }
        return r;
    }

    /** Number of bins. */
    public int size() { return k.length; }
}
