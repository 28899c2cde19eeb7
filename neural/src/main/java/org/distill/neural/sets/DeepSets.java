package org.distill.neural.sets;

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

import static org.distill.neural.io.ModelFiles.get;

/**
 * A meta-trained Deep Sets member classifier: given a window of stars and the indices of a few known
 * members (the support set, any size from 1 up), the probability that each star of the window is a
 * member too — without retraining. Features are standardised per window ({@link Standardization}).
 * Holds native memory: close it (try-with-resources). Methods are thread-safe (serialised).
 *
 * <pre>{@code
 * try (DeepSets model = DeepSetsTrainer.of(config).train(trainingTasks).model()) {
 *     double[] p = model.scores(window, support);
 *     boolean[] members = model.classify(window, support);   // at the threshold tuned in training
 * }
 * }</pre>
 */
public final class DeepSets implements AutoCloseable {
    /**
     * A saved model: {@code deep-sets.properties} (configuration, width, threshold, provenance; plain text) and
     * {@code deep-sets.params} (DJL's parameter format).
     */
    static final ModelFiles FILES = ModelFiles.of("deep-sets", "distill-deep-sets-1", "Deep Sets model");
    /** Query stars per forward pass when scoring a window. */
    static final int CHUNK = 8192;

    private final Model model;
    private final DeepSetsBlock block;
    private final DeepSetsConfig config;
    private final double threshold;
    private final SetTrainingProvenance provenance;
    private final ParameterStore store;
    private boolean closed;

    DeepSets(Model model, DeepSetsBlock block, DeepSetsConfig config, double threshold, SetTrainingProvenance provenance) {
        this.model = model;
        this.block = block;
        this.config = config;
        this.threshold = threshold;
        this.provenance = provenance;
        this.store = new ParameterStore(model.getNDManager(), false);
    }

    public DeepSetsConfig config() { return config; }

    public SetTrainingProvenance provenance() { return provenance; }

    /** Features per star it takes. */
    public int width() { return block.width(); }

    /** The member probability from which {@link #classify(float[][], int[])} calls a star a member. */
    public double threshold() { return threshold; }

    /**
     * Member probabilities of every star of the window ({@code n} rows of {@link #width()} features),
     * given the indices of the known members; the support stars are scored too.
     */
    public synchronized double[] scores(float[][] window, int[] support) {
        check(window, support);
        float[] x = Standardization.of(window).apply(window);
        return scores(x, window.length, canonical(x, width(), support));
    }

    /** Which stars are members at {@link #threshold()}; the support stars always are. */
    public boolean[] classify(float[][] window, int[] support) { return classify(window, support, threshold); }

    /** Which stars are members at the given probability threshold; the support stars always are. */
    public boolean[] classify(float[][] window, int[] support, double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) throw new IllegalArgumentException("threshold must be in [0, 1]: " + threshold);
        double[] p = scores(window, support);
        boolean[] out = new boolean[p.length];
        for (int i = 0; i < p.length; i++) out[i] = p[i] >= threshold;
        for (int i : support) out[i] = true;
        return out;
    }

    /**
     * The set encoding of the support (ρ of the mean of φ, the context the head sees), in the window's
     * standardised frame: the same for any order of the support and of the window's rows.
     */
    @SuppressWarnings("try") // the scope frees what the block creates
    public synchronized float[] encode(float[][] window, int[] support) {
        check(window, support);
        float[] x = Standardization.of(window).apply(window);
        return encode(gather(x, width(), canonical(x, width(), support)), support.length);
    }

    /** The set encoding of {@code k} standardised support rows (flat), pooled in the order given. */
    @SuppressWarnings("try") // the scope frees what the block creates
    synchronized float[] encode(float[] supportRows, int k) {
        ensureOpen();
        int d = width();
        try (var scope = new NDScope(); var manager = model.getNDManager().newSubManager()) {
            NDArray s = manager.create(supportRows, new Shape(k, d));
            NDArray pool = manager.full(new Shape(1, k), 1f / k);
            return block.encode(store, s, pool, false, null)[0].toFloatArray();
        }
    }

    /**
     * The support indices sorted by their standardised rows (lexicographically, then by index): mean
     * pooling is order-invariant in exact arithmetic, and pooling in one canonical order makes it so in
     * float32 too, bit for bit, whatever order the caller lists the support or the window in.
     */
    static int[] canonical(float[] x, int d, int[] support) {
        Integer[] order = new Integer[support.length];
        for (int i = 0; i < order.length; i++) order[i] = support[i];
        java.util.Arrays.sort(order, (a, b) -> {
            for (int j = 0; j < d; j++) {
                int c = Float.compare(x[a * d + j], x[b * d + j]);
                if (c != 0) return c;
            }
            return 0; // identical rows: either order pools to the same sum
        });
        int[] out = new int[order.length];
        for (int i = 0; i < out.length; i++) out[i] = order[i];
        return out;
    }

    /** Probabilities for all n stars of standardised window {@code x} (flat n × width). */
    @SuppressWarnings("try") // the scope frees what the block creates
    synchronized double[] scores(float[] x, int n, int[] support) {
        ensureOpen();
        int d = width();
        double[] out = new double[n];
        float[] s = gather(x, d, support);
        SupportShape shape = SupportShape.of(x, d, support);
        int w = SupportShape.width(d);
        for (int from = 0; from < n; from += CHUNK) {
            int count = Math.min(CHUNK, n - from);
            try (var scope = new NDScope(); var manager = model.getNDManager().newSubManager()) {
                float[] q = new float[count * d], z = new float[count * w];
                System.arraycopy(x, from * d, q, 0, count * d);
                for (int i = 0; i < count; i++) shape.whiten(x, from + i, z, i * w);
                float[] logits = forward(manager, s, support.length, q, z, count).toFloatArray();
                for (int i = 0; i < count; i++) out[from + i] = sigmoid(logits[i]);
            }
        }
        return out;
    }

    private NDArray forward(NDManager manager, float[] support, int k, float[] queries, float[] whitened, int count) {
        int d = width();
        NDList in = new NDList(manager.create(support, new Shape(k, d)), manager.full(new Shape(1, k), 1f / k),
                manager.create(queries, new Shape(1, count, d)),
                manager.create(whitened, new Shape(1, count, SupportShape.width(d))));
        return block.forward(store, in, false).singletonOrThrow();
    }

    static double sigmoid(double z) { return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)); }

    static float[] gather(float[] x, int d, int[] rows) {
        float[] out = new float[rows.length * d];
        for (int k = 0; k < rows.length; k++) System.arraycopy(x, rows[k] * d, out, k * d, d);
        return out;
    }

    /** Writes the configuration, threshold, provenance and parameters into {@code dir} (created if needed). */
    public synchronized void save(Path dir) throws IOException {
        ensureOpen();
        DeepSetsConfig c = config;
        SetTrainingProvenance t = provenance;
        var p = new Properties();
        p.setProperty("width", Integer.toString(block.width()));
        p.setProperty("threshold", Double.toString(threshold));
        p.setProperty("hidden", Integer.toString(c.hidden()));
        p.setProperty("context", Integer.toString(c.context()));
        p.setProperty("epochs", Integer.toString(c.epochs()));
        p.setProperty("tasksPerBatch", Integer.toString(c.tasksPerBatch()));
        p.setProperty("queriesPerTask", Integer.toString(c.queriesPerTask()));
        p.setProperty("positiveFraction", Double.toString(c.positiveFraction()));
        p.setProperty("minSupport", Integer.toString(c.minSupport()));
        p.setProperty("maxSupport", Integer.toString(c.maxSupport()));
        p.setProperty("learningRate", Double.toString(c.learningRate()));
        p.setProperty("weightDecay", Double.toString(c.weightDecay()));
        p.setProperty("validationFraction", Double.toString(c.validationFraction()));
        p.setProperty("seed", Long.toString(c.seed()));
        p.setProperty("trained.tasks", Integer.toString(t.tasks()));
        p.setProperty("trained.validationTasks", Integer.toString(t.validationTasks()));
        p.setProperty("trained.steps", Long.toString(t.steps()));
        p.setProperty("trained.finalLoss", Double.toString(t.finalLoss()));
        p.setProperty("trained.validationMcc", Double.toString(t.validationMcc()));
        p.setProperty("trained.wallTime", t.wallTime().toString());
        p.setProperty("trained.versions", t.versions());
        FILES.save(dir, p, block, "Distill Deep Sets member classifier");
    }

    /** Reads a model written by {@link #save(Path)}. */
    public static DeepSets load(Path dir) throws IOException {
        Properties p = FILES.read(dir);
        int width = FILES.parse(dir, p, q -> {
            int w = Integer.parseInt(get(q, "width"));
            if (w < 1) throw new IllegalArgumentException("width must be >= 1: " + w);
            return w;
        });
        double threshold = FILES.parse(dir, p, q -> {
            double v = Double.parseDouble(get(q, "threshold"));
            if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException("threshold must be in [0, 1]: " + v);
            return v;
        });
        DeepSetsConfig config = FILES.parse(dir, p, q -> new DeepSetsConfig(Integer.parseInt(get(q, "hidden")),
                Integer.parseInt(get(q, "context")), Integer.parseInt(get(q, "epochs")),
                Integer.parseInt(get(q, "tasksPerBatch")), Integer.parseInt(get(q, "queriesPerTask")),
                Double.parseDouble(get(q, "positiveFraction")), Integer.parseInt(get(q, "minSupport")),
                Integer.parseInt(get(q, "maxSupport")), Double.parseDouble(get(q, "learningRate")),
                Double.parseDouble(get(q, "weightDecay")), Double.parseDouble(get(q, "validationFraction")),
                Long.parseLong(get(q, "seed"))));
        SetTrainingProvenance provenance = FILES.parse(dir, p, q -> new SetTrainingProvenance(
                Integer.parseInt(get(q, "trained.tasks")), Integer.parseInt(get(q, "trained.validationTasks")), width,
                Long.parseLong(get(q, "trained.steps")), Double.parseDouble(get(q, "trained.finalLoss")),
                Double.parseDouble(get(q, "trained.validationMcc")), Duration.parse(get(q, "trained.wallTime")),
                get(q, "trained.versions")));
        var block = new DeepSetsBlock(width, config);
        return FILES.load(dir, block, model -> new DeepSets(model, block, config, threshold, provenance));
    }

    /** A copy of this model (same parameters, threshold and provenance), with its own native memory. */
    synchronized DeepSets copy() {
        ensureOpen();
        var copy = new DeepSetsBlock(width(), config);
        return FILES.copy(block, copy, m -> new DeepSets(m, copy, config, threshold, provenance));
    }

    DeepSetsBlock block() { return block; }

    Model model() { return model; }

    @Override public synchronized void close() {
        if (closed) return;
        closed = true;
        model.close();
    }

    @Override public String toString() {
        return "DeepSets[width=" + width() + ", hidden=" + config.hidden() + ", threshold=" + threshold + "]";
    }

    private void check(float[][] window, int[] support) {
        ensureOpen();
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(support, "support");
        if (window.length == 0) throw new IllegalArgumentException("window has no stars");
        int d = width();
        for (int i = 0; i < window.length; i++) {
            if (window[i].length != d)
                throw new IllegalArgumentException("window row " + i + " has " + window[i].length + " features, the model takes " + d);
            for (int j = 0; j < d; j++)
                if (!Float.isFinite(window[i][j]))
                    throw new IllegalArgumentException("window row " + i + ", column " + j + " is not finite: " + window[i][j]);
        }
        if (support.length == 0) throw new IllegalArgumentException("support is empty: at least one known member is needed");
        boolean[] seen = new boolean[window.length];
        for (int i : support) {
            if (i < 0 || i >= window.length)
                throw new IllegalArgumentException("support index must be in [0, " + window.length + "): " + i);
            if (seen[i]) throw new IllegalArgumentException("support index repeated: " + i);
            seen[i] = true;
        }
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("the Deep Sets model is closed");
    }
}
