package org.distill.physics.cosmo.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.distill.physics.cosmo.Cosmology;
import org.junit.jupiter.api.Test;

class EisensteinHuPowerTest {
    static final Cosmology NU = Cosmology.QUIJOTE.withMnu(0.1);
    /** Quijote's primordial amplitude for its Mν runs (Villaescusa-Navarro et al. 2020). */
    static final double AS = 2.13e-9;

    @Test
    void normalisedToSigma8AndTendsToThePrimordialSlopeOnLargeScales() {
        EisensteinHuPower p = EisensteinHuPower.of(Cosmology.QUIJOTE);
        assertThat(p.sigma8()).isCloseTo(0.834, within(1e-12));
        assertThat(p.sigma(8)).isEqualTo(p.sigma8());
        // P ∝ k^ns T², T → 1
        double k1 = 1e-5;
        double k2 = 2e-5;
        assertThat(Math.log(p.at(k2) / p.at(k1)) / Math.log(2)).isCloseTo(0.9624, within(1e-3));
        assertThat(p.at(0)).isZero();
        // the power peaks near k ≈ 0.02 h/Mpc
        double peak = 0;
        double best = 0;
        for (double k = 1e-3; k < 0.2; k *= 1.01) {
            if (p.at(k) > best) { best = p.at(k); peak = k; }
        }
        assertThat(peak).isBetween(0.01, 0.03);
        // σ8 scales P: doubling σ8 quadruples P
        EisensteinHuPower q = EisensteinHuPower.of(Cosmology.QUIJOTE.withSigma8(1.668));
        assertThat(q.at(0.1) / p.at(0.1)).isCloseTo(4, within(1e-9));
    }

    @Test
    void primordialAmplitudeGivesQuijoteSigma8() {
        EisensteinHuPower p = EisensteinHuPower.ofAmplitude(Cosmology.QUIJOTE, AS);
        // EH98 is a ~1–2 % fit; Quijote's As = 2.13e-9 is σ8 = 0.834 in CAMB
        assertThat(p.sigma8()).isCloseTo(0.834, within(0.834 * 0.02));
        assertThat(p.primordialAmplitude()).isCloseTo(AS, within(AS * 1e-12));
        // and the σ8 normalisation implies an A_s within the same few per cent
        assertThat(EisensteinHuPower.of(Cosmology.QUIJOTE).primordialAmplitude()).isCloseTo(AS, within(AS * 0.04));
        assertThatThrownBy(() -> EisensteinHuPower.ofAmplitude(Cosmology.QUIJOTE, 2.1)).hasMessageContaining("As must be in (0, 1e-6): 2.1");
    }

    @Test
    void growthMovesThePowerInTimeWithoutNeutrinos() {
        EisensteinHuPower p = EisensteinHuPower.of(Cosmology.QUIJOTE);
        Growth g = p.growth();
        for (double k : new double[] {1e-3, 0.1, 3}) {
            for (double a : new double[] {0.1, 0.5, 1}) {
                double d = g.d1(a);
                assertThat(p.total(k, a)).isCloseTo(p.at(k) * d * d, within(1e-12 * p.at(k)));
                assertThat(p.cb(k, a)).isEqualTo(p.total(k, a));
                assertThat(p.growthCb(k, a)).isCloseTo(d, within(1e-14));
                assertThat(p.totalToCb(k, a)).isEqualTo(1);
                assertThat(p.neutrinoRatio(k, a)).isEqualTo(1);
            }
        }
        assertThat(p.totalAt(0.5).at(0.1)).isEqualTo(p.total(0.1, 0.5));
        assertThatThrownBy(() -> p.totalAt(5)).hasMessageContaining("scale factor");
    }

    @Test
    void neutrinosFollowTheColdMatterOnLargeScalesAndNotOnSmallOnes() {
        EisensteinHuPower p = EisensteinHuPower.of(NU);
        double fNu = NU.fNu();
        double previous = 2;
        for (double k = 1e-5; k < 20; k *= 1.5) {
            double r = p.neutrinoRatio(k, 1);
            assertThat(r).isBetween(0.0, 1.0).isLessThanOrEqualTo(previous);
            previous = r;
            // δ_m = f_cb δ_cb + f_ν δ_ν, so P_m = P_cb (f_cb + f_ν δ_ν/δ_cb)²
            double m = (1 - fNu) + fNu * r;
            assertThat(p.total(k, 1)).isCloseTo(p.cb(k, 1) * m * m, within(1e-12 * p.total(k, 1)));
            assertThat(p.totalToCb(k, 1)).isCloseTo(m, within(1e-14));
        }
        // EH99's k → 0 limit is [(f_cb^(0.7/p) + D1^0.7)/(1 + D1^0.7)]^(p/0.7), within 0.3 % of 1 today
        assertThat(p.neutrinoRatio(1e-5, 1)).isGreaterThan(0.997);
        assertThat(p.neutrinoRatio(10, 1)).isLessThan(1e-3);
        // neutrinos fall into the cold-matter wells with time
        assertThat(p.neutrinoRatio(0.05, 1)).isGreaterThan(p.neutrinoRatio(0.05, 0.5));
        assertThat(p.neutrinoRatio(0.05, 0.5)).isGreaterThan(p.neutrinoRatio(0.05, 0.1));
        // the cold matter grows faster than all matter on small scales: D_cb > D_cbν there
        assertThat(p.growthCb(1, 1)).isGreaterThan(p.growthCbNu(1, 1));
        assertThat(p.growthCbNu(1e-6, 0.5) / p.growth().d1(0.5)).isCloseTo(1, within(1e-3));
    }

    @Test
    void scaleDependentGrowthRatesAreTheLogDerivatives() {
        EisensteinHuPower p = EisensteinHuPower.of(NU);
        double h = 1e-5;
        for (double k : new double[] {1e-4, 0.02, 0.1, 1}) {
            for (double a : new double[] {0.1, 0.6, 1}) {
                double fdCb = (Math.log(p.growthCb(k, a * Math.exp(h))) - Math.log(p.growthCb(k, a * Math.exp(-h)))) / (2 * h);
                double fdCbNu = (Math.log(p.growthCbNu(k, a * Math.exp(h))) - Math.log(p.growthCbNu(k, a * Math.exp(-h)))) / (2 * h);
                assertThat(p.growthRateCb(k, a)).as("k %s a %s", k, a).isCloseTo(fdCb, within(1e-6));
                assertThat(p.growthRateCbNu(k, a)).as("k %s a %s", k, a).isCloseTo(fdCbNu, within(1e-6));
            }
        }
        // far inside the free-streaming scale f_cb = f1 (1 − p_cb) = f1 (1 − (3/5) f_ν) to first order
        double pCb = (5 - Math.sqrt(1 + 24 * (1 - NU.fNu()))) / 4;
        assertThat(p.growthRateCb(10, 1)).isCloseTo(p.growth().f1(1) * (1 - pCb), within(1e-6));
        EisensteinHuPower massless = EisensteinHuPower.of(Cosmology.QUIJOTE);
        assertThat(massless.growthRateCb(1, 0.5)).isEqualTo(massless.growth().f1(0.5));
    }

    @Test
    void neutrinoSuppressionAtFixedPrimordialAmplitude() {
        EisensteinHuPower massless = EisensteinHuPower.ofAmplitude(Cosmology.QUIJOTE, AS);
        EisensteinHuPower massive = EisensteinHuPower.ofAmplitude(NU, AS);
        double fNu = NU.fNu();
        // → 1 on large scales
        assertThat(massive.at(1e-5) / massless.at(1e-5)).isCloseTo(1, within(1e-3));
        // a step down from the free-streaming scale k_fs ~ 0.01–0.05 h/Mpc
        assertThat(massive.at(1e-3) / massless.at(1e-3) - 1).isGreaterThan(-2 * fNu);
        // small scales: ΔP/P ≈ −8 f_ν (Hu, Eisenstein & Tegmark 1998); EH99 gives ≈ −5 f_ν here for
        // three degenerate 0.033 eV neutrinos, so the band is −8 f_ν ± 40 %
        for (double k : new double[] {1, 2, 5}) {
            double ratio = massive.at(k) / massless.at(k) - 1;
            assertThat(ratio / fNu).as("k %s", k).isBetween(-8 * 1.4, -8 * 0.6);
        }
        // σ8 drops accordingly
        assertThat(massive.sigma8() / massless.sigma8() - 1).isBetween(-4 * fNu, -1.5 * fNu);
    }

    @Test
    void powerIsContinuousInTheNeutrinoMass() {
        EisensteinHuPower zero = EisensteinHuPower.ofAmplitude(Cosmology.QUIJOTE, AS);
        EisensteinHuPower tiny = EisensteinHuPower.ofAmplitude(Cosmology.QUIJOTE.withMnu(1e-6), AS);
        for (double k : new double[] {1e-3, 0.05, 0.1, 0.15, 1}) {
            assertThat(tiny.at(k) / zero.at(k)).as("k %s", k).isCloseTo(1, within(1e-3));
        }
    }
}
