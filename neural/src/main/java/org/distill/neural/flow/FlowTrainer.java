package org.distill.neural.flow;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
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
 * Trains a conditional {@link Flow} by maximum likelihood: the mean negative log-density of the training rows (in
 * mapped unbounded space), Adam with cosine decay to a tenth of the learning rate, gradients clipped to a global norm of 10 (a step whose loss or
 * gradient is not finite updates nothing and is counted in {@link FlowProvenance#skippedSteps()}), rows shuffled every
 * epoch. With {@link FlowConfig#ratioWeight()} above 0 (and rows {@link FlowData#withRatios paired}), the loss adds
 * that weight times the mean squared error of the flow's log-density ratio {@code log p(x | c') − log p(x | c)} against
 * the given exact one: how the density moves with the condition, which maximum likelihood weighs only through the rows
 * where it moves most ("mining gold", Brehmer et al. 2020); a step then costs about twice as much.
 * Each step runs in its own {@link NDScope}, so memory stays flat. Reproducible for a given seed on one thread
 * (PyTorch's generator is global: do not train two models at once in one process if you need that).
 *
 * <p>The shape of every trainer ({@link NetworkTrainer}): {@code FlowTrainer.of(config).train(data)} gives the flow
 * and its {@link TrainingReport} (rows: the training rows; loss: nats per row).
 */
public final class FlowTrainer implements NetworkTrainer<FlowConfig, FlowData, Flow> {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    /** Gradients are scaled down to this global L2 norm. */
    static final double CLIP_NORM = 10;
    private final FlowConfig config;

    private FlowTrainer(FlowConfig config) { this.config = config; }

    public static FlowTrainer of(FlowConfig config) { return new FlowTrainer(Objects.requireNonNull(config, "config")); }

    @Override public FlowConfig config() { return config; }

    @Override public Trained<Flow> train(FlowData data, TrainingListener listener, AtomicBoolean cancel) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancel, "cancel");
        long start = System.nanoTime();
        Torch.engine();
        Torch.seed(config.seed());
        var random = new SplittableRandom(config.seed());
        int n = data.rows(), d = data.dimensions(), m = data.conditions();
        if (config.usesRatios() && !data.hasRatios())
            throw new IllegalArgumentException("ratioWeight " + config.ratioWeight()
                    + " needs rows with paired conditions and log-ratios (FlowData.withRatios)");
        boolean ratios = config.usesRatios();
        Flow.Scaling scaling = Flow.Scaling.of(data, config.referenceBins());
        float[] y = new float[n * d], c = new float[n * m];
        float[] c2 = ratios ? new float[n * m] : null, target = ratios ? new float[n] : null;
        for (int i = 0; i < n; i++) {
            scaling.toUnbounded(data.x()[i], y, i * d);
            scaling.condition(data.c()[i], c, i * m);
            if (ratios) {
                scaling.condition(data.paired()[i], c2, i * m);
                target[i] = (float) data.logRatio()[i];
            }
        }
        int batch = Math.min(config.batchSize(), n);
        int stepsPerEpoch = n / batch; // the remainder of a shuffled epoch waits for the next
        long total = (long) stepsPerEpoch * config.epochs();
        Tracker rate = update -> (float) rate(update - 1, total, config.learningRate());
        var optimizer = Optimizer.adam().optLearningRateTracker(rate).optWeightDecays((float) config.weightDecay()).build();
        var trainingConfig = new DefaultTrainingConfig(Loss.l2Loss()) // unused: the objective is computed here
                .optOptimizer(optimizer)
                .optDevices(new ai.djl.Device[] {Torch.device()})
                .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        Model model = Model.newInstance("flow", Torch.device(), Torch.ENGINE);
        try {
            var block = new FlowBlock(d, m, config);
            model.setBlock(block);
            List<Double> losses = new ArrayList<>();
            double lastLoss = Double.NaN;
            long step = 0;
            long[] skipped = {0};
            boolean stopped = false;
            try (Trainer trainer = model.newTrainer(trainingConfig)) {
                block.startAtIdentity();
                trainer.initialize(new Shape(batch, d), new Shape(batch, m));
                var averaged = Averaged.of(trainer, config.averaging());
                int[] order = new int[n];
                for (int i = 0; i < n; i++) order[i] = i;
                float[] by = new float[batch * d], bc = new float[batch * m];
                Pairs pairs = ratios ? new Pairs(new float[batch * m], new float[batch], (float) config.ratioWeight()) : null;
                epochs:
                for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                    for (int i = n - 1; i > 0; i--) {
                        int j = random.nextInt(i + 1), t = order[i];
                        order[i] = order[j];
                        order[j] = t;
                    }
                    double sum = 0;
                    int seen = 0;
                    for (int s = 0; s < stepsPerEpoch; s++, step++) {
                        if (cancel.get()) {
                            stopped = true;
                            if (seen > 0) lastLoss = sum / seen;
                            break epochs;
                        }
                        for (int k = 0; k < batch; k++) {
                            int r = order[s * batch + k];
                            System.arraycopy(y, r * d, by, k * d, d);
                            System.arraycopy(c, r * m, bc, k * m, m);
                            if (pairs != null) {
                                System.arraycopy(c2, r * m, pairs.c(), k * m, m);
                                pairs.logRatio()[k] = target[r];
                            }
                        }
                        double loss = step(trainer, model.getNDManager(), by, bc, pairs, batch, d, m, step == 0, skipped);
                        averaged.update();
                        if (Double.isFinite(loss)) { // a skipped step's infinite loss would hide the epoch's
                            sum += loss;
                            seen++;
                        }
                    }
                    lastLoss = seen > 0 ? sum / seen : Double.NaN;
                    losses.add(lastLoss);
                    listener.onEpoch(new TrainingProgress(epoch, config.epochs(), step, lastLoss,
                            rate(step - 1, total, config.learningRate()), Duration.ofNanos(System.nanoTime() - start)));
                }
                averaged.apply();
            }
            var provenance = new FlowProvenance(n, step, skipped[0], lastLoss, Torch.versions());
            var flow = new Flow(model, block, config, scaling, provenance);
            var report = new TrainingReport("flow", n, step, losses, lastLoss, Duration.ofNanos(System.nanoTime() - start),
                    stopped, Torch.versions());
            return new Trained<>(flow, report);
        } catch (RuntimeException | Error e) {
            model.close();
            throw e;
        }
    }

    /** A batch's paired conditions and exact log-ratios, and the weight of their term in the loss. */
    private record Pairs(float[] c, float[] logRatio, float weight) { }

    /**
     * One optimiser step; returns the batch's mean negative log-density (without the ratio term); counts a skipped step
     * in {@code skipped[0]}. With {@code pairs}, the batch goes through the flow twice in one pass (under c and c'), and
     * the loss adds {@code weight × mean((log p(x|c') − log p(x|c) − logRatio)²)}; the reference map's Jacobian cancels
     * in the difference.
     */
    @SuppressWarnings("try")
    private static double step(Trainer trainer, NDManager root, float[] y, float[] c, Pairs pairs, int batch, int d, int m,
                               boolean first, long[] skipped) {
        // Adam creates its moment arrays on the first update: outside any scope, or they would be closed.
        try (var scope = first ? null : new NDScope(); var manager = root.newSubManager()) {
            NDArray ya = manager.create(y, new Shape(batch, d)), ca = manager.create(c, new Shape(batch, m));
            NDList in = pairs == null ? new NDList(ya, ca)
                    : new NDList(ya.concat(ya), ca.concat(manager.create(pairs.c(), new Shape(batch, m))));
            double loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList out = trainer.forward(in);
                NDArray z = out.get(0), logDet = out.get(1);
                NDArray logP = logDet.sub(z.square().sum(new int[] {1}).mul(0.5f)); // without the constant
                NDArray objective;
                if (pairs == null) {
                    objective = logP.mean().neg();
                    loss = objective.getFloat() + d * HALF_LOG_2PI;
                } else {
                    NDArray own = logP.get("0:" + batch), other = logP.get(batch + ":");
                    NDArray nll = own.mean().neg();
                    loss = nll.getFloat() + d * HALF_LOG_2PI;
                    NDArray miss = other.sub(own).sub(manager.create(pairs.logRatio(), new Shape(batch)));
                    objective = nll.add(miss.square().mean().mul(pairs.weight()));
                }
                collector.backward(objective);
            }
            // global-norm clipping; a step with a non-finite loss or gradient updates nothing
            var grads = new ArrayList<NDArray>();
            double squares = 0;
            for (var p : trainer.getModel().getBlock().getParameters()) {
                NDArray g = p.getValue().getArray().getGradient();
                grads.add(g);
                squares += g.square().sum().getFloat();
            }
            double norm = Math.sqrt(squares);
            if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
                for (NDArray g : grads) ClippedUpdate.zero(g); // subi would keep the NaN for every later step
                skipped[0]++;
                return loss;
            }
            if (norm > CLIP_NORM) for (NDArray g : grads) g.muli((float) (CLIP_NORM / norm));
            trainer.step();
            return loss;
        }
    }

    /**
     * An exponential moving average of the weights (Polyak averaging; nothing when the decay is 0): updated after every
     * step, copied into the weights at the end. The averages live outside every step's scope.
     */
    private record Averaged(List<NDArray> weights, List<NDArray> averages, float decay) {
        static Averaged of(Trainer trainer, double decay) {
            List<NDArray> w = new ArrayList<>(), a = new ArrayList<>();
            if (decay > 0)
                for (var p : trainer.getModel().getBlock().getParameters()) {
                    NDArray v = p.getValue().getArray();
                    w.add(v);
                    NDArray copy = v.duplicate();
                    copy.setRequiresGradient(false);
                    a.add(copy);
                }
            return new Averaged(w, a, (float) decay);
        }

        @SuppressWarnings("try")
        void update() {
            if (weights.isEmpty()) return;
            try (var scope = new NDScope()) {
                for (int i = 0; i < weights.size(); i++) averages.get(i).muli(decay).addi(weights.get(i).mul(1 - decay));
            }
        }

        /** Copies the averages into the weights and frees them. */
        void apply() {
            for (int i = 0; i < weights.size(); i++) {
                weights.get(i).set(averages.get(i).toFloatArray());
                averages.get(i).close();
            }
        }
    }

    /** Cosine decay from {@code peak} to a tenth of it over {@code total} steps. */
    static double rate(long step, long total, double peak) {
        double f = total <= 1 ? 1 : Math.min(1, Math.max(0, (double) step / (total - 1)));
        return peak * (0.1 + 0.45 * (1 + Math.cos(Math.PI * f)));
    }
}
