package org.distill.neural.hgn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.neural.ClippedUpdate;
import org.distill.neural.NetworkTrainer;
import org.distill.neural.Torch;
import org.distill.neural.Trained;
import org.distill.neural.TrainingListener;
import org.distill.neural.TrainingProgress;
import org.distill.neural.TrainingReport;
import org.distill.neural.gn.Schedule;
import org.distill.physics.nbody.GraphDataset;

/**
 * Trains a {@link HamiltonianGraphNetwork} on n-body graphs: Adam with a one-cycle schedule on the L1 loss
 * {@code mean over bodies of Σ_d |ṗ̂_d − m·a_d| + Σ_d |q̇̂_d − v_d|}, batches of whole graphs in a seeded order,
 * gradients clipped to a global norm of 1. Each step runs in its own {@link NDScope}.
 *
 * <p>The shape of every trainer ({@link NetworkTrainer}): {@code HgnTrainer.of(config).train(graphs)} gives a new
 * network, for the data's bodies and dimension, and its {@link TrainingReport}.
 */
public final class HgnTrainer implements NetworkTrainer<HgnConfig, GraphDataset, HamiltonianGraphNetwork> {
    private final HgnConfig config;

    private HgnTrainer(HgnConfig config) { this.config = config; }

    /** A trainer with the given configuration. */
    public static HgnTrainer of(HgnConfig config) { return new HgnTrainer(Objects.requireNonNull(config, "config")); }

    @Override public HgnConfig config() { return config; }

    /** Flat (G, N, dim) positions, momenta, velocities, ṗ and (G, N) masses of graphs {@code order[from..from+count)}. */
    static double[][] batch(GraphDataset data, int[] order, int from, int count) {
        int n = data.bodies(), dim = data.dim();
        double[] q = new double[count * n * dim], p = new double[q.length], v = new double[q.length], f = new double[q.length],
                m = new double[count * n];
        for (int k = 0; k < count; k++) {
            int g = order[from + k];
            for (int i = 0; i < n; i++) {
                double mass = data.node(g, i, 2 * dim + 1);
                m[k * n + i] = mass;
                for (int d = 0; d < dim; d++) {
                    int at = (k * n + i) * dim + d;
                    q[at] = data.node(g, i, d);
                    v[at] = data.node(g, i, dim + d);
                    p[at] = mass * v[at];
                    f[at] = mass * data.acceleration(g, i, d);
                }
            }
        }
        return new double[][] {q, p, v, f, m};
    }

    /**
     * Trains a new network on {@code data}, reporting each epoch; stops early (keeping what was learned) when
     * {@code cancel} is set. The caller closes the network.
     */
    @Override public Trained<HamiltonianGraphNetwork> train(GraphDataset data, TrainingListener listener, AtomicBoolean cancel) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancel, "cancel");
        return Trained.of(HamiltonianGraphNetwork.of(data.dim(), data.bodies(), config),
                network -> fit(network, data, listener, cancel));
    }

    @SuppressWarnings("try")
    private TrainingReport fit(HamiltonianGraphNetwork network, GraphDataset data, TrainingListener listener, AtomicBoolean cancel) {
        int epochs = config.epochs(), batch = config.batchSize();
        double learningRate = config.learningRate();
        long start = System.nanoTime();
        Engine engine = Torch.engine();
        int graphs = data.graphs(), size = Math.min(batch, graphs), n = data.bodies(), dim = data.dim();
        long total = (long) epochs * ((graphs + size - 1) / size);
        Tracker rate = update -> (float) Schedule.ONE_CYCLE.rate(update - 1, total, learningRate);
        Optimizer adam = Optimizer.adam().optLearningRateTracker(rate).build();
        List<NDArray> parameters = network.parameters();
        var random = new SplittableRandom(config.seed());
        int[] order = new int[graphs];
        for (int i = 0; i < graphs; i++) order[i] = i;
        long step = 0;
        double last = Double.NaN;
        boolean stopped = false;
        List<Double> losses = new ArrayList<>();
        try (NDManager root = engine.newBaseManager(Torch.device())) {
            epochs:
            for (int epoch = 1; epoch <= epochs; epoch++) {
                for (int i = graphs - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1), t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                double sum = 0;
                for (int from = 0; from < graphs; from += size, step++) {
                    if (cancel.get()) {
                        stopped = true;
                        if (from > 0) last = sum / from;
                        break epochs;
                    }
                    int count = Math.min(size, graphs - from);
                    double[][] b = batch(data, order, from, count);
                    try (var scope = step == 0 ? null : new NDScope(); NDManager m = root.newSubManager()) {
                        Shape s3 = new Shape(count, n, dim);
                        double loss;
                        try (GradientCollector collector = engine.newGradientCollector()) {
                            NDArray[] out = network.derivatives(m.create(b[0], s3), m.create(b[1], s3), m.create(b[4], new Shape(count, n)));
                            NDArray objective = out[0].sub(m.create(b[3], s3)).abs().sum(new int[] {2}).mean()
                                    .add(out[1].sub(m.create(b[2], s3)).abs().sum(new int[] {2}).mean());
                            loss = objective.getDouble();
                            collector.backward(objective);
                        }
                        ClippedUpdate.apply(adam, "hgn", parameters, loss, 1);
                        sum += loss * count;
                    }
                }
                last = sum / graphs;
                losses.add(last);
                listener.onEpoch(new TrainingProgress(epoch, epochs, step, last,
                        Schedule.ONE_CYCLE.rate(step - 1, total, learningRate), Duration.ofNanos(System.nanoTime() - start)));
            }
        }
        return new TrainingReport("hgn", graphs, step, losses, last, Duration.ofNanos(System.nanoTime() - start), stopped,
                Torch.versions());
    }

    /** The training loss on {@code data}, without gradients. */
    @SuppressWarnings("try")
    public static double loss(HamiltonianGraphNetwork network, GraphDataset data) {
        int graphs = data.graphs(), n = data.bodies(), dim = data.dim(), chunk = 256;
        int[] order = new int[graphs];
        for (int i = 0; i < graphs; i++) order[i] = i;
        double sum = 0;
        for (int from = 0; from < graphs; from += chunk) {
            int count = Math.min(chunk, graphs - from);
            double[][] b = batch(data, order, from, count);
            try (NDManager m = Torch.engine().newBaseManager(Torch.device()); var scope = new NDScope()) {
                Shape s3 = new Shape(count, n, dim);
                NDArray[] out = network.derivatives(m.create(b[0], s3), m.create(b[1], s3), m.create(b[4], new Shape(count, n)));
                sum += out[0].sub(m.create(b[3], s3)).abs().sum(new int[] {2}).mean()
                        .add(out[1].sub(m.create(b[2], s3)).abs().sum(new int[] {2}).mean()).getDouble() * count;
            }
        }
        return sum / graphs;
    }
}
