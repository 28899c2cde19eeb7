package org.distill.physics.lagrangian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RolloutTest {
    @Test void exactIntegrationConservesEnergy() {
        var p = DoublePendulum.of();
        double[][] init = StateSamples.initialStates(p, 4, 3);
        Rollout r = Rollout.exact(p, init[0], init[1], 0.05, 101, 1e-11);
        assertThat(r.frames()).isEqualTo(101);
        assertThat(r.meanRelativeEnergyError(p)).isLessThan(1e-8);
    }

    @Test void rk4AgreesWithDormandPrinceAndKeepsEnergy() {
        var p = DoublePendulum.of();
        double[][] init = StateSamples.initialStates(p, 3, 8);
        Rollout exact = Rollout.exact(p, init[0], init[1], 0.01, 101, 1e-11);
        Rollout rk4 = Rollout.rk4(p, 2, init[0], init[1], 0.01, 2, 101, () -> false);
        for (int k = 0; k < 6; k++) assertThat(rk4.q()[100][k]).isCloseTo(exact.q()[100][k], org.assertj.core.data.Offset.offset(1e-6));
        assertThat(rk4.meanRelativeEnergyError(p)).isLessThan(1e-6);
    }

    @Test void relativisticParticleApproachesTheSpeedOfLight() {
        var s = new RelativisticParticle(1, 0.5);
        // from rest at q = 0: v(t) = gt/√(1 + (gt)²)
        Rollout r = Rollout.exact(s, new double[] {0}, new double[] {0}, 0.5, 11, 1e-12);
        double v = r.qd()[10][0];
        assertThat(v).isCloseTo(5 / Math.sqrt(26), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.meanRelativeEnergyError(s)).isLessThan(1e-9);
    }

    @Test void waveChainKeepsEnergyAndStopsWhenAsked() {
        var w = new WaveChain(20, 0.1);
        double[][] init = StateSamples.initialStates(w, 2, 1);
        Rollout r = Rollout.rk4(w, 20, init[0], init[1], 0.01, 1, 201, () -> false);
        assertThat(r.meanRelativeEnergyError(w)).isLessThan(1e-5);
        int[] calls = {0};
        Rollout stopped = Rollout.rk4(w, 20, init[0], init[1], 0.01, 1, 201, () -> ++calls[0] > 5);
        assertThat(stopped.frames()).isEqualTo(6);
    }

    @Test void samplesWrapAnglesAndCarryAccelerations() {
        var p = DoublePendulum.of();
        StateSamples s = StateSamples.trajectories(p, 5, 4.0, 20, 9);
        assertThat(s.rows()).isEqualTo(100);
        for (double v : s.q()) assertThat(v).isBetween(-Math.PI, Math.PI);
        double[] a = new double[2];
        p.acceleration(new double[] {s.q()[14], s.q()[15]}, new double[] {s.qd()[14], s.qd()[15]}, a);
        assertThat(s.qdd()[14]).isCloseTo(a[0], org.assertj.core.data.Offset.offset(1e-12));
        StateSamples again = StateSamples.random(p, 10, 4), same = StateSamples.random(p, 10, 4);
        assertThat(again.q()).containsExactly(same.q());
        assertThatThrownBy(() -> StateSamples.random(p, 0, 1)).hasMessageContaining("rows must be >= 1: 0");
        assertThatThrownBy(() -> Rollout.rk4(p, 2, new double[3], new double[3], 0.1, 1, 2, () -> false))
                .hasMessageContaining("multiple of dof 2");
    }
}
