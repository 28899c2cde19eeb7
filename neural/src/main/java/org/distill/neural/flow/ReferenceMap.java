package org.distill.neural.flow;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.math3.special.Erf;

/**
 * A fixed map of one bounded observable x ∈ (lo, hi) to a standard-normal-like variable z = Φ⁻¹(F(x)), where F is a
 * reference CDF: a monotone rational-quadratic spline (Gregory &amp; Delbourgo 1982; the transform of Durkan et al. 2019)
 * through knots (xⱼ, uⱼ) with derivatives dⱼ &gt; 0 at the knots, x₀ = lo, x_K = hi, u₀ = 0, u_K = 1. Its density
 * f = F′ is smooth inside each bin, positive and finite up to both edges, so that a density that is finite and non-zero
 * at an edge of the box keeps Gaussian tails in z (a logit would make them exponential).
 *
 * <p>{@link #of(double[], double, double, int)} estimates the spline from a sample: knots at the sample's quantiles
 * (probabilities evenly spaced in logit, so that bins shrink towards the edges, each edge bin holding about 200 of the
 * rows or a quarter of them), derivatives by the
 * shape-preserving weighted harmonic mean of the neighbouring bins' slopes (Fritsch–Butland), one-sided at the edges.
 * log|dz/dx| = log f(x) − log φ(z). Near the upper edge the survival 1 − F is computed directly, so z stays accurate
 * in both tails. Immutable.
 *
 * @param x knots, strictly increasing, x₀ = lo and the last = hi
 * @param u the CDF at the knots, strictly increasing from 0 to 1
 * @param d the derivative of the CDF at the knots, positive and finite
 */
record ReferenceMap(double[] x, double[] u, double[] d) {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    /** Rows in each edge bin (fewer make its slope, and the density at the edge, noisy). */
    private static final int MIN_EDGE_ROWS = 200;

    ReferenceMap {
        x = Objects.requireNonNull(x, "x").clone();
        u = Objects.requireNonNull(u, "u").clone();
        d = Objects.requireNonNull(d, "d").clone();
        int n = x.length;
        if (n < 2) throw new IllegalArgumentException("need at least 2 knots: " + n);
        if (u.length != n || d.length != n)
            throw new IllegalArgumentException("knots " + n + ", CDF values " + u.length + ", derivatives " + d.length);
        if (u[0] != 0 || u[n - 1] != 1) throw new IllegalArgumentException("the CDF must run from 0 to 1: " + u[0] + ", " + u[n - 1]);
        for (int j = 0; j < n; j++) {
            if (!Double.isFinite(x[j])) throw new IllegalArgumentException("knot " + j + " is " + x[j]);
            if (!(d[j] > 0 && Double.isFinite(d[j]))) throw new IllegalArgumentException("derivative " + j + " must be positive: " + d[j]);
            if (j > 0 && !(x[j] > x[j - 1] && u[j] > u[j - 1]))
                throw new IllegalArgumentException("knots must increase: (" + x[j - 1] + ", " + u[j - 1] + ") then (" + x[j] + ", " + u[j] + ")");
        }
    }

    /**
     * The reference CDF of a sample on (lo, hi): about {@code bins} bins.
     *
     * @throws IllegalArgumentException if the sample is too small or has values outside the open box
     */
    static ReferenceMap of(double[] sample, double lo, double hi, int bins) {
        Objects.requireNonNull(sample, "sample");
        if (!(lo < hi)) throw new IllegalArgumentException("need lo < hi: " + lo + ", " + hi);
        if (bins < 2) throw new IllegalArgumentException("bins must be at least 2: " + bins);
        int n = sample.length;
        if (n < 2 * bins) throw new IllegalArgumentException(n + " rows are too few for " + bins + " bins");
        double[] v = sample.clone();
        Arrays.sort(v);
        if (!(v[0] > lo && v[n - 1] < hi))
            throw new IllegalArgumentException("sample values must lie inside (" + lo + ", " + hi + "): " + v[0] + ", " + v[n - 1]);
        // interior knot probabilities evenly spaced in logit between pTail and 1 − pTail: the bins' masses shrink
        // geometrically towards the edges, the smallest (the two edge bins) holding about MIN_EDGE_ROWS rows
        double pTail = Math.min(0.25, (double) MIN_EDGE_ROWS / n);
        double tMax = Math.log((1 - pTail) / pTail);
        double[] xs = new double[bins + 1], us = new double[bins + 1];
        xs[0] = lo;
        int k = 1;
        for (int j = 1; j < bins; j++) {
            double t = bins == 2 ? 0 : -tMax + 2 * tMax * (j - 1) / (bins - 2);
            double p = 1 / (1 + Math.exp(-t));
            // empirical quantile by linear interpolation between order statistics (plotting position i / n)
            double pos = p * n - 0.5;
            int i = (int) Math.floor(pos);
            double q = i < 0 ? v[0] : i >= n - 1 ? v[n - 1] : v[i] + (pos - i) * (v[i + 1] - v[i]);
            if (q > xs[k - 1] && q < hi) {
                xs[k] = q;
                us[k] = p;
                k++;
            }
        }
        xs[k] = hi;
        us[k] = 1;
        double[] x = Arrays.copyOf(xs, k + 1), u = Arrays.copyOf(us, k + 1);
        return new ReferenceMap(x, u, derivatives(x, u));
    }

    /** Fritsch–Butland derivatives: positive weighted harmonic means inside, clamped one-sided estimates at the edges. */
    static double[] derivatives(double[] x, double[] u) {
        int n = x.length;
        double[] h = new double[n - 1], s = new double[n - 1], d = new double[n];
        for (int j = 0; j < n - 1; j++) {
            h[j] = x[j + 1] - x[j];
            s[j] = (u[j + 1] - u[j]) / h[j];
        }
        if (n == 2) {
            d[0] = d[1] = s[0];
            return d;
        }
        for (int j = 1; j < n - 1; j++) {
            double w1 = 2 * h[j] + h[j - 1], w2 = h[j] + 2 * h[j - 1];
            d[j] = (w1 + w2) / (w1 / s[j - 1] + w2 / s[j]);
        }
        d[0] = edge(h[0], h[1], s[0], s[1]);
        d[n - 1] = edge(h[n - 2], h[n - 3 < 0 ? 0 : n - 3], s[n - 2], s[n - 3 < 0 ? 0 : n - 3]);
        return d;
    }

    /** The three-point one-sided derivative at an edge, kept within [s₁/10, 3 s₁]. */
    private static double edge(double h1, double h2, double s1, double s2) {
        double e = ((2 * h1 + h2) * s1 - h1 * s2) / (h1 + h2);
        return Math.min(3 * s1, Math.max(0.1 * s1, e));
    }

    double lower() { return x[0]; }

    double upper() { return x[x.length - 1]; }

    /** The bin holding t: the j with x[j] ≤ t &lt; x[j + 1], clamped to the first and last bins. */
    private int bin(double t) {
        int j = Arrays.binarySearch(x, t);
        if (j < 0) j = -j - 2;
        return Math.max(0, Math.min(x.length - 2, j));
    }

    /** F(t) for t in [lo, hi]. */
    double cdf(double t) {
        int j = bin(t);
        double w = x[j + 1] - x[j], h = u[j + 1] - u[j], s = h / w, xi = (t - x[j]) / w, om = 1 - xi;
        double den = s + (d[j] + d[j + 1] - 2 * s) * xi * om;
        return u[j] + h * xi * (s * xi + d[j] * om) / den;
    }

    /** 1 − F(t), accurate when it is small. */
    double survival(double t) {
        int j = bin(t);
        double w = x[j + 1] - x[j], h = u[j + 1] - u[j], s = h / w, xi = (t - x[j]) / w, om = 1 - xi;
        double den = s + (d[j] + d[j + 1] - 2 * s) * xi * om;
        return (1 - u[j + 1]) + h * om * (s * om + d[j + 1] * xi) / den;
    }

    /** log f(t), f = F′. */
    double logDensity(double t) {
        int j = bin(t);
        double w = x[j + 1] - x[j], h = u[j + 1] - u[j], s = h / w, xi = (t - x[j]) / w, om = 1 - xi;
        double den = s + (d[j] + d[j + 1] - 2 * s) * xi * om;
        return 2 * Math.log(s) + Math.log(d[j + 1] * xi * xi + 2 * s * xi * om + d[j] * om * om) - 2 * Math.log(den);
    }

    /** z = Φ⁻¹(F(t)) for t inside (lo, hi). */
    double toNormal(double t) {
        double f = cdf(t);
        return f <= 0.5 ? probit(f) : -probit(survival(t));
    }

    /** log|dz/dt| = log f(t) − log φ(z) at z = {@link #toNormal(double) toNormal(t)}. */
    double logJacobian(double t, double z) { return logDensity(t) + 0.5 * z * z + LOG_SQRT_2PI; }

    /** The t with Φ⁻¹(F(t)) = z, in [lo, hi]. */
    double fromNormal(double z) {
        if (z <= 0) {
            double p = cdfNormal(z);
            int j = Arrays.binarySearch(u, p);
            if (j < 0) j = -j - 2;
            j = Math.max(0, Math.min(x.length - 2, j));
            double xi = solve((p - u[j]) / (u[j + 1] - u[j]), (u[j + 1] - u[j]) / (x[j + 1] - x[j]), d[j], d[j + 1]);
            return Math.min(x[j + 1], x[j] + (x[j + 1] - x[j]) * xi);
        }
        double q = cdfNormal(-z); // survival
        // the bin j with 1 − u[j + 1] ≤ q < 1 − u[j]
        int j = x.length - 2;
        while (j > 0 && 1 - u[j] <= q) j--;
        double eta = solve((q - (1 - u[j + 1])) / (u[j + 1] - u[j]), (u[j + 1] - u[j]) / (x[j + 1] - x[j]), d[j + 1], d[j]);
        return Math.max(x[j], x[j + 1] - (x[j + 1] - x[j]) * eta);
    }

    /**
     * The ξ ∈ [0, 1] with ξ(sξ + a(1 − ξ)) / (s + (a + b − 2s) ξ(1 − ξ)) = r: the fraction of a bin's height r reached at
     * ξ, for the bin's slope s and derivatives a at ξ = 0 and b at ξ = 1.
     */
    private static double solve(double r, double s, double a, double b) {
        r = Math.min(1, Math.max(0, r));
        double delta = a + b - 2 * s;
        double qa = s - a + r * delta, qb = a - r * delta, qc = -r * s;
        double disc = Math.max(0, qb * qb - 4 * qa * qc);
        double den = -qb - Math.sqrt(disc);
        double xi = den == 0 ? 0 : 2 * qc / den;
        return Math.min(1, Math.max(0, xi));
    }

    /** Φ(z), accurate in the lower tail. */
    static double cdfNormal(double z) { return 0.5 * Erf.erfc(-z / Math.sqrt(2)); }

    /**
     * Φ⁻¹(p) for p in (0, 1): Abramowitz &amp; Stegun 26.2.23 as a start, then Newton steps on log Φ, accurate to
     * about 1e-14 in z down to p ~ 1e-300. ±∞ at 0 and 1.
     */
    static double probit(double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("probability must be in [0, 1]: " + p);
        if (p == 0) return Double.NEGATIVE_INFINITY;
        if (p == 1) return Double.POSITIVE_INFINITY;
        if (p > 0.5) return -probit(1 - p);
        double t = Math.sqrt(-2 * Math.log(p));
        double z = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t));
        double logP = Math.log(p);
        for (int i = 0; i < 6; i++) {
            double phiCdf = cdfNormal(z);
            double g = Math.log(phiCdf) - logP;
            // d log Φ / dz = φ(z) / Φ(z)
            double slope = Math.exp(-0.5 * z * z - LOG_SQRT_2PI - Math.log(phiCdf));
            double step = g / slope;
            z -= step;
            if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(z))) break;
        }
        return z;
    }
}
