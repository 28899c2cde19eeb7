package org.distill.neural.gn;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.distill.neural.io.ModelFiles;
import org.distill.physics.nbody.GraphDataset;

import static org.distill.neural.io.ModelFiles.get;

/**
 * A trained graph network: predicts accelerations of fully connected particle graphs and exposes its
 * edge messages for distillation. Works for any number of bodies, in the spatial dimension it was
 * trained in. Holds native memory: close it (try-with-resources). Methods are thread-safe
 * (serialised).
 *
 * <pre>{@code
 * try (GraphNetwork gn = GraphNetworkTrainer.of(config).train(train).model()) {
 *     double testLoss = gn.loss(test);
 *     EdgeMessages messages = gn.messages(test);
 * }
 * }</pre>
 */
public final class GraphNetwork implements AutoCloseable {
    /**
     * A saved network: {@code graph-network.properties} (configuration, spatial dimension, provenance; plain text) and
     * {@code graph-network.params} (DJL's parameter format).
     */
    static final ModelFiles FILES = ModelFiles.of("graph-network", "distill-graph-network-1", "graph network");
    /** Incidence entries (nodes × edges) per evaluation chunk: its one-hot source is built dense once. */
    private static final long EVALUATION_ENTRIES = 1L << 22;

    private final Model model;
    private final GraphNetworkBlock block;
    private final GraphNetworkConfig config;
    private final int dim;
    private final TrainingProvenance provenance;
    private final Incidences incidences;
    private final ParameterStore store;
    private boolean closed;

    GraphNetwork(Model model, GraphNetworkBlock block, GraphNetworkConfig config, int dim,
                 TrainingProvenance provenance) {
        this.model = model;
        this.block = block;
        this.config = config;
        this.dim = dim;
        this.provenance = provenance;
        this.incidences = new Incidences(model.getNDManager());
        this.store = new ParameterStore(model.getNDManager(), false);
    }

    /** How it was configured. */
    public GraphNetworkConfig config() { return config; }

    /** How it was trained. */
    public TrainingProvenance provenance() { return provenance; }

    /** Spatial dimension of the data it takes. */
    public int dim() { return dim; }

    /** Message components per edge. */
    public int messageDim() { return block.messageDim(); }

    /** Predicted accelerations, laid out as {@link GraphDataset#accelerations()}. */
    public synchronized float[] predict(GraphDataset data) {
        check(data);
        float[] out = new float[data.graphs() * data.bodies() * dim];
        evaluate(data, (from, count, acc, msg) -> System.arraycopy(acc, 0, out, from * data.bodies() * dim, acc.length));
        return out;
    }

    /**
     * Mean over nodes of the L1 norm of the acceleration error, {@code Σ_d |â_d − a_d|}: the data term
     * of the training objective, without the message regulariser.
     */
    public synchronized double loss(GraphDataset data) {
        check(data);
        float[] truth = data.accelerations();
        double[] sum = {0};
        evaluate(data, (from, count, acc, msg) -> {
            int offset = from * data.bodies() * dim;
            for (int k = 0; k < acc.length; k++) sum[0] += Math.abs(acc[k] - truth[offset + k]);
        });
        return sum[0] / ((double) data.graphs() * data.bodies());
    }

    /** The messages on every edge of {@code data} (the means for the KL variant) and the edges' physics. */
    public synchronized EdgeMessages messages(GraphDataset data) {
        check(data);
        int n = data.bodies(), perGraph = n * (n - 1), edges = data.graphs() * perGraph, k = messageDim();
        double[][] messages = new double[k][edges];
        evaluate(data, (from, count, acc, msg) -> {
            int e0 = from * perGraph;
            for (int e = 0; e < count * perGraph; e++)
                for (int c = 0; c < k; c++) messages[c][e0 + e] = msg[e * k + c];
        });
        double[][] dx = new double[dim][edges], dv = new double[dim][edges];
        double[] r = new double[edges], m1 = new double[edges], m2 = new double[edges],
                q1 = new double[edges], q2 = new double[edges];
        int q = 2 * dim, m = 2 * dim + 1;
        for (int e = 0; e < edges; e++) {
            int g = e / perGraph, i = e % perGraph / (n - 1), j = GraphPacker.sender(n, e % perGraph);
            double rr = 0;
            for (int d = 0; d < dim; d++) {
                dx[d][e] = (double) data.node(g, i, d) - data.node(g, j, d);
                dv[d][e] = (double) data.node(g, i, dim + d) - data.node(g, j, dim + d);
                rr += dx[d][e] * dx[d][e];
            }
            r[e] = Math.sqrt(rr);
            m1[e] = data.node(g, i, m);
            m2[e] = data.node(g, j, m);
            q1[e] = data.node(g, i, q);
            q2[e] = data.node(g, j, q);
        }
        return new EdgeMessages(dim, n, messages, dx, dv, r, m1, m2, q1, q2);
    }

    /**
     * How each node's predicted acceleration answers the sum of the messages it receives: for every node (in the order
     * of {@link #predict}), the derivative of its acceleration ({@code [node][d]}) with respect to component
     * {@code component} of its summed messages, by central differences of the node model with a step of 1 % of that
     * sum's root mean square over {@code data}. The network is piecewise linear, so this is the node model's local
     * linear response to the message: what a unit of message means as acceleration for that receiver.
     *
     * @throws IllegalArgumentException when {@code component} is not a message component, or as {@link #predict}
     */
    public synchronized double[][] messageResponse(GraphDataset data, int component) {
        check(data);
        checkComponent(component);
        double[] m = messages(data).message(component);
        int n = data.bodies(), nodes = data.graphs() * n;
        double sumSquares = 0;
        for (int node = 0; node < nodes; node++) {
            double s = 0;
            for (int e = node * (n - 1); e < (node + 1) * (n - 1); e++) s += m[e];
            sumSquares += s * s;
        }
        double step = Math.max(1e-6, 0.01 * Math.sqrt(sumSquares / nodes));
        float[][] shifted = shifted(data, component, step, -step);
        double[][] response = new double[nodes][dim];
        for (int node = 0; node < nodes; node++)
            for (int d = 0; d < dim; d++)
                response[node][d] = ((double) shifted[0][node * dim + d] - shifted[1][node * dim + d]) / (2 * step);
        return response;
    }

    /**
     * Predicted accelerations (as {@link #predict}) with component {@code component} of every node's summed messages
     * shifted by each of {@code deltas}: the edge model once, the node model once per shift.
     */
    @SuppressWarnings("try") // the scope frees what the block creates
    synchronized float[][] shifted(GraphDataset data, int component, double... deltas) {
        check(data);
        checkComponent(component);
        var packer = new GraphPacker(dim, data.bodies(), config.features());
        int graphs = data.graphs(), n = data.bodies(), k = messageDim();
        float[][] out = new float[deltas.length][graphs * n * dim];
        int chunk = chunk(n);
        for (int from = 0; from < graphs; from += chunk) {
            int count = Math.min(chunk, graphs - from);
            NDArray incidence = incidences.of(count, n);
            try (var scope = new NDScope(); var manager = model.getNDManager().newSubManager()) {
                NDList inputs = inputs(manager, packer, data, null, from, count, null, null, incidence);
                NDArray summed = incidence.matMul(block.forward(store, inputs, false).get(1));
                float[] shift = new float[k];
                for (int s = 0; s < deltas.length; s++) {
                    shift[component] = (float) deltas[s];
                    float[] acc = block.node(store, inputs.get(0), summed.add(manager.create(shift, new Shape(1, k))))
                            .toFloatArray();
                    System.arraycopy(acc, 0, out[s], from * n * dim, acc.length);
                }
            }
        }
        return out;
    }

    /** Graphs of {@code n} bodies per evaluation chunk: {@link #EVALUATION_ENTRIES} incidence entries, 1 to 1024. */
    private static int chunk(int n) {
        return (int) Math.max(1, Math.min(1024, Math.sqrt(EVALUATION_ENTRIES / ((double) n * n * (n - 1)))));
    }

    private void checkComponent(int component) {
        if (component < 0 || component >= messageDim())
            throw new IllegalArgumentException("component must be in [0, " + messageDim() + "): " + component);
    }

    /** Writes the configuration, provenance and parameters into directory {@code dir} (created if needed). */
    public synchronized void save(Path dir) throws IOException {
        ensureOpen();
        var p = new Properties();
        p.setProperty("dim", Integer.toString(dim));
        p.setProperty("variant", config.variant().name());
        p.setProperty("features", config.features().name());
        p.setProperty("hiddenSize", Integer.toString(config.hiddenSize()));
        p.setProperty("hiddenLayers", Integer.toString(config.hiddenLayers()));
        p.setProperty("messageDim", Integer.toString(config.messageDim()));
        p.setProperty("regularization", Double.toString(config.regularization()));
        p.setProperty("epochs", Integer.toString(config.epochs()));
        p.setProperty("batchSize", Integer.toString(config.batchSize()));
        p.setProperty("learningRate", Double.toString(config.learningRate()));
        p.setProperty("schedule", config.schedule().name());
        p.setProperty("weightDecay", Double.toString(config.weightDecay()));
        p.setProperty("translation", Double.toString(config.translation()));
        p.setProperty("seed", Long.toString(config.seed()));
        p.setProperty("lossFloor", Double.toString(config.lossFloor()));
        p.setProperty("nodeInput", config.nodeInput().name());
        p.setProperty("weightedPenalty", Boolean.toString(config.weightedPenalty()));
        p.setProperty("trained.graphs", Integer.toString(provenance.graphs()));
        p.setProperty("trained.bodies", Integer.toString(provenance.bodies()));
        p.setProperty("trained.steps", Long.toString(provenance.steps()));
        p.setProperty("trained.finalLoss", Double.toString(provenance.finalLoss()));
        p.setProperty("trained.wallTime", provenance.wallTime().toString());
        p.setProperty("trained.versions", provenance.versions());
        FILES.save(dir, p, block, "Distill graph network");
    }

    /** Reads a network written by {@link #save(Path)}. */
    public static GraphNetwork load(Path dir) throws IOException {
        Properties p = FILES.read(dir);
        int dim = FILES.parse(dir, p, q -> Integer.parseInt(get(q, "dim")));
        GraphNetworkConfig config = FILES.parse(dir, p, q -> new GraphNetworkConfig(Variant.valueOf(get(q, "variant")),
                Features.valueOf(get(q, "features")), Integer.parseInt(get(q, "hiddenSize")),
                Integer.parseInt(get(q, "hiddenLayers")), Integer.parseInt(get(q, "messageDim")),
                Double.parseDouble(get(q, "regularization")), Integer.parseInt(get(q, "epochs")),
                Integer.parseInt(get(q, "batchSize")), Double.parseDouble(get(q, "learningRate")),
                Schedule.valueOf(get(q, "schedule")), Double.parseDouble(get(q, "weightDecay")),
                Double.parseDouble(get(q, "translation")), Long.parseLong(get(q, "seed")),
                Double.parseDouble(q.getProperty("lossFloor", "0")),         // saved before the setting existed: 0
                NodeInput.valueOf(q.getProperty("nodeInput", "ALL")),         // the same: the paper's node model
                Boolean.parseBoolean(q.getProperty("weightedPenalty", "false"))));
        TrainingProvenance provenance = FILES.parse(dir, p, q -> new TrainingProvenance(
                Integer.parseInt(get(q, "trained.graphs")), Integer.parseInt(get(q, "trained.bodies")), dim,
                Long.parseLong(get(q, "trained.steps")), Double.parseDouble(get(q, "trained.finalLoss")),
                Duration.parse(get(q, "trained.wallTime")), get(q, "trained.versions")));
        var block = new GraphNetworkBlock(config, dim);
        return FILES.load(dir, block, model -> new GraphNetwork(model, block, config, dim, provenance));
    }

    /** Frees the native memory; the network cannot be used afterwards. */
    @Override public synchronized void close() {
        if (closed) return;
        closed = true;
        incidences.close();
        model.close();
    }

    @Override public String toString() {
        return "GraphNetwork[" + config.variant() + ", dim=" + dim + ", messageDim=" + messageDim() + "]";
    }

    /** Receives one evaluated chunk: graphs {@code [from, from+count)}, accelerations and messages. */
    private interface Chunk {
        void accept(int from, int count, float[] accelerations, float[] messages);
    }

    @SuppressWarnings("try") // the scope frees what the block creates
    private void evaluate(GraphDataset data, Chunk sink) {
        var packer = new GraphPacker(dim, data.bodies(), config.features());
        int graphs = data.graphs(), n = data.bodies();
        int chunk = chunk(n);
        for (int from = 0; from < graphs; from += chunk) {
            int count = Math.min(chunk, graphs - from);
            NDArray incidence = incidences.of(count, data.bodies());
            try (var scope = new NDScope(); var manager = model.getNDManager().newSubManager()) {
                NDList inputs = inputs(manager, packer, data, null, from, count, null, null, incidence);
                NDList out = block.forward(store, inputs, false);
                sink.accept(from, count, out.get(0).toFloatArray(), out.get(1).toFloatArray());
            }
        }
    }

    /** Packs graphs into network inputs in {@code manager}; fills {@code targets} when given. */
    static NDList inputs(NDManager manager, GraphPacker packer, GraphDataset data, int[] order,
                         int from, int count, double[] shift, float[] targets, NDArray incidence) {
        int nodes = count * packer.bodies, edges = count * packer.edgesPerGraph();
        float[] nodeIn = new float[nodes * packer.nodeWidth], edgeIn = new float[edges * packer.edgeWidth];
        packer.pack(data, order, from, count, shift, nodeIn, edgeIn, targets);
        return new NDList(manager.create(nodeIn, new Shape(nodes, packer.nodeWidth)),
                manager.create(edgeIn, new Shape(edges, packer.edgeWidth)), incidence);
    }

    private void check(GraphDataset data) {
        Objects.requireNonNull(data, "data");
        ensureOpen();
        if (data.dim() != dim)
            throw new IllegalArgumentException("data has dim " + data.dim() + ", the network takes dim " + dim);
        if (data.graphs() == 0) throw new IllegalArgumentException("data has no graphs");
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("the graph network is closed");
    }
}
