package org.distill.neural.gn;

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
import org.distill.physics.nbody.GraphDataset;

/**
 * Trains graph networks on particle graphs: Adam on the L1 acceleration loss (or its relative form above
 * {@link GraphNetworkConfig#lossFloor}) plus the variant's message penalty, mini-batches of whole graphs in a
 * seeded random order, random translations.
 *
 * <p>Objective per batch: mean over nodes of {@code Σ_d |â_d − a_d|}, plus {@code regularization}
 * times the mean over edges of {@code Σ_c |message_c|} (L1) or of
 * {@code Σ_c ½(μ_c² + σ_c² − log σ_c² − 1)} (KL). This is the paper's weighting up to a factor
 * {@code (n−1)/n}. Each step runs in its own {@link NDScope} and sub-manager, so memory stays flat.
 * Training is reproducible for a given seed on one thread; PyTorch's generator is global, so do not
 * train two networks at once in one process if you need that.
 *
 * <p>The shape of every trainer ({@link NetworkTrainer}): {@code GraphNetworkTrainer.of(config).train(data)} gives
 * the network and its {@link TrainingReport}; the network also keeps its {@link TrainingProvenance}, which is saved
 * with it.
 */
public final class GraphNetworkTrainer implements NetworkTrainer<GraphNetworkConfig, GraphDataset, GraphNetwork> {
    private final GraphNetworkConfig config;

    private GraphNetworkTrainer(GraphNetworkConfig config) { this.config = config; }

    /** A trainer with the given configuration. */
    public static GraphNetworkTrainer of(GraphNetworkConfig config) {
        return new GraphNetworkTrainer(Objects.requireNonNull(config, "config"));
    }

    @Override public GraphNetworkConfig config() { return config; }

    /**
     * Trains on all graphs of {@code data}, reporting each epoch, until the planned epochs are done or
     * {@code cancel} becomes true (checked before every optimiser step); the network learned so far is
     * returned either way, and its report and {@link TrainingProvenance#steps()} tell how far it got (its
     * {@code finalLoss} is then the mean over the graphs of the unfinished epoch, if any). The caller
     * closes the returned network.
     */
    @SuppressWarnings("try") // the scope frees what the block creates
    @Override public Trained<GraphNetwork> train(GraphDataset data, TrainingListener listener, AtomicBoolean cancel) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancel, "cancel");
        int graphs = data.graphs(), dim = data.dim(), bodies = data.bodies();
        if (graphs == 0) throw new IllegalArgumentException("data has no graphs");
        long start = System.nanoTime();
        Engine engine = Torch.engine();
        Torch.seed(config.seed());
        var random = new SplittableRandom(config.seed());

        int batch = Math.min(config.batchSize(), graphs);
        int stepsPerEpoch = (graphs + batch - 1) / batch;
        long total = (long) stepsPerEpoch * config.epochs();
        Tracker rate = update -> (float) config.schedule().rate(update - 1, total, config.learningRate());
        var optimizer = Optimizer.adam().optLearningRateTracker(rate).optWeightDecays((float) config.weightDecay()).build();
        var trainingConfig = new DefaultTrainingConfig(Loss.l1Loss())
                .optOptimizer(optimizer)
                .optDevices(new ai.djl.Device[] {Torch.device()})
                .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);

        Model model = Model.newInstance("graph-network", Torch.device(), engine.getEngineName());
        try {
            var block = new GraphNetworkBlock(config, dim);
            model.setBlock(block);
            var packer = new GraphPacker(dim, bodies, config.features());
            double lastLoss = Double.NaN;
            long step = 0;
            boolean stopped = false;
            List<Double> losses = new ArrayList<>();
            try (Trainer trainer = model.newTrainer(trainingConfig);
                 var incidences = new Incidences(model.getNDManager())) {
                trainer.initialize(new Shape(bodies, packer.nodeWidth),
                        new Shape(packer.edgesPerGraph(), packer.edgeWidth), new Shape(bodies, packer.edgesPerGraph()));
                int[] order = new int[graphs];
                for (int g = 0; g < graphs; g++) order[g] = g;
                float[] targets = new float[batch * bodies * dim];
                double[] shift = new double[batch * dim];
                epochs:
                for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                    shuffle(order, random);
                    double sum = 0;
                    for (int from = 0; from < graphs; from += batch, step++) {
                        if (cancel.get()) {
                            stopped = true;
                            if (from > 0) lastLoss = sum / from;
                            break epochs;
                        }
                        int count = Math.min(batch, graphs - from);
                        for (int k = 0; k < count * dim; k++) shift[k] = config.translation() * random.nextGaussian();
                        NDArray incidence = incidences.of(count, bodies);
                        // Adam creates its moment arrays on the first update: outside any scope, or they would be closed.
                        try (var scope = step == 0 ? null : new NDScope();
                             var manager = model.getNDManager().newSubManager()) {
                            float[] t = count == batch ? targets : new float[count * bodies * dim];
                            NDList inputs = GraphNetwork.inputs(manager, packer, data, order, from, count,
                                    config.translation() > 0 ? shift : null, t, incidence);
                            NDArray truth = manager.create(t, new Shape((long) count * bodies, dim));
                            float loss;
                            try (GradientCollector collector = trainer.newGradientCollector()) {
                                NDList out = trainer.forward(inputs);
                                NDArray objective = objective(out, truth);
                                loss = objective.getFloat();
                                collector.backward(objective);
                            }
                            if (ClippedUpdate.finiteOrZeroed(trainer, loss)) trainer.step(); // else skipped, gradients zeroed
                            sum += (double) loss * count;
                        }
                    }
                    lastLoss = sum / graphs;
                    losses.add(lastLoss);
                    listener.onEpoch(new TrainingProgress(epoch, config.epochs(), step, lastLoss,
                            config.schedule().rate(step - 1, total, config.learningRate()),
                            Duration.ofNanos(System.nanoTime() - start)));
                }
            }
            String versions = Torch.versions();
            Duration wallTime = Duration.ofNanos(System.nanoTime() - start);
            var provenance = new TrainingProvenance(graphs, bodies, dim, step, lastLoss, wallTime, versions);
            var report = new TrainingReport("graph-network", graphs, step, losses, lastLoss, wallTime, stopped, versions);
            return new Trained<>(new GraphNetwork(model, block, config, dim, provenance), report);
        } catch (RuntimeException | Error e) {
            model.close();
            throw e;
        }
    }

    private NDArray objective(NDList out, NDArray truth) {
        NDArray data = dataLoss(out.get(0), truth, config.lossFloor());
        double weight = config.regularization();
        if (weight == 0) return data;
        NDArray penalty = switch (config.variant()) {
            case L1 -> config.weightedPenalty()
                    ? weightedL1(out.get(1), truth, config.lossFloor())
                    : out.get(1).abs().sum(new int[] {1}).mean();
            case KL -> {
                NDArray mean = out.get(2), logVar = out.get(3);
                yield mean.square().add(logVar.exp()).sub(logVar).sub(1f).sum(new int[] {1}).mean().mul(0.5f);
            }
            default -> throw new IllegalStateException("no regulariser for " + config.variant());
        };
        return data.add(penalty.mul((float) weight));
    }

    /**
     * The data term: the mean over bodies of {@code |prediction − truth|} (L1 norm over the components); when
     * {@code floor > 0} ({@link GraphNetworkConfig#lossFloor}) each body's error weighted by {@code 1/(|truth| + floor)},
     * the weights normalised to mean 1 over the batch (so that the message penalty keeps its weight).
     */
    static NDArray dataLoss(NDArray prediction, NDArray truth, double floor) {
        NDArray error = prediction.sub(truth).abs().sum(new int[] {1});
        if (floor == 0) return error.mean();
        NDArray weight = bodyWeights(truth, floor);
        return error.mul(weight).mean().div(weight.mean());
    }

    /** Each body's weight in the loss with a floor: {@code 1/(|a| + floor)}, {@code |a|} the L1 norm of its acceleration. */
    private static NDArray bodyWeights(NDArray truth, double floor) {
        return truth.abs().sum(new int[] {1}).add((float) floor).pow(-1f);
    }

    /**
     * The L1 message penalty with each edge weighted as its receiver is in {@link #dataLoss} ({@code 1/(|a| + floor)},
     * normalised to mean 1 over the batch's bodies): edges are ordered by receiver, {@code n − 1} per body
     * ({@link Incidences}).
     */
    static NDArray weightedL1(NDArray messages, NDArray truth, double floor) {
        long bodies = truth.getShape().get(0), edges = messages.getShape().get(0);
        if (edges % bodies != 0) throw new IllegalStateException(edges + " edges for " + bodies + " bodies");
        NDArray weight = bodyWeights(truth, floor);
        weight = weight.div(weight.mean()).repeat(0, edges / bodies);
        return messages.abs().sum(new int[] {1}).mul(weight).mean();
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1), t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
