package org.distill.physics.cosmo.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.distill.physics.cosmo.Cosmology;
import org.distill.physics.cosmo.linear.EisensteinHuPower;
import org.distill.physics.cosmo.linear.Growth;
import org.distill.physics.cosmo.mesh.FourierGrid;
import org.distill.physics.cosmo.stats.PowerSpectrum;
import org.distill.physics.cosmo.stats.PowerSpectrumEstimator;
import org.junit.jupiter.api.Test;

class LptTest {
    private static final Cosmology C = Cosmology.QUIJOTE;
    private static final EisensteinHuPower EH = EisensteinHuPower.of(C);

    @Test
    void twoLptAtRedshift49HasTheLinearSpectrum() {
        int n = 32;
        double box = 500, a = 1 / 50.0;
        FourierGrid delta = GaussianField.fourier(EH, n, box, 1, true, false);
        ParticleState s = Lpt.particles(Lpt.displacements(delta), C, EH.growth(), a);
        PowerSpectrum ps = PowerSpectrumEstimator.builder().mesh(2 * n).subtractShotNoise(false).build().measure(s.positions(), null, box);
        double d = EH.growth().d1(a);
        double kLimit = 0.5 * Math.PI * n / box; // half the particle Nyquist frequency
        int bins = 0;
        for (int b = 0; b < ps.size(); b++) {
            if (ps.k()[b] > kLimit) break;
            double ratio = ps.p0()[b] / (d * d * EH.at(ps.k()[b]));
            assertEquals(1, ratio, 0.04, "k = " + ps.k()[b]);
            bins++;
        }
        assertTrue(bins >= 5, "bins " + bins);
    }

    @Test
    void massiveNeutrinoInitialConditionsHaveTheColdMatterSpectrum() {
        Cosmology nu = C.withMnu(0.4);
        SimulationSettings s = SimulationSettings.builder().cosmology(nu).boxSize(500).particles(32).startRedshift(49)
                .fixedAmplitudes(true).build();
        ParticleState p = Simulation.initialConditions(s);
        PowerSpectrum ps = PowerSpectrumEstimator.builder().mesh(64).subtractShotNoise(false).build().measure(p.positions(), null, 500);
        EisensteinHuPower eh = EisensteinHuPower.of(nu);
        double a = 1 / 50.0;
        for (int b = 0; b < ps.size() && ps.k()[b] < 0.5 * Math.PI * 32 / 500; b++) {
            double k = ps.k()[b];
            assertEquals(1, ps.p0()[b] / eh.cb(k, a), 0.04, "P/P_cb at k = " + k);
        }
        // at z = 49 the neutrinos lag: P_cb exceeds P_m by more than the tolerance, so the test tells them apart
        double k = 0.15;
        assertTrue(eh.cb(k, a) / eh.total(k, a) > 1.04, "P_cb/P_m at k = 0.15: " + eh.cb(k, a) / eh.total(k, a));
    }

    @Test
    void zeldovichMomentaFollowTheDisplacements() {
        int n = 16;
        double box = 300, a = 0.1;
        Growth g = EH.growth();
        Lpt.Displacements d = Lpt.displacements(GaussianField.fourier(EH, n, box, 2, false, false));
        ParticleState s = Lpt.particles(d, C, g, a);
        double e = C.e(a);
        double p1 = a * a * e * g.f1(a) * g.d1(a), p2 = a * a * e * g.f2(a) * g.d2(a);
        for (int i = 0; i < s.momenta().length; i += 97) {
            assertEquals(p1 * d.first()[i] + p2 * d.second()[i], s.momenta()[i], 1e-5 * (1 + Math.abs(s.momenta()[i])));
        }
        // the second order is small and of the opposite sign of D2 times a positive-definite source in the mean
        double r1 = 0, r2 = 0;
        for (int i = 0; i < d.first().length; i++) { r1 += d.first()[i] * d.first()[i]; r2 += d.second()[i] * d.second()[i]; }
        assertTrue(r2 > 0 && r2 < r1, "|psi2| " + Math.sqrt(r2) + " vs |psi1| " + Math.sqrt(r1));
    }

    @Test
    void secondOrderDisplacementOfAPlaneWaveVanishes() {
        // a single plane wave is one-dimensional: its 2LPT source Σ(φ,ii φ,jj − φ,ij²) is identically zero
        int n = 16;
        double box = 100;
        FourierGrid delta = FourierGrid.zeros(n, box);
        delta.values()[delta.index(2, 0, 0)] = 1000;
        delta.values()[delta.index(n - 2, 0, 0)] = 1000;
        Lpt.Displacements d = Lpt.displacements(delta);
        double max1 = 0, max2 = 0;
        for (int i = 0; i < d.first().length; i++) {
            max1 = Math.max(max1, Math.abs(d.first()[i]));
            max2 = Math.max(max2, Math.abs(d.second()[i]));
        }
        assertTrue(max1 > 0.1, "first order " + max1);
        assertTrue(max2 < 1e-5 * max1, "second order " + max2);
    }
}
