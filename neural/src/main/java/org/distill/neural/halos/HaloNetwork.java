package org.distill.neural.halos;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Objects;

/**
 * A trained halo graph network: predicts the target of each target node of a {@link HaloGraph} from the
 * node's mass and speed and its incoming edges, and exposes its edge messages for distillation. Holds
 * native memory: close it (try-with-resources). Methods are thread-safe (serialised).
 */
public final class HaloNetwork implements AutoCloseable {
    /** Receivers per evaluation chunk. */
    private static final int CHUNK = 512;

    private final Model model;
    private final HaloNetworkBlock block;
    private final HaloNetworkConfig config;
    private final HaloScales scales;
    private final ParameterStore store;
    private boolean closed;

    HaloNetwork(Model model, HaloNetworkBlock block, HaloNetworkConfig config, HaloScales scales) {
        this.model = model;
        this.block = block;
        this.config = config;
        this.scales = scales;
        this.store = new ParameterStore(model.getNDManager(), false);
    }

    public HaloNetworkConfig config() { return config; }

    /** The input scales it was trained with. */
    public HaloScales scales() { return scales; }

    /** Message components per edge. */
    public int messageDim() { return block.messageDim(); }

    /** The prediction for each of {@code graph.targets()}, in that order. */
    public synchronized double[] predict(HaloGraph graph) {
        return evaluate(graph, false).predictions;
    }

    /** Mean |prediction − target| over {@code graph.targets()}. */
    public synchronized double loss(HaloGraph graph) {
        double[] p = predict(graph), y = graph.targetValues();
        double sum = 0;
        for (int t = 0; t < p.length; t++) sum += Math.abs(p[t] - y[t]);
        return sum / p.length;
    }

    /**
     * The messages on every incoming edge of the target nodes, and each target's summed messages.
     *
     * @param edges    the edges (indices into the graph's edge arrays), receivers in target order
     * @param messages {@code messages[c][e]}: component c on edge {@code edges[e]}
     * @param summed   {@code summed[c][t]}: component c summed over the incoming edges of target t
     * @param predictions the prediction of each target
     */
    public record Messages(int[] edges, double[][] messages, double[][] summed, double[] predictions) {
        /** The component with the largest standard deviation over the edges (the L1 penalty leaves one large). */
        public int strongest() {
            int best = 0;
            double bestStd = -1;
            for (int c = 0; c < messages.length; c++) {
                double mean = 0, sq = 0;
                for (double x : messages[c]) mean += x;
                mean /= Math.max(1, messages[c].length);
                for (double x : messages[c]) sq += (x - mean) * (x - mean);
                if (sq > bestStd) {
                    bestStd = sq;
                    best = c;
                }
            }
            return best;
        }

        /** Standard deviation of each component over the edges. */
        public double[] standardDeviations() {
            double[] s = new double[messages.length];
            for (int c = 0; c < s.length; c++) {
                double mean = 0, sq = 0;
                for (double x : messages[c]) mean += x;
                mean /= Math.max(1, messages[c].length);
                for (double x : messages[c]) sq += (x - mean) * (x - mean);
                s[c] = Math.sqrt(sq / Math.max(1, messages[c].length));
            }
            return s;
        }
    }

    /** The messages of the target nodes' incoming edges. */
    public synchronized Messages messages(HaloGraph graph) {
        Evaluation ev = evaluate(graph, true);
        return new Messages(ev.edges, ev.messages, ev.summed, ev.predictions);
    }

    private record Evaluation(double[] predictions, int[] edges, double[][] messages, double[][] summed) {}

    @SuppressWarnings("try") // the scope frees what the block creates
    private Evaluation evaluate(HaloGraph graph, boolean withMessages) {
        Objects.requireNonNull(graph, "graph");
        if (closed) throw new IllegalStateException("the halo network is closed");
        int[] order = graph.targets();
        if (order.length == 0) throw new IllegalArgumentException("the graph has no target nodes");
        var packer = new HaloPacker(graph, scales);
        HaloGraph.Incoming in = packer.incoming();
        int total = 0;
        for (int i : order) total += in.degree(i);
        int kDim = messageDim();
        double[] predictions = new double[order.length];
        int[] edges = withMessages ? new int[total] : null;
        double[][] messages = withMessages ? new double[kDim][total] : null;
        double[][] summed = withMessages ? new double[kDim][order.length] : null;
        int edgeAt = 0;
        for (int from = 0; from < order.length; from += CHUNK) {
            int count = Math.min(CHUNK, order.length - from), k = packer.slots(order, from, count);
            float[] nodeIn = new float[count * HaloNetworkBlock.NODE_WIDTH], edgeIn = new float[count * k * HaloNetworkBlock.EDGE_WIDTH];
            float[] mask = new float[count * k];
            packer.pack(order, from, count, k, nodeIn, edgeIn, mask, null);
            try (var scope = new NDScope(); NDManager manager = model.getNDManager().newSubManager()) {
                NDList out = block.forward(store, inputs(manager, nodeIn, edgeIn, mask, count, k), false);
                float[] p = out.get(0).toFloatArray();
                for (int t = 0; t < count; t++) predictions[from + t] = p[t];
                if (withMessages) {
                    float[] msg = out.get(1).toFloatArray();
                    for (int t = 0; t < count; t++) {
                        int i = order[from + t], slot = t * k;
                        for (int q = in.offsets()[i]; q < in.offsets()[i + 1]; q++, slot++, edgeAt++) {
                            edges[edgeAt] = in.edgesOf()[q];
                            for (int c = 0; c < kDim; c++) {
                                double x = msg[slot * kDim + c];
                                messages[c][edgeAt] = x;
                                summed[c][from + t] += x;
                            }
                        }
                    }
                }
            }
        }
        return new Evaluation(predictions, edges, messages, summed);
    }

    static NDList inputs(NDManager manager, float[] nodeIn, float[] edgeIn, float[] mask, int count, int k) {
        return new NDList(manager.create(nodeIn, new Shape(count, HaloNetworkBlock.NODE_WIDTH)),
                manager.create(edgeIn, new Shape((long) count * k, HaloNetworkBlock.EDGE_WIDTH)),
                manager.create(mask, new Shape((long) count * k, 1)));
    }

    /** Frees the native memory; the network cannot be used afterwards. */
    @Override public synchronized void close() {
        if (closed) return;
        closed = true;
        model.close();
    }

    @Override public String toString() { return "HaloNetwork[messageDim=" + messageDim() + "]"; }
}
