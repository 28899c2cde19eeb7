package org.distill.physics.inference;

import java.util.Arrays;
import java.util.Objects;

/**
 * A one-dimensional posterior summary.
 *
 * @param mean     the sample mean
 * @param sd       the sample standard deviation
 * @param lo       16th percentile (lower edge of the central 68 % interval)
 * @param hi       84th percentile
 * @param lo95     2.5th percentile (lower edge of the central 95 % interval)
 * @param hi95     97.5th percentile
 * @param median   50th percentile
 */
public record Summary(double mean, double sd, double lo, double hi, double lo95, double hi95, double median) {
    /** The summary of {@code samples} (at least two); percentiles by linear interpolation between order statistics. */
    public static Summary of(double[] samples) {
        Objects.requireNonNull(samples, "samples");
        if (samples.length < 2) throw new IllegalArgumentException("need at least 2 samples: " + samples.length);
        double[] s = samples.clone();
        Arrays.sort(s);
        double mean = 0;
        for (double v : s) mean += v;
        mean /= s.length;
        double var = 0;
        for (double v : s) var += (v - mean) * (v - mean);
        return new Summary(mean, Math.sqrt(var / (s.length - 1)), quantile(s, 0.16), quantile(s, 0.84),
                quantile(s, 0.025), quantile(s, 0.975), quantile(s, 0.5));
    }

    /** The {@code p} quantile of sorted values (linear interpolation, numpy's default). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int i = (int) Math.floor(h);
        if (i >= sorted.length - 1) return sorted[sorted.length - 1];
        return sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]);
    }

    /** Whether {@code value} lies in the central 95 % interval. */
    public boolean covers95(double value) { return value >= lo95 && value <= hi95; }
}
