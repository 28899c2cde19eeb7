package org.distill.neural.gn;

import org.distill.physics.nbody.GraphDataset;

/**
 * Packs graphs of a {@link GraphDataset} into the flat float inputs of the network.
 *
 * <p>Edges are all ordered pairs, receiver-major: in each graph, receiver {@code i} takes edges
 * {@code i·(n−1) … i·(n−1) + n−2}, one per sender {@code j ≠ i} in increasing order; so edge
 * {@code e} of a batch has receiver node {@code e / (n−1)}. Inputs need no gradient, so they are
 * assembled here rather than gathered inside the network.
 */
final class GraphPacker {
    final int dim, bodies, nodeWidth, edgeWidth;
    private final Features features;
    private final int featureCount;

    GraphPacker(int dim, int bodies, Features features) {
        this.dim = dim;
        this.bodies = bodies;
        this.features = features;
        this.featureCount = 2 * dim + 2;
        this.nodeWidth = features.nodeWidth(dim);
        this.edgeWidth = features.edgeWidth(dim);
    }

    int edgesPerGraph() { return bodies * (bodies - 1); }

    /** Sender of edge {@code e} (within its graph) whose receiver is {@code e / (n−1)}. */
    static int sender(int bodies, int e) {
        int i = e / (bodies - 1), j = e % (bodies - 1);
        return j < i ? j : j + 1;
    }

    /**
     * Packs graphs {@code order[from … from+count)} (or {@code from …} when {@code order} is null).
     *
     * @param shift   per packed graph, {@code dim} translation components added to the positions, or null
     * @param nodes   {@code count·n·nodeWidth} values out
     * @param edges   {@code count·n·(n−1)·edgeWidth} values out
     * @param targets {@code count·n·dim} accelerations out, or null
     */
    void pack(GraphDataset data, int[] order, int from, int count, double[] shift,
              float[] nodes, float[] edges, float[] targets) {
        int n = bodies, f = featureCount;
        float[] graph = new float[n * f];
        int nodeAt = 0, edgeAt = 0, targetAt = 0;
        for (int b = 0; b < count; b++) {
            int g = order == null ? from + b : order[from + b];
            for (int i = 0; i < n; i++)
                for (int k = 0; k < f; k++) graph[i * f + k] = data.node(g, i, k);
            if (shift != null)
                for (int i = 0; i < n; i++)
                    for (int d = 0; d < dim; d++) graph[i * f + d] += (float) shift[b * dim + d];
            int skip = features.relative() ? dim : 0;
            for (int i = 0; i < n; i++) {
                System.arraycopy(graph, i * f + skip, nodes, nodeAt, f - skip);
                nodeAt += f - skip;
                if (targets != null)
                    for (int d = 0; d < dim; d++) targets[targetAt++] = data.acceleration(g, i, d);
            }
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) {
                    if (j == i) continue;
                    if (features.relative()) {
                        double r2 = 0;
                        for (int d = 0; d < dim; d++) {
                            float delta = graph[i * f + d] - graph[j * f + d];
                            edges[edgeAt++] = delta;
                            r2 += (double) delta * delta;
                        }
                        if (features == Features.DISTANCE) edges[edgeAt++] = (float) Math.sqrt(r2);
                        System.arraycopy(graph, i * f + dim, edges, edgeAt, f - dim);
                        edgeAt += f - dim;
                        System.arraycopy(graph, j * f + dim, edges, edgeAt, f - dim);
                        edgeAt += f - dim;
                    } else {
                        System.arraycopy(graph, i * f, edges, edgeAt, f);
                        System.arraycopy(graph, j * f, edges, edgeAt + f, f);
                        edgeAt += 2 * f;
                    }
                }
        }
    }
}
