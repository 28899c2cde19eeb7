package org.distill.examples.streams;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.distill.neural.TrainingProgress;
import org.distill.neural.classify.BinaryMetrics;
import org.distill.neural.classify.MemberForest;
import org.distill.neural.classify.MetricSummary;
import org.distill.neural.classify.Thresholds;
import org.distill.neural.sets.DeepSets;
import org.distill.neural.sets.DeepSetsConfig;
import org.distill.neural.sets.DeepSetsTrainer;
import org.distill.neural.sets.SetTask;
import org.distill.neural.sets.SetTrainingProvenance;
import org.distill.physics.streams.StreamTask;
import org.distill.physics.streams.StreamTaskFile;
import org.distill.physics.streams.StreamTaskGenerator;

/**
 * Deep Sets for stellar streams, end to end: mock stream tasks (a window of sky each, ~100 field stars per
 * member; each star's 7 features are {@link StreamTask#localFeatures()}: tangent-plane ξ, η about the window
 * centre, pmra, pmdec, parallax, G, BP−RP), a Deep Sets model meta-trained on the training tasks, then on held-out test tasks never seen in
 * training — each with a seeded support set of K known members — the set model without retraining against a
 * Tribuo random forest trained per stream (support stars positive, all other stars noisy negatives) and its
 * self-labelling variant. Metrics are computed on the non-support stars of each test task.
 *
 * <pre>{@code
 * Streams.Outcome o = Streams.run(Streams.Settings.builder().support(10).build(), Streams.Listener.NONE,
 *         new AtomicBoolean());
 * System.out.println(o.methods().get(0).summary().mean(Metric.MCC));
 * }</pre>
 *
 * The command {@code distill example streams} runs this and prints, saves and plots the outcome.
 */
public final class Streams {
    /** Training tasks (never test tasks) on which the forests' threshold is tuned. */
    static final int FOREST_TUNING_TASKS = 5;
    /** The forests' candidate thresholds: 0.05, 0.10, ..., 0.95. */
    static final double[] FOREST_THRESHOLDS = java.util.stream.IntStream.rangeClosed(1, 19).mapToDouble(i -> i / 20.0).toArray();
    /** Support sizes of the Deep Sets sweep (those a test task has enough members for). */
    static final int[] SWEEP = {5, 10, 20, 50, 100, 150};
    /** Names of the methods, in the table's order. */
    public static final String DEEP_SETS = "Deep Sets (no retraining)", FINE_TUNED = "Deep Sets + fine-tuning",
            FOREST = "Random forest per stream", SELF_LABELLING = "RF + self-labelling";

    private Streams() { }

    /**
     * Everything a run depends on.
     *
     * @param trainTasks    training tasks (a tenth of them for the threshold), in [2, 100000]; not generated when
     *                      the model is loaded
     * @param testTasks     held-out test tasks, in [1, 100000]
     * @param support       known members per test task, in [1, 1000]
     * @param fieldRatio    field stars per member in each window, in [1, 10000]
     * @param epochs        training epochs
     * @param hidden        hidden units of φ, ρ and the head
     * @param trees         trees per random forest
     * @param rounds        self-labelling rounds after the first forest, in [1, 100]
     * @param fineTuneSteps fine-tuning steps per test task for the extra method (0: not run)
     * @param threads       threads for generating tasks and for the forests (training uses one PyTorch thread)
     * @param seed          seeds the tasks, the training, the support sets and the forests
     * @param modelDir      folder to load the model from when it holds one, else to save the trained model in; or null
     * @param dataFile      task file ({@link StreamTaskFile}): read when it exists (its first trainTasks tasks train,
     *                      the next testTasks test; fieldRatio is then the file's), else generated and written there;
     *                      or null to generate without saving
     */
    public record Settings(int trainTasks, int testTasks, int support, double fieldRatio, int epochs, int hidden,
                           int trees, int rounds, int fineTuneSteps, int threads, long seed, Path modelDir, Path dataFile) {
        public Settings {
            check("trainTasks", trainTasks, 2, 100_000);
            check("testTasks", testTasks, 1, 100_000);
            check("support", support, 1, 1000);
            check("epochs", epochs, 1, 100_000);
            check("hidden", hidden, 4, 4096);
            check("trees", trees, 1, 10_000);
            check("rounds", rounds, 1, 100);
            check("fineTuneSteps", fineTuneSteps, 0, 100_000);
            check("threads", threads, 1, 1024);
            if (!(fieldRatio >= 1 && fieldRatio <= 10_000))
                throw new IllegalArgumentException("fieldRatio must be in [1, 10000]: " + fieldRatio);
        }

        private static void check(String name, int v, int min, int max) {
            if (v < min || v > max) throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "]: " + v);
        }

        /** Defaults: 150 training and 20 test tasks, 10 known members, 100 field stars per member, 30 epochs. */
        public static Builder builder() { return new Builder(); }

        /** The generator of all tasks: training tasks first, then the test tasks. */
        public StreamTaskGenerator generator() {
            return StreamTaskGenerator.builder().seed(seed).fieldRatio(fieldRatio).build();
        }

        /** The set model's configuration. */
        public DeepSetsConfig model() {
            return DeepSetsConfig.builder().hidden(hidden).context(Math.max(1, hidden / 2)).epochs(epochs).seed(seed).build();
        }

        /** The forest's configuration, without self-labelling. */
        public MemberForest.Config forest() { return MemberForest.Config.builder().trees(trees).seed(seed).build(); }

        public static final class Builder {
            private int trainTasks = 150, testTasks = 20, support = 10, epochs = 30, hidden = 128, trees = 50, rounds = 2;
            private int fineTuneSteps = 0, threads = Runtime.getRuntime().availableProcessors();
            private double fieldRatio = 100;
            private long seed = 0;
            private Path modelDir, dataFile;

            private Builder() { }

            public Builder trainTasks(int v) { trainTasks = v; return this; }
            public Builder testTasks(int v) { testTasks = v; return this; }
            public Builder support(int v) { support = v; return this; }
            public Builder fieldRatio(double v) { fieldRatio = v; return this; }
            public Builder epochs(int v) { epochs = v; return this; }
            public Builder hidden(int v) { hidden = v; return this; }
            public Builder trees(int v) { trees = v; return this; }
            public Builder rounds(int v) { rounds = v; return this; }
            public Builder fineTuneSteps(int v) { fineTuneSteps = v; return this; }
            public Builder threads(int v) { threads = v; return this; }
            public Builder seed(long v) { seed = v; return this; }
            public Builder modelDir(Path v) { modelDir = v; return this; }
            public Builder dataFile(Path v) { dataFile = v; return this; }

            public Settings build() {
                return new Settings(trainTasks, testTasks, support, fieldRatio, epochs, hidden, trees, rounds,
                        fineTuneSteps, threads, seed, modelDir, dataFile);
            }
        }
    }

    /** Progress of a run; every method does nothing unless overridden. */
    public interface Listener {
        Listener NONE = new Listener() { };

        /** After each generated task (from worker threads, with a growing count). */
        default void onGeneration(String what, int done, int total) { }

        /** After each training epoch. */
        default void onEpoch(TrainingProgress progress) { }

        /** The model is ready: trained (loaded = false) or read from the model folder. */
        default void onModel(SetTrainingProvenance provenance, boolean loaded) { }

        /** After each test task of a method (from worker threads for the forests). */
        default void onEvaluation(String method, int done, int total) { }
    }

    /**
     * One method's results on the test tasks.
     *
     * @param name    the method
     * @param perTask metrics per test task, in task order
     * @param summary mean ± std over the test tasks
     * @param seconds wall time of the method on all test tasks
     */
    public record MethodResult(String name, List<BinaryMetrics> perTask, MetricSummary summary, double seconds) {
        public MethodResult {
            perTask = List.copyOf(perTask);
        }
    }

    /**
     * The stars of one test task for the figure, with each method's predictions.
     *
     * @param task      the task's id
     * @param xi        tangent-plane offset ξ from the window centre per star, degrees (east positive)
     * @param eta       tangent-plane offset η per star, degrees (north positive)
     * @param member    true membership
     * @param support   indices of the support stars
     * @param deepSets  the set model's predictions
     * @param forest    the per-stream forest's predictions
     */
    public record Sky(int task, double[] xi, double[] eta, boolean[] member, int[] support, boolean[] deepSets,
                      boolean[] forest) { }

    /**
     * What a run found.
     *
     * @param settings   the settings
     * @param training   how the model was trained (also when loaded)
     * @param loaded     whether the model was read from the model folder instead of trained
     * @param stopped    whether training was stopped early
     * @param methods    per method, in the table's order
     * @param sweep      Deep Sets (no retraining) summary per support size, over the test tasks with enough members
     * @param sky        the figure's task
     * @param members    mean members per test task
     * @param stars      mean stars per test task
     * @param threshold  the set model's member-probability threshold, tuned on its validation tasks
     * @param forestThreshold the forests' vote threshold, tuned on training tasks
     * @param seconds    wall time of the whole run
     */
    public record Outcome(Settings settings, SetTrainingProvenance training, boolean loaded, boolean stopped,
                          List<MethodResult> methods, Map<Integer, MetricSummary> sweep, Sky sky, double members,
                          double stars, double threshold, double forestThreshold, double seconds) {
        public Outcome {
            methods = List.copyOf(methods);
            sweep = Map.copyOf(sweep);
        }
    }

    /**
     * Runs the example.
     *
     * @param stop ends training early (the run goes on with the model so far); set during task generation or
     *             evaluation, it abandons the run with a {@link CancellationException}
     * @throws IOException if the model folder or the task file cannot be read or written
     */
    public static Outcome run(Settings settings, Listener listener, AtomicBoolean stop) throws IOException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(listener, "listener");
        long start = System.nanoTime();
        StreamTaskGenerator generator = settings.generator();
        Path dir = settings.modelDir();
        boolean load = dir != null && Files.exists(dir.resolve("deep-sets.properties"));
        int needed = settings.trainTasks() + settings.testTasks();
        List<StreamTask> file = null;
        Path data = settings.dataFile();
        if (data != null && Files.exists(data)) {
            file = StreamTaskFile.load(data);
            if (file.size() < needed)
                throw new IllegalArgumentException(data + " holds " + file.size() + " tasks; " + needed
                        + " are needed (training tasks + test tasks)");
        } else if (data != null) {
            file = generator.generate(0, needed, (done, total) -> {
                if (stop.get()) throw new CancellationException("stopped while generating tasks");
                listener.onGeneration("all", done, total);
            });
            StreamTaskFile.save(data, file);
        }

        // 1. the set model: loaded, or meta-trained on tasks [0, trainTasks)
        DeepSets model;
        boolean stopped = false;
        List<SetTask> tuning;
        if (load) {
            model = DeepSets.load(dir);
            if (model.width() != 7) {
                model.close();
                throw new IOException(dir + ": the saved model takes " + model.width() + " features per star, not 7");
            }
            // the test tasks must be ones the model never saw: same seed, and no more training tasks than now
            SetTrainingProvenance p = model.provenance();
            if (model.config().seed() != settings.seed() || p.tasks() + p.validationTasks() > settings.trainTasks()) {
                model.close();
                throw new IllegalArgumentException(dir + " holds a model trained with seed " + model.config().seed()
                        + " on " + (p.tasks() + p.validationTasks()) + " tasks; use that seed and at least that many"
                        + " training tasks, so that the test tasks are ones it never saw");
            }
            int k = Math.min(FOREST_TUNING_TASKS, settings.trainTasks());
            tuning = new ArrayList<>();
            for (StreamTask t : file != null ? file.subList(0, k) : generator.generate(0, k))
                tuning.add(SetTask.of(t.localFeatures(), t.member()));
        } else {
            List<SetTask> training = new ArrayList<>();
            if (file != null) {
                for (StreamTask t : file.subList(0, settings.trainTasks())) training.add(SetTask.of(t.localFeatures(), t.member()));
            } else {
                training = generate(generator, 0, settings.trainTasks(), settings.threads(), "training", listener, stop);
            }
            tuning = training.subList(0, Math.min(FOREST_TUNING_TASKS, training.size()));
            model = DeepSetsTrainer.of(settings.model()).train(training, listener::onEpoch, stop).model();
            stopped = stop.get();
            stop.set(false);
            if (dir != null) model.save(dir);
        }
        try (model) {
            listener.onModel(model.provenance(), load);

            // 2. the held-out test tasks, never seen in training, each with a seeded support set
            List<StreamTask> test = file != null ? file.subList(settings.trainTasks(), needed)
                    : generator.generate(settings.trainTasks(), settings.testTasks(), (done, total) -> {
                        if (stop.get()) throw new CancellationException("stopped while generating test tasks");
                        listener.onGeneration("test", done, total);
                    });
            int n = test.size();
            float[][][] windows = new float[n][][];
            int[][] supports = new int[n][];
            double members = 0, stars = 0;
            for (int t = 0; t < n; t++) {
                StreamTask task = test.get(t);
                windows[t] = task.localFeatures();
                int[] m = task.memberIndices();
                if (m.length <= settings.support())
                    throw new IllegalArgumentException("test task " + task.id() + " has " + m.length
                            + " members, not more than the support size " + settings.support());
                supports[t] = support(m, settings.support(), settings.seed(), task.id());
                members += m.length;
                stars += task.size();
            }

            // 3. the methods
            List<MethodResult> methods = new ArrayList<>();
            boolean[][] deepSetsPredictions = new boolean[n][];
            long t0 = System.nanoTime();
            List<BinaryMetrics> ds = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                checkStop(stop);
                deepSetsPredictions[t] = model.classify(windows[t], supports[t]);
                ds.add(BinaryMetrics.of(test.get(t).member(), deepSetsPredictions[t], supports[t]));
                listener.onEvaluation(DEEP_SETS, t + 1, n);
            }
            methods.add(new MethodResult(DEEP_SETS, ds, MetricSummary.of(ds), (System.nanoTime() - t0) / 1e9));

            if (settings.fineTuneSteps() > 0) {
                t0 = System.nanoTime();
                List<BinaryMetrics> ft = new ArrayList<>();
                var trainer = DeepSetsTrainer.of(model.config());
                for (int t = 0; t < n; t++) {
                    checkStop(stop);
                    try (DeepSets tuned = trainer.fineTune(model, windows[t], supports[t], settings.fineTuneSteps(),
                            model.config().learningRate() / 10, settings.seed() + t)) {
                        ft.add(BinaryMetrics.of(test.get(t).member(), tuned.classify(windows[t], supports[t]), supports[t]));
                    }
                    listener.onEvaluation(FINE_TUNED, t + 1, n);
                }
                methods.add(new MethodResult(FINE_TUNED, ft, MetricSummary.of(ft), (System.nanoTime() - t0) / 1e9));
            }

            // the forests' threshold, tuned like the set model's on training tasks, at this support size
            MemberForest.Config forest = settings.forest();
            forest = forest.withThreshold(forestThreshold(forest, tuning, settings, listener, stop));
            boolean[][] forestPredictions = new boolean[n][];
            methods.add(forests(FOREST, MemberForest.of(forest), test, windows, supports, forestPredictions,
                    settings.threads(), listener, stop));
            methods.add(forests(SELF_LABELLING, MemberForest.of(forest.withSelfLabellingRounds(settings.rounds())),
                    test, windows, supports, null, settings.threads(), listener, stop));

            // 4. the set model across support sizes, on the same test tasks
            Map<Integer, MetricSummary> sweep = new LinkedHashMap<>();
            for (int k : SWEEP) {
                List<BinaryMetrics> at = new ArrayList<>();
                for (int t = 0; t < n; t++) {
                    checkStop(stop);
                    int[] m = test.get(t).memberIndices();
                    if (m.length <= k) continue;
                    int[] s = support(m, k, settings.seed(), test.get(t).id());
                    at.add(BinaryMetrics.of(test.get(t).member(), model.classify(windows[t], s), s));
                }
                if (!at.isEmpty()) sweep.put(k, MetricSummary.of(at));
            }

            // 5. the figure's task: the one with the most members
            int f = 0;
            for (int t = 1; t < n; t++) if (test.get(t).members() > test.get(f).members()) f = t;
            StreamTask shown = test.get(f);
            double[] xi = new double[shown.size()], eta = new double[shown.size()];
            for (int i = 0; i < xi.length; i++) {
                xi[i] = windows[f][i][0];
                eta[i] = windows[f][i][1];
            }
            var sky = new Sky(shown.id(), xi, eta, shown.member(), supports[f],
                    deepSetsPredictions[f], forestPredictions[f]);
            return new Outcome(settings, model.provenance(), load, stopped, methods, sweep, sky, members / n, stars / n,
                    model.threshold(), forest.threshold(), (System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * The vote threshold that maximises the plain forest's mean MCC on the tuning tasks (training tasks, each with
     * a support of the run's size drawn as for the test tasks); 0.5 when none has enough members.
     */
    private static double forestThreshold(MemberForest.Config config, List<SetTask> tuning, Settings settings,
                                          Listener listener, AtomicBoolean stop) {
        List<double[]> scores = new ArrayList<>();
        List<boolean[]> truth = new ArrayList<>();
        List<int[]> supports = new ArrayList<>();
        var forest = MemberForest.of(config);
        for (int t = 0; t < tuning.size(); t++) {
            checkStop(stop);
            SetTask task = tuning.get(t);
            int[] m = task.memberIndices();
            if (m.length <= settings.support()) continue;
            int[] s = support(m, settings.support(), settings.seed(), -1 - t);
            scores.add(forest.scores(task.features(), s));
            truth.add(task.member());
            supports.add(s);
            listener.onEvaluation("tuning the forests' threshold", t + 1, tuning.size());
        }
        return scores.isEmpty() ? 0.5 : Thresholds.bestMeanMcc(scores, truth, supports, FOREST_THRESHOLDS);
    }

    /** Support set of task {@code id}: {@code k} of its members, seeded by the run's seed and the task. */
    static int[] support(int[] members, int k, long seed, int id) {
        var random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id);
        int[] a = members.clone();
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(a.length - i), t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        int[] s = Arrays.copyOf(a, k);
        Arrays.sort(s);
        return s;
    }

    private static List<SetTask> generate(StreamTaskGenerator generator, int first, int count, int threads, String what,
                                          Listener listener, AtomicBoolean stop) {
        List<SetTask> out = new ArrayList<>(count);
        int chunk = Math.max(threads * 4, 16);
        for (int from = first; from < first + count; from += chunk) {
            int c = Math.min(chunk, first + count - from), offset = from - first;
            for (StreamTask t : generator.generate(from, c, (done, total) -> {
                if (stop.get()) throw new CancellationException("stopped while generating " + what + " tasks");
                listener.onGeneration(what, offset + done, count);
            })) out.add(SetTask.of(t.localFeatures(), t.member()));
        }
        return out;
    }

    private static MethodResult forests(String name, MemberForest forest, List<StreamTask> test, float[][][] windows,
                                        int[][] supports, boolean[][] predictions, int threads, Listener listener,
                                        AtomicBoolean stop) {
        long t0 = System.nanoTime();
        int n = test.size();
        BinaryMetrics[] metrics = new BinaryMetrics[n];
        var done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, n), r -> {
            Thread th = new Thread(r, "distill-forest");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                int task = t;
                futures.add(pool.submit(() -> {
                    if (stop.get()) return;
                    boolean[] p = forest.classify(windows[task], supports[task]);
                    if (predictions != null) predictions[task] = p;
                    metrics[task] = BinaryMetrics.of(test.get(task).member(), p, supports[task]);
                    listener.onEvaluation(name, done.incrementAndGet(), n);
                }));
            }
            for (Future<?> f : futures) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        checkStop(stop);
        List<BinaryMetrics> list = Arrays.asList(metrics);
        return new MethodResult(name, list, MetricSummary.of(list), (System.nanoTime() - t0) / 1e9);
    }

    private static void checkStop(AtomicBoolean stop) {
        if (stop.get()) throw new CancellationException("stopped during evaluation");
    }
}
