package org.distill.physics.cosmo.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.distill.physics.cosmo.Cosmology;
import org.junit.jupiter.api.Test;

class MassFunctionTest {
    /** ∫ f(σ) dln(1/σ) over ln ν = ln(δ_c/σ) ∈ [ln 1e-9, ln 30], 16-point Gauss–Legendre on 400 segments. */
    private static double collapsedFraction(MassFunction mf) {
        GaussIntegratorFactory factory = new GaussIntegratorFactory();
        double total = 0;
        double lo = Math.log(1e-9);
        double hi = Math.log(30);
        int n = 400;
        for (int i = 0; i < n; i++) {
            double a = lo + i * (hi - lo) / n;
            double b = lo + (i + 1) * (hi - lo) / n;
            total += factory.legendre(16, a, b).integrate(u -> mf.multiplicity(MassFunction.DELTA_C / Math.exp(u), 0));
        }
        return total;
    }

    @Test
    void multiplicityFunctionsIntegrateToOne() {
        assertThat(collapsedFraction(MassFunction.PRESS_SCHECHTER)).isCloseTo(1, within(1e-8));
        // A = 0.3222 makes ST integrate to 0.3222 (1 + 2^−p Γ(1/2 − p)/√π) = 1.0001
        assertThat(collapsedFraction(MassFunction.SHETH_TORMEN)).isCloseTo(1, within(1e-3));
        assertThat(MassFunction.DELTA_C).isCloseTo(3.0 / 20 * Math.pow(12 * Math.PI, 2.0 / 3), within(1e-15));
    }

    @Test
    void tinkerMatchesItsFormulaComputedIndependently() {
        EisensteinHuPower p = EisensteinHuPower.of(Cosmology.QUIJOTE);
        double om = 0.3175;
        for (double m : new double[] {1e12, 1e13, 1e14, 1e15}) {
            // σ from the spectrum, dlnσ/dlnM by a finite difference, f from Tinker et al. (2008) Table 2, Δ = 200
            double h = 1e-3;
            double sigma = p.sigmaM(m, om);
            double slope = (Math.log(p.sigmaM(m * Math.exp(h), om)) - Math.log(p.sigmaM(m * Math.exp(-h), om))) / (2 * h);
            double f = 0.186 * (Math.pow(sigma / 2.57, -1.47) + 1) * Math.exp(-1.19 / (sigma * sigma));
            double expected = f * 2.775e11 * om / m * Math.abs(slope);
            assertThat(MassFunction.TINKER08.dndlnM(p, m, 0)).as("M %s", m).isCloseTo(expected, within(1e-4 * expected));
        }
        // its redshift dependence: A ∝ (1+z)^−0.14, a ∝ (1+z)^−0.06, b ∝ (1+z)^−α, α = 10^−(0.75/log10(200/75))^1.2
        double alpha = Math.pow(10, -Math.pow(0.75 / Math.log10(200 / 75.0), 1.2));
        assertThat(alpha).isCloseTo(0.0107, within(1e-4));
        double s = 0.7;
        double z = 1.5;
        double f = 0.186 * Math.pow(2.5, -0.14) * (Math.pow(s / (2.57 * Math.pow(2.5, -alpha)), -1.47 * Math.pow(2.5, -0.06)) + 1)
                * Math.exp(-1.19 / (s * s));
        assertThat(MassFunction.TINKER08.multiplicity(s, z)).isCloseTo(f, within(1e-14));
    }

    @Test
    void massFunctionsAgreeRoughlyAndFallWithRedshift() {
        EisensteinHuPower p = EisensteinHuPower.of(Cosmology.QUIJOTE);
        for (double m : new double[] {1e12, 1e13, 1e14, 1e15}) {
            double tinker = MassFunction.TINKER08.dndlnM(p, m, 0);
            double st = MassFunction.SHETH_TORMEN.dndlnM(p, m, 0);
            assertThat(tinker / st).as("M %s", m).isCloseTo(1, within(0.25));
            assertThat(MassFunction.TINKER08.dndlnM(p, m, 1)).isLessThan(tinker);
        }
        // Press–Schechter underpredicts massive clusters
        assertThat(MassFunction.PRESS_SCHECHTER.dndlnM(p, 1e15, 0)).isLessThan(MassFunction.SHETH_TORMEN.dndlnM(p, 1e15, 0));
        // ~5e-5 (h/Mpc)³ clusters of 1e14 M☉/h per unit ln M
        assertThat(MassFunction.TINKER08.dndlnM(p, 1e14, 0)).isBetween(3e-5, 8e-5);
    }

    @Test
    void theEisensteinHuShortcutUsesColdMatterAndTheGrowth() {
        EisensteinHuPower p = EisensteinHuPower.of(Cosmology.QUIJOTE);
        double viaGrowth = MassFunction.SHETH_TORMEN.dndlnM(p, 0.3175, p.growth(), 3e13, 1);
        assertThat(MassFunction.SHETH_TORMEN.dndlnM(p, 3e13, 1)).isCloseTo(viaGrowth, within(1e-10 * viaGrowth));
        // with neutrinos: σ of the cold matter at z from P_cb(k, a), ρ̄ of the cold matter
        Cosmology nu = Cosmology.QUIJOTE.withMnu(0.1);
        EisensteinHuPower q = EisensteinHuPower.of(nu);
        double omegaCb = nu.omegaM() - nu.omegaNu();
        LinearPower cb = q.cbAt(0.5);
        double r = LinearPower.radius(1e14, omegaCb);
        double expected = MassFunction.TINKER08.multiplicity(cb.sigma(r), 1) * LinearPower.RHO_CRIT * omegaCb / 1e14
                * Math.abs(cb.dlnSigmaDlnR(r)) / 3;
        assertThat(MassFunction.TINKER08.dndlnM(q, 1e14, 1)).isCloseTo(expected, within(1e-12 * expected));
        assertThatThrownBy(() -> MassFunction.PRESS_SCHECHTER.multiplicity(-1, 0)).hasMessageContaining("sigma must be positive and finite: -1.0");
        assertThatThrownBy(() -> MassFunction.PRESS_SCHECHTER.dndlnM(p, 1e14, -1)).hasMessageContaining("z must be finite and >= 0: -1.0");
    }
}
