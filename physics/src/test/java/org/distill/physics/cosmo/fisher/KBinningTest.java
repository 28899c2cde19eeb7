package org.distill.physics.cosmo.fisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.distill.physics.cosmo.mesh.FourierGrid;
import org.distill.physics.cosmo.sim.GaussianField;
import org.distill.physics.cosmo.stats.PowerSpectrum;
import org.distill.physics.cosmo.stats.PowerSpectrumEstimator;
import org.junit.jupiter.api.Test;

/** Rebinning fine shells equals measuring on the wide shells directly. */
class KBinningTest {
    @Test void rebinnedFineShellsEqualWideShells() {
        double box = 150;
        FourierGrid f = GaussianField.fourier(k -> 1000 / (1 + 100 * k * k), 32, box, 5, false, false);
        PowerSpectrum fine = PowerSpectrumEstimator.of(32).measure(f, 0);
        KBinning bins = KBinning.of(box, 3, 0.6);
        double kf = 2 * Math.PI / box;
        PowerSpectrum wide = PowerSpectrumEstimator.builder().mesh(32).binWidth(3 * kf).kMin(kf / 2).kMax(kf / 2 + 3 * kf * bins.bins()).build()
                .measure(f, 0);
        KBinning.Binned b = bins.apply(fine);
        assertThat(b.values().length).isEqualTo(wide.size()).isEqualTo(bins.bins());
        for (int i = 0; i < wide.size(); i++) {
            assertThat(b.modes()[i]).isEqualTo(wide.modes()[i]);
            assertThat(b.values()[i]).isCloseTo(wide.p0()[i], within(1e-9 * wide.p0()[i]));
            assertThat(b.k()[i]).isCloseTo(wide.k()[i], within(1e-9));
        }
    }

    @Test void kmaxMustLeaveABin() {
        assertThatThrownBy(() -> KBinning.of(100, 2, 0.1)).hasMessageContaining("kmax must leave at least one bin");
    }
}
