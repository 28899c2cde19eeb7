package org.distill.physics.cosmo.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.physics.cosmo.Cosmology;
import org.distill.physics.cosmo.Snapshot;
import org.distill.physics.cosmo.linear.EisensteinHuPower;
import org.distill.physics.cosmo.stats.PowerSpectrum;
import org.distill.physics.cosmo.stats.PowerSpectrumEstimator;
import org.junit.jupiter.api.Test;

class SimulationTest {
    private static SimulationSettings.Builder small() {
        return SimulationSettings.builder().boxSize(200).particles(16).mesh(32).steps(4).threads(2);
    }

    @Test
    void largeScalesFollowLinearGrowthToRedshiftZero() {
        // 48³ particles: with 32³ (31 Mpc/h spacing) discreteness noise adds 5-10 % at k ~ 0.04 h/Mpc by z = 0
        SimulationSettings s = SimulationSettings.builder().boxSize(1000).particles(48).mesh(96).steps(20)
                .fixedAmplitudes(true).seed(3).threads(2).build();
        SimulationResult r = Simulation.run(s, SimulationListener.NONE, new AtomicBoolean());
        Snapshot z0 = r.at(0).orElseThrow();
        PowerSpectrum ps = PowerSpectrumEstimator.builder().mesh(96).subtractShotNoise(false).build().measure(z0);
        EisensteinHuPower eh = EisensteinHuPower.of(Cosmology.QUIJOTE);
        int bins = 0;
        for (int b = 0; b < ps.size() && ps.k()[b] < 0.05; b++) {
            double ratio = ps.p0()[b] / eh.at(ps.k()[b]);
            assertEquals(1, ratio, 0.04, "P/P_lin at k = " + ps.k()[b]);
            bins++;
        }
        assertTrue(bins >= 5, "bins below 0.05 h/Mpc: " + bins);
        assertEquals(20, r.stepsDone());
        assertFalse(r.cancelled());
    }

    @Test
    void meanMomentumStaysZero() {
        SimulationResult r = Simulation.run(small().build(), SimulationListener.NONE, new AtomicBoolean());
        float[] v = r.last().velocities();
        double[] sum = new double[3];
        double abs = 0;
        for (int i = 0; i < v.length; i++) { sum[i % 3] += v[i]; abs += Math.abs(v[i]); }
        for (double c : sum) assertEquals(0, c / abs, 1e-5, "mean velocity / mean speed");
        assertTrue(abs / v.length > 10, "particles move: " + abs / v.length + " km/s");
    }

    @Test
    void massiveNeutrinoCodeWithZeroMassIsCdmBitForBit() {
        SimulationSettings a = small().neutrinos(NeutrinoTreatment.LINEAR_RESPONSE).build();
        SimulationSettings b = small().neutrinos(NeutrinoTreatment.SMOOTH).build();
        Snapshot sa = Simulation.run(a, SimulationListener.NONE, new AtomicBoolean()).last();
        Snapshot sb = Simulation.run(b, SimulationListener.NONE, new AtomicBoolean()).last();
        assertArrayEquals(sa.positions(), sb.positions());
        assertArrayEquals(sa.velocities(), sb.velocities());
        // and with Mν > 0 the two treatments differ
        SimulationSettings c = small().cosmology(Cosmology.QUIJOTE.withMnu(0.2)).build();
        Snapshot sc = Simulation.run(c, SimulationListener.NONE, new AtomicBoolean()).last();
        Snapshot sd = Simulation.run(c.toBuilder().neutrinos(NeutrinoTreatment.SMOOTH).build(), SimulationListener.NONE,
                new AtomicBoolean()).last();
        assertFalse(java.util.Arrays.equals(sc.positions(), sd.positions()));
    }

    @Test
    void runsAreDeterministicAndIndependentOfThreads() {
        Snapshot a = Simulation.run(small().threads(1).build(), SimulationListener.NONE, new AtomicBoolean()).last();
        Snapshot b = Simulation.run(small().threads(3).build(), SimulationListener.NONE, new AtomicBoolean()).last();
        assertArrayEquals(a.positions(), b.positions());
        assertArrayEquals(a.velocities(), b.velocities());
    }

    @Test
    void cancellingKeepsTheCompletedSteps() {
        AtomicBoolean cancel = new AtomicBoolean();
        List<Integer> seen = new ArrayList<>();
        SimulationSettings s = small().steps(6).outputRedshifts(0, 3).build();
        SimulationResult r = Simulation.run(s, new SimulationListener() {
            @Override public void onStep(int step, int steps, double a, double seconds) {
                seen.add(step);
                if (step == 2) cancel.set(true);
            }
        }, cancel);
        assertTrue(r.cancelled());
        assertEquals(2, r.stepsDone());
        assertEquals(List.of(1, 2), seen);
        double[] nodes = Simulation.nodes(s);
        assertEquals(1 / nodes[2] - 1, r.last().redshift(), 1e-9);
        assertTrue(r.snapshots().isEmpty() || r.snapshots().get(0).redshift() >= r.last().redshift());
        // the kept state is the one after step 2: a rerun stopped there is identical, one stopped after step 3 is not
        assertArrayEquals(r.last().positions(), stopAfter(s, 2).last().positions());
        assertFalse(java.util.Arrays.equals(r.last().positions(), stopAfter(s, 3).last().positions()));
    }

    private static SimulationResult stopAfter(SimulationSettings s, int steps) {
        AtomicBoolean cancel = new AtomicBoolean();
        return Simulation.run(s, new SimulationListener() {
            @Override public void onStep(int step, int total, double a, double seconds) {
                if (step == steps) cancel.set(true);
            }
        }, cancel);
    }

    @Test
    void severalOutputsComeInTimeOrder() {
        List<Double> seen = new ArrayList<>();
        SimulationResult r = Simulation.run(small().outputRedshifts(0, 1, 9).build(), new SimulationListener() {
            @Override public void onSnapshot(Snapshot s) { seen.add(s.redshift()); }
        }, new AtomicBoolean());
        assertEquals(List.of(9.0, 1.0, 0.0), seen);
        assertEquals(3, r.snapshots().size());
        assertEquals(0, r.last().redshift());
        Snapshot s = r.last();
        assertEquals(16 * 16 * 16, s.count());
        double omegaCb = Cosmology.QUIJOTE.omegaM();
        assertEquals(omegaCb * 2.775e11 * 200 * 200 * 200 / 4096, s.particleMass(), 1e-6 * s.particleMass());
        for (float x : s.positions()) assertTrue(x >= 0 && x < 200, "position " + x);
    }

    @Test
    void nodesAreLinearInAAndIncludeTheOutputs() {
        double[] n = Simulation.nodes(small().steps(4).startRedshift(9).outputRedshifts(0, 0.5).build());
        assertEquals(6, n.length);
        assertEquals(0.1, n[0], 1e-15);
        assertEquals(1, n[5], 1e-15);
        assertTrue(java.util.Arrays.stream(n).anyMatch(a -> Math.abs(a - 1 / 1.5) < 1e-15));
        assertEquals(0.325, n[1], 1e-12);
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> small().boxSize(-1).build());
        assertThrows(IllegalArgumentException.class, () -> small().particles(15).build());
        assertThrows(IllegalArgumentException.class, () -> small().mesh(33).build());
        assertThrows(IllegalArgumentException.class, () -> small().steps(0).build());
        assertThrows(IllegalArgumentException.class, () -> small().startRedshift(1).outputRedshifts(2).build());
        assertThrows(IllegalArgumentException.class, () -> small().outputRedshifts().build());
        assertThrows(IllegalArgumentException.class, () -> small().outputRedshifts(1, 1).build());
        assertThrows(IllegalArgumentException.class, () -> small().primordialAmplitude(1).build());
        assertThrows(IllegalArgumentException.class, () -> small().threads(0).build());
        String msg = assertThrows(IllegalArgumentException.class, () -> small().particles(3).build()).getMessage();
        assertTrue(msg.contains("3"), msg);
        assertEquals(256, SimulationSettings.builder().build().mesh());
        assertTrue(SimulationSettings.builder().particles(256).build().memoryBytes() < 5e9);
    }
}
