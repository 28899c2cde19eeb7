package org.distill.physics.gw;

/** A power law x^slope truncated to [lo, hi] (0 &lt; lo &lt; hi): exact normalisation and inverse CDF. */
final class PowerLaw {
    private PowerLaw() { }

    /** log ∫_lo^hi x^slope dx, stable through slope = −1. */
    static double logNorm(double lo, double hi, double slope) {
        double b = slope + 1, r = Math.log(lo / hi); // r < 0
        // ∫ = hi^b (1 − (lo/hi)^b) / b = hi^b · (−expm1(b r)) / b, → hi^b · (−r) as b → 0
        double factor = Math.abs(b * r) < 1e-12 ? -r * (1 + b * r / 2) : -Math.expm1(b * r) / b;
        return b * Math.log(hi) + Math.log(factor);
    }

    /** The x with CDF u ∈ [0, 1). */
    static double inverseCdf(double lo, double hi, double slope, double u) {
        double b = slope + 1, r = Math.log(lo / hi);
        // x = hi · exp(log(1 − (1 − u)(1 − (lo/hi)^b)... written from lo: x^b = lo^b + u (hi^b − lo^b)
        if (Math.abs(b * r) < 1e-12) return lo * Math.exp(-u * r);
        double t = Math.log1p(u * Math.expm1(-b * r)) / b; // log(x / lo)
        return Math.min(hi, lo * Math.exp(t));
    }
}
