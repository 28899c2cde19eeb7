package org.distill.physics.cosmo.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.distill.physics.cosmo.Cosmology;
import org.junit.jupiter.api.Test;

class EisensteinHuTest {
    /** ω_m = 0.14, ω_b = 0.0224 (a Planck-like cosmology), h = 0.7. */
    static final Cosmology PLANCKISH = new Cosmology(0.14 / 0.49, 0.0224 / 0.49, 0.7, 0.965, 0.81, 0, -1);

    @Test
    void scalesMatchTheFittingFormulaeOfThepaper() {
        EisensteinHu eh = EisensteinHu.of(PLANCKISH);
        // EH98 eqs. 2–7 evaluated separately (Python, double precision) for ω_m = 0.14, ω_b = 0.0224,
        // T_CMB = 2.7255 K: 1 + z_eq = 3370.8417, k_eq = 0.0102495/Mpc, z_d = 1020.5232,
        // s = 151.62617 Mpc, k_silk = 0.0898110/Mpc
        assertThat(eh.onePlusZEquality()).isCloseTo(3370.841681991784, within(1e-9));
        assertThat(eh.kEquality()).isCloseTo(0.01024948439931195, within(1e-14));
        assertThat(eh.zDrag()).isCloseTo(1020.523158586833, within(1e-9));
        assertThat(eh.soundHorizon()).isCloseTo(151.62616773907993, within(1e-9));
        assertThat(eh.kSilk()).isCloseTo(0.08981101646238422, within(1e-12));
        // the simpler eq. 26 agrees with eq. 6 to the paper's stated ~2 %
        assertThat(eh.soundHorizonFit() / eh.soundHorizon()).isCloseTo(1, within(0.02));
    }

    @Test
    void soundHorizonIsTheIntegralOfTheSoundSpeed() {
        // s = ∫_0^{a_d} c_s da/(a² H), c_s = c/√(3(1 + R)), R = 31.5 ω_b Θ⁻⁴ 10³ a, H for matter +
        // radiation with a_eq = 1/(1 + z_eq): eq. 6 is its closed form.
        EisensteinHu eh = EisensteinHu.of(PLANCKISH);
        double theta = EisensteinHu.T_CMB / 2.7;
        double omh2 = 0.14;
        double rc = 31.5 * 0.0224 / Math.pow(theta, 4) * 1000;
        double aEq = 1 / eh.onePlusZEquality();
        double aD = 1 / (1 + eh.zDrag());
        double hubbleDistance = 2997.92458; // c/(100 km/s/Mpc) in Mpc
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(16, 1e-12, 1e-300);
        // a = u² removes the √a behaviour at a → 0
        double s = integrator.integrate(100_000, u -> {
            double a = u * u;
            double hOverC = Math.sqrt(omh2) / hubbleDistance * Math.pow(a, -1.5) * Math.sqrt(1 + aEq / a);
            return 2 * u / Math.sqrt(3 * (1 + rc * a)) / (a * a * hOverC);
        }, 0, Math.sqrt(aD));
        assertThat(eh.soundHorizon() / s).isCloseTo(1, within(1e-3));
    }

    @Test
    void transferFunctionsTendToOneOnLargeScalesAndFallOnSmallOnes() {
        EisensteinHu eh = EisensteinHu.of(Cosmology.QUIJOTE);
        assertThat(eh.transfer(0)).isEqualTo(1);
        assertThat(eh.transfer(1e-5)).isCloseTo(1, within(1e-5));
        assertThat(eh.transferNoWiggle(1e-5)).isCloseTo(1, within(1e-5));
        assertThat(eh.transferMaster(1e-5)).isCloseTo(1, within(1e-5));
        // small scales: T ∝ ln(k)/k², so k² T rises only logarithmically
        double k2t10 = 100 * eh.transfer(10);
        double k2t100 = 1e4 * eh.transfer(100);
        assertThat(k2t100 / k2t10).isBetween(1.2, 2.0);
        // the smooth forms agree with the wiggly one to a few per cent away from the oscillations
        for (double k : new double[] {1e-3, 1e-2, 0.5, 1, 10}) {
            assertThat(eh.transferNoWiggle(k) / eh.transfer(k)).as("k %s", k).isCloseTo(1, within(0.03));
            assertThat(eh.transferMaster(k) / eh.transferNoWiggle(k)).as("k %s", k).isCloseTo(1, within(0.05));
        }
        assertThatThrownBy(() -> eh.transfer(-1)).hasMessageContaining("k must be finite and >= 0 h/Mpc: -1.0");
    }

    @Test
    void baryonWigglesOscillateWithTheSoundHorizon() {
        EisensteinHu eh = EisensteinHu.of(Cosmology.QUIJOTE);
        double s = eh.soundHorizon() * Cosmology.QUIJOTE.h(); // Mpc/h
        assertThat(eh.soundHorizon()).isCloseTo(150, within(3.0));
        List<Double> peaks = new ArrayList<>();
        double dk = 1e-4;
        double prev2 = ratio(eh, 0.03 - 2 * dk);
        double prev = ratio(eh, 0.03 - dk);
        double minR = Double.MAX_VALUE;
        double maxR = -Double.MAX_VALUE;
        for (double k = 0.03; k < 0.4; k += dk) {
            double r = ratio(eh, k);
            if (prev > prev2 && prev > r) peaks.add(k - dk);
            prev2 = prev;
            prev = r;
            minR = Math.min(minR, r);
            maxR = Math.max(maxR, r);
        }
        assertThat(peaks).hasSizeGreaterThanOrEqualTo(4);
        double spacing = (peaks.get(peaks.size() - 1) - peaks.get(0)) / (peaks.size() - 1);
        assertThat(spacing).isCloseTo(2 * Math.PI / s, within(0.1 * 2 * Math.PI / s));
        // the wiggles are a few per cent of the power
        assertThat(maxR - minR).isGreaterThan(0.05);
        // and there are none in the no-wiggle form: its ratio to the master function is monotone-ish smooth
        // (no sign changes of the second difference at the BAO period)
        int turns = 0;
        double p2 = eh.transferNoWiggle(0.03 - 2 * dk) / eh.transferMaster(0.03 - 2 * dk);
        double p1 = eh.transferNoWiggle(0.03 - dk) / eh.transferMaster(0.03 - dk);
        for (double k = 0.03; k < 0.4; k += dk) {
            double r = eh.transferNoWiggle(k) / eh.transferMaster(k);
            if ((p1 - p2) * (r - p1) < 0) turns++;
            p2 = p1;
            p1 = r;
        }
        assertThat(turns).isLessThanOrEqualTo(2);
    }

    private static double ratio(EisensteinHu eh, double k) {
        double t = eh.transfer(k) / eh.transferNoWiggle(k);
        return t * t;
    }

    @Test
    void withoutNeutrinosTheEh99PiecesAreTrivial() {
        EisensteinHu eh = EisensteinHu.of(Cosmology.QUIJOTE);
        for (double k : new double[] {1e-3, 0.1, 10}) {
            assertThat(eh.neutrinoSuppression(k)).isEqualTo(1);
            assertThat(eh.growthCb(k, 2000)).isEqualTo(2000);
            assertThat(eh.growthCbNu(k, 2000)).isEqualTo(2000);
        }
    }

    @Test
    void eh99GrowthHasItsClosedFormLimits() {
        Cosmology c = Cosmology.QUIJOTE.withMnu(0.4);
        EisensteinHu eh = EisensteinHu.of(c);
        double fCb = 1 - c.fNu();
        double pCb = (5 - Math.sqrt(1 + 24 * fCb)) / 4;
        double d1 = 2700;
        // far below the free-streaming scale (y_fs → 0): D_cb = (1 + D1^0.7)^(p/0.7) D1^(1−p) ≈ D1,
        // D_cbν = (f_cb^(0.7/p) + D1^0.7)^(p/0.7) D1^(1−p) ≈ D1
        double t = Math.pow(d1, 0.7);
        assertThat(eh.growthCb(1e-6, d1)).isCloseTo(Math.pow(1 + t, pCb / 0.7) * Math.pow(d1, 1 - pCb), within(1e-6 * d1));
        assertThat(eh.growthCbNu(1e-6, d1))
                .isCloseTo(Math.pow(Math.pow(fCb, 0.7 / pCb) + t, pCb / 0.7) * Math.pow(d1, 1 - pCb), within(1e-6 * d1));
        assertThat(eh.growthCbNu(1e-6, d1) / d1).isCloseTo(1, within(2e-4));
        // far above: D_cb = D1^(1 − p_cb), D_cbν = f_cb D1^(1 − p_cb)
        assertThat(eh.growthCb(1e3, d1)).isCloseTo(Math.pow(d1, 1 - pCb), within(1e-6 * d1));
        assertThat(eh.growthCbNu(1e3, d1)).isCloseTo(fCb * Math.pow(d1, 1 - pCb), within(1e-6 * d1));
    }
}
