package org.distill.physics.streams;

/**
 * Gaia-like 1σ uncertainties as functions of G. Parallax: the Gaia science-performance form
 * σ_ϖ = √(40 + 800 z + 30 z²) μas with z = 10^{0.4(max(G, 13) − 15)}, which gives ≈ 0.03 mas at G = 15,
 * 0.08 at G = 17 and 0.6 at G = 20, close to Gaia EDR3 (Lindegren et al. 2021: 0.02–0.03, 0.07, 0.5).
 * Proper motions: the same number in mas/yr (EDR3's ratio is near 1). Photometry: σ_G = √(1 + (6·10^{0.4(G−20)})²)
 * mmag and σ_{BP−RP} = √(0.003² + (0.08·10^{0.4(G−20)})²) mag.
 */
public final class GaiaErrors {
    private GaiaErrors() { }

    private static double z(double g) { return Math.pow(10, 0.4 * (Math.max(g, 13) - 15)); }

    /** Parallax uncertainty in mas. */
    public static double parallax(double g) {
        double z = z(g);
        return 1e-3 * Math.sqrt(40 + 800 * z + 30 * z * z);
    }

    /** Proper-motion uncertainty (each component) in mas/yr. */
    public static double properMotion(double g) { return parallax(g); }

    /** G magnitude uncertainty in mag. */
    public static double g(double g) {
        double s = 0.006 * Math.pow(10, 0.4 * (g - 20));
        return Math.sqrt(1e-6 + s * s);
    }

    /** BP−RP colour uncertainty in mag. */
    public static double colour(double g) {
        double s = 0.08 * Math.pow(10, 0.4 * (g - 20));
        return Math.sqrt(9e-6 + s * s);
    }
}
