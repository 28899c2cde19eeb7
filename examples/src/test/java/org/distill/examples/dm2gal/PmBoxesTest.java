package org.distill.examples.dm2gal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.physics.cosmo.Snapshot;
import org.distill.physics.cosmo.sim.SimulationSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PmBoxesTest {
    @Test void aCachedRunIsReadBackWithTheTimeItTookWhenItWasMade(@TempDir Path cache) throws Exception {
        SimulationSettings s = SimulationSettings.builder().boxSize(64).particles(16).mesh(32).steps(4).seed(3).threads(1).build();
        assertThat(PmBoxes.cached(s, cache)).isFalse();
        assertThat(PmBoxes.recordedSeconds(s, cache)).isNaN();
        Snapshot made = PmBoxes.run(s, cache, new AtomicBoolean());
        assertThat(PmBoxes.cached(s, cache)).isTrue();
        double seconds = PmBoxes.recordedSeconds(s, cache);
        assertThat(seconds).isPositive().isFinite();
        Snapshot read = PmBoxes.run(s, cache, new AtomicBoolean());
        assertThat(read.positions()).containsExactly(made.positions());
        assertThat(PmBoxes.recordedSeconds(s, cache)).isEqualTo(seconds);
        assertThat(PmBoxes.recordedSeconds(s, null)).isNaN();
    }
}
