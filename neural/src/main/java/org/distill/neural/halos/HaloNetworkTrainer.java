package org.distill.neural.halos;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
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

/**
 * Trains a {@link HaloNetwork} on the target nodes of a {@link HaloGraph}: objective mean |ŷ − y| over a
 * batch of halos plus {@code regularization} × the mean over its edges of Σ_c |message_c| (the L1
 * variant of Cranmer et al. 2020). Each step runs in its own {@link NDScope} and sub-manager. Seeded by
 * the configuration (one thread: PyTorch's generator is global).
 *
 * <pre>{@code
 * try (Trained<HaloNetwork> t = HaloNetworkTrainer.of(HaloNetworkConfig.builder().epochs(60).build()).train(train)) {
 *     double testError = t.model().loss(test);
 * }
 * }</pre>
 */
public final class HaloNetworkTrainer implements NetworkTrainer<HaloNetworkConfig, HaloGraph, HaloNetwork> {
    private final HaloNetworkConfig config;

    private HaloNetworkTrainer(HaloNetworkConfig config) { this.config = config; }

    public static HaloNetworkTrainer of(HaloNetworkConfig config) {
        return new HaloNetworkTrainer(Objects.requireNonNull(config, "config"));
    }

    @Override public HaloNetworkConfig config() { return config; }

    @SuppressWarnings("try") // the scope frees what the block creates
    @Override public Trained<HaloNetwork> train(HaloGraph data, TrainingListener listener, AtomicBoolean cancel) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancel, "cancel");
        int rows = data.targets().length;
        if (rows == 0) throw new IllegalArgumentException("the graph has no target nodes to train on");
        long start = System.nanoTime();
        Engine engine = Torch.engine();
        Torch.seed(config.seed());
        var random = new SplittableRandom(config.seed());
        HaloScales scales = HaloScales.of(data);
        var packer = new HaloPacker(data, scales);

        int batch = Math.min(config.batchSize(), rows);
        long total = (long) ((rows + batch - 1) / batch) * config.epochs();
        Tracker rate = update -> (float) config.schedule().rate(update - 1, total, config.learningRate());
        var optimizer = Optimizer.adam().optLearningRateTracker(rate).optWeightDecays((float) config.weightDecay()).build();
        var trainingConfig = new DefaultTrainingConfig(Loss.l1Loss()).optOptimizer(optimizer)
                .optDevices(new ai.djl.Device[] {Torch.device()})
                .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        Model model = Model.newInstance("halo-network", Torch.device(), engine.getEngineName());
        try {
            var block = new HaloNetworkBlock(config);
            model.setBlock(block);
            double lastLoss = Double.NaN;
            long step = 0;
            boolean stopped = false;
            List<Double> losses = new ArrayList<>();
            try (Trainer trainer = model.newTrainer(trainingConfig)) {
                trainer.initialize(new Shape(1, HaloNetworkBlock.NODE_WIDTH), new Shape(1, HaloNetworkBlock.EDGE_WIDTH), new Shape(1, 1));
                int[] order = data.targets().clone();
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
                        int count = Math.min(batch, rows - from), k = packer.slots(order, from, count);
                        float[] nodeIn = new float[count * HaloNetworkBlock.NODE_WIDTH], targets = new float[count];
                        float[] edgeIn = new float[count * k * HaloNetworkBlock.EDGE_WIDTH], mask = new float[count * k];
                        packer.pack(order, from, count, k, nodeIn, edgeIn, mask, targets);
                        // Adam creates its moment arrays on the first update: outside any scope, or they would be closed.
                        try (var scope = step == 0 ? null : new NDScope(); var manager = model.getNDManager().newSubManager()) {
                            NDList inputs = HaloNetwork.inputs(manager, nodeIn, edgeIn, mask, count, k);
                            NDArray truth = manager.create(targets, new Shape(count, 1));
                            NDArray maskArray = inputs.get(2);
                            float loss;
                            try (GradientCollector collector = trainer.newGradientCollector()) {
                                NDList out = trainer.forward(inputs);
                                NDArray objective = out.get(0).sub(truth).abs().mean();
                                if (config.regularization() > 0) {
                                    NDArray edges = maskArray.sum().maximum(1f);
                                    objective = objective.add(out.get(1).abs().sum().div(edges).mul((float) config.regularization()));
                                }
                                loss = objective.getFloat();
                                collector.backward(objective);
                            }
                            if (ClippedUpdate.finiteOrZeroed(trainer, loss)) trainer.step(); // else skipped, gradients zeroed
                            sum += (double) loss * count;
                        }
                    }
                    lastLoss = sum / rows;
                    losses.add(lastLoss);
                    listener.onEpoch(new TrainingProgress(epoch, config.epochs(), step, lastLoss,
                            config.schedule().rate(step - 1, total, config.learningRate()), Duration.ofNanos(System.nanoTime() - start)));
                }
            }
            Duration wallTime = Duration.ofNanos(System.nanoTime() - start);
            var report = new TrainingReport("halo-network", rows, step, losses, lastLoss, wallTime, stopped, Torch.versions());
            return new Trained<>(new HaloNetwork(model, block, config, scales), report);
        } catch (RuntimeException | Error e) {
            model.close();
            throw e;
        }
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1), t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
