package org.distill.physics.inference;

import java.util.Objects;

/**
 * An unnormalised log posterior evaluated at many points at once (an emulator evaluates a batch faster than its
 * points one by one); −∞ marks a point outside the support.
 */
@FunctionalInterface
public interface BatchLogDensity {
    /** log p at each row of {@code points} (points × dimensions). */
    double[] logDensity(double[][] points);

    /** One point at a time. */
    static BatchLogDensity of(LogDensity f) {
        Objects.requireNonNull(f, "f");
        return points -> {
            double[] out = new double[points.length];
            for (int i = 0; i < points.length; i++) out[i] = f.logDensity(points[i]);
            return out;
        };
    }

    /** One point at a time, on the common fork-join pool ({@code f} must be thread-safe). */
    static BatchLogDensity parallel(LogDensity f) {
        Objects.requireNonNull(f, "f");
        return points -> {
            double[] out = new double[points.length];
            java.util.stream.IntStream.range(0, points.length).parallel().forEach(i -> out[i] = f.logDensity(points[i]));
            return out;
        };
    }

    /** An unnormalised log density of one point. */
    @FunctionalInterface
    interface LogDensity {
        double logDensity(double[] point);
    }
}
