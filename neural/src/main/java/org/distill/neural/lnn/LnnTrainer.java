package org.distill.neural.lnn;

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
import org.distill.physics.lagrangian.StateSamples;

/**
 * Trains an {@link AccelerationModel} on states and true accelerations: Adam on the L1 loss
 * {@code mean over states of Σ_d |q̈̂_d − q̈_d|}, mini-batches in a seeded order, the configured learning-rate
 * schedule, gradients clipped to a global norm (a step whose loss or gradient is not finite is skipped), plus the
 * model's penalty on the batch, weighted by {@link LnnConfig#hessianPenalty()}. Each step runs in its own
 * {@link NDScope} and sub-manager, and the model's gradients are zeroed in place after each update, so memory stays
 * flat (see {@code LnnMemoryTest}).
 *
 * <p>The shape of every trainer ({@link NetworkTrainer}): {@code LnnTrainer.of(config).train(states)} gives a new
 * {@link LagrangianNetwork} and its {@link TrainingReport}; {@link #of(LnnConfig, Factory)} trains another model, e.g.
 * {@code DirectNetwork::of}. The model's initial weights come from the configuration's seed alone (each {@link Mlp}
 * draws them from its own seeded generator).
 *
 * @param <M> the model trained
 */
public final class LnnTrainer<M extends AccelerationModel> implements NetworkTrainer<LnnConfig, StateSamples, M> {
    /** Makes the untrained model for {@code dof} degrees of freedom: {@code LagrangianNetwork::of}, {@code DirectNetwork::of}. */
    @FunctionalInterface
    public interface Factory<M extends AccelerationModel> {
        M create(int dof, LnnConfig config);
    }

    private final LnnConfig config;
    private final Factory<M> factory;

    private LnnTrainer(LnnConfig config, Factory<M> factory) {
        this.config = config;
        this.factory = factory;
    }

    /** A trainer of {@link LagrangianNetwork}s. */
    public static LnnTrainer<LagrangianNetwork> of(LnnConfig config) { return of(config, LagrangianNetwork::of); }

    /**
     * A trainer of the models {@code factory} makes from the configuration and the data's degrees of freedom, e.g.
     * {@code DirectNetwork::of} (the baseline) or {@code (sites, c) -> LagrangianGraphNetwork.of(sites, dx, c)}.
     */
    public static <M extends AccelerationModel> LnnTrainer<M> of(LnnConfig config, Factory<M> factory) {
        return new LnnTrainer<>(Objects.requireNonNull(config, "config"), Objects.requireNonNull(factory, "factory"));
    }

    @Override public LnnConfig config() { return config; }

    /**
     * Trains a new model on {@code data}, reporting each epoch, until the planned epochs are done or {@code cancel}
     * becomes true (checked before every step); the model keeps what it learned either way. The caller closes it.
     */
    @Override public Trained<M> train(StateSamples data, TrainingListener listener, AtomicBoolean cancel) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancel, "cancel");
        return Trained.of(factory.create(data.dof(), config), model -> fit(model, data, listener, cancel));
    }

    @SuppressWarnings("try")
    private TrainingReport fit(AccelerationModel model, StateSamples data, TrainingListener listener, AtomicBoolean cancel) {
        int n = model.dof();
        if (data.dof() != n) throw new IllegalArgumentException("data has " + data.dof() + " degrees of freedom, the model " + n);
        long start = System.nanoTime();
        Engine engine = Torch.engine();
        int rows = data.rows(), batch = Math.min(config.batchSize(), rows);
        int stepsPerEpoch = (rows + batch - 1) / batch;
        long total = (long) stepsPerEpoch * config.epochs();
        Tracker rate = update -> (float) config.schedule().rate(update - 1, total, config.learningRate());
        Optimizer adam = Optimizer.adam().optLearningRateTracker(rate).build();
        List<NDArray> parameters = model.parameters();
        var random = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) order[i] = i;
        double[] q = data.q(), qd = data.qd(), qdd = data.qdd();
        double[] bq = new double[batch * n], bv = new double[batch * n], ba = new double[batch * n];
        long step = 0;
        double lastLoss = Double.NaN;
        boolean stopped = false;
        List<Double> losses = new ArrayList<>();
        try (NDManager root = engine.newBaseManager(Torch.device())) {
            epochs:
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                shuffle(order, random);
                double sum = 0;
                for (int from = 0; from < rows; from += batch, step++) {
                    if (cancel.get()) {
                        stopped = true;
                        if (from > 0) lastLoss = sum / from;
                        break epochs;
                    }
                    int count = Math.min(batch, rows - from);
                    for (int k = 0; k < count; k++) {
                        int r = order[from + k];
                        System.arraycopy(q, r * n, bq, k * n, n);
                        System.arraycopy(qd, r * n, bv, k * n, n);
                        System.arraycopy(qdd, r * n, ba, k * n, n);
                    }
                    // Adam creates its moment arrays on the first update: outside any scope, or they would be closed.
                    try (var scope = step == 0 ? null : new NDScope(); NDManager m = root.newSubManager()) {
                        Shape shape = new Shape(count, n);
                        NDArray tq = m.create(count == batch ? bq : java.util.Arrays.copyOf(bq, count * n), shape);
                        NDArray tv = m.create(count == batch ? bv : java.util.Arrays.copyOf(bv, count * n), shape);
                        NDArray ta = m.create(count == batch ? ba : java.util.Arrays.copyOf(ba, count * n), shape);
                        double loss;
                        try (GradientCollector collector = engine.newGradientCollector()) {
                            NDArray[] out = config.hessianPenalty() > 0 ? model.accelerationsAndPenalty(tq, tv)
                                    : new NDArray[] {model.accelerations(tq, tv), null};
                            NDArray objective = out[0].sub(ta).abs().sum(new int[] {1}).mean();
                            loss = objective.getDouble();
                            if (out[1] != null) objective = objective.add(out[1].mul(config.hessianPenalty()));
                            collector.backward(objective);
                        }
                        ClippedUpdate.apply(adam, model.name(), parameters, loss, config.clipNorm());
                        sum += loss * count;
                    }
                }
                lastLoss = sum / rows;
                losses.add(lastLoss);
                listener.onEpoch(new TrainingProgress(epoch, config.epochs(), step, lastLoss,
                        config.schedule().rate(step - 1, total, config.learningRate()), Duration.ofNanos(System.nanoTime() - start)));
            }
        }
        return new TrainingReport(model.name(), rows, step, losses, lastLoss, Duration.ofNanos(System.nanoTime() - start), stopped,
                Torch.versions());
    }

    /** Mean over the states of {@code Σ_d |q̈̂_d − q̈_d|}: the training loss on {@code data}, without gradients. */
    public static double loss(AccelerationModel model, StateSamples data) {
        int n = model.dof(), rows = data.rows(), chunk = 1024;
        double sum = 0;
        double[] out = new double[Math.min(chunk, rows) * n], qdd = data.qdd(), q = data.q(), qd = data.qd();
        for (int from = 0; from < rows; from += chunk) {
            int count = Math.min(chunk, rows - from);
            model.accelerations(java.util.Arrays.copyOfRange(q, from * n, (from + count) * n),
                    java.util.Arrays.copyOfRange(qd, from * n, (from + count) * n), count, out);
            for (int k = 0; k < count * n; k++) sum += Math.abs(out[k] - qdd[from * n + k]);
        }
        return sum / rows;
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1), t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
