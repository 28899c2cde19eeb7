package org.distill.neural.gn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.SplittableRandom;
import org.distill.neural.Torch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IncidencesTest {

    @ParameterizedTest @CsvSource({"1, 2, 3", "5, 4, 100", "3, 7, 2"})
    void matMulSumsEachReceiversMessagesAndBackpropagatesToThem(int graphs, int bodies, int k) {
        int nodes = graphs * bodies, edges = nodes * (bodies - 1);
        var random = new SplittableRandom(graphs * 31L + bodies);
        float[] messages = new float[edges * k], weights = new float[nodes * k];
        for (int i = 0; i < messages.length; i++) messages[i] = (float) random.nextGaussian();
        for (int i = 0; i < weights.length; i++) weights[i] = (float) random.nextGaussian();
        // Reference: every edge e of the receiver-major order ends at node e / (n−1).
        double[] expected = new double[nodes * k];
        for (int g = 0; g < graphs; g++)
            for (int i = 0; i < bodies; i++)
                for (int j = 0; j < bodies; j++) {
                    if (j == i) continue;
                    int e = (g * bodies + i) * (bodies - 1) + (j < i ? j : j - 1);
                    assertThat(GraphPacker.sender(bodies, e % (bodies * (bodies - 1)))).isEqualTo(j);
                    for (int c = 0; c < k; c++) expected[(g * bodies + i) * k + c] += messages[e * k + c];
                }

        try (NDManager manager = Torch.engine().newBaseManager()) {
            NDArray incidence = Incidences.create(manager, graphs, bodies);
            churnMemory();
            NDArray m = manager.create(messages, new Shape(edges, k));
            m.setRequiresGradient(true);
            float[] summed, gradient;
            try (var collector = Torch.engine().newGradientCollector()) {
                NDArray out = incidence.matMul(m);
                summed = out.toFloatArray();
                collector.backward(out.mul(manager.create(weights, new Shape(nodes, k))).sum());
            }
            gradient = m.getGradient().toFloatArray();
            for (int v = 0; v < nodes * k; v++) assertThat((double) summed[v]).isCloseTo(expected[v], within(1e-4));
            // d/dm Σ w ⊙ (I·m) = Iᵀ·w: each edge receives its receiver's weights.
            for (int e = 0; e < edges; e++)
                for (int c = 0; c < k; c++)
                    assertThat(gradient[e * k + c]).isEqualTo(weights[e / (bodies - 1) * k + c]);
        }
    }

    /** Frees and reuses native memory, which exposed incidence matrices built on freed buffers. */
    private static void churnMemory() {
        var buffers = new ArrayList<ByteBuffer>();
        for (int i = 0; i < 64; i++) buffers.add(ByteBuffer.allocateDirect(1 << 16));
        buffers.clear();
        System.gc();
        for (int i = 0; i < 64; i++) buffers.add(ByteBuffer.allocateDirect(1 << 16).put(0, (byte) 7));
    }
}
