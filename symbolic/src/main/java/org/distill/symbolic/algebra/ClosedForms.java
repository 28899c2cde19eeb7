package org.distill.symbolic.algebra;

import java.util.OptionalDouble;

/**
 * Snaps fitted constants to short closed forms ({@code 0.50000012 → 1/2}, {@code 3.14159265 → π}).
 * Pure numerics: needs no Symja.
 */
public final class ClosedForms {
    /** Default relative tolerance of {@link #snap(double)}. */
    public static final double DEFAULT_SNAP_TOLERANCE = 1e-6;

    private ClosedForms() {}

    /** {@link #snap(double, double)} with {@link #DEFAULT_SNAP_TOLERANCE}. */
    public static OptionalDouble snap(double c) {
        return snap(c, DEFAULT_SNAP_TOLERANCE);
    }

    /**
     * A short closed form near {@code c}, within {@code relativeTolerance}: {@code p/q} with
     * {@code 1 <= q <= 12} and {@code |p| <= 9999}, alone or times one of {@code π, 1/π, √2, e, π²,
     * √π, √(2π), 1/√(2π), √3}. The simplest candidate wins (plain rationals first, then multiples of π,
     * then of 1/π, √2 or e, then the rest; within those small {@code q} and few digits in
     * {@code p}), then the nearest. A
     * candidate is also rejected when its error is not small against the spacing of its grid
     * ({@code error * q / base > 100 * relativeTolerance}), so that large constants, which always
     * lie near some {@code p/q} in relative terms, are not snapped by chance. Deterministic; needs
     * no Symja.
     *
     * @return the closed form's value, or empty if there is none (also for NaN and infinities)
     */
    public static OptionalDouble snap(double c, double relativeTolerance) {
        if (!(relativeTolerance > 0 && relativeTolerance <= 1e-2)) {
            throw new IllegalArgumentException("relativeTolerance must be in (0, 0.01]: " + relativeTolerance);
        }
        if (!Double.isFinite(c)) return OptionalDouble.empty();
        if (c == 0) return OptionalDouble.of(0.0);
        double bestValue = Double.NaN;
        double bestError = Double.POSITIVE_INFINITY;
        int bestCost = Integer.MAX_VALUE;
        for (int k = 0; k < SNAP_BASES.length; k++) {
            double base = SNAP_BASES[k];
            double r = c / base;
            for (int q = 1; q <= 12; q++) {
                double pq = r * q;
                if (Math.abs(pq) > 1e9) break;
                long p = Math.round(pq);
                if (p == 0 || Math.abs(p) > 9999) continue;
                if (gcd(Math.abs(p), q) != 1) continue; // seen with a smaller q
                double value = base == 1 ? (double) p / q : p * base / q;
                double error = Math.abs(value - c);
                if (error > relativeTolerance * Math.abs(c)) continue;
                if (error * q / Math.abs(base) > 100 * relativeTolerance) continue;
                int cost = 4 * SNAP_COSTS[k] + q + Long.toString(Math.abs(p)).length();
                if (cost < bestCost || (cost == bestCost && error < bestError)) {
                    bestCost = cost;
                    bestError = error;
                    bestValue = value;
                }
            }
        }
        return Double.isNaN(bestValue) ? OptionalDouble.empty() : OptionalDouble.of(bestValue);
    }

    private static final double[] SNAP_BASES = {
        1, Math.PI, 1 / Math.PI, Math.sqrt(2), Math.E, Math.PI * Math.PI, Math.sqrt(Math.PI),
        Math.sqrt(2 * Math.PI), 1 / Math.sqrt(2 * Math.PI), Math.sqrt(3)
    };
    private static final int[] SNAP_COSTS = {0, 1, 2, 2, 2, 3, 3, 3, 3, 3};

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
