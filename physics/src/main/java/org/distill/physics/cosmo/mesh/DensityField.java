package org.distill.physics.cosmo.mesh;

import java.util.Objects;

/**
 * Density contrast of particles on a mesh, in real or Fourier space.
 *
 * <p>Real space: the particles' weights are painted with a {@link MassAssignment} and
 * δ = ρ/ρ̄ − 1, ρ̄ = Σw/n³. Fourier space ({@link #fourier}): δ_k of that grid, optionally
 * interlaced and with the assignment window divided out. Interlacing (Sefusatti et al. 2016)
 * paints a second grid with the particles shifted by s = (H/2, H/2, H/2), whose transform is
 * δ₂(k) = δ(k)e^{−ik·s} plus aliases of the opposite sign for odd images, and averages
 * δ(k) = [δ₁(k) + δ₂(k) e^{+ik·s}]/2, which cancels the leading aliased power.
 */
public final class DensityField {
    private DensityField() {}

    /** δ on an n³ grid: paint then ρ/ρ̄ − 1. */
    public static RealGrid contrast(float[] positions, float[] weights, int n, double boxSize, MassAssignment mas) {
        Objects.requireNonNull(mas, "mas");
        RealGrid g = RealGrid.zeros(n, boxSize);
        mas.paint(g, positions, weights);
        return g.toContrast();
    }

    /**
     * δ_k of the particles (forward FFT of the contrast, see {@link Fft} for the normalisation).
     *
     * @param interlace   average with the grid shifted by half a cell
     * @param deconvolve  divide by the assignment window W(k)
     */
    public static FourierGrid fourier(float[] positions, float[] weights, int n, double boxSize, MassAssignment mas,
                                      boolean interlace, boolean deconvolve) {
        FourierGrid f = Fft.forward(contrast(positions, weights, n, boxSize, mas));
        if (interlace) {
            double s = boxSize / n / 2;
            RealGrid g2 = RealGrid.zeros(n, boxSize);
            mas.paint(g2, positions, weights, s);
            FourierGrid f2 = Fft.forward(g2.toContrast());
            float[] a = f.values(), b = f2.values();
            f.forEachModeParallel((idx, kx, ky, kz, w) -> {
                double phase = (kx + ky + kz) * s;
                double c = Math.cos(phase), sn = Math.sin(phase);
                double re = b[idx] * c - b[idx + 1] * sn, im = b[idx] * sn + b[idx + 1] * c;
                a[idx] = (float) (0.5 * (a[idx] + re));
                a[idx + 1] = (float) (0.5 * (a[idx + 1] + im));
            });
        }
        if (deconvolve) mas.deconvolve(f);
        return f;
    }
}
