package org.distill.neural.halos;

/**
 * Packs target nodes and their incoming edges into the block's padded inputs: per receiver K slots
 * (K = the largest in-degree among the receivers packed together, at least 1), unused slots zero with
 * mask 0.
 */
final class HaloPacker {
    private final HaloGraph graph;
    private final HaloGraph.Incoming incoming;
    private final HaloScales scales;

    HaloPacker(HaloGraph graph, HaloScales scales) {
        this.graph = graph;
        this.incoming = graph.incoming();
        this.scales = scales;
    }

    HaloGraph.Incoming incoming() { return incoming; }

    /** Slots per receiver for nodes {@code order[from .. from+count)}. */
    int slots(int[] order, int from, int count) {
        int k = 1;
        for (int t = from; t < from + count; t++) k = Math.max(k, incoming.degree(order[t]));
        return k;
    }

    /** Fills the inputs (sized count·2, count·K·4, count·K) and the targets (count; may be null). */
    void pack(int[] order, int from, int count, int k, float[] nodeIn, float[] edgeIn, float[] mask, float[] targets) {
        java.util.Arrays.fill(edgeIn, 0, count * k * HaloNetworkBlock.EDGE_WIDTH, 0f);
        java.util.Arrays.fill(mask, 0, count * k, 0f);
        double[] m = graph.mass(), v = graph.speed(), r = graph.distance(), dv = graph.relativeSpeed();
        int[] senders = graph.sender();
        for (int t = 0; t < count; t++) {
            int i = order[from + t];
            nodeIn[2 * t] = (float) (m[i] / scales.mass());
            nodeIn[2 * t + 1] = (float) (v[i] / scales.speed());
            if (targets != null) targets[t] = (float) graph.target()[i];
            int slot = t * k;
            for (int p = incoming.offsets()[i]; p < incoming.offsets()[i + 1]; p++, slot++) {
                int e = incoming.edgesOf()[p], j = senders[e], at = slot * HaloNetworkBlock.EDGE_WIDTH;
                edgeIn[at] = (float) (r[e] / scales.distance());
                edgeIn[at + 1] = (float) (m[i] / scales.mass());
                edgeIn[at + 2] = (float) (m[j] / scales.mass());
                edgeIn[at + 3] = (float) (dv[e] / scales.speed());
                mask[slot] = 1f;
            }
        }
    }
}
