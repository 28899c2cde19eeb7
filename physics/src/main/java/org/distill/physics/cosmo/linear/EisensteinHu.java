package org.distill.physics.cosmo.linear;

import java.util.Objects;
import org.distill.physics.cosmo.Cosmology;

/**
 * The Eisenstein &amp; Hu fitting formulae for the matter transfer function: EH98 (ApJ 496, 605,
 * "Baryonic features in the matter transfer function") with baryon acoustic oscillations, its
 * zero-baryon-oscillation form, and the pieces of EH99 (ApJ 511, 5, "Power spectra for cold dark
 * matter and its variants") that describe massive neutrinos: the master function and the
 * scale-dependent growth suppression by free streaming.
 *
 * <p>Wavenumbers are in h/Mpc at the API (converted to 1/Mpc inside, as the papers use);
 * T_CMB = 2.7255 K, Θ = T_CMB/2.7 K. ω_m = Ω_m h² counts all matter (cold dark matter, baryons and
 * massive neutrinos), ω_b = Ω_b h², f_b = Ω_b/Ω_m, f_c = 1 − f_b in EH98 (neutrinos counted as cold
 * there; their effect enters through {@link #neutrinoSuppression(double)}).
 *
 * <h2>EH98 (equation numbers of the paper)</h2>
 * <pre>
 *   1 + z_eq = 2.50e4 ω_m Θ⁻⁴   (eq. 2; the authors' code uses it as 1 + z_eq)
 *   k_eq = 7.46e-2 ω_m Θ⁻² Mpc⁻¹                             (3)
 *   z_d  = 1291 ω_m^0.251 / (1 + 0.659 ω_m^0.828) (1 + b1 ω_b^b2),
 *          b1 = 0.313 ω_m^−0.419 (1 + 0.607 ω_m^0.674), b2 = 0.238 ω_m^0.223     (4)
 *   R(z) = 31.5 ω_b Θ⁻⁴ (z/10³)⁻¹, R_d = R at 1 + z_d, R_eq = R at 1 + z_eq   (5)
 *   s    = 2/(3 k_eq) √(6/R_eq) ln[(√(1+R_d) + √(R_d+R_eq)) / (1 + √R_eq)]      (6)
 *   k_silk = 1.6 ω_b^0.52 ω_m^0.73 [1 + (10.4 ω_m)^−0.95] Mpc⁻¹                (7)
 *   q = k/(13.41 k_eq)                                        (10)
 *   T0(k, α, β) = ln(e + 1.8 β q) / [ln(e + 1.8 β q) + C q²],  C = 14.2/α + 386/(1 + 69.9 q^1.08)   (19, 20)
 *   T_c = f T0(k, 1, β_c) + (1 − f) T0(k, α_c, β_c),  f = 1/[1 + (k s/5.4)⁴]   (17, 18)
 *   α_c = a1^−f_b a2^−f_b³, a1 = (46.9 ω_m)^0.670 [1 + (32.1 ω_m)^−0.532], a2 = (12.0 ω_m)^0.424 [1 + (45.0 ω_m)^−0.582]  (11)
 *   β_c⁻¹ = 1 + b1 (f_c^b2 − 1), b1 = 0.944/[1 + (458 ω_m)^−0.708], b2 = (0.395 ω_m)^−0.0266   (12)
 *   T_b = [T0(k,1,1)/(1 + (k s/5.2)²) + α_b/(1 + (β_b/(k s))³) e^−(k/k_silk)^1.4] j0(k s̃)   (21)
 *   s̃ = s/[1 + (β_node/(k s))³]^(1/3), β_node = 8.41 ω_m^0.435                 (22, 23)
 *   α_b = 2.07 k_eq s (1 + R_d)^−3/4 G((1 + z_eq)/(1 + z_d)),
 *   G(y) = y [−6√(1+y) + (2 + 3y) ln((√(1+y) + 1)/(√(1+y) − 1))]               (14, 15)
 *   β_b = 0.5 + f_b + (3 − 2 f_b) √((17.2 ω_m)² + 1)                          (24)
 *   T = f_b T_b + f_c T_c                                                       (16)
 * </pre>
 * and the form without oscillations (eqs. 26, 28–31): s_fit = 44.5 ln(9.83/ω_m)/√(1 + 10 ω_b^¾) Mpc,
 * α_Γ = 1 − 0.328 ln(431 ω_m) f_b + 0.38 ln(22.3 ω_m) f_b², Γ_eff = ω_m [α_Γ + (1 − α_Γ)/(1 + (0.43 k s_fit)⁴)],
 * q = k Θ²/Γ_eff, T = L0/(L0 + C0 q²), L0 = ln(2e + 1.8 q), C0 = 14.2 + 731/(1 + 62.5 q).
 *
 * <h2>EH99 (equation numbers of the paper)</h2>
 * With f_ν = Ω_ν/Ω_m, f_cb = 1 − f_ν, f_bν = f_b + f_ν, N_ν = 3 degenerate species,
 * q = k Θ²/ω_m (k in Mpc⁻¹), y_d = (1 + z_eq)/(1 + z_d) with z_eq and z_d as above,
 * p_c = [5 − √(1 + 24 f_c)]/4, p_cb = [5 − √(1 + 24 f_cb)]/4 (eq. 11):
 * <pre>
 *   y_fs = 17.2 f_ν (1 + 0.488 f_ν^−7/6) (N_ν q/f_ν)²                          (14)
 *   D_cb(q, a)  = [1 + (D1/(1 + y_fs))^0.7]^(p_cb/0.7) D1^(1 − p_cb)           (12)
 *   D_cbν(q, a) = [f_cb^(0.7/p_cb) + (D1/(1 + y_fs))^0.7]^(p_cb/0.7) D1^(1 − p_cb)   (13)
 *   α_ν = f_c/f_cb (5 − 2(p_c + p_cb))/(5 − 4 p_cb) (1 + y_d)^(p_cb − p_c) [1 + f_bν(−0.553 + 0.126 f_bν²)]
 *         / [1 − 0.193 √(f_ν N_ν) + 0.169 f_ν N_ν^0.2] [1 + (p_c − p_cb)/2 (1 + 1/((3 − 4p_c)(7 − 4p_cb)))/(1 + y_d)]   (15)
 *   Γ_eff = ω_m [√α_ν + (1 − √α_ν)/(1 + (0.43 k s_fit)⁴)], q_eff = k Θ²/Γ_eff         (16)
 *   T_sup = L/(L + C q_eff²), L = ln(e + 1.84 β_c √α_ν q_eff), C = 14.4 + 325/(1 + 60.5 q_eff^1.11),
 *   β_c = 1/(1 − 0.949 f_bν)                                                    (17–21)
 *   B(k) = 1 + 1.2 f_ν^0.64 N_ν^(0.3 + 0.6 f_ν) / (q_ν^−1.6 + q_ν^0.8), q_ν = 3.92 q √(N_ν/f_ν)  (22, 23)
 *   T_master = T_sup B(k);  T_cb = T_master D_cb/D1,  T_cbν = T_master D_cbν/D1            (24)
 * </pre>
 * Here D1 is the growth of all matter normalised to (1 + z_eq) a in the matter era; EH99 use the
 * Carroll, Press &amp; Turner (1992) fit for it, {@link EisensteinHuPower} uses the integrated
 * {@link Growth} (D1 = (1 + z_eq) × {@link Growth#d1MatterEra(double)}), which also covers w ≠ −1.
 * The coefficient of B(k) is 1.2, as in the authors' public code.
 *
 * <p>Checked against the authors' public C code ({@code power.c}, {@code tf_fit.c}) as
 * reimplemented in nbodykit's {@code cosmology/power/transfers.py} and in sbird/spb_common's
 * {@code halo_mass_function.py}. Immutable and thread-safe.
 */
public final class EisensteinHu {
    /** CMB temperature in K. */
    public static final double T_CMB = 2.7255;
    /** Number of degenerate massive neutrino species (Quijote: three of mass Σm_ν/3). */
    public static final int N_NU = 3;

    private final Cosmology cosmology;
    private final double h;
    private final double omh2;
    private final double obh2;
    private final double fb;
    private final double fc;
    private final double zEq;
    private final double kEq;
    private final double zDrag;
    private final double rDrag;
    private final double rEq;
    private final double s;
    private final double kSilk;
    private final double alphaC;
    private final double betaC;
    private final double alphaB;
    private final double betaB;
    private final double betaNode;
    private final double theta2;
    // no-wiggle
    private final double sFit;
    private final double alphaGamma;
    // EH99
    private final Eh99 nu;
    private final Eh99 noNu;

    private EisensteinHu(Cosmology c) {
        this.cosmology = c;
        this.h = c.h();
        double theta = T_CMB / 2.7;
        this.theta2 = theta * theta;
        this.omh2 = c.omegaM() * h * h;
        this.obh2 = c.omegaB() * h * h;
        this.fb = c.omegaB() / c.omegaM();
        this.fc = 1 - fb;
        this.zEq = 2.50e4 * omh2 / (theta2 * theta2);
        this.kEq = 7.46e-2 * omh2 / theta2;
        double b1 = 0.313 * Math.pow(omh2, -0.419) * (1 + 0.607 * Math.pow(omh2, 0.674));
        double b2 = 0.238 * Math.pow(omh2, 0.223);
        this.zDrag = 1291 * Math.pow(omh2, 0.251) / (1 + 0.659 * Math.pow(omh2, 0.828)) * (1 + b1 * Math.pow(obh2, b2));
        this.rDrag = 31.5 * obh2 / (theta2 * theta2) * (1000 / (1 + zDrag));
        this.rEq = 31.5 * obh2 / (theta2 * theta2) * (1000 / zEq);
        this.s = 2 / (3 * kEq) * Math.sqrt(6 / rEq)
                * Math.log((Math.sqrt(1 + rDrag) + Math.sqrt(rDrag + rEq)) / (1 + Math.sqrt(rEq)));
        this.kSilk = 1.6 * Math.pow(obh2, 0.52) * Math.pow(omh2, 0.73) * (1 + Math.pow(10.4 * omh2, -0.95));
        double a1 = Math.pow(46.9 * omh2, 0.670) * (1 + Math.pow(32.1 * omh2, -0.532));
        double a2 = Math.pow(12.0 * omh2, 0.424) * (1 + Math.pow(45.0 * omh2, -0.582));
        this.alphaC = Math.pow(a1, -fb) * Math.pow(a2, -fb * fb * fb);
        double bb1 = 0.944 / (1 + Math.pow(458 * omh2, -0.708));
        double bb2 = Math.pow(0.395 * omh2, -0.0266);
        this.betaC = 1 / (1 + bb1 * (Math.pow(fc, bb2) - 1));
        double y = zEq / (1 + zDrag);
        double sq = Math.sqrt(1 + y);
        double g = y * (-6 * sq + (2 + 3 * y) * Math.log((sq + 1) / (sq - 1)));
        this.alphaB = 2.07 * kEq * s * Math.pow(1 + rDrag, -0.75) * g;
        this.betaB = 0.5 + fb + (3 - 2 * fb) * Math.sqrt(Math.pow(17.2 * omh2, 2) + 1);
        this.betaNode = 8.41 * Math.pow(omh2, 0.435);
        this.sFit = 44.5 * Math.log(9.83 / omh2) / Math.sqrt(1 + 10 * Math.pow(obh2, 0.75));
        this.alphaGamma = 1 - 0.328 * Math.log(431 * omh2) * fb + 0.38 * Math.log(22.3 * omh2) * fb * fb;
        this.nu = new Eh99(c.fNu());
        this.noNu = c.fNu() > 0 ? new Eh99(0) : nu;
    }

    /**
     * The fitting formulae for {@code cosmology}.
     *
     * @throws NullPointerException if {@code cosmology} is null
     */
    public static EisensteinHu of(Cosmology cosmology) {
        return new EisensteinHu(Objects.requireNonNull(cosmology, "cosmology"));
    }

    /** The cosmology. */
    public Cosmology cosmology() { return cosmology; }

    /** 1 + z_eq = 2.50e4 ω_m Θ⁻⁴, matter–radiation equality (EH98 eq. 2, read as 1 + z like the authors' code). */
    public double onePlusZEquality() { return zEq; }

    /** Wavenumber of the horizon at equality k_eq in 1/Mpc (EH98 eq. 3). */
    public double kEquality() { return kEq; }

    /** Drag-epoch redshift z_d (EH98 eq. 4). */
    public double zDrag() { return zDrag; }

    /** Sound horizon at the drag epoch s in Mpc (EH98 eq. 6); times h for Mpc/h. */
    public double soundHorizon() { return s; }

    /** The sound-horizon fit s_fit = 44.5 ln(9.83/ω_m)/√(1 + 10 ω_b^¾) in Mpc (EH98 eq. 26). */
    public double soundHorizonFit() { return sFit; }

    /** Silk damping wavenumber k_silk in 1/Mpc (EH98 eq. 7). */
    public double kSilk() { return kSilk; }

    /** α_c, β_c, α_b, β_b and β_node of EH98 (eqs. 11, 12, 14, 24, 23), in that order. */
    public double[] shapeParameters() { return new double[] {alphaC, betaC, alphaB, betaB, betaNode}; }

    private static double t0(double q, double alpha, double beta) {
        double l = Math.log(Math.E + 1.8 * beta * q);
        double c = 14.2 / alpha + 386 / (1 + 69.9 * Math.pow(q, 1.08));
        return l / (l + c * q * q);
    }

    private static void checkK(double k) {
        if (!(k >= 0 && Double.isFinite(k))) throw new IllegalArgumentException("k must be finite and >= 0 h/Mpc: " + k);
    }

    /**
     * The EH98 transfer function with baryon oscillations at k (h/Mpc), T(0) = 1. Neutrinos are
     * counted as cold matter here.
     */
    public double transfer(double kh) {
        checkK(kh);
        if (kh == 0) return 1;
        double k = kh * h;
        double q = k / (13.41 * kEq);
        double ks = k * s;
        double f = 1 / (1 + Math.pow(ks / 5.4, 4));
        double tc = f * t0(q, 1, betaC) + (1 - f) * t0(q, alphaC, betaC);
        double sTilde = s / Math.cbrt(1 + Math.pow(betaNode / ks, 3));
        double x = k * sTilde;
        double j0 = x < 1e-4 ? 1 - x * x / 6 : Math.sin(x) / x;
        double tb = (t0(q, 1, 1) / (1 + Math.pow(ks / 5.2, 2))
                + alphaB / (1 + Math.pow(betaB / ks, 3)) * Math.exp(-Math.pow(k / kSilk, 1.4))) * j0;
        return fb * tb + fc * tc;
    }

    /** The EH98 transfer function without acoustic oscillations (eqs. 26–31) at k (h/Mpc), T(0) = 1. */
    public double transferNoWiggle(double kh) {
        checkK(kh);
        if (kh == 0) return 1;
        double k = kh * h;
        double gammaEff = omh2 * (alphaGamma + (1 - alphaGamma) / (1 + Math.pow(0.43 * k * sFit, 4)));
        double q = k * theta2 / gammaEff;
        double l0 = Math.log(2 * Math.E + 1.8 * q);
        double c0 = 14.2 + 731 / (1 + 62.5 * q);
        return l0 / (l0 + c0 * q * q);
    }

    /** The EH99 master transfer function T_master(k) (eq. 24) at k (h/Mpc), T(0) = 1. */
    public double transferMaster(double kh) {
        checkK(kh);
        return nu.master(kh * h);
    }

    /**
     * The EH99 growth D_cb(k, a) of cold dark matter + baryons (eq. 12), for a given all-matter growth
     * d1 in EH99's normalisation ((1 + z_eq) a in the matter era).
     */
    public double growthCb(double kh, double d1) {
        checkK(kh);
        return nu.growthCb(kh * h, d1);
    }

    /** The EH99 growth D_cbν(k, a) of all matter (eq. 13), for an all-matter growth d1 as in {@link #growthCb}. */
    public double growthCbNu(double kh, double d1) {
        checkK(kh);
        return nu.growthCbNu(kh * h, d1);
    }

    /**
     * The neutrino suppression of the transfer function at z = 0 relative to the same cosmology with
     * the neutrinos' density given to cold dark matter: T_master(k; f_ν)/T_master(k; 0), EH99
     * (eq. 24). It is 1 for f_ν = 0 and → 1 as k → 0; the growth part D_cbν/D1 is separate
     * ({@link #growthCbNu}).
     */
    public double neutrinoSuppression(double kh) {
        checkK(kh);
        if (nu == noNu) return 1;
        return nu.master(kh * h) / noNu.master(kh * h);
    }

    /** EH99 for one neutrino fraction (f_ν = 0 gives the massless limit with no free streaming). */
    private final class Eh99 {
        final double fNu;
        final double fCb;
        final double pCb;
        final double alphaNuSqrt;
        final double betaCNu;

        Eh99(double fNu) {
            this.fNu = fNu;
            this.fCb = 1 - fNu;
            double fCdm = 1 - fb - fNu;
            double fBNu = fb + fNu;
            double pC = 0.25 * (5 - Math.sqrt(1 + 24 * fCdm));
            this.pCb = 0.25 * (5 - Math.sqrt(1 + 24 * fCb));
            double yDrag = zEq / (1 + zDrag);
            double alphaNu = fCdm / fCb * (5 - 2 * (pC + pCb)) / (5 - 4 * pCb)
                    * Math.pow(1 + yDrag, pCb - pC)
                    * (1 + fBNu * (-0.553 + 0.126 * fBNu * fBNu))
                    / (1 - 0.193 * Math.sqrt(fNu * N_NU) + 0.169 * fNu * Math.pow(N_NU, 0.2))
                    * (1 + (pC - pCb) / 2 * (1 + 1 / ((3 - 4 * pC) * (7 - 4 * pCb))) / (1 + yDrag));
            this.alphaNuSqrt = Math.sqrt(alphaNu);
            this.betaCNu = 1 / (1 - 0.949 * fBNu);
        }

        double master(double k) {
            if (k == 0) return 1;
            double q = k * theta2 / omh2;
            double gammaEff = omh2 * (alphaNuSqrt + (1 - alphaNuSqrt) / (1 + Math.pow(k * sFit * 0.43, 4)));
            double qEff = q * omh2 / gammaEff;
            double l = Math.log(Math.E + 1.84 * betaCNu * alphaNuSqrt * qEff);
            double c = 14.4 + 325 / (1 + 60.5 * Math.pow(qEff, 1.11));
            double sup = l / (l + c * qEff * qEff);
            if (fNu == 0) return sup;
            double qNu = 3.92 * q * Math.sqrt(N_NU / fNu);
            double maxFs = 1 + 1.2 * Math.pow(fNu, 0.64) * Math.pow(N_NU, 0.3 + 0.6 * fNu)
                    / (Math.pow(qNu, -1.6) + Math.pow(qNu, 0.8));
            return sup * maxFs;
        }

        /** (D1/(1 + y_fs))^0.7 */
        private double streaming(double k, double d1) {
            double q = k * theta2 / omh2;
            double yFs = 17.2 * fNu * (1 + 0.488 * Math.pow(fNu, -7.0 / 6)) * Math.pow(N_NU * q / fNu, 2);
            return Math.pow(d1 / (1 + yFs), 0.7);
        }

        double growthCb(double k, double d1) {
            if (fNu == 0) return d1;
            return Math.pow(1 + streaming(k, d1), pCb / 0.7) * Math.pow(d1, 1 - pCb);
        }

        double growthCbNu(double k, double d1) {
            if (fNu == 0) return d1;
            return Math.pow(Math.pow(fCb, 0.7 / pCb) + streaming(k, d1), pCb / 0.7) * Math.pow(d1, 1 - pCb);
        }
    }
}
