package org.distill.physics.cosmo.linear;

import java.util.Objects;

/**
 * Halo mass functions in the universal form
 * <pre>
 *   dn/dlnM = f(σ, z) (ρ̄/M) |dlnσ/dlnM|,   σ = σ(M, z) = σ0(M) D1(a)
 * </pre>
 * with n in (h/Mpc)³, M in M☉/h, ρ̄ = {@value LinearPower#RHO_CRIT} Ω (comoving), σ0 the z = 0 top-hat
 * rms of the linear spectrum and ν = δ_c/σ, δ_c = {@value #DELTA_C} (the Einstein–de Sitter value
 * (3/20)(12π)^(2/3)). The multiplicity functions f:
 * <ul>
 *   <li>{@link #PRESS_SCHECHTER} (Press &amp; Schechter 1974): f = √(2/π) ν e^(−ν²/2);
 *       ∫ f dln(1/σ) = 1.</li>
 *   <li>{@link #SHETH_TORMEN} (Sheth &amp; Tormen 1999, eq. 10): f = A √(2a/π) [1 + (aν²)^−p] ν e^(−aν²/2),
 *       A = 0.3222, a = 0.707, p = 0.3; ∫ f dln(1/σ) ≈ 1.</li>
 *   <li>{@link #TINKER08} (Tinker et al. 2008, eqs. 3, 5–8, Δ = 200 relative to the mean density):
 *       f = A [(σ/b)^−a + 1] e^(−c/σ²), A = 0.186 (1+z)^−0.14, a = 1.47 (1+z)^−0.06, b = 2.57 (1+z)^−α,
 *       c = 1.19, log10 α = −[0.75/log10(Δ/75)]^1.2 (α ≈ 0.0107); calibrated for z ≤ 2.5.</li>
 * </ul>
 * For massive neutrinos use the cold-matter spectrum P_cb and Ω_cb = Ω_m − Ω_ν (Castorina et al.
 * 2014), as {@link #dndlnM(EisensteinHuPower, double, double)} does.
 */
public enum MassFunction {
    /** Press &amp; Schechter (1974). */
    PRESS_SCHECHTER {
        @Override
        public double multiplicity(double sigma, double z) {
            check(sigma, z);
            double nu = DELTA_C / sigma;
            return Math.sqrt(2 / Math.PI) * nu * Math.exp(-0.5 * nu * nu);
        }
    },
    /** Sheth &amp; Tormen (1999). */
    SHETH_TORMEN {
        @Override
        public double multiplicity(double sigma, double z) {
            check(sigma, z);
            double nu = DELTA_C / sigma;
            double anu2 = ST_A_SMALL * nu * nu;
            return ST_A * Math.sqrt(2 * ST_A_SMALL / Math.PI) * (1 + Math.pow(anu2, -ST_P)) * nu * Math.exp(-0.5 * anu2);
        }
    },
    /** Tinker et al. (2008), Δ = 200 times the mean density, with its redshift dependence. */
    TINKER08 {
        @Override
        public double multiplicity(double sigma, double z) {
            check(sigma, z);
            double zp1 = 1 + z;
            double a = 0.186 * Math.pow(zp1, -0.14);
            double aa = 1.47 * Math.pow(zp1, -0.06);
            double alpha = Math.pow(10, -Math.pow(0.75 / Math.log10(200.0 / 75), 1.2));
            double b = 2.57 * Math.pow(zp1, -alpha);
            double c = 1.19;
            return a * (Math.pow(sigma / b, -aa) + 1) * Math.exp(-c / (sigma * sigma));
        }
    };

    /** Critical linear overdensity for spherical collapse, (3/20)(12π)^(2/3). */
    public static final double DELTA_C = 1.686470199841145;
    private static final double ST_A = 0.3222;
    private static final double ST_A_SMALL = 0.707;
    private static final double ST_P = 0.3;

    /**
     * The multiplicity function f(σ, z) = (M/ρ̄) dn/dln(1/σ).
     *
     * @throws IllegalArgumentException unless σ &gt; 0 and z ≥ 0 are finite
     */
    public abstract double multiplicity(double sigma, double z);

    private static void check(double sigma, double z) {
        if (!(sigma > 0 && Double.isFinite(sigma))) throw new IllegalArgumentException("sigma must be positive and finite: " + sigma);
        if (!(z >= 0 && Double.isFinite(z))) throw new IllegalArgumentException("z must be finite and >= 0: " + z);
    }

    /**
     * dn/dlnM in (h/Mpc)³ at mass {@code mass} (M☉/h) and redshift {@code z}, from a z = 0 linear
     * spectrum {@code power} of matter with mean density Ω = {@code omega}, moved to z by D1(a).
     */
    public double dndlnM(LinearPower power, double omega, Growth growth, double mass, double z) {
        Objects.requireNonNull(power, "power");
        Objects.requireNonNull(growth, "growth");
        if (!(z >= 0 && Double.isFinite(z))) throw new IllegalArgumentException("z must be finite and >= 0: " + z);
        double d = growth.d1(1 / (1 + z));
        return dndlnM(power, omega, mass, d, z);
    }

    /**
     * dn/dlnM in (h/Mpc)³ for the Eisenstein–Hu spectra: σ from the cold-matter spectrum P_cb(k, a)
     * and ρ̄ from Ω_cb = Ω_m − Ω_ν (for Mν = 0 these are P_m(k) D1(a)² and Ω_m).
     */
    public double dndlnM(EisensteinHuPower power, double mass, double z) {
        Objects.requireNonNull(power, "power");
        if (!(z >= 0 && Double.isFinite(z))) throw new IllegalArgumentException("z must be finite and >= 0: " + z);
        double omegaCb = power.cosmology().omegaM() - power.cosmology().omegaNu();
        return dndlnM(power.cbAt(1 / (1 + z)), omegaCb, mass, 1, z);
    }

    private double dndlnM(LinearPower power, double omega, double mass, double growth, double z) {
        double r = LinearPower.radius(mass, omega);
        double sigma = power.sigma(r) * growth;
        double dlnSigmaDlnM = power.dlnSigmaDlnR(r) / 3;
        return multiplicity(sigma, z) * LinearPower.RHO_CRIT * omega / mass * Math.abs(dlnSigmaDlnM);
    }
}
