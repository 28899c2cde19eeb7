package org.distill.physics.cosmo.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.distill.physics.cosmo.Cosmology;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GrowthTest {
    /**
     * Heath (1977): for matter + Λ, D(a) = (5/2) Ω_m E(a) ∫_0^a da'/(a' E(a'))³, normalised to a in the
     * matter era. With a = u², (aE)³ = u⁻³ (Ω_m + Ω_Λ u⁶)^{3/2}, so the integrand is the smooth
     * 2u⁴/(Ω_m + Ω_Λ u⁶)^{3/2}.
     */
    static double heath(Cosmology c, double a) {
        double om = c.omegaM();
        double ol = c.omegaLambda();
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(16, 1e-14, 1e-300);
        double i = integrator.integrate(100_000, u -> 2 * Math.pow(u, 4) / Math.pow(om + ol * Math.pow(u, 6), 1.5), 0, Math.sqrt(a));
        return 2.5 * om * c.e(a) * i;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.3175, 0.7})
    void firstOrderGrowthMatchesTheIntegralSolutionForLambdaCdm(double omegaM) {
        Cosmology c = Cosmology.QUIJOTE.withOmegaM(omegaM);
        Growth g = Growth.of(c);
        double today = heath(c, 1);
        for (double a : new double[] {1e-3, 0.01, 0.1, 0.25, 0.5, 0.8, 1, 1.5}) {
            assertThat(g.d1MatterEra(a) / heath(c, a)).as("a = %s", a).isCloseTo(1, within(1e-7));
            assertThat(g.d1(a)).isCloseTo(heath(c, a) / today, within(1e-7 * g.d1(a)));
        }
        assertThat(g.d1(1)).isEqualTo(1.0);
        // below the table: matter era, D ∝ a
        assertThat(g.d1MatterEra(1e-10)).isCloseTo(1e-10, within(1e-18));
    }

    @Test
    void growthRateFollowsOmegaToThe055() {
        for (double w : new double[] {-1, -0.8}) {
            Growth g = Growth.of(Cosmology.QUIJOTE.withW(w));
            for (double a : new double[] {0.1, 0.3, 0.5, 1}) {
                double om = g.cosmology().omegaMAt(a);
                // Linder (2005): γ = 0.55 + 0.05 (1 + w(z = 1))
                double gamma = 0.55 + 0.05 * (1 + w);
                assertThat(g.f1(a)).as("w %s a %s", w, a).isCloseTo(Math.pow(om, gamma), within(0.005 * g.f1(a)));
            }
        }
        // f1 is dlnD1/dlna: compare with a finite difference
        Growth g = Growth.of(Cosmology.QUIJOTE);
        double h = 1e-4;
        double fd = (Math.log(g.d1(Math.exp(h) * 0.5)) - Math.log(g.d1(Math.exp(-h) * 0.5))) / (2 * h);
        assertThat(g.f1(0.5)).isCloseTo(fd, within(1e-6));
        double fd2 = (Math.log(-g.d2(Math.exp(h) * 0.5)) - Math.log(-g.d2(Math.exp(-h) * 0.5))) / (2 * h);
        assertThat(g.f2(0.5)).isCloseTo(fd2, within(1e-6));
    }

    @Test
    void secondOrderGrowthIsMinusThreeSeventhsD1SquaredEarly() {
        Growth g = Growth.of(Cosmology.QUIJOTE);
        for (double a : new double[] {1e-3, 1e-2}) {
            assertThat(g.d2(a) / (g.d1(a) * g.d1(a))).isCloseTo(-3.0 / 7, within(1e-5));
            assertThat(g.f2(a)).isCloseTo(2 * g.f1(a), within(1e-4));
        }
        // Bouchet et al. (1995): D2 ≈ −(3/7) D1² Ω_m^(−1/143), f2 ≈ 2 Ω_m^(6/11) today
        double om = 0.3175;
        assertThat(g.d2(1)).isCloseTo(-3.0 / 7 * Math.pow(om, -1.0 / 143), within(1e-3));
        assertThat(g.f2(1)).isCloseTo(2 * Math.pow(om, 6.0 / 11), within(0.01));
        // matter-era normalisation
        assertThat(g.d2MatterEra(1e-4)).isCloseTo(-3.0 / 7 * 1e-8, within(1e-15));
    }

    @Test
    void nearlyEinsteinDeSitterGrowsLikeA() {
        Growth g = Growth.of(Cosmology.QUIJOTE.withOmegaM(0.999));
        // Ω_Λ = 0.001: D(1) = 1 − (2/11) Ω_Λ to first order (Λ enters as a⁻³ Ω_Λ/Ω_m in δ's equation)
        assertThat(g.d1TodayMatterEra()).isCloseTo(1 - 2.0 / 11 * 0.001, within(2e-6));
        assertThat(g.f1(1)).isCloseTo(Math.pow(g.cosmology().omegaMAt(1), 0.55), within(1e-4));
    }

    @Test
    void badScaleFactorsAreRefused() {
        Growth g = Growth.of(Cosmology.QUIJOTE);
        assertThatThrownBy(() -> g.d1(0)).hasMessageContaining("scale factor must be in (0, 2.0]: 0.0");
        assertThatThrownBy(() -> g.d1(3)).hasMessageContaining("scale factor must be in (0, 2.0]: 3.0");
        assertThatThrownBy(() -> g.f1(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
