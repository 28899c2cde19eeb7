package org.distill.physics.cosmo.stats;

import java.util.Locale;
import java.util.Objects;
import org.distill.physics.cosmo.Snapshot;
import org.distill.physics.cosmo.mesh.DensityField;
import org.distill.physics.cosmo.mesh.Fft;
import org.distill.physics.cosmo.mesh.FourierGrid;
import org.distill.physics.cosmo.mesh.MassAssignment;
import org.distill.physics.cosmo.mesh.RealGrid;

/**
 * White's (2016) mark, as used for the marked power spectrum by Massara et al. (2020):
 * <pre>
 *   m(x) = [(1 + δs)/(1 + δs + δ_R(x))]^p
 * </pre>
 * with δ_R the density contrast smoothed with a top-hat of radius R, W(kR) = 3(sin x − x cos x)/x³
 * applied in Fourier space (x = kR); δ_R is painted with a {@link MassAssignment} on a mesh (the
 * window is not divided out, as in Pylians), interpolated to each particle with the same kernel and
 * clipped at −1 (its physical minimum) so the base stays positive. The marked density field is the
 * particles painted with weight m_i/m̄; its contrast δ_M = ρ_M/ρ̄_M − 1, and its power spectrum is
 * {@link PowerSpectrumEstimator#measure(float[], float[], double)} with the marks as weights (the
 * shot noise of weights, Σm²/(Σm)²·L³).
 *
 * @param radius smoothing radius R, Mpc/h (positive)
 * @param p      exponent p (p = 0: every mark is 1; p &gt; 0 up-weights low densities)
 * @param deltaS δs &gt; 0
 */
public record WhiteMark(double radius, double p, double deltaS) {
    /** Massara et al.'s preferred mark: R = 10 Mpc/h, p = 2, δs = 0.25. */
    public static final WhiteMark MASSARA = new WhiteMark(10, 2, 0.25);

    public WhiteMark {
        if (!(radius > 0 && radius < 1e5)) throw new IllegalArgumentException("mark radius R must be in (0, 1e5) Mpc/h: " + radius);
        if (!(Math.abs(p) <= 20)) throw new IllegalArgumentException("mark exponent p must be in [-20, 20]: " + p);
        if (!(deltaS > 0 && deltaS < 1e4)) throw new IllegalArgumentException("mark deltaS must be in (0, 1e4): " + deltaS);
    }

    /** Parses "R,p,δs", e.g. "10,2,0.25". */
    public static WhiteMark parse(String s) {
        String[] c = s.split(",");
        if (c.length != 3) throw new IllegalArgumentException("mark must be R,p,deltaS (e.g. 10,2,0.25): '" + s + "'");
        try {
            return new WhiteMark(Double.parseDouble(c[0].trim()), Double.parseDouble(c[1].trim()), Double.parseDouble(c[2].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("mark must be three numbers R,p,deltaS: '" + s + "'");
        }
    }

    /** The mark of a smoothed contrast δ_R (clipped at −1). */
    public double mark(double deltaR) {
        double d = Math.max(deltaR, -1);
        return Math.pow((1 + deltaS) / (1 + deltaS + d), p);
    }

    /** Top-hat window W(kR) = 3(sin x − x cos x)/x³. */
    public static double topHat(double x) {
        if (Math.abs(x) < 1e-3) return 1 - x * x / 10;
        return 3 * (Math.sin(x) - x * Math.cos(x)) / (x * x * x);
    }

    /** δ_R: the contrast of the particles on an n³ mesh, smoothed with the top-hat of radius R. */
    public RealGrid smoothedContrast(float[] positions, double boxSize, int mesh, MassAssignment mas) {
        FourierGrid f = Fft.forward(DensityField.contrast(positions, null, mesh, boxSize, mas));
        f.multiply((kx, ky, kz) -> topHat(Math.sqrt(kx * kx + ky * ky + kz * kz) * radius));
        return Fft.inverse(f);
    }

    /** The mark of each particle (N values). */
    public float[] marks(float[] positions, double boxSize, int mesh, MassAssignment mas) {
        Objects.requireNonNull(mas, "mas");
        RealGrid dR = smoothedContrast(positions, boxSize, mesh, mas);
        float[] m = mas.interpolate(dR, positions, null);
        for (int i = 0; i < m.length; i++) m[i] = (float) mark(m[i]);
        return m;
    }

    /** The marked density contrast δ_M on an n³ mesh: particles weighted by m_i/m̄. */
    public RealGrid markedContrast(float[] positions, float[] marks, double boxSize, int mesh, MassAssignment mas) {
        return DensityField.contrast(positions, marks, mesh, boxSize, mas);
    }

    /** The marked power spectrum of a snapshot with the estimator's mesh and assignment. */
    public PowerSpectrum power(Snapshot s, PowerSpectrumEstimator estimator) {
        return power(s.positions(), s.boxSize(), estimator);
    }

    /** The marked power spectrum of particles (marks on the estimator's mesh, then painted with them as weights). */
    public PowerSpectrum power(float[] positions, double boxSize, PowerSpectrumEstimator estimator) {
        float[] m = marks(positions, boxSize, estimator.mesh(), estimator.assignment());
        return estimator.measure(positions, m, boxSize);
    }

    @Override
    public String toString() { return String.format(Locale.ROOT, "%g,%g,%g", radius, p, deltaS); }
}
