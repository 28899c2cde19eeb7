package org.distill.physics.cosmo.sim;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.distill.physics.cosmo.linear.LinearPower;
import org.distill.physics.cosmo.mesh.Fft;
import org.distill.physics.cosmo.mesh.FourierGrid;
import org.distill.physics.cosmo.mesh.RealGrid;

/**
 * Gaussian random fields on an n³ grid with a given power spectrum, drawn the way Quijote's
 * initial conditions are: white noise in real space from the seed, then coloured in Fourier space.
 *
 * <p><b>White noise.</b> Node (i, j, l) gets a unit normal deviate; the x-plane i is drawn from its
 * own {@link SplittableRandom} seeded with a hash of (seed, i), in (j, l) order. The noise therefore
 * depends only on the seed and n: every cosmology, every box size and every spectrum that shares the
 * grid sees the same phases (what Quijote's finite-difference derivatives need), and the planes can
 * be drawn on several threads with the same result.
 *
 * <p><b>Normalisation.</b> With {@link Fft}'s convention w_k = Σ_x w(x) e^{−ik·x}, the noise has
 * ⟨|w_k|²⟩ = n³, and the estimator convention is P(k) = |δ_k|² L³/n⁶. The field is
 * <pre>
 *   δ_k = w_k √(P(k)/H³),   H = L/n  (so ⟨|δ_k|²⟩ = P(k) n⁶/L³)
 * </pre>
 * with the mean (k = 0) set to zero. <b>Fixed amplitudes</b> (Angulo &amp; Pontzen 2016, Quijote's
 * "fixed" fields) replace w_k by w_k/|w_k|·√n³, so that |δ_k|² L³/n⁶ = P(k) exactly for every mode
 * and only the phases are random. <b>Paired</b> fields are the negatives (every phase shifted by π).
 * Hermitian symmetry carries over from the real noise, so the inverse transform is a real field.
 */
public final class GaussianField {
    private GaussianField() { }

    /** Unit-variance white noise on an n³ grid from the seed (the same for any box size and spectrum). */
    public static RealGrid whiteNoise(long seed, int n, double boxSize) {
        RealGrid g = RealGrid.zeros(n, boxSize);
        float[] v = g.values();
        IntStream.range(0, n).parallel().forEach(i -> {
            SplittableRandom r = new SplittableRandom(planeSeed(seed, i));
            int base = i * n * n;
            for (int p = 0; p < n * n; p++) v[base + p] = (float) r.nextGaussian();
        });
        return g;
    }

    static long planeSeed(long seed, int plane) {
        long z = seed * 0x9E3779B97F4A7C15L + (plane + 1) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The Fourier modes δ_k of a Gaussian field with power spectrum {@code power}.
     *
     * @param power   P(k) in (Mpc/h)³, k in h/Mpc
     * @param n       grid nodes per side (even)
     * @param boxSize box side L, Mpc/h
     * @param seed    seed of the white noise
     * @param fixed   fixed amplitudes: |δ_k|² L³/n⁶ = P(k) exactly
     * @param paired  negate the field (phases + π)
     */
    public static FourierGrid fourier(LinearPower power, int n, double boxSize, long seed, boolean fixed, boolean paired) {
        Objects.requireNonNull(power, "power");
        FourierGrid w = Fft.forward(whiteNoise(seed, n, boxSize));
        double cell = boxSize / n;
        double cellVolume = cell * cell * cell;
        double norm = Math.sqrt((double) n * n * n);
        double sign = paired ? -1 : 1;
        float[] c = w.values();
        w.forEachModeParallel((idx, kx, ky, kz, weight) -> {
            double k = Math.sqrt(kx * kx + ky * ky + kz * kz);
            if (k == 0) {
                c[idx] = 0;
                c[idx + 1] = 0;
                return;
            }
            double amp = sign * Math.sqrt(power.at(k) / cellVolume);
            double re = c[idx], im = c[idx + 1];
            if (fixed) {
                double mod = Math.hypot(re, im);
                amp = mod > 0 ? amp * norm / mod : 0;
            }
            c[idx] = (float) (re * amp);
            c[idx + 1] = (float) (im * amp);
        });
        return w;
    }

    /** The field δ(x) in real space: the inverse transform of {@link #fourier}. */
    public static RealGrid realSpace(LinearPower power, int n, double boxSize, long seed, boolean fixed, boolean paired) {
        return Fft.inverse(fourier(power, n, boxSize, seed, fixed, paired));
    }
}
