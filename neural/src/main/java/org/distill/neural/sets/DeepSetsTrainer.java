package org.distill.neural.sets;

import ai.djl.Model;
import ai.djl.engine.Engine;
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
import org.distill.neural.classify.Thresholds;

/**
 * Meta-trains {@link DeepSets} across many labelled sets (one per stream), and fine-tunes a trained
 * model on one set whose only labels are its support stars.
 *
 * <p>Each optimiser step draws {@link DeepSetsConfig#tasksPerBatch()} tasks; for each, a support set of
 * K members (K log-uniform in [minSupport, min(maxSupport, members − 1)]) and
 * {@link DeepSetsConfig#queriesPerTask()} query stars: a fraction from the task's other members, the rest
 * from its non-members, both uniformly with replacement. The objective is the binary cross-entropy of
 * the member logits with positives and negatives weighted ½ each per task — class weighting by balanced
 * sampling, since members are 100–1000× rarer than field stars. Adam with cosine decay to a tenth of the
 * learning rate. Each step runs in its own {@link NDScope}, so memory stays flat. Tasks with fewer than
 * {@code minSupport + 1} members are skipped.
 *
 * <p>The tasks kept for validation are never trained on; on them, each with a seeded support set of the
 * training distribution, the decision threshold that maximises the mean MCC is chosen (evaluated on the
 * non-support stars). With the true members 100–1000× rarer than the field and a class-balanced loss,
 * that threshold lies close to 1.
 *
 * <p>Reproducible for a given seed on one thread; PyTorch's generator is global, so do not train two
 * models at once in one process if you need that.
 *
 * <p>The shape of every trainer ({@link NetworkTrainer}): {@code DeepSetsTrainer.of(config).train(tasks)} gives the
 * model and its {@link TrainingReport} (rows: the tasks trained on); the model also keeps its
 * {@link SetTrainingProvenance}, which is saved with it.
 */
public final class DeepSetsTrainer implements NetworkTrainer<DeepSetsConfig, List<SetTask>, DeepSets> {
    /** Non-member stars kept per training task (a seeded uniform sample; negatives are drawn from them). */
    static final int MAX_FIELD_PER_TASK = 20_000;
    /** The candidate thresholds: member probabilities at logits −4, −3.9, ..., 16. */
    static final double[] THRESHOLDS = Thresholds.logisticGrid(-4, 16, 0.1);

    private final DeepSetsConfig config;

    private DeepSetsTrainer(DeepSetsConfig config) { this.config = config; }

    public static DeepSetsTrainer of(DeepSetsConfig config) {
        return new DeepSetsTrainer(Objects.requireNonNull(config, "config"));
    }

    @Override public DeepSetsConfig config() { return config; }

    /**
     * Trains on the tasks, reporting each epoch, until the planned epochs are done or {@code cancel} becomes
     * true (checked before every step); the model learned so far is returned either way (its threshold is
     * tuned all the same), and its provenance's {@code steps} tell how far it got. The caller closes it.
     */
    @SuppressWarnings("try") // the scope frees what the block creates
    @Override public Trained<DeepSets> train(List<SetTask> tasks, TrainingListener listener, AtomicBoolean cancel) {
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancel, "cancel");
        if (tasks.isEmpty()) throw new IllegalArgumentException("no training tasks");
        int width = tasks.get(0).width();
        List<SetTask> usable = new ArrayList<>();
        for (SetTask t : tasks) {
            Objects.requireNonNull(t, "task");
            if (t.width() != width)
                throw new IllegalArgumentException("tasks have " + width + " and " + t.width() + " features per star");
            if (t.members() >= config.minSupport() + 1) usable.add(t);
        }
        if (usable.isEmpty())
            throw new IllegalArgumentException("no task has at least minSupport + 1 = " + (config.minSupport() + 1) + " members");
        long start = System.nanoTime();
        Engine engine = Torch.engine();
        Torch.seed(config.seed());
        var random = new SplittableRandom(config.seed());

        int[] order = permutation(usable.size(), random);
        int validation = config.validationFraction() == 0 || usable.size() < 2 ? 0
                : (int) Math.max(1, Math.min(usable.size() - 1, Math.round(usable.size() * config.validationFraction())));
        List<SetTask> validationTasks = new ArrayList<>();
        List<Prepared> train = new ArrayList<>();
        for (int k = 0; k < usable.size(); k++) {
            SetTask t = usable.get(order[k]);
            if (k < validation) validationTasks.add(t);
            else train.add(Prepared.of(t, random.split()));
        }

        int batch = Math.min(config.tasksPerBatch(), train.size());
        int stepsPerEpoch = (train.size() + batch - 1) / batch;
        long total = (long) stepsPerEpoch * config.epochs();
        Tracker rate = update -> (float) rate(update - 1, total, config.learningRate());
        var optimizer = Optimizer.adam().optLearningRateTracker(rate).optWeightDecays((float) config.weightDecay()).build();
        var trainingConfig = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                .optOptimizer(optimizer)
                .optDevices(new ai.djl.Device[] {Torch.device()})
                .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        Model model = Model.newInstance("deep-sets", Torch.device(), engine.getEngineName());
        try {
            var block = new DeepSetsBlock(width, config);
            model.setBlock(block);
            double lastLoss = Double.NaN;
            long step = 0;
            boolean stopped = false;
            List<Double> losses = new ArrayList<>();
            try (Trainer trainer = model.newTrainer(trainingConfig)) {
                trainer.initialize(new Shape(batch, width), new Shape(batch, batch), new Shape(batch, 2, width),
                        new Shape(batch, 2, SupportShape.width(width)));
                int[] taskOrder = new int[train.size()];
                for (int i = 0; i < taskOrder.length; i++) taskOrder[i] = i;
                Batch b = new Batch(width, config.queriesPerTask(), config.positiveQueries());
                epochs:
                for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                    shuffle(taskOrder, random);
                    double sum = 0;
                    int seen = 0;
                    for (int from = 0; from < train.size(); from += batch, step++) {
                        if (cancel.get()) {
                            stopped = true;
                            if (seen > 0) lastLoss = sum / seen;
                            break epochs;
                        }
                        int count = Math.min(batch, train.size() - from);
                        b.clear(count);
                        for (int k = 0; k < count; k++) {
                            Prepared p = train.get(taskOrder[from + k]);
                            int kMax = Math.min(config.maxSupport(), p.members - 1);
                            b.add(p, logUniform(config.minSupport(), kMax, random), random);
                        }
                        sum += step(trainer, model.getNDManager(), b, step == 0) * count;
                        seen += count;
                    }
                    lastLoss = sum / seen;
                    losses.add(lastLoss);
                    listener.onEpoch(new TrainingProgress(epoch, config.epochs(), step, lastLoss,
                            rate(step - 1, total, config.learningRate()), Duration.ofNanos(System.nanoTime() - start)));
                }
            }
            // the decision threshold, on tasks never trained on
            double threshold = 0.5, validationMcc = Double.NaN;
            var unfinished = new DeepSets(model, block, config, threshold, null);
            if (!validationTasks.isEmpty()) {
                List<double[]> scores = new ArrayList<>();
                List<boolean[]> truth = new ArrayList<>();
                List<int[]> supports = new ArrayList<>();
                var validationRandom = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
                for (SetTask t : validationTasks) {
                    int[] members = t.memberIndices();
                    int k = logUniform(config.minSupport(), Math.min(config.maxSupport(), members.length - 1), validationRandom);
                    int[] support = sample(members, k, validationRandom);
                    float[] x = Standardization.of(t.rows()).apply(t.rows());
                    scores.add(unfinished.scores(x, t.size(), support));
                    truth.add(t.member());
                    supports.add(support);
                }
                threshold = Thresholds.bestMeanMcc(scores, truth, supports, THRESHOLDS);
                validationMcc = Thresholds.meanMcc(scores, truth, supports, threshold);
            }
            String versions = Torch.versions();
            Duration wallTime = Duration.ofNanos(System.nanoTime() - start);
            var provenance = new SetTrainingProvenance(train.size(), validationTasks.size(), width, step, lastLoss,
                    validationMcc, wallTime, versions);
            var report = new TrainingReport("deep-sets", train.size(), step, losses, lastLoss, wallTime, stopped, versions);
            return new Trained<>(new DeepSets(model, block, config, threshold, provenance), report);
        } catch (RuntimeException | Error e) {
            model.close();
            throw e;
        }
    }

    /**
     * A copy of {@code base} fine-tuned on one window whose only labels are the support stars: each step
     * splits the support at random into a context half and positive queries, and draws negative queries
     * from the other stars of the window (noisy: a few are unknown members). The threshold is the base
     * model's. {@code base} is left unchanged; the caller closes both.
     *
     * @param steps        optimiser steps, in [1, 100000]
     * @param learningRate Adam's learning rate, in (0, 1]
     * @param seed         seeds the splits and the negatives
     */
    @SuppressWarnings("try") // the scope frees what the block creates
    public DeepSets fineTune(DeepSets base, float[][] window, int[] support, int steps, double learningRate, long seed) {
        Objects.requireNonNull(base, "base");
        if (steps < 1 || steps > 100_000) throw new IllegalArgumentException("steps must be in [1, 100000]: " + steps);
        if (!(learningRate > 0 && learningRate <= 1))
            throw new IllegalArgumentException("learningRate must be in (0, 1]: " + learningRate);
        base.scores(window, support); // checks the window and the support
        if (support.length < 2) throw new IllegalArgumentException("fine-tuning needs at least 2 support stars: " + support.length);
        if (support.length >= window.length) throw new IllegalArgumentException("fine-tuning needs stars outside the support");
        long start = System.nanoTime();
        DeepSets copy = base.copy();
        try {
            Torch.seed(seed);
            var random = new SplittableRandom(seed);
            int d = base.width();
            float[] x = Standardization.of(window).apply(window);
            boolean[] in = new boolean[window.length];
            for (int i : support) in[i] = true;
            int[] others = new int[window.length - support.length];
            for (int i = 0, k = 0; i < window.length; i++) if (!in[i]) others[k++] = i;
            var optimizer = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) learningRate)).build();
            var trainingConfig = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss()).optOptimizer(optimizer)
                    .optDevices(new ai.djl.Device[] {Torch.device()});
            int q = config.queriesPerTask(), positives = config.positiveQueries();
            try (Trainer trainer = copy.model().newTrainer(trainingConfig)) {
                trainer.initialize(new Shape(1, d), new Shape(1, 1), new Shape(1, 2, d), new Shape(1, 2, SupportShape.width(d)));
                Batch b = new Batch(d, q, positives);
                int[] s = support.clone();
                for (int step = 0; step < steps; step++) {
                    shuffle(s, random);
                    int context = (s.length + 1) / 2;
                    b.clear(1);
                    b.addRaw(x, s, context, others, random);
                    step(trainer, copy.model().getNDManager(), b, step == 0);
                }
            }
            SetTrainingProvenance p = base.provenance();
            var provenance = p == null ? null : new SetTrainingProvenance(p.tasks(), p.validationTasks(), p.width(),
                    p.steps() + steps, p.finalLoss(), p.validationMcc(),
                    p.wallTime().plusNanos(System.nanoTime() - start), p.versions());
            var tuned = new DeepSets(copy.model(), copy.block(), copy.config(), base.threshold(), provenance);
            return tuned;
        } catch (RuntimeException | Error e) {
            copy.close();
            throw e;
        }
    }

    /** One optimiser step on the batch; returns its objective. */
    @SuppressWarnings("try")
    private static float step(Trainer trainer, NDManager root, Batch b, boolean first) {
        // Adam creates its moment arrays on the first update: outside any scope, or they would be closed.
        try (var scope = first ? null : new NDScope(); var manager = root.newSubManager()) {
            NDList in = b.inputs(manager);
            NDArray y = manager.create(b.labels, new Shape(b.tasks, b.queries));
            NDArray w = manager.create(b.weights, new Shape(b.tasks, b.queries));
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray z = trainer.forward(in).singletonOrThrow();
                // stable binary cross-entropy with logits: max(z, 0) − z·y + log(1 + e^−|z|)
                NDArray bce = z.maximum(0f).sub(z.mul(y)).add(z.abs().neg().exp().add(1f).log());
                NDArray objective = bce.mul(w).sum();
                loss = objective.getFloat();
                collector.backward(objective);
            }
            if (ClippedUpdate.finiteOrZeroed(trainer, loss)) trainer.step(); // else skipped, gradients zeroed
            return loss;
        }
    }

    /** Cosine decay from {@code peak} to a tenth of it over {@code total} steps. */
    static double rate(long step, long total, double peak) {
        double f = total <= 1 ? 1 : Math.min(1, Math.max(0, (double) step / (total - 1)));
        return peak * (0.1 + 0.45 * (1 + Math.cos(Math.PI * f)));
    }

    /** An integer log-uniform in [lo, hi]. */
    static int logUniform(int lo, int hi, SplittableRandom random) {
        if (hi <= lo) return lo;
        double u = Math.log(lo) + random.nextDouble() * (Math.log(hi + 1) - Math.log(lo));
        return Math.min(hi, (int) Math.floor(Math.exp(u)));
    }

    /** {@code k} distinct elements of {@code from}, uniformly. */
    static int[] sample(int[] from, int k, SplittableRandom random) {
        int[] a = from.clone();
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(a.length - i), t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return java.util.Arrays.copyOf(a, k);
    }

    static int[] permutation(int n, SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        shuffle(a, random);
        return a;
    }

    static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1), t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** A training task in standardised units: its members' rows, then a sample of its field rows. */
    private static final class Prepared {
        final float[] x;
        final int members, field, width;
        final int[] memberRows;

        private Prepared(float[] x, int members, int field, int width) {
            this.x = x;
            this.members = members;
            this.field = field;
            this.width = width;
            memberRows = new int[members];
            for (int i = 0; i < members; i++) memberRows[i] = i;
        }

        static Prepared of(SetTask t, SplittableRandom random) {
            float[][] rows = t.rows();
            Standardization s = Standardization.of(rows);
            int[] members = t.memberIndices(), field = t.fieldIndices();
            int f = Math.min(field.length, MAX_FIELD_PER_TASK);
            if (f < field.length) field = sample(field, f, random);
            float[][] kept = new float[members.length + f][];
            for (int i = 0; i < members.length; i++) kept[i] = rows[members[i]];
            for (int i = 0; i < f; i++) kept[members.length + i] = rows[field[i]];
            return new Prepared(s.apply(kept), members.length, f, t.width());
        }
    }

    /** The arrays of one step: stacked support stars, pooling matrix, queries, labels and weights. */
    private static final class Batch {
        final int width, queries, positives;
        int tasks;
        final List<float[]> support = new ArrayList<>();
        final List<Integer> supportSizes = new ArrayList<>();
        float[] query, whitened, labels, weights;
        SupportShape shape;

        Batch(int width, int queries, int positives) {
            this.width = width;
            this.queries = queries;
            this.positives = positives;
        }

        void clear(int count) {
            tasks = count;
            support.clear();
            supportSizes.clear();
            query = new float[count * queries * width];
            whitened = new float[count * queries * SupportShape.width(width)];
            labels = new float[count * queries];
            weights = new float[count * queries];
        }

        /** Task {@code p} with a support of {@code k} of its members. */
        void add(Prepared p, int k, SplittableRandom random) {
            int[] rows = p.memberRows;
            for (int i = 0; i < k; i++) { // the support: a partial shuffle of the member rows
                int j = i + random.nextInt(rows.length - i), t = rows[i];
                rows[i] = rows[j];
                rows[j] = t;
            }
            float[] s = new float[k * width];
            for (int i = 0; i < k; i++) System.arraycopy(p.x, rows[i] * width, s, i * width, width);
            shape = SupportShape.of(p.x, width, java.util.Arrays.copyOf(rows, k));
            int b = support.size();
            support.add(s);
            supportSizes.add(k);
            for (int qi = 0; qi < queries; qi++) {
                boolean positive = qi < positives;
                int row = positive ? rows[k + random.nextInt(rows.length - k)] : p.members + random.nextInt(p.field);
                put(b, qi, p.x, row, positive);
            }
        }

        /** One window with context {@code s[0..context)}, positives {@code s[context..)}, negatives from {@code others}. */
        void addRaw(float[] x, int[] s, int context, int[] others, SplittableRandom random) {
            float[] sup = new float[context * width];
            for (int i = 0; i < context; i++) System.arraycopy(x, s[i] * width, sup, i * width, width);
            shape = SupportShape.of(x, width, java.util.Arrays.copyOf(s, context));
            int b = support.size();
            support.add(sup);
            supportSizes.add(context);
            for (int qi = 0; qi < queries; qi++) {
                boolean positive = qi < positives;
                int row = positive ? s[context + random.nextInt(s.length - context)] : others[random.nextInt(others.length)];
                put(b, qi, x, row, positive);
            }
        }

        private void put(int b, int qi, float[] x, int row, boolean positive) {
            int at = b * queries + qi;
            System.arraycopy(x, row * width, query, at * width, width);
            shape.whiten(x, row, whitened, at * SupportShape.width(width));
            labels[at] = positive ? 1f : 0f;
            weights[at] = (float) (0.5 / ((positive ? positives : queries - positives) * (double) tasks));
        }

        NDList inputs(NDManager manager) {
            int total = 0;
            for (int k : supportSizes) total += k;
            float[] s = new float[total * width], pool = new float[tasks * total];
            int offset = 0;
            for (int b = 0; b < tasks; b++) {
                int k = supportSizes.get(b);
                System.arraycopy(support.get(b), 0, s, offset * width, k * width);
                for (int i = 0; i < k; i++) pool[b * total + offset + i] = 1f / k;
                offset += k;
            }
            return new NDList(manager.create(s, new Shape(total, width)), manager.create(pool, new Shape(tasks, total)),
                    manager.create(query, new Shape(tasks, queries, width)),
                    manager.create(whitened, new Shape(tasks, queries, SupportShape.width(width))));
        }
    }
}
