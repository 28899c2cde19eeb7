package org.distill.physics.nbody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class NBodyDataTest {
    static final NBodyData SMALL = NBodyData.builder().law(PairLaw.SPRING).dim(3).bodies(4).simulations(6)
            .steps(50).keepEvery(7).seed(3).build();

    @Test
    void defaultsAreTheR2SetUp() {
        NBodyData d = NBodyData.builder().build();
        assertThat(d).isEqualTo(new NBodyData(PairLaw.R2, 2, 4, 200, 500, 5, 0));
        assertThat(d.graphsPerSimulation()).isEqualTo(100);
        assertThat(d.graphs()).isEqualTo(20_000);
        assertThat(d.timeStep()).isEqualTo(1e-3);
        assertThat(d.toBuilder().build()).isEqualTo(d);
    }

    @Test
    void generatedDataHasTheConfiguredShape() {
        GraphDataset data = SMALL.generate();
        assertThat(SMALL.graphsPerSimulation()).isEqualTo(8);                 // steps 0, 7, …, 49
        assertThat(data.graphs()).isEqualTo(48);
        assertThat(data.dim()).isEqualTo(3);
        assertThat(data.bodies()).isEqualTo(4);
        assertThat(data.featureCount()).isEqualTo(8);
        assertThat(data.nodes()).hasSize(48 * 4 * 8);
        assertThat(data.accelerations()).hasSize(48 * 4 * 3);
    }

    @Test
    void graphsAreTheKeptSamplesOfEachSimulation() {
        GraphDataset data = SMALL.generate();
        Trajectory t = SMALL.simulate(4, NBodySimulator.of());
        for (int k = 0; k < SMALL.graphsPerSimulation(); k++) {
            int g = 4 * SMALL.graphsPerSimulation() + k, step = k * SMALL.keepEvery();
            for (int i = 0; i < 4; i++) {
                for (int d = 0; d < 3; d++) {
                    assertThat(data.node(g, i, d)).isEqualTo((float) t.position(step, i, d));
                    assertThat(data.node(g, i, 3 + d)).isEqualTo((float) t.velocity(step, i, d));
                    assertThat(data.acceleration(g, i, d)).isEqualTo((float) t.acceleration(step, i, d));
                }
                assertThat(data.node(g, i, 6)).isEqualTo((float) t.charge(i));
                assertThat(data.node(g, i, 7)).isEqualTo((float) t.mass(i));
            }
        }
        assertThat(SMALL.initialConditions(4)).isEqualTo(t.state(0));
    }

    @Test
    void generationIsReproducibleFromTheSeed() {
        NBodyData a = NBodyData.builder().law(PairLaw.R2).simulations(3).steps(40).keepEvery(4).seed(11).build();
        assertThat(a.generate()).isEqualTo(a.generate());
        assertThat(a.toBuilder().seed(12).build().generate()).isNotEqualTo(a.generate());
        // simulation s depends on the master seed and s only, not on how many simulations there are
        GraphDataset more = a.toBuilder().simulations(5).build().generate();
        assertThat(more.slice(0, a.graphs())).isEqualTo(a.generate());
        assertThat(a.simulationSeed(0)).isNotEqualTo(a.simulationSeed(1));
    }

    @Test
    void chargeLawCarriesUnitChargesAndPositiveMasses() {
        GraphDataset data = NBodyData.builder().law(PairLaw.CHARGE).bodies(8).simulations(4).steps(20).keepEvery(10)
                .build().generate();
        Set<Float> charges = new HashSet<>();
        for (int g = 0; g < data.graphs(); g++)
            for (int i = 0; i < 8; i++) {
                charges.add(data.node(g, i, 4));
                assertThat(data.node(g, i, 5)).isPositive();
            }
        assertThat(charges).containsExactlyInAnyOrder(-1f, 1f);
    }

    @Test
    void listenerHearsEverySimulation() {
        List<String> heard = new ArrayList<>();
        SMALL.toBuilder().simulations(3).steps(5).keepEvery(5).build().generate((done, total) -> heard.add(done + "/" + total));
        assertThat(heard).containsExactly("1/3", "2/3", "3/3");
    }

    @Test
    void validationNamesTheBadValue() {
        expectError(b -> b.dim(4), "dim must be 2 or 3: 4");
        expectError(b -> b.bodies(1), "bodies must be in [2, 1000]: 1");
        expectError(b -> b.simulations(0), "simulations must be at least 1: 0");
        expectError(b -> b.steps(-3), "steps must be at least 1: -3");
        expectError(b -> b.steps(10).keepEvery(11), "keepEvery must be in [1, steps = 10]: 11");
        expectError(b -> b.keepEvery(0), "keepEvery must be in [1, steps = 500]: 0");
        expectError(b -> b.bodies(1000).simulations(100_000).keepEvery(1),
                "simulations·graphsPerSimulation·bodies·features = 300000000000 node values do not fit in one array"
                        + " (at most 2147483639)");
        assertThatThrownBy(() -> SMALL.initialConditions(6))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("simulation must be in [0, 6): 6");
    }

    private static void expectError(UnaryOperator<NBodyData.Builder> change, String message) {
        assertThatThrownBy(() -> change.apply(NBodyData.builder()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void splitDividesBySimulationWithoutLeakage() {
        NBodyData config = SMALL.toBuilder().simulations(10).steps(12).keepEvery(4).build();
        GraphDataset data = config.generate();
        NBodyData.Split split = config.split(data, 0.6, 0.2, 5);
        assertThat(split.train().graphs()).isEqualTo(6 * 3);
        assertThat(split.validation().graphs()).isEqualTo(2 * 3);
        assertThat(split.test().graphs()).isEqualTo(2 * 3);
        // every part is made of whole simulations; together they are each simulation exactly once
        List<GraphDataset> simulations = new ArrayList<>();
        for (int s = 0; s < 10; s++) simulations.add(data.slice(3 * s, 3 * s + 3));
        List<Integer> seen = new ArrayList<>();
        for (GraphDataset part : List.of(split.train(), split.validation(), split.test()))
            for (int k = 0; k < part.graphs() / 3; k++) {
                int s = simulations.indexOf(part.slice(3 * k, 3 * k + 3));
                assertThat(s).isNotNegative();
                seen.add(s);
            }
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(config.split(data, 0.6, 0.2, 5)).isEqualTo(split);
        assertThat(config.split(data, 0.6, 0.2, 6)).isNotEqualTo(split);
        assertThat(config.split(data, 1, 0, 5).test().graphs()).isZero();
    }

    @Test
    void splitRejectsBadFractions() {
        GraphDataset data = SMALL.generate();
        assertThatThrownBy(() -> SMALL.split(data, 0.9, 0.2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("train + validation must be at most 1: 0.9 + 0.2");
        assertThatThrownBy(() -> SMALL.split(data, -0.1, 0.2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("train must be in [0, 1]: -0.1");
        assertThatThrownBy(() -> NBodyData.Split.of(data, 5, 0.5, 0.2, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data has 48 graphs, not a multiple of graphsPerSimulation = 5");
    }

    @Test
    void metadataRoundTrips() {
        Map<String, String> metadata = SMALL.metadata();
        assertThat(metadata).containsEntry("law", "spring").containsEntry("keepEvery", "7");
        assertThat(NBodyData.fromMetadata(metadata)).isEqualTo(SMALL);
        assertThatThrownBy(() -> NBodyData.fromMetadata(Map.of("law", "r2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata has no 'dim'");
        assertThat(Arrays.asList(metadata.keySet().toArray())).startsWith("generator", "law", "dim");
    }
}
