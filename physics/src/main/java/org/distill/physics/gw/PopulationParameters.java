package org.distill.physics.gw;

import java.util.List;

/**
 * The four hyper-parameters λ of the {@link PopulationModel}.
 *
 * @param alpha slope of the primary-mass power law, p(m₁) ∝ m₁^−α
 * @param mMax  mass (M☉) at which the smooth taper halves the primary-mass rate
 * @param beta  slope of the mass-ratio power law, p(q) ∝ q^β
 * @param kappa evolution of the merger rate density with redshift, ∝ (1 + z)^κ
 */
public record PopulationParameters(double alpha, double mMax, double beta, double kappa) {
    /** The names, in the order of {@link #toArray()}. */
    public static final List<String> NAMES = List.of("alpha", "m_max", "beta", "kappa");
    /** Lower edges of the uniform prior, in the order of {@link #NAMES}. */
    static final double[] PRIOR_LO = {1.0, 30.0, -1.0, -1.0};
    /** Upper edges of the uniform prior. */
    static final double[] PRIOR_HI = {4.0, 80.0, 4.0, 6.0};

    public PopulationParameters {
        check("alpha", alpha, -20, 20);
        check("mMax", mMax, 0.5 * PopulationModel.M_LO, 2 * PopulationModel.M_HI);
        check("beta", beta, -20, 20);
        check("kappa", kappa, -20, 20);
    }

    private static void check(String name, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "]: " + v);
    }

    /** The parameters {@code {alpha, mMax, beta, kappa}}. */
    public static PopulationParameters of(double[] lambda) {
        if (lambda.length != 4) throw new IllegalArgumentException("expected 4 hyper-parameters, got " + lambda.length);
        return new PopulationParameters(lambda[0], lambda[1], lambda[2], lambda[3]);
    }

    /** {@code {alpha, mMax, beta, kappa}}. */
    public double[] toArray() { return new double[] {alpha, mMax, beta, kappa}; }

    /** The truth of the example: α = 2.35, m_max = 60 M☉, β = 1.5, κ = 2.7. */
    public static PopulationParameters fiducial() { return new PopulationParameters(2.35, 60, 1.5, 2.7); }

    /** Lower edges of the uniform prior: α ≥ 1, m_max ≥ 30, β ≥ −1, κ ≥ −1. */
    public static double[] priorLower() { return PRIOR_LO.clone(); }

    /** Upper edges of the uniform prior: α ≤ 4, m_max ≤ 80, β ≤ 4, κ ≤ 6. */
    public static double[] priorUpper() { return PRIOR_HI.clone(); }

    /** Whether {@code lambda} lies inside the prior box (edges included). */
    public static boolean inPrior(double[] lambda) {
        if (lambda.length != 4) return false;
        for (int i = 0; i < 4; i++) if (!(lambda[i] >= PRIOR_LO[i] && lambda[i] <= PRIOR_HI[i])) return false;
        return true;
    }

    /** Log-density of the uniform prior: −log(volume) inside, −∞ outside. */
    public static double logPrior(double[] lambda) {
        if (!inPrior(lambda)) return Double.NEGATIVE_INFINITY;
        double v = 0;
        for (int i = 0; i < 4; i++) v -= Math.log(PRIOR_HI[i] - PRIOR_LO[i]);
        return v;
    }
}
