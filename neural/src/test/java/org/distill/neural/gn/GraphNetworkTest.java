package org.distill.neural.gn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.distill.neural.SpringGraphs;
import org.distill.neural.Torch;
import org.distill.physics.nbody.GraphDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GraphNetworkTest {

    /** A small network trained briefly: arbitrary but fixed weights. */
    private static GraphNetwork small(Variant variant, Features features, int dim) {
        return small(variant, features, dim, 0);
    }

    private static GraphNetwork small(Variant variant, Features features, int dim, double lossFloor) {
        var config = GraphNetworkConfig.builder().variant(variant).features(features)
                .hiddenSize(32).hiddenLayers(2).messageDim(variant == Variant.BOTTLENECK ? 0 : 8)
                .epochs(1).batchSize(16).seed(3).lossFloor(lossFloor).build();
        return GraphNetworkTrainer.of(config).train(SpringGraphs.generate(32, 3, dim, 11)).model();
    }

    @ParameterizedTest
    @CsvSource({"STANDARD, RELATIVE, 2", "BOTTLENECK, RELATIVE, 3", "L1, ABSOLUTE, 2", "KL, ABSOLUTE, 3", "KL, RELATIVE, 2",
            "L1, DISTANCE, 3"})
    void predictionsAreEquivariantUnderNodePermutations(Variant variant, Features features, int dim) {
        var data = SpringGraphs.generate(6, 5, dim, 5);
        var random = new SplittableRandom(17);
        int[][] perms = new int[data.graphs()][];
        for (int g = 0; g < perms.length; g++) perms[g] = permutation(data.bodies(), random);
        var permuted = permute(data, perms);
        try (var gn = small(variant, features, dim)) {
            float[] a = gn.predict(data), b = gn.predict(permuted);
            for (int g = 0; g < data.graphs(); g++)
                for (int i = 0; i < data.bodies(); i++)
                    for (int d = 0; d < dim; d++)
                        assertThat(b[(g * data.bodies() + i) * dim + d])
                                .isCloseTo(a[(g * data.bodies() + perms[g][i]) * dim + d], within(1e-5f));
            assertThat(gn.predict(data)).as("evaluation is deterministic").isEqualTo(a);
        }
    }

    @ParameterizedTest
    @CsvSource({"RELATIVE", "DISTANCE"})
    void relativeFeaturesMakePredictionsTranslationInvariant(Features features) {
        var data = SpringGraphs.generate(8, 4, 2, 6);
        try (var gn = small(Variant.STANDARD, features, 2)) {
            float[] a = gn.predict(data), b = gn.predict(translate(data, 2.5f, -1.5f));
            for (int k = 0; k < a.length; k++) assertThat(b[k]).isCloseTo(a[k], within(1e-5f));
        }
    }

    @Test void messagesListEveryOrderedPairWithItsPhysics() {
        var data = SpringGraphs.generate(3, 4, 3, 8);
        try (var gn = small(Variant.L1, Features.RELATIVE, 3)) {
            EdgeMessages m = gn.messages(data);
            assertThat(m.edges()).isEqualTo(3 * 4 * 3);
            assertThat(m.messageDim()).isEqualTo(8).isEqualTo(gn.messageDim());
            assertThat(m.variables()).containsExactly("dx", "dy", "dz", "dvx", "dvy", "dvz", "r", "m1", "m2", "q1", "q2");
            double[][] dx = m.dx(), dv = m.dv();
            double[] r = m.r(), m1 = m.m1(), m2 = m.m2(), q1 = m.q1(), q2 = m.q2();
            List<String> pairs = new ArrayList<>();
            for (int e = 0; e < m.edges(); e++) {
                int g = m.graph(e), i = m.receiver(e), j = m.sender(e);
                pairs.add(g + ":" + i + "<" + j);
                double rr = 0;
                for (int d = 0; d < 3; d++) {
                    assertThat(dx[d][e]).isEqualTo((double) data.node(g, i, d) - data.node(g, j, d));
                    assertThat(dv[d][e]).isEqualTo((double) data.node(g, i, 3 + d) - data.node(g, j, 3 + d));
                    rr += dx[d][e] * dx[d][e];
                }
                assertThat(r[e]).isCloseTo(Math.sqrt(rr), within(1e-12));
                assertThat(q1[e]).isEqualTo(data.node(g, i, 6));
                assertThat(q2[e]).isEqualTo(data.node(g, j, 6));
                assertThat(m1[e]).isEqualTo(data.node(g, i, 7));
                assertThat(m2[e]).isEqualTo(data.node(g, j, 7));
            }
            assertThat(pairs).doesNotHaveDuplicates().hasSize(36);
            var dataset = m.toDataset(5);
            assertThat(dataset.rows()).isEqualTo(36);
            assertThat(dataset.target()).isEqualTo("message5");
            assertThat(dataset.y()).isEqualTo(m.message(5));
            assertThat(m.standardDeviations()).hasSize(8).doesNotContain(Double.NaN).doesNotContain(0.0);
        }
    }

    @Test void theDistanceInputIsTheSeparationAfterTheDifference() {
        var data = SpringGraphs.generate(2, 4, 3, 8);
        var relative = new GraphPacker(3, 4, Features.RELATIVE);
        var distance = new GraphPacker(3, 4, Features.DISTANCE);
        assertThat(distance.edgeWidth).isEqualTo(relative.edgeWidth + 1).isEqualTo(14);
        assertThat(distance.nodeWidth).isEqualTo(relative.nodeWidth);
        int edges = 2 * relative.edgesPerGraph();
        float[] re = new float[edges * relative.edgeWidth], de = new float[edges * distance.edgeWidth];
        float[] rn = new float[2 * 4 * relative.nodeWidth], dn = new float[2 * 4 * distance.nodeWidth];
        relative.pack(data, null, 0, 2, null, rn, re, null);
        distance.pack(data, null, 0, 2, null, dn, de, null);
        assertThat(dn).isEqualTo(rn);
        for (int e = 0; e < edges; e++) {
            int r = e * relative.edgeWidth, d = e * distance.edgeWidth;
            double norm = Math.sqrt(re[r] * re[r] + re[r + 1] * re[r + 1] + re[r + 2] * re[r + 2]);
            assertThat(de[d + 3]).isCloseTo((float) norm, within(1e-6f));
            for (int k = 0; k < 3; k++) assertThat(de[d + k]).isEqualTo(re[r + k]);
            for (int k = 3; k < relative.edgeWidth; k++) assertThat(de[d + k + 1]).isEqualTo(re[r + k]);
        }
    }

    @Test void saveAndLoadGiveIdenticalPredictions(@TempDir Path dir) throws IOException {
        var data = SpringGraphs.generate(20, 4, 2, 9);
        try (var gn = small(Variant.KL, Features.ABSOLUTE, 2, 0.5)) {
            gn.save(dir);
            try (var loaded = GraphNetwork.load(dir)) {
                assertThat(loaded.config()).isEqualTo(gn.config());
                assertThat(loaded.config().lossFloor()).isEqualTo(0.5);
                assertThat(loaded.provenance()).isEqualTo(gn.provenance());
                assertThat(loaded.dim()).isEqualTo(2);
                assertThat(loaded.predict(data)).isEqualTo(gn.predict(data));
                assertThat(loaded.messages(data).messages()).isDeepEqualTo(gn.messages(data).messages());
                assertThat(loaded.loss(data)).isEqualTo(gn.loss(data));
            }
            // a network saved before the loss floor existed has none
            Path properties;
            try (var files = java.nio.file.Files.list(dir)) {
                properties = files.filter(f -> f.toString().endsWith(".properties")).findFirst().orElseThrow();
            }
            java.nio.file.Files.write(properties, java.nio.file.Files.readAllLines(properties).stream()
                    .filter(line -> !line.startsWith("lossFloor=") && !line.startsWith("nodeInput=")
                            && !line.startsWith("weightedPenalty=")).toList());
            try (var old = GraphNetwork.load(dir)) {
                assertThat(old.config()).isEqualTo(gn.config().toBuilder().lossFloor(0).nodeInput(NodeInput.ALL).build());
            }
        }
    }

    @Test void aNodeModelThatSeesOnlyTheMessagesIsSavedAsSuchAndStaysEquivariant(@TempDir Path dir) throws IOException {
        var config = GraphNetworkConfig.builder().variant(Variant.BOTTLENECK).hiddenSize(32).hiddenLayers(2).epochs(1)
                .batchSize(16).seed(3).nodeInput(NodeInput.MESSAGES).build();
        var data = SpringGraphs.generate(6, 5, 2, 5);
        try (var gn = GraphNetworkTrainer.of(config).train(SpringGraphs.generate(32, 3, 2, 11)).model()) {
            gn.save(dir);
            try (var loaded = GraphNetwork.load(dir)) {
                assertThat(loaded.config().nodeInput()).isEqualTo(NodeInput.MESSAGES);
                assertThat(loaded.predict(data)).isEqualTo(gn.predict(data));
            }
            assertThat(gn.shifted(data, 1, 0)[0]).containsExactly(gn.predict(data), within(1e-5f));
            var random = new SplittableRandom(17);
            int[][] perms = new int[data.graphs()][];
            for (int g = 0; g < perms.length; g++) perms[g] = permutation(data.bodies(), random);
            float[] a = gn.predict(data), b = gn.predict(permute(data, perms));
            for (int g = 0; g < data.graphs(); g++)
                for (int i = 0; i < data.bodies(); i++)
                    for (int d = 0; d < 2; d++)
                        assertThat(b[(g * data.bodies() + i) * 2 + d]).isCloseTo(a[(g * data.bodies() + perms[g][i]) * 2 + d],
                                within(1e-5f));
        }
    }

    @Test void anL1NetworkWithTheWeightedPenaltyTrainsAndIsSavedAsSuch(@TempDir Path dir) throws IOException {
        var config = GraphNetworkConfig.builder().variant(Variant.L1).hiddenSize(16).hiddenLayers(1).epochs(1)
                .batchSize(16).seed(3).lossFloor(1).weightedPenalty(true).build();
        var data = SpringGraphs.generate(6, 5, 2, 5);
        try (var trained = GraphNetworkTrainer.of(config).train(SpringGraphs.generate(32, 3, 2, 11))) {
            GraphNetwork gn = trained.model();
            assertThat(trained.report().finalLoss()).isFinite();
            gn.save(dir);
            try (var loaded = GraphNetwork.load(dir)) {
                assertThat(loaded.config()).isEqualTo(config);
                assertThat(loaded.config().weightedPenalty()).isTrue();
                assertThat(loaded.predict(data)).isEqualTo(gn.predict(data));
            }
        }
    }

    @Test void loadRejectsMissingOrForeignFiles(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> GraphNetwork.load(dir)).isInstanceOf(IOException.class);
        Files.writeString(dir.resolve(GraphNetwork.FILES.properties()), "format=something-else\n");
        assertThatThrownBy(() -> GraphNetwork.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a saved graph network");
        Files.writeString(dir.resolve(GraphNetwork.FILES.properties()), "format=distill-graph-network-1\ndim=2\n");
        assertThatThrownBy(() -> GraphNetwork.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("missing property 'variant'");
    }

    @Test void lossIsTheMeanL1NormOfTheAccelerationError() {
        var data = SpringGraphs.generate(10, 3, 2, 4);
        try (var gn = small(Variant.STANDARD, Features.RELATIVE, 2)) {
            float[] p = gn.predict(data), a = data.accelerations();
            double sum = 0;
            for (int k = 0; k < p.length; k++) sum += Math.abs(p[k] - a[k]);
            assertThat(gn.loss(data)).isCloseTo(sum / 30, within(1e-9));
        }
    }

    @Test void theNodeModelOnTheSummedMessagesGivesThePredictionsAndItsResponse() {
        var data = SpringGraphs.generate(10, 4, 2, 6);
        try (var gn = small(Variant.L1, Features.RELATIVE, 2)) {
            float[] p = gn.predict(data);
            float[][] shifted = gn.shifted(data, 3, 0, 1e-2);
            assertThat(shifted[0]).as("the node model on the summed messages is the network").containsExactly(p, within(1e-5f));
            double[][] response = gn.messageResponse(data, 3);
            assertThat(response).hasNumberOfRows(40);
            int agree = 0;                                    // piecewise linear: the secant is the response but at kinks
            for (int node = 0; node < 40; node++) {
                double diff = 0, norm = 0;
                for (int d = 0; d < 2; d++) {
                    double secant = (shifted[1][node * 2 + d] - (double) p[node * 2 + d]) / 1e-2;
                    diff += Math.abs(secant - response[node][d]);
                    norm += Math.abs(response[node][d]);
                }
                if (diff <= 1e-2 * norm + 1e-3) agree++;
            }
            assertThat(agree).isGreaterThanOrEqualTo(36);
            assertThatThrownBy(() -> gn.messageResponse(data, 8)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("component must be in [0, 8): 8");
        }
    }

    @Test void rejectsWrongDimensionAndUseAfterClose() {
        var gn = small(Variant.STANDARD, Features.RELATIVE, 2);
        assertThatThrownBy(() -> gn.predict(SpringGraphs.generate(2, 3, 3, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("data has dim 3, the network takes dim 2");
        gn.close();
        gn.close();
        assertThatThrownBy(() -> gn.loss(SpringGraphs.generate(2, 3, 2, 1))).isInstanceOf(IllegalStateException.class);
    }

    @Test void sameSeedSameNetwork() {
        var data = SpringGraphs.generate(12, 3, 2, 2);
        try (var a = small(Variant.KL, Features.RELATIVE, 2); var b = small(Variant.KL, Features.RELATIVE, 2)) {
            assertThat(a.provenance().finalLoss()).isEqualTo(b.provenance().finalLoss());
            assertThat(a.predict(data)).isEqualTo(b.predict(data));
        }
    }

    @Test void trainingKeepsTheNumberOfLiveArraysConstant() {
        NDManager root = Torch.engine().newBaseManager();
        NDManager system = root.getParentManager();
        root.close();
        List<Integer> live = new ArrayList<>();
        var config = GraphNetworkConfig.builder().variant(Variant.KL).hiddenSize(16).hiddenLayers(1)
                .messageDim(4).epochs(6).batchSize(8).build();
        try (var gn = GraphNetworkTrainer.of(config).train(SpringGraphs.generate(40, 3, 2, 3),
                p -> live.add(liveArrays(system))).model()) {
            assertThat(gn.provenance().steps()).isEqualTo(30);
        }
        assertThat(live.subList(1, live.size())).containsOnly(live.get(1));
    }

    /** Arrays and managers reachable from {@code manager} (DJL keeps them in a protected map). */
    private static int liveArrays(NDManager manager) {
        try {
            var field = BaseNDManager.class.getDeclaredField("resources");
            field.setAccessible(true);
            int n = 0;
            for (Object r : ((Map<?, ?>) field.get(manager)).values())
                n += 1 + (r instanceof NDManager child ? liveArrays(child) : 0);
            return n;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("DJL's manager internals changed", e);
        }
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1), t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Node {@code i} of permuted graph {@code g} is node {@code perms[g][i]} of the original. */
    private static GraphDataset permute(GraphDataset data, int[][] perms) {
        int n = data.bodies(), f = data.featureCount(), dim = data.dim();
        float[] nodes = new float[data.graphs() * n * f], acc = new float[data.graphs() * n * dim];
        for (int g = 0; g < data.graphs(); g++)
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < f; k++) nodes[(g * n + i) * f + k] = data.node(g, perms[g][i], k);
                for (int d = 0; d < dim; d++) acc[(g * n + i) * dim + d] = data.acceleration(g, perms[g][i], d);
            }
        return new GraphDataset(dim, n, nodes, acc);
    }

    private static GraphDataset translate(GraphDataset data, float... shift) {
        float[] nodes = data.nodes();
        int f = data.featureCount();
        for (int v = 0; v < nodes.length / f; v++)
            for (int d = 0; d < shift.length; d++) nodes[v * f + d] += shift[d];
        return new GraphDataset(data.dim(), data.bodies(), nodes, data.accelerations());
    }
}
