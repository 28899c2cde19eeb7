package org.distill.examples.cosmo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.distill.physics.cosmo.HaloCatalog;
import org.distill.physics.cosmo.sim.SimulationSettings;
import org.junit.jupiter.api.Test;

class CosmoSimTest {
    private static SimulationSettings small() {
        return SimulationSettings.builder().boxSize(64).particles(32).mesh(64).steps(10).seed(2).threads(2).build();
    }

    @Test
    void runsSimulationHalosAndPower() {
        AtomicInteger steps = new AtomicInteger();
        AtomicInteger halosSeen = new AtomicInteger(-1);
        CosmoSim.Outcome o = CosmoSim.run(CosmoSim.Settings.builder().simulation(small()).build(), new CosmoSim.Listener() {
            @Override public void onStep(int step, int total, double a, double seconds) { steps.incrementAndGet(); }
            @Override public void onHalos(HaloCatalog h, double seconds) { halosSeen.set(h.size()); }
        }, new AtomicBoolean());
        assertEquals(10, steps.get());
        assertEquals(0, o.last().redshift());
        HaloCatalog h = o.halos();
        assertTrue(h.size() > 3, "halos in a 64 Mpc/h box at z = 0: " + h.size());
        assertEquals(h.size(), halosSeen.get());
        double mp = o.last().particleMass();
        for (int i = 0; i < h.size(); i++) {
            assertTrue(h.counts()[i] >= 20);
            assertEquals(h.counts()[i] * mp, h.masses()[i], 1e-6 * h.masses()[i]);
        }
        assertEquals(o.power().size(), o.linear().length);
        assertEquals(64, o.settings().effectivePowerMesh());
        // non-linear clustering: P above linear theory at the highest k, and close on the largest scales
        int last = o.power().size() - 1;
        assertTrue(o.power().p0()[last] > o.linear()[last], "P(k_max) above linear");
        assertTrue(o.power().shotNoise() > 0);
    }

    @Test
    void cancelledRunStillAnalysesTheLastStep() {
        AtomicBoolean cancel = new AtomicBoolean(true);
        CosmoSim.Outcome o = CosmoSim.run(CosmoSim.Settings.builder().simulation(small()).findHalos(false).build(),
                CosmoSim.Listener.NONE, cancel);
        assertTrue(o.cancelled());
        assertEquals(0, o.simulation().stepsDone());
        assertEquals(9, o.last().redshift(), 1e-9);
        assertEquals(0, o.halos().size());
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> CosmoSim.Settings.builder().linkingFraction(1.5).build());
        assertThrows(IllegalArgumentException.class, () -> CosmoSim.Settings.builder().minMembers(1).build());
        assertThrows(IllegalArgumentException.class, () -> CosmoSim.Settings.builder().powerMesh(33).build());
    }
}
