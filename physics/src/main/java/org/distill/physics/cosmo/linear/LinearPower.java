package org.distill.physics.cosmo.linear;

import java.io.IOException;
import java.nio.file.Path;
import org.distill.physics.cosmo.Cosmology;

/**
 * A linear matter power spectrum at z = 0: P(k) in (Mpc/h)³ for k in h/Mpc, with its top-hat
 * variance.
 *
 * <p>σ²(R) = ∫ d ln k Δ²(k) W²(kR), Δ² = k³ P(k)/(2π²), W(x) = 3 (sin x − x cos x)/x³. The integral
 * runs over x = kR with Gauss–Legendre rules (Commons Math nodes): 16 points on each of 14 segments
 * of ln x in [1e-6, 1], then 8 points on each half-period (width π) of the oscillating window from
 * x = 1 to x = 400 (the tail beyond contributes &lt; 1e-9 of σ² for cold-dark-matter spectra). The
 * same quadrature gives dlnσ/dlnR = (1/σ²) ∫ d ln k Δ² W(x) W'(x) x.
 *
 * <p>Masses: M = (4π/3) ρ̄ R³ with ρ̄ = {@value #RHO_CRIT} Ω (M☉/h)/(Mpc/h)³, M in M☉/h, R in Mpc/h.
 *
 * <p>A lambda {@code k -> ...} is a LinearPower; the factories give the Eisenstein–Hu spectrum of a
 * {@link Cosmology} ({@link #eisensteinHu(Cosmology)}) or a table ({@link #tabulated}, {@link #read}).
 */
@FunctionalInterface
public interface LinearPower {
    /** Critical density today, ρ_crit = 3H0²/(8πG), in (M☉/h)/(Mpc/h)³. */
    double RHO_CRIT = 2.775e11;

    /** The power P(k) in (Mpc/h)³ at k in h/Mpc (k ≥ 0). */
    double at(double k);

    /**
     * rms linear density contrast in a top-hat sphere of radius {@code r} Mpc/h.
     *
     * @throws IllegalArgumentException if r is not positive and finite
     */
    default double sigma(double r) {
        return Math.sqrt(TopHat.variance(this, r));
    }

    /** dlnσ/dlnR at radius {@code r} Mpc/h (negative for a decreasing σ). */
    default double dlnSigmaDlnR(double r) {
        return TopHat.dlnSigmaDlnR(this, r);
    }

    /** σ(M) for mass {@code mass} M☉/h in a universe of mean density Ω = {@code omega} (Ω_m, or Ω_cb). */
    default double sigmaM(double mass, double omega) {
        return sigma(radius(mass, omega));
    }

    /** This spectrum times {@code factor} (for example D1(a)² to move it to another epoch). */
    default LinearPower scaled(double factor) {
        if (!(factor >= 0 && Double.isFinite(factor))) {
            throw new IllegalArgumentException("factor must be finite and >= 0: " + factor);
        }
        LinearPower self = this;
        return k -> factor * self.at(k);
    }

    /**
     * Lagrangian radius R = [3M/(4π ρ̄)]^(1/3) in Mpc/h of a mass M (M☉/h), ρ̄ = {@value #RHO_CRIT} Ω.
     *
     * @throws IllegalArgumentException if mass or omega is not positive
     */
    static double radius(double mass, double omega) {
        if (!(mass > 0 && Double.isFinite(mass))) throw new IllegalArgumentException("mass must be positive (M☉/h): " + mass);
        if (!(omega > 0 && omega <= 1)) throw new IllegalArgumentException("omega must be in (0, 1]: " + omega);
        return Math.cbrt(3 * mass / (4 * Math.PI * RHO_CRIT * omega));
    }

    /** Mass M = (4π/3) ρ̄ R³ in M☉/h of a top-hat of radius R (Mpc/h), ρ̄ = {@value #RHO_CRIT} Ω. */
    static double mass(double radius, double omega) {
        if (!(radius > 0 && Double.isFinite(radius))) throw new IllegalArgumentException("radius must be positive (Mpc/h): " + radius);
        if (!(omega > 0 && omega <= 1)) throw new IllegalArgumentException("omega must be in (0, 1]: " + omega);
        return 4 * Math.PI / 3 * RHO_CRIT * omega * radius * radius * radius;
    }

    /**
     * The Eisenstein–Hu linear power spectrum of all matter at z = 0, normalised to σ(8 Mpc/h) =
     * {@code cosmology.sigma8()}; see {@link EisensteinHuPower} (EH98 with baryon oscillations, times
     * the EH99 massive-neutrino suppression when Mν &gt; 0).
     */
    static EisensteinHuPower eisensteinHu(Cosmology cosmology) {
        return EisensteinHuPower.of(cosmology);
    }

    /**
     * A tabulated spectrum, log-log interpolated; see {@link TabulatedPower}.
     *
     * @throws IllegalArgumentException unless k is strictly increasing and positive, P positive, at
     *                                  least two rows and equal lengths
     */
    static TabulatedPower tabulated(double[] k, double[] p) {
        return TabulatedPower.of(k, p);
    }

    /**
     * A spectrum read from a text file of two whitespace- (or comma-) separated columns, k in h/Mpc
     * and P in (Mpc/h)³ (CAMB's {@code matterpower.dat}); see {@link TabulatedPower#read(Path)}.
     *
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException naming the file, line and bad text, if the content is malformed
     */
    static TabulatedPower read(Path file) throws IOException {
        return TabulatedPower.read(file);
    }
}
