package org.distill.physics.inference;

import java.util.Objects;

/**
 * The walkers' positions after each step of an {@link EnsembleSampler} run.
 *
 * @param samples    positions, steps × walkers × dimensions
 * @param logProb    log posterior of each walker after each step, steps × walkers
 * @param acceptance fraction of proposals accepted (NaN when no step was run)
 */
public record Chain(double[][][] samples, double[][] logProb, double acceptance) {
    public Chain {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(logProb, "logProb");
        if (samples.length != logProb.length)
            throw new IllegalArgumentException(samples.length + " steps of samples, " + logProb.length + " of log posteriors");
    }

    public int steps() { return samples.length; }

    public int walkers() { return samples.length == 0 ? 0 : samples[0].length; }

    public int dimensions() { return samples.length == 0 ? 0 : samples[0][0].length; }

    private void checkBurnIn(int burnIn) {
        if (burnIn < 0 || burnIn >= steps())
            throw new IllegalArgumentException("burnIn must be in [0, steps − 1 = " + (steps() - 1) + "]: " + burnIn);
    }

    /** Each walker's trace of {@code dimension} after {@code burnIn} steps: walkers × (steps − burnIn). */
    public double[][] traces(int dimension, int burnIn) {
        checkBurnIn(burnIn);
        if (dimension < 0 || dimension >= dimensions())
            throw new IllegalArgumentException("dimension must be in [0, " + (dimensions() - 1) + "]: " + dimension);
        int n = steps() - burnIn;
        double[][] t = new double[walkers()][n];
        for (int s = 0; s < n; s++)
            for (int k = 0; k < walkers(); k++) t[k][s] = samples[burnIn + s][k][dimension];
        return t;
    }

    /** All walkers' positions after {@code burnIn} steps, one row each ((steps − burnIn)·walkers × dimensions). */
    public double[][] flat(int burnIn) {
        checkBurnIn(burnIn);
        int w = walkers();
        double[][] out = new double[(steps() - burnIn) * w][];
        for (int s = burnIn; s < steps(); s++)
            for (int k = 0; k < w; k++) out[(s - burnIn) * w + k] = samples[s][k].clone();
        return out;
    }

    /** The marginal posterior summary of {@code dimension} after {@code burnIn} steps. */
    public Summary summary(int dimension, int burnIn) {
        double[][] t = traces(dimension, burnIn);
        double[] all = new double[t.length * t[0].length];
        for (int k = 0; k < t.length; k++) System.arraycopy(t[k], 0, all, k * t[0].length, t[0].length);
        return Summary.of(all);
    }

    /** emcee's integrated autocorrelation time of each dimension after {@code burnIn} steps (window constant 5). */
    public double[] autocorrelationTimes(int burnIn) {
        double[] tau = new double[dimensions()];
        for (int d = 0; d < tau.length; d++) tau[d] = Diagnostics.integratedTime(traces(d, burnIn), 5);
        return tau;
    }

    /** Split R̂ of each dimension after {@code burnIn} steps, each walker's trace counting as two chains. */
    public double[] splitRhat(int burnIn) {
        double[] r = new double[dimensions()];
        for (int d = 0; d < r.length; d++) r[d] = Diagnostics.splitRhat(traces(d, burnIn));
        return r;
    }
}
