package org.distill.physics.cosmo;

/**
 * A flat w-CDM cosmology with massive neutrinos: the parameters Quijote varies.
 *
 * @param omegaM total matter density today (cold dark matter + baryons + massive neutrinos), Ω_m
 * @param omegaB baryon density today, Ω_b (at most Ω_m)
 * @param h      Hubble constant in units of 100 km/s/Mpc
 * @param ns     spectral index of the primordial power spectrum
 * @param sigma8 rms of the linear density contrast (cold matter + baryons + neutrinos) in top-hat
 *               spheres of 8 Mpc/h at z = 0
 * @param mnu    sum of the three (degenerate) neutrino masses in eV, Ω_ν h² = Σm_ν / 93.14 eV
 * @param w      dark-energy equation of state (constant); the universe is flat, Ω_Λ = 1 − Ω_m
 */
public record Cosmology(double omegaM, double omegaB, double h, double ns, double sigma8, double mnu, double w) {
    /** Quijote's fiducial cosmology (Villaescusa-Navarro et al. 2020). */
    public static final Cosmology QUIJOTE = new Cosmology(0.3175, 0.049, 0.6711, 0.9624, 0.834, 0, -1);

    /** eV per unit of Ω_ν h² (degenerate masses, T_CMB = 2.7255 K). */
    public static final double NEUTRINO_EV = 93.14;

    public Cosmology {
        check("omegaM", omegaM, 0, 1, false);
        if (!(omegaB > 0 && omegaB < omegaM)) {
            throw new IllegalArgumentException("omegaB must be in (0, omegaM = " + omegaM + "): " + omegaB);
        }
        check("h", h, 0.2, 2, true);
        check("ns", ns, 0.5, 1.5, true);
        check("sigma8", sigma8, 0, 3, false);
        if (!(mnu >= 0 && mnu <= 5)) throw new IllegalArgumentException("mnu must be in [0, 5] eV: " + mnu);
        if (!(w >= -3 && w <= -1.0 / 3)) throw new IllegalArgumentException("w must be in [-3, -1/3]: " + w);
        if (omegaNu(mnu, h) + omegaB >= omegaM) {
            throw new IllegalArgumentException("omegaB + omegaNu (" + (omegaB + omegaNu(mnu, h)) + ") must be below omegaM: " + omegaM);
        }
    }

    private static void check(String name, double v, double lo, double hi, boolean closed) {
        boolean ok = closed ? v >= lo && v <= hi : v > lo && v < hi;
        if (!ok) {
            throw new IllegalArgumentException(name + " must be in " + (closed ? "[" : "(") + lo + ", " + hi
                    + (closed ? "]" : ")") + ": " + v);
        }
    }

    private static double omegaNu(double mnu, double h) { return mnu / (NEUTRINO_EV * h * h); }

    /** Massive-neutrino density today, Ω_ν = Σm_ν / (93.14 eV h²). */
    public double omegaNu() { return omegaNu(mnu, h); }

    /** Cold dark matter density today, Ω_c = Ω_m − Ω_b − Ω_ν. */
    public double omegaCdm() { return omegaM - omegaB - omegaNu(); }

    /** Neutrino fraction of the matter, f_ν = Ω_ν / Ω_m. */
    public double fNu() { return omegaNu() / omegaM; }

    /** Dark-energy density today, Ω_Λ = 1 − Ω_m (flat). */
    public double omegaLambda() { return 1 - omegaM; }

    /** E(a) = H(a)/H0 = √(Ω_m a⁻³ + Ω_Λ a^(−3(1+w))) (radiation neglected). */
    public double e(double a) {
        if (!(a > 0)) throw new IllegalArgumentException("scale factor must be positive: " + a);
        return Math.sqrt(omegaM / (a * a * a) + omegaLambda() * Math.pow(a, -3 * (1 + w)));
    }

    /** Ω_m(a) = Ω_m a⁻³ / E(a)². */
    public double omegaMAt(double a) {
        double e = e(a);
        return omegaM / (a * a * a * e * e);
    }

    public Cosmology withOmegaM(double v) { return new Cosmology(v, omegaB, h, ns, sigma8, mnu, w); }
    public Cosmology withOmegaB(double v) { return new Cosmology(omegaM, v, h, ns, sigma8, mnu, w); }
    public Cosmology withH(double v) { return new Cosmology(omegaM, omegaB, v, ns, sigma8, mnu, w); }
    public Cosmology withNs(double v) { return new Cosmology(omegaM, omegaB, h, v, sigma8, mnu, w); }
    public Cosmology withSigma8(double v) { return new Cosmology(omegaM, omegaB, h, ns, v, mnu, w); }
    public Cosmology withMnu(double v) { return new Cosmology(omegaM, omegaB, h, ns, sigma8, v, w); }
    public Cosmology withW(double v) { return new Cosmology(omegaM, omegaB, h, ns, sigma8, mnu, v); }
}
