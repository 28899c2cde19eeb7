package org.distill.neural.halos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.distill.neural.Trained;
import org.junit.jupiter.api.Test;

/** The halo graph network: it learns a sum over neighbours, and its output does not depend on how the graph is listed. */
class HaloNetworkTest {
    /**
     * A random graph whose target is a known law of the neighbours, y_i = Σ_j M_j/(1 + r_ij²/25) / 10 − 1 (scaled to
     * order one), so that a network that can sum messages can learn it.
     */
    static HaloGraph synthetic(int nodes, long seed) {
        var random = new SplittableRandom(seed);
        double[] mass = new double[nodes], speed = new double[nodes], target = new double[nodes];
        for (int i = 0; i < nodes; i++) {
            mass[i] = 5 + 95 * random.nextDouble();
            speed[i] = 300 * random.nextDouble();
        }
        int degree = 6;
        int[] receiver = new int[nodes * degree], sender = new int[nodes * degree];
        double[] distance = new double[nodes * degree], dv = new double[nodes * degree];
        for (int i = 0, e = 0; i < nodes; i++) {
            double sum = 0;
            for (int k = 0; k < degree; k++, e++) {
                int j = (i + 1 + random.nextInt(nodes - 1)) % nodes;
                receiver[e] = i;
                sender[e] = j;
                distance[e] = 1 + 24 * random.nextDouble();
                dv[e] = 500 * random.nextDouble();
                sum += mass[j] / (1 + distance[e] * distance[e] / 25);
            }
            target[i] = sum / 100 - 1;
        }
        return HaloGraph.of(mass, speed, target, receiver, sender, distance, dv);
    }

    @Test
    void learnsASumOverNeighboursAndIgnoresTheOrderOfEdgesAndNodes() {
        HaloGraph graph = synthetic(400, 3);
        int[] train = java.util.stream.IntStream.range(0, 300).toArray(), test = java.util.stream.IntStream.range(300, 400).toArray();
        var config = HaloNetworkConfig.builder().hiddenSize(32).messageDim(4).epochs(40).batchSize(32).learningRate(3e-3).seed(1).build();
        try (Trained<HaloNetwork> t = HaloNetworkTrainer.of(config).train(graph.withTargets(train))) {
            HaloNetwork gn = t.model();
            double constant = meanAbsoluteDeviation(graph.withTargets(test).targetValues());
            double error = gn.loss(graph.withTargets(test));
            assertThat(error).as("test error of the network vs a constant (%s)", constant).isLessThan(0.5 * constant);
            assertThat(t.report().epochs()).isEqualTo(40);

            // the same graph with its edges listed in reverse order: the same predictions
            double[] before = gn.predict(graph.withTargets(test));
            HaloGraph reversed = reverseEdges(graph);
            double[] after = gn.predict(reversed.withTargets(test));
            for (int k = 0; k < before.length; k++) assertThat(after[k]).isCloseTo(before[k], within(1e-4));

            // the nodes relabelled by a permutation: each halo's prediction follows it
            int n = graph.nodes();
            int[] perm = new int[n]; // old node -> new label
            for (int i = 0; i < n; i++) perm[i] = (i * 7 + 3) % n; // 7 is coprime with 400
            HaloGraph relabelled = relabel(graph, perm);
            int[] newTest = new int[test.length];
            for (int k = 0; k < test.length; k++) newTest[k] = perm[test[k]];
            double[] permuted = gn.predict(relabelled.withTargets(newTest)); // in ascending new label
            HaloGraph view = relabelled.withTargets(newTest);
            for (int k = 0; k < test.length; k++) {
                int at = java.util.Arrays.binarySearch(view.targets(), perm[test[k]]);
                assertThat(permuted[at]).isCloseTo(before[k], within(1e-4));
            }

            HaloNetwork.Messages m = gn.messages(graph.withTargets(test));
            assertThat(m.edges()).hasSize(test.length * 6);
            assertThat(m.predictions()).containsExactly(before);
            double[] std = m.standardDeviations();
            for (int c = 0; c < std.length; c++) assertThat(std[m.strongest()]).isGreaterThanOrEqualTo(std[c]);
        }
    }

    @Test
    void badGraphsAreRefusedWithOneLine() {
        double[] one = {1}, two = {1, 1};
        assertThatThrownBy(() -> HaloGraph.of(two, two, two, new int[] {0}, new int[] {0}, one, one))
                .hasMessage("edge 0 is a loop on node 0");
        assertThatThrownBy(() -> HaloGraph.of(two, two, two, new int[] {0}, new int[] {2}, one, one))
                .hasMessage("edge 0 joins nodes 0 and 2, expected both in [0, 2)");
        assertThatThrownBy(() -> HaloGraph.of(new double[] {1, -1}, two, two, new int[0], new int[0], new double[0], new double[0]))
                .hasMessage("mass of node 1 must be positive and finite: -1.0");
        assertThatThrownBy(() -> HaloGraph.of(two, two, new double[] {0, Double.NaN}, new int[0], new int[0], new double[0], new double[0])
                .withTargets(new int[] {1})).hasMessage("node 1 has no finite target: NaN");
        assertThatThrownBy(() -> HaloNetworkConfig.builder().messageDim(0).build()).hasMessage("messageDim must be in [1, 4096]: 0");
        assertThatThrownBy(() -> HaloNetworkConfig.builder().regularization(-1).build())
                .hasMessage("regularization must be finite and >= 0: -1.0");
    }

    private static double meanAbsoluteDeviation(double[] y) {
        double[] s = y.clone();
        java.util.Arrays.sort(s);
        double med = s[s.length / 2], sum = 0;
        for (double v : y) sum += Math.abs(v - med);
        return sum / y.length;
    }

    private static HaloGraph reverseEdges(HaloGraph g) {
        int e = g.edges();
        int[] r = new int[e], s = new int[e];
        double[] d = new double[e], v = new double[e];
        for (int k = 0; k < e; k++) {
            r[k] = g.receiver()[e - 1 - k];
            s[k] = g.sender()[e - 1 - k];
            d[k] = g.distance()[e - 1 - k];
            v[k] = g.relativeSpeed()[e - 1 - k];
        }
        return HaloGraph.of(g.mass(), g.speed(), g.target(), r, s, d, v);
    }

    private static HaloGraph relabel(HaloGraph g, int[] perm) {
        int n = g.nodes(), e = g.edges();
        double[] m = new double[n], sp = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            m[perm[i]] = g.mass()[i];
            sp[perm[i]] = g.speed()[i];
            y[perm[i]] = g.target()[i];
        }
        int[] r = new int[e], s = new int[e];
        for (int k = 0; k < e; k++) {
            r[k] = perm[g.receiver()[k]];
            s[k] = perm[g.sender()[k]];
        }
        return HaloGraph.of(m, sp, y, r, s, g.distance(), g.relativeSpeed());
    }
}
