package org.distill.physics.cosmo.stats;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.distill.physics.cosmo.mesh.Fft;
import org.distill.physics.cosmo.mesh.FourierGrid;
import org.distill.physics.cosmo.mesh.RealGrid;

/** Fields drawn in the tests: Gaussian random fields of a known P(k), Zel'dovich particles. */
final class TestFields {
    private TestFields() {}

    /** δ_k of a Gaussian field: real-space white noise (unit variance) transformed and scaled by √(P(k) n³/L³). */
    static FourierGrid gaussianK(int n, double box, DoubleUnaryOperator power, long seed) {
        Random r = new Random(seed);
        RealGrid w = RealGrid.zeros(n, box);
        for (int i = 0; i < w.size(); i++) w.values()[i] = (float) r.nextGaussian();
        FourierGrid f = Fft.forward(w);
        double scale = (double) n * n * n / (box * box * box);
        f.multiply((kx, ky, kz) -> {
            double k = Math.sqrt(kx * kx + ky * ky + kz * kz);
            return k == 0 ? 0 : Math.sqrt(power.applyAsDouble(k) * scale);
        });
        return f;
    }

    /** The expectation of the shell averages: a field with |δ_k|² = P(k) exactly on every mode. */
    static FourierGrid fixedAmplitudeK(int n, double box, DoubleUnaryOperator power) {
        FourierGrid f = FourierGrid.zeros(n, box);
        double scale = Math.pow((double) n * n * n, 2) / (box * box * box);
        f.forEachMode((idx, kx, ky, kz, w) -> {
            double k = Math.sqrt(kx * kx + ky * ky + kz * kz);
            f.values()[idx] = k == 0 ? 0 : (float) Math.sqrt(power.applyAsDouble(k) * scale);
        });
        return f;
    }

    /**
     * Particles on an m³ lattice (one per node of the field's mesh) moved by the Zel'dovich
     * displacement ψ_k = i k δ_k/k² of the field; {@code out[1]} holds ψ itself (for velocities).
     */
    static float[][] zeldovich(FourierGrid deltaK) {
        int n = deltaK.n();
        double box = deltaK.boxSize(), h = box / n;
        float[] x = new float[3 * n * n * n], psi = new float[3 * n * n * n];
        for (int a = 0; a < 3; a++) {
            int axis = a;
            FourierGrid g = deltaK.copy();
            float[] v = g.values();
            double kn = deltaK.nyquist();
            g.forEachMode((idx, kx, ky, kz, w) -> {
                double k2 = kx * kx + ky * ky + kz * kz;
                double ka = axis == 0 ? kx : axis == 1 ? ky : kz;
                if (k2 == 0 || Math.abs(ka) >= kn - 1e-9) {
                    v[idx] = 0;
                    v[idx + 1] = 0;
                    return;
                }
                double re = v[idx], im = v[idx + 1], c = ka / k2; // i c (re + i im) = −c im + i c re
                v[idx] = (float) (-c * im);
                v[idx + 1] = (float) (c * re);
            });
            RealGrid d = Fft.inverse(g);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    for (int l = 0; l < n; l++) {
                        int p = d.index(i, j, l);
                        int q = a == 0 ? i : a == 1 ? j : l;
                        double pos = q * h + d.values()[p];
                        pos -= box * Math.floor(pos / box);
                        x[3 * p + a] = (float) (pos >= box ? 0 : pos);
                        psi[3 * p + a] = d.values()[p];
                    }
        }
        return new float[][] {x, psi};
    }
}
