package org.distill.physics.cosmo.linear;

import java.util.Objects;
import org.distill.physics.cosmo.Cosmology;

/**
 * The Eisenstein–Hu linear power spectra of a {@link Cosmology}, at any scale factor, with the
 * scale-dependent growth of massive neutrinos: all matter (cb + ν), cold matter (cdm + baryons), and
 * the neutrino-to-cold density ratio that a particle-mesh code with neutrinos by linear response
 * multiplies its cold-matter density by.
 *
 * <h2>Spectra</h2>
 * <pre>
 *   P_m(k, a)  = A k^ns T(k)² S(k)² [g D_cbν(k, a)]²
 *   P_cb(k, a) = A k^ns T(k)² S(k)² [g D_cb(k, a)]²
 * </pre>
 * <ul>
 *   <li>T(k): EH98 transfer function with baryon acoustic oscillations ({@link EisensteinHu#transfer});
 *       ω_m counts the neutrinos as matter.</li>
 *   <li>S(k) = T_master(k; f_ν)/T_master(k; 0): the EH99 change of the transfer-function shape by the
 *       neutrinos at fixed Ω_m, ω_b ({@link EisensteinHu#neutrinoSuppression}); S = 1 for Mν = 0.</li>
 *   <li>D_cb(k, a), D_cbν(k, a): EH99 eqs. 12–13 with EH99's scale-independent D1 replaced by the
 *       integrated {@link Growth} ((1 + z_eq) {@link Growth#d1MatterEra}), divided by their k → 0 limit
 *       today so that both → {@link Growth#d1(double)} as k → 0 (and equal it for Mν = 0).</li>
 *   <li>g = D1(1) in the matter-era normalisation ({@link Growth#d1TodayMatterEra()}).</li>
 *   <li>A: by default set so that σ(8 Mpc/h) of P_m(k, 1) equals σ8 ({@link #of}); or from the
 *       primordial amplitude A_s of Δ²_ζ(k) = A_s (k/k_p)^(ns−1), k_p = 0.05 Mpc⁻¹ ({@link #ofAmplitude}):
 *       A = (8π²/25) A_s (c/H0)⁴ k_p^(1−ns) / Ω_m², from δ = (2/5) ζ k² D T/(Ω_m H0²) in the matter era
 *       (c/H0 = 2997.92458 Mpc/h, k_p in h/Mpc).</li>
 * </ul>
 * For Mν = 0 this is exactly the EH98 spectrum with baryon wiggles. For Mν &gt; 0 it is EH98 times the
 * EH99 neutrino effects (shape S and growth D_cbν/D1) rather than EH99's smooth master function alone:
 * the BAO stay, and P changes continuously with Mν (Mν derivatives by finite differences see no
 * wiggle/no-wiggle jump at Mν = 0). At fixed A_s the ratio P_m(Mν)/P_m(0) is EH99's.
 *
 * <h2>Neutrino linear response</h2>
 * With δ_m = f_cb δ_cb + f_ν δ_ν and δ_X ∝ D_X:
 * <pre>
 *   δ_m/δ_cb (k, a) = D_cbν/D_cb                             ({@link #totalToCb})
 *   δ_ν/δ_cb (k, a) = (D_cbν/D_cb − f_cb)/f_ν                 ({@link #neutrinoRatio})
 *                   = {[f_cb^(0.7/p_cb) + t]/(1 + t)}^(p_cb/0.7)/f_ν − f_cb/f_ν,  t = (D1/(1 + y_fs))^0.7
 * </pre>
 * It lies in [0, 1]: → 1 on scales larger than the free-streaming length (t → ∞) and → 0 far below
 * (y_fs → ∞). A PM code adds f_ν δ_ν = f_ν (δ_ν/δ_cb) δ_cb to the Poisson source, i.e. uses
 * δ_m = (D_cbν/D_cb) δ_cb. For Mν = 0 the ratio δ_ν/δ_cb is reported as 1 and D_cbν/D_cb = 1 exactly.
 *
 * <p>One evaluation costs about a microsecond; tabulate in |k| for a whole mesh. Immutable and
 * thread-safe.
 */
public final class EisensteinHuPower implements LinearPower {
    /** Pivot scale of A_s in 1/Mpc. */
    public static final double PIVOT = 0.05;
    /** Hubble distance c/H0 in Mpc/h. */
    public static final double HUBBLE_DISTANCE = 2997.92458;

    private final Cosmology cosmology;
    private final Growth growth;
    private final EisensteinHu eh;
    private final double g;
    private final double zEq;
    private final double amplitude;

    private EisensteinHuPower(Cosmology cosmology, Growth growth, double amplitude) {
        this.cosmology = cosmology;
        this.growth = growth;
        this.eh = EisensteinHu.of(cosmology);
        this.g = growth.d1TodayMatterEra();
        this.zEq = eh.onePlusZEquality();
        this.amplitude = amplitude;
    }

    /**
     * The spectra normalised to σ(8 Mpc/h) = {@code cosmology.sigma8()} for all matter at z = 0.
     *
     * @throws NullPointerException if cosmology is null
     */
    public static EisensteinHuPower of(Cosmology cosmology) {
        Objects.requireNonNull(cosmology, "cosmology");
        EisensteinHuPower unit = new EisensteinHuPower(cosmology, Growth.of(cosmology), 1);
        double s8 = unit.sigma(8);
        return new EisensteinHuPower(cosmology, unit.growth, cosmology.sigma8() * cosmology.sigma8() / (s8 * s8));
    }

    /**
     * The spectra for a primordial amplitude A_s (at k_p = 0.05 Mpc⁻¹); {@code cosmology.sigma8()} is
     * ignored ({@link #sigma8()} gives the result).
     *
     * @throws IllegalArgumentException unless 0 &lt; As &lt; 1e-6
     */
    public static EisensteinHuPower ofAmplitude(Cosmology cosmology, double as) {
        Objects.requireNonNull(cosmology, "cosmology");
        if (!(as > 0 && as < 1e-6)) throw new IllegalArgumentException("As must be in (0, 1e-6): " + as);
        return new EisensteinHuPower(cosmology, Growth.of(cosmology), as * amplitudePerAs(cosmology));
    }

    private static double amplitudePerAs(Cosmology c) {
        double kp = PIVOT / c.h();
        return 8 * Math.PI * Math.PI / 25 * Math.pow(HUBBLE_DISTANCE, 4) * Math.pow(kp, 1 - c.ns())
                / (c.omegaM() * c.omegaM());
    }

    /** The cosmology. */
    public Cosmology cosmology() { return cosmology; }

    /** The scale-independent growth used (D1 of all matter, neutrinos counted as matter). */
    public Growth growth() { return growth; }

    /** The transfer functions. */
    public EisensteinHu transferFunctions() { return eh; }

    /** The primordial amplitude A_s at k_p = 0.05 Mpc⁻¹ that this normalisation implies. */
    public double primordialAmplitude() { return amplitude / amplitudePerAs(cosmology); }

    /** σ(8 Mpc/h) of all matter at z = 0 (equal to the cosmology's σ8 when made by {@link #of}). */
    public double sigma8() { return sigma(8); }

    /** σ(M) at z = 0 for all matter, ρ̄ = {@value LinearPower#RHO_CRIT} Ω_m. */
    public double sigmaM(double mass) { return sigmaM(mass, cosmology.omegaM()); }

    private double shape(double k) {
        double t = eh.transfer(k) * eh.neutrinoSuppression(k);
        return amplitude * Math.pow(k, cosmology.ns()) * t * t;
    }

    /** P_m(k, 1): all matter at z = 0. */
    @Override
    public double at(double k) { return total(k, 1); }

    /** Linear power of all matter (cb + ν), P_m(k, a), in (Mpc/h)³. */
    public double total(double k, double a) {
        double d = g * growthCbNu(k, a);
        return shape(k) * d * d;
    }

    /** Linear power of cold dark matter + baryons, P_cb(k, a), in (Mpc/h)³. */
    public double cb(double k, double a) {
        double d = g * growthCb(k, a);
        return shape(k) * d * d;
    }

    /** P_m(·, a) as a {@link LinearPower}. */
    public LinearPower totalAt(double a) {
        growth.d1(a); // validates a
        return k -> total(k, a);
    }

    /** P_cb(·, a) as a {@link LinearPower}. */
    public LinearPower cbAt(double a) {
        growth.d1(a);
        return k -> cb(k, a);
    }

    /** D_cb(k, a), normalised so that it → D1(a) as k → 0 (EH99 eq. 12). */
    public double growthCb(double k, double a) {
        double d1 = zEq * growth.d1MatterEra(a);
        return eh.growthCb(k, d1) / (zEq * g);
    }

    /** D_cbν(k, a), normalised so that it → D1(a) as k → 0 (EH99 eq. 13). */
    public double growthCbNu(double k, double a) {
        double d1 = zEq * growth.d1MatterEra(a);
        return eh.growthCbNu(k, d1) / (zEq * g);
    }

    /** δ_m/δ_cb = D_cbν/D_cb at (k, a): 1 for Mν = 0, between f_cb and 1 otherwise. */
    public double totalToCb(double k, double a) {
        if (cosmology.mnu() == 0) {
            growth.d1(a);
            return 1;
        }
        double d1 = zEq * growth.d1MatterEra(a);
        return eh.growthCbNu(k, d1) / eh.growthCb(k, d1);
    }

    /** δ_ν/δ_cb = (D_cbν/D_cb − f_cb)/f_ν at (k, a), in [0, 1]; 1 for Mν = 0. */
    public double neutrinoRatio(double k, double a) {
        double r = totalToCb(k, a);
        if (cosmology.mnu() == 0) return 1;
        double fNu = cosmology.fNu();
        return (r - (1 - fNu)) / fNu;
    }
}
