package org.distill.physics.inference;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Goodman &amp; Weare's affine-invariant ensemble sampler with the stretch move, as in emcee: the walkers are split in
 * two halves, and each walker X_k of one half moves towards or away from a walker X_j drawn from the other half,
 * Y = X_j + Z (X_k − X_j) with Z drawn from g(z) ∝ 1/√z on [1/a, a], accepted with probability
 * min(1, Z^(d−1) p(Y)/p(X_k)). A half's proposals are evaluated in one batch. Seeded by the configuration alone.
 */
public final class EnsembleSampler {
    private final SamplerConfig config;

    private EnsembleSampler(SamplerConfig config) { this.config = config; }

    public static EnsembleSampler of(SamplerConfig config) {
        return new EnsembleSampler(Objects.requireNonNull(config, "config"));
    }

    public SamplerConfig config() { return config; }

    /** Runs the configured steps from {@code initial} (walkers × dimensions). */
    public Chain run(BatchLogDensity logPosterior, double[][] initial) {
        return run(logPosterior, initial, new AtomicBoolean());
    }

    /**
     * Runs from {@code initial} (walkers × dimensions, each with a finite log posterior) until the configured steps are
     * done or {@code cancel} becomes true (checked before every step; the chain then holds the steps done).
     *
     * @throws IllegalArgumentException if the walkers' number or dimension is wrong, there are fewer than twice as many
     *                                  walkers as dimensions, or a start has no finite log posterior
     */
    public Chain run(BatchLogDensity logPosterior, double[][] initial, AtomicBoolean cancel) {
        Objects.requireNonNull(logPosterior, "logPosterior");
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(cancel, "cancel");
        int w = config.walkers();
        if (initial.length != w) throw new IllegalArgumentException("expected " + w + " initial walkers, got " + initial.length);
        int d = initial[0].length;
        if (d < 1) throw new IllegalArgumentException("walkers must have at least one dimension");
        if (w < 2 * d) throw new IllegalArgumentException("walkers must be at least twice the dimension " + d + ": " + w);
        double[][] x = new double[w][];
        for (int k = 0; k < w; k++) {
            if (initial[k].length != d)
                throw new IllegalArgumentException("walker " + k + " has " + initial[k].length + " dimensions, expected " + d);
            x[k] = initial[k].clone();
        }
        double[] lp = logPosterior.logDensity(x);
        for (int k = 0; k < w; k++)
            if (!Double.isFinite(lp[k]))
                throw new IllegalArgumentException("walker " + k + " starts where the log posterior is " + lp[k]);
        var random = new SplittableRandom(config.seed());
        double a = config.stretch();
        int half = w / 2, steps = config.steps();
        double[][][] samples = new double[steps][][];
        double[][] logProb = new double[steps][];
        long accepted = 0;
        int done = 0;
        double[][] proposal = new double[half][d];
        double[] z = new double[half];
        for (int s = 0; s < steps; s++) {
            if (cancel.get()) break;
            for (int part = 0; part < 2; part++) {
                int from = part * half, other = (1 - part) * half;
                for (int i = 0; i < half; i++) {
                    double u = random.nextDouble();
                    double zz = (a - 1) * u + 1;
                    z[i] = zz * zz / a;
                    double[] xj = x[other + random.nextInt(half)], xk = x[from + i];
                    for (int c = 0; c < d; c++) proposal[i][c] = xj[c] + z[i] * (xk[c] - xj[c]);
                }
                double[] lpNew = logPosterior.logDensity(proposal);
                for (int i = 0; i < half; i++) {
                    double logRatio = (d - 1) * Math.log(z[i]) + lpNew[i] - lp[from + i];
                    if (Double.isFinite(lpNew[i]) && Math.log(random.nextDouble()) < logRatio) {
                        x[from + i] = proposal[i].clone();
                        lp[from + i] = lpNew[i];
                        accepted++;
                    }
                }
            }
            samples[s] = new double[w][];
            for (int k = 0; k < w; k++) samples[s][k] = x[k].clone();
            logProb[s] = lp.clone();
            done++;
        }
        return new Chain(java.util.Arrays.copyOf(samples, done), java.util.Arrays.copyOf(logProb, done),
                done == 0 ? Double.NaN : accepted / ((double) done * w));
    }
}
