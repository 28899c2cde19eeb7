package org.distill.neural.cnn;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.ndarray.NDList;
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
 * Trains a voxel network ({@link VoxelConfig}) on periodic boxes: each step draws {@code batchSize} random cubes (random
 * box, random corner, wrapped; optionally flipped and axis-permuted), runs the network on them and takes one Adam step
 * on the objective over the cubes' central {@code subVolume³} cells. The learning rate decays as a cosine from
 * {@code learningRate} to a twentieth of it. Each step runs in its own {@link NDScope} and sub-manager, so native memory
 * stays flat; reproducible for a seed on one thread.
 *
 * <pre>{@code
 * try (Trained<VoxelNetwork> t = VoxelTrainer.of(config).train(VoxelData.of(n, input, target))) {
 *     float[] prediction = t.model().predict(testInput, n);
 * }
 * }</pre>
 */
public final class VoxelTrainer implements NetworkTrainer<VoxelConfig, VoxelData, VoxelNetwork> {
    private final VoxelConfig config;

    private VoxelTrainer(VoxelConfig config) { this.config = config; }

    /** A trainer with the given configuration. */
    public static VoxelTrainer of(VoxelConfig config) { return new VoxelTrainer(Objects.requireNonNull(config, "config")); }

    @Override public VoxelConfig config() { return config; }

    /** The model's short name in its {@link TrainingReport}: {@code voxel-plain} or {@code voxel-unet}. */
    public String modelName() { return "voxel-" + config.architecture().name().toLowerCase(java.util.Locale.ROOT); }

    @SuppressWarnings("try") // the scope frees what the block creates
    @Override public Trained<VoxelNetwork> train(VoxelData data, TrainingListener listener, AtomicBoolean cancel) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancel, "cancel");
        long start = System.nanoTime();
        Engine engine = Torch.engine();
        Torch.seed(config.seed());
        var random = new SplittableRandom(config.seed());
        int channels = data.channels(), cube = config.cube(), sub = config.subVolume(), batch = config.batchSize();
        long total = (long) config.epochs() * config.stepsPerEpoch();
        Tracker rate = update -> (float) rate(update - 1, total);
        var optimizer = Optimizer.adam().optLearningRateTracker(rate).optWeightDecays((float) config.weightDecay()).build();
        var trainingConfig = new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(optimizer)
                .optDevices(new ai.djl.Device[] {Torch.device()})
                .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        Model model = Model.newInstance(modelName(), Torch.device(), engine.getEngineName());
        try {
            Block block = VoxelBlocks.build(config);
            model.setBlock(block);
            double lastLoss = Double.NaN;
            long step = 0;
            boolean stopped = false;
            List<Double> losses = new ArrayList<>();
            int cells = cube * cube * cube;
            float[] in = new float[batch * channels * cells], target = new float[batch * sub * sub * sub];
            try (Trainer trainer = model.newTrainer(trainingConfig)) {
                VoxelBlocks.startAtIdentity(block, config);
                trainer.initialize(new Shape(batch, channels, cube, cube, cube));
                epochs:
                for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                    double sum = 0;
                    for (int s = 0; s < config.stepsPerEpoch(); s++, step++) {
                        if (cancel.get()) {
                            stopped = true;
                            if (s > 0) lastLoss = sum / s;
                            break epochs;
                        }
                        sample(data, random, in, target);
                        // Adam creates its moment arrays on the first update: outside any scope, or they would be closed.
                        try (var scope = step == 0 ? null : new NDScope();
                             var manager = model.getNDManager().newSubManager()) {
                            NDArray x = manager.create(in, new Shape(batch, channels, cube, cube, cube));
                            NDArray t = manager.create(target, new Shape(batch, 1, sub, sub, sub));
                            float loss;
                            try (GradientCollector collector = trainer.newGradientCollector()) {
                                NDArray out = Periodic.crop(trainer.forward(new NDList(x)).head(), config.margin());
                                NDArray objective = objective(out, t, manager);
                                loss = objective.getFloat();
                                collector.backward(objective);
                            }
                            if (ClippedUpdate.finiteOrZeroed(trainer, loss)) trainer.step();
                            sum += loss;
                        }
                    }
                    lastLoss = sum / config.stepsPerEpoch();
                    losses.add(lastLoss);
                    listener.onEpoch(new TrainingProgress(epoch, config.epochs(), step, lastLoss, rate(step - 1, total),
                            Duration.ofNanos(System.nanoTime() - start)));
                }
            }
            String versions = Torch.versions();
            Duration wallTime = Duration.ofNanos(System.nanoTime() - start);
            var report = new TrainingReport(modelName(), data.boxes(), step, losses, lastLoss, wallTime, stopped, versions);
            return new Trained<>(new VoxelNetwork(model, block, config, channels), report);
        } catch (RuntimeException | Error e) {
            model.close();
            throw e;
        }
    }

    private double rate(long update, long total) {
        double t = Math.min(1, Math.max(0, (double) update / Math.max(1, total - 1)));
        double floor = config.learningRate() / 20;
        return floor + (config.learningRate() - floor) * 0.5 * (1 + Math.cos(Math.PI * t));
    }

    /** The training objective over the scored cells (see {@link Objective}). */
    private NDArray objective(NDArray out, NDArray target, NDManager manager) {
        return switch (config.objective()) {
            case REGRESS -> {
                NDArray mse = out.sub(target).square().mean();
                yield config.powerWeight() > 0
                        ? mse.add(bandPowerLoss(out, target, config.powerOfExp()).mul((float) config.powerWeight())) : mse;
            }
            case REGRESS_OCCUPIED -> {
                NDArray mask = target.gt(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
                yield out.sub(target).square().mul(mask).sum().div(mask.sum().maximum(1f));
            }
            case CLASSIFY -> {
                NDArray y = target.gt(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
                // softplus(z) = max(z, 0) + log(1 + exp(-|z|)); BCE = w·y·softplus(−z) + (1 − y)·softplus(z)
                NDArray softplus = out.maximum(0f).add(out.abs().neg().exp().add(1f).log());
                NDArray positive = softplus.sub(out).mul(y).mul((float) config.positiveWeight());
                NDArray negative = softplus.mul(y.neg().add(1f));
                yield positive.add(negative).mean();
            }
        };
    }

    /**
     * The band-power term: for blocks of b = 2, 4, … cells (b ≤ side / 2), the block averages of the prediction and of
     * the target, a and t; the term is the sum over b of mean((a − t)²) / var(t) (mean and variance over all blocks of
     * the batch): the error of the field smoothed at that scale relative to the target's variance there, a proxy of the
     * power spectrum's band around k ≈ π / (b·cell). A per-cell MSE lets the fit shrink towards the conditional mean
     * where input and target decorrelate, cell by cell, and so lose power on all scales; this term holds the smoothed
     * field to the target's, phases included (a variance match alone would accept any field of the right variance).
     * With {@code exp}, a and t are block averages of e^field. Zero when prediction equals target.
     *
     * @param out    prediction, (batch, 1, side, side, side), side ≥ 4
     * @param target target of the same shape
     */
    static NDArray bandPowerLoss(NDArray out, NDArray target, boolean exp) {
        Shape shape = out.getShape();
        if (shape.dimension() != 5 || !shape.equals(target.getShape()) || shape.get(2) != shape.get(3) || shape.get(2) != shape.get(4))
            throw new IllegalArgumentException("bandPowerLoss needs equal (batch, 1, side, side, side) shapes: " + shape + ", " + target.getShape());
        long side = shape.get(2), batch = shape.get(0) * shape.get(1);
        if (side < 4) throw new IllegalArgumentException("bandPowerLoss needs side >= 4: " + side);
        NDArray a0 = exp ? out.exp() : out, t0 = exp ? target.exp() : target;
        NDArray sum = null;
        for (long b = 2; b <= side / 2; b *= 2) {
            long m = side / b;
            NDArray a = blockMeans(a0, batch, m, b), t = blockMeans(t0, batch, m, b);
            NDArray varT = t.sub(t.mean()).square().mean().add(1e-12f);
            NDArray term = a.sub(t).square().mean().div(varT);
            sum = sum == null ? term : sum.add(term);
        }
        return sum;
    }

    /** Means over the m³ blocks of b³ cells at the low corner of each (batch, 1, side, side, side) cube: (batch, m, m, m). */
    private static NDArray blockMeans(NDArray f, long batch, long m, long b) {
        String corner = ":" + m * b;
        // PyTorch's mean over several axes at once is not exposed by DJL: one axis at a time
        return f.get(":, :, " + corner + ", " + corner + ", " + corner).reshape(batch, m, b, m, b, m, b)
                .mean(new int[] {6}).mean(new int[] {4}).mean(new int[] {2});
    }

    /** Fills {@code in} and {@code target} with a batch of random, optionally flipped and axis-permuted, cubes. */
    private void sample(VoxelData data, SplittableRandom random, float[] in, float[] target) {
        int n = data.n(), cube = config.cube(), sub = config.subVolume(), m = config.margin(), channels = data.channels();
        int cells = cube * cube * cube, subCells = sub * sub * sub;
        int[] perm = {0, 1, 2};
        boolean[] flip = new boolean[3];
        for (int b = 0; b < config.batchSize(); b++) {
            int box = random.nextInt(data.boxes());
            int i0 = random.nextInt(n), j0 = random.nextInt(n), k0 = random.nextInt(n);
            if (config.augment()) {
                for (int a = 2; a > 0; a--) {
                    int r = random.nextInt(a + 1), t = perm[a];
                    perm[a] = perm[r];
                    perm[r] = t;
                }
                for (int a = 0; a < 3; a++) flip[a] = random.nextBoolean();
            }
            for (int c = 0; c < channels; c++) {
                float[] raw = Periodic.cube(data.inputs().get(box)[c], n, i0, j0, k0, cube);
                transform(raw, cube, perm, flip, in, (b * channels + c) * cells);
            }
            float[] raw = Periodic.cube(data.targets().get(box), n, i0 + m, j0 + m, k0 + m, sub);
            transform(raw, sub, perm, flip, target, b * subCells);
        }
    }

    /** Writes {@code cube} with its axes permuted ({@code out axis a = in axis perm[a]}) and flipped into {@code out}. */
    static void transform(float[] cube, int size, int[] perm, boolean[] flip, float[] out, int offset) {
        int[] src = new int[3];
        int o = offset;
        for (int a = 0; a < size; a++) {
            for (int b = 0; b < size; b++) {
                for (int c = 0; c < size; c++) {
                    src[perm[0]] = flip[0] ? size - 1 - a : a;
                    src[perm[1]] = flip[1] ? size - 1 - b : b;
                    src[perm[2]] = flip[2] ? size - 1 - c : c;
                    out[o++] = cube[(src[0] * size + src[1]) * size + src[2]];
                }
            }
        }
    }
}
