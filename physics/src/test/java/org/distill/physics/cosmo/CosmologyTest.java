package org.distill.physics.cosmo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CosmologyTest {
    @Test
    void quijoteFiducialAndDerivedDensities() {
        Cosmology c = Cosmology.QUIJOTE;
        assertThat(c.omegaNu()).isZero();
        assertThat(c.omegaCdm()).isCloseTo(0.3175 - 0.049, within(1e-15));
        assertThat(c.e(1)).isCloseTo(1, within(1e-15));
        assertThat(c.omegaMAt(1)).isCloseTo(0.3175, within(1e-15));
        // Ω_ν h² = 0.1 / 93.14 for Mν = 0.1 eV
        Cosmology nu = c.withMnu(0.1);
        assertThat(nu.omegaNu() * 0.6711 * 0.6711).isCloseTo(0.1 / 93.14, within(1e-15));
        assertThat(nu.fNu()).isCloseTo(nu.omegaNu() / 0.3175, within(1e-15));
        // matter domination at early times
        assertThat(c.omegaMAt(1e-3)).isCloseTo(1, within(1e-6));
    }

    @Test
    void impossibleCosmologiesAreRefusedByName() {
        assertThatThrownBy(() -> Cosmology.QUIJOTE.withOmegaB(0.4)).hasMessageContaining("omegaB must be in (0, omegaM = 0.3175): 0.4");
        assertThatThrownBy(() -> Cosmology.QUIJOTE.withSigma8(0)).hasMessageContaining("sigma8");
        assertThatThrownBy(() -> Cosmology.QUIJOTE.withMnu(-0.1)).hasMessageContaining("mnu must be in [0, 5] eV: -0.1");
        assertThatThrownBy(() -> new Cosmology(0.1, 0.049, 0.6711, 0.9624, 0.834, 3, -1)).hasMessageContaining("must be below omegaM");
    }

    @Test
    void snapshotChecksItsArrays() {
        float[] x = new float[6];
        assertThat(new Snapshot(100, 0, Cosmology.QUIJOTE, x, new float[6], new long[] {1, 2}, 1e12).count()).isEqualTo(2);
        assertThatThrownBy(() -> new Snapshot(100, 0, Cosmology.QUIJOTE, x, new float[3], new long[] {1, 2}, 1e12))
                .hasMessageContaining("velocities has 3 values, positions 6");
        assertThatThrownBy(() -> new Snapshot(-1, 0, Cosmology.QUIJOTE, x, x, new long[] {1, 2}, 1e12))
                .hasMessageContaining("boxSize");
    }
}
