package org.distill.examples.hgn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.distill.physics.nbody.NBodyData;
import org.distill.physics.nbody.PairLaw;
import org.distill.symbolic.Selection;
import org.junit.jupiter.api.Test;

class HamiltonianGnTest {
    private static HamiltonianGn.Settings settings(PairLaw law, int simulations) {
        return new HamiltonianGn.Settings(law, 4, simulations, 30, 64, 0, Duration.ofSeconds(30), 1, Selection.SCORE);
    }

    /** Many sparsely sampled systems: 10 graphs per simulation, 50 time steps apart, a tenth of the systems for testing. */
    @Test void dataRecipeSamplesManySystemsSparsely() {
        NBodyData recipe = settings(PairLaw.R2, 2000).data();
        assertThat(recipe.law()).isEqualTo(PairLaw.R2);
        assertThat(recipe.dim()).isEqualTo(2);
        assertThat(recipe.bodies()).isEqualTo(4);
        assertThat(recipe.steps()).isEqualTo(500);
        assertThat(recipe.keepEvery()).isEqualTo(50);
        assertThat(recipe.graphsPerSimulation()).isEqualTo(10);
        assertThat(recipe.graphs()).isEqualTo(20_000);
        assertThat(settings(PairLaw.R2, 2000).testSimulations()).isEqualTo(200);
        assertThat(settings(PairLaw.R2, 2).testSimulations()).isEqualTo(1);
    }

    @Test void builderDefaultsAreTheCommandsAndMatchTheRecord() {
        var built = HamiltonianGn.Settings.builder(PairLaw.SPRING).simulations(40).threads(1).build();
        assertThat(built).isEqualTo(new HamiltonianGn.Settings(PairLaw.SPRING, 4, 40, 30, 64, 0, Duration.ofSeconds(30), 1,
                Selection.SCORE));
        assertThat(built.network()).isEqualTo(org.distill.neural.hgn.HgnConfig.builder().hiddenSize(64).hiddenLayers(2)
                .epochs(30).batchSize(64).learningRate(1e-3).seed(0).build());
        assertThatThrownBy(() -> HamiltonianGn.Settings.builder(PairLaw.R2).epochs(0).build())
                .hasMessage("epochs must be in [1, 100000]: 0");
    }

    @Test void badSettings() {
        assertThatThrownBy(() -> settings(PairLaw.DAMPED, 10)).hasMessage("law must conserve energy for a Hamiltonian: damped");
        assertThatThrownBy(() -> settings(PairLaw.R2, 1)).hasMessage("simulations must be in [2, 100000]: 1");
        assertThatThrownBy(() -> new HamiltonianGn.Settings(PairLaw.R2, 4, 10, 1, 8, 0, Duration.ofSeconds(1), 1, null))
                .hasMessage("selection");
    }
}
