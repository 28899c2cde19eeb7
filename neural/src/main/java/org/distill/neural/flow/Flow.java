package org.distill.neural.flow;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Properties;
import java.util.SplittableRandom;
import org.distill.neural.io.ModelFiles;

import static org.distill.neural.io.ModelFiles.get;

/**
 * A trained conditional normalising flow p(x | c) over a box of observables: exact log-density (the Jacobians of the
 * fixed map of each observable to unbounded space — a standardised logit or the probit of a reference CDF — and of
 * the coupling layers included) and exact sampling. Holds native memory: close it. Methods are thread-safe
 * (serialised).
 *
 * <pre>{@code
 * try (Flow flow = FlowTrainer.of(config).train(data).model()) {
 *     double[] logp = flow.logDensity(x, c);
 *     double[][] draws = flow.sample(c, 7);
 * }
 * }</pre>
 */
public final class Flow implements AutoCloseable {
    /** A saved flow: {@code flow.properties} (configuration, box, scalings, provenance) and {@code flow.params}. */
    static final ModelFiles FILES = ModelFiles.of("flow", "distill-flow-1", "conditional flow");
    /** Rows per forward pass. */
    static final int CHUNK = 32_768;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final Model model;
    private final FlowBlock block;
    private final FlowConfig config;
    private final Scaling scaling;
    private final FlowProvenance provenance;
    private final ParameterStore store;
    private boolean closed;

    Flow(Model model, FlowBlock block, FlowConfig config, Scaling scaling, FlowProvenance provenance) {
        this.model = model;
        this.block = block;
        this.config = config;
        this.scaling = scaling;
        this.provenance = provenance;
        this.store = new ParameterStore(model.getNDManager(), false);
    }

    public FlowConfig config() { return config; }

    /** How the flow was trained; null while it is being trained. */
    public FlowProvenance provenance() { return provenance; }

    /** Observables per row. */
    public int dimensions() { return block.dims(); }

    /** Conditions per row. */
    public int conditions() { return block.conditions(); }

    /** Lower edges of the observables' box. */
    public double[] lower() { return scaling.lower.clone(); }

    /** Upper edges of the observables' box. */
    public double[] upper() { return scaling.upper.clone(); }

    Scaling scaling() { return scaling; }

    FlowBlock block() { return block; }

    Model model() { return model; }

    /**
     * log p(xᵢ | cᵢ) for each row; −∞ where xᵢ is outside the open box.
     *
     * @throws IllegalArgumentException if the rows do not match or have the wrong widths
     */
    public synchronized double[] logDensity(double[][] x, double[][] c) {
        checkOpen();
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(c, "c");
        if (x.length != c.length) throw new IllegalArgumentException("x has " + x.length + " rows, c has " + c.length);
        int d = dimensions(), n = x.length;
        double[] out = new double[n];
        for (int from = 0; from < n; from += CHUNK) {
            int count = Math.min(CHUNK, n - from);
            float[] y = new float[count * d], cc = new float[count * conditions()];
            double[] jac = new double[count];
            boolean[] outside = new boolean[count];
            for (int i = 0; i < count; i++) {
                jac[i] = scaling.toUnbounded(x[from + i], y, i * d);
                outside[i] = Double.isNaN(jac[i]);
                scaling.condition(c[from + i], cc, i * conditions());
            }
            double[] base = forward(y, cc, count);
            for (int i = 0; i < count; i++) out[from + i] = outside[i] ? Double.NEGATIVE_INFINITY : base[i] + jac[i];
        }
        return out;
    }

    /** log N(z) + log|det| of standardised rows y under conditions cc, one per row. */
    @SuppressWarnings("try")
    private double[] forward(float[] y, float[] cc, int count) {
        int d = dimensions();
        try (var scope = new NDScope(); NDManager manager = model.getNDManager().newSubManager()) {
            NDList in = new NDList(manager.create(y, new Shape(count, d)), manager.create(cc, new Shape(count, conditions())));
            NDList out = block.forward(store, in, false);
            float[] z = out.get(0).toFloatArray(), logDet = out.get(1).toFloatArray();
            double[] r = new double[count];
            for (int i = 0; i < count; i++) {
                double s = 0;
                for (int k = 0; k < d; k++) s += (double) z[i * d + k] * z[i * d + k];
                r[i] = -0.5 * s - 0.5 * d * LOG_2PI + logDet[i];
            }
            return r;
        }
    }

    /**
     * The catalogue's log-likelihood Σᵢ log p(xᵢ | c) for each condition c, as a function of the conditions: the
     * events are transformed once here.
     */
    public Catalogue catalogue(double[][] events) {
        Objects.requireNonNull(events, "events");
        if (events.length == 0) throw new IllegalArgumentException("the catalogue has no events");
        int d = dimensions();
        float[] y = new float[events.length * d];
        double jac = 0;
        for (int i = 0; i < events.length; i++) {
            if (events[i].length != d)
                throw new IllegalArgumentException("event " + i + " has " + events[i].length + " observables, expected " + d);
            double j = scaling.toUnbounded(events[i], y, i * d);
            if (Double.isNaN(j)) throw new IllegalArgumentException("event " + i + " is outside the box: " + Arrays.toString(events[i]));
            jac += j;
        }
        return new Catalogue(y, events.length, jac);
    }

    /** A catalogue's events, transformed; see {@link #catalogue(double[][])}. */
    public final class Catalogue {
        private final float[] y;
        private final int events;
        private final double jacobian;

        private Catalogue(float[] y, int events, double jacobian) {
            this.y = y;
            this.events = events;
            this.jacobian = jacobian;
        }

        public int events() { return events; }

        /** Σᵢ log p(xᵢ | c) for each row c of {@code conditions}. */
        public double[] logLikelihood(double[][] conditions) {
            synchronized (Flow.this) {
                checkOpen();
                int d = dimensions(), m = conditions(), n = events;
                double[] out = new double[conditions.length];
                int perChunk = Math.max(1, CHUNK / n);
                for (int from = 0; from < conditions.length; from += perChunk) {
                    int k = Math.min(perChunk, conditions.length - from);
                    float[] yy = new float[k * n * d], cc = new float[k * n * m];
                    float[] one = new float[m];
                    for (int j = 0; j < k; j++) {
                        if (conditions[from + j].length != m)
                            throw new IllegalArgumentException("condition row has " + conditions[from + j].length + " values, expected " + m);
                        System.arraycopy(y, 0, yy, j * n * d, n * d);
                        scaling.condition(conditions[from + j], one, 0);
                        for (int i = 0; i < n; i++) System.arraycopy(one, 0, cc, (j * n + i) * m, m);
                    }
                    double[] base = forward(yy, cc, k * n);
                    for (int j = 0; j < k; j++) {
                        double s = jacobian;
                        for (int i = 0; i < n; i++) s += base[j * n + i];
                        out[from + j] = s;
                    }
                }
                return out;
            }
        }
    }

    /** One draw of x | cᵢ for each row of {@code c}, seeded. */
    @SuppressWarnings("try")
    public synchronized double[][] sample(double[][] c, long seed) {
        checkOpen();
        Objects.requireNonNull(c, "c");
        int d = dimensions(), m = conditions();
        var random = new SplittableRandom(seed);
        double[][] out = new double[c.length][];
        for (int from = 0; from < c.length; from += CHUNK) {
            int count = Math.min(CHUNK, c.length - from);
            float[] z = new float[count * d], cc = new float[count * m];
            for (int i = 0; i < count; i++) {
                if (c[from + i].length != m)
                    throw new IllegalArgumentException("condition row has " + c[from + i].length + " values, expected " + m);
                for (int k = 0; k < d; k++) z[i * d + k] = (float) random.nextGaussian();
                scaling.condition(c[from + i], cc, i * m);
            }
            float[] y;
            try (var scope = new NDScope(); NDManager manager = model.getNDManager().newSubManager()) {
                y = block.inverse(store, manager.create(z, new Shape(count, d)), manager.create(cc, new Shape(count, m)))
                        .toFloatArray();
            }
            for (int i = 0; i < count; i++) out[from + i] = scaling.fromUnbounded(y, i * d);
        }
        return out;
    }

    /** Writes {@code flow.properties} and {@code flow.params} into {@code dir}. */
    public synchronized void save(Path dir) throws IOException {
        checkOpen();
        var p = new Properties();
        p.setProperty("dimensions", Integer.toString(dimensions()));
        p.setProperty("conditions", Integer.toString(conditions()));
        p.setProperty("layers", Integer.toString(config.layers()));
        p.setProperty("hidden", Integer.toString(config.hidden()));
        p.setProperty("components", Integer.toString(config.components()));
        p.setProperty("epochs", Integer.toString(config.epochs()));
        p.setProperty("batchSize", Integer.toString(config.batchSize()));
        p.setProperty("learningRate", Double.toString(config.learningRate()));
        p.setProperty("weightDecay", Double.toString(config.weightDecay()));
        p.setProperty("seed", Long.toString(config.seed()));
        p.setProperty("referenceBins", Integer.toString(config.referenceBins()));
        p.setProperty("averaging", Double.toString(config.averaging()));
        p.setProperty("ratioWeight", Double.toString(config.ratioWeight()));
        scaling.store(p);
        if (provenance != null) provenance.store(p);
        FILES.save(dir, p, block, "Distill conditional normalising flow");
    }

    /** The flow saved in {@code dir}. */
    public static Flow load(Path dir) throws IOException {
        Properties p = FILES.read(dir);
        record Header(int dims, int conditions, FlowConfig config, Scaling scaling, FlowProvenance provenance) { }
        Header h = FILES.parse(dir, p, q -> {
            var config = new FlowConfig(Integer.parseInt(get(q, "layers")), Integer.parseInt(get(q, "hidden")),
                    Integer.parseInt(get(q, "components")), Integer.parseInt(get(q, "epochs")),
                    Integer.parseInt(get(q, "batchSize")), Double.parseDouble(get(q, "learningRate")),
                    Double.parseDouble(get(q, "weightDecay")), Long.parseLong(get(q, "seed")),
                    Integer.parseInt(q.getProperty("referenceBins", "0")), Double.parseDouble(q.getProperty("averaging", "0")),
                    Double.parseDouble(q.getProperty("ratioWeight", "0")));
            int d = Integer.parseInt(get(q, "dimensions")), m = Integer.parseInt(get(q, "conditions"));
            return new Header(d, m, config, Scaling.load(q, d, m), FlowProvenance.load(q));
        });
        var block = new FlowBlock(h.dims(), h.conditions(), h.config());
        return FILES.load(dir, block, model -> new Flow(model, block, h.config(), h.scaling(), h.provenance()));
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("the flow is closed");
    }

    @Override public synchronized void close() {
        if (!closed) {
            closed = true;
            model.close();
        }
    }

    /**
     * The fixed maps around the layers: each observable x ∈ (lo, hi) either to y = logit((x − lo)/(hi − lo)),
     * standardised by the training rows' mean and deviation, or (with reference maps) to y = Φ⁻¹(F_ref(x)) for a
     * reference CDF estimated from the training rows ({@link ReferenceMap}); each condition standardised.
     */
    static final class Scaling {
        final double[] lower, upper, yMean, ySd, cMean, cSd;
        /** One per observable, or null for the logit. */
        final ReferenceMap[] reference;
        /** Σ_d −log(hi − lo) − log sd, the constant part of the logit's Jacobian; 0 with reference maps. */
        private final double constant;

        Scaling(double[] lower, double[] upper, double[] yMean, double[] ySd, double[] cMean, double[] cSd,
                ReferenceMap[] reference) {
            this.lower = lower;
            this.upper = upper;
            this.yMean = yMean;
            this.ySd = ySd;
            this.cMean = cMean;
            this.cSd = cSd;
            this.reference = reference;
            double k = 0;
            for (int d = 0; d < lower.length; d++) {
                if (!(ySd[d] > 0)) throw new IllegalArgumentException("observable " + d + " has deviation " + ySd[d]);
                k -= Math.log(upper[d] - lower[d]) + Math.log(ySd[d]);
            }
            for (int j = 0; j < cSd.length; j++)
                if (!(cSd[j] > 0)) throw new IllegalArgumentException("condition " + j + " has deviation " + cSd[j]);
            if (reference != null) {
                if (reference.length != lower.length)
                    throw new IllegalArgumentException(reference.length + " reference maps for " + lower.length + " observables");
                for (int d = 0; d < lower.length; d++)
                    if (reference[d].lower() != lower[d] || reference[d].upper() != upper[d])
                        throw new IllegalArgumentException("observable " + d + ": reference map on (" + reference[d].lower() + ", "
                                + reference[d].upper() + "), box (" + lower[d] + ", " + upper[d] + ")");
                k = 0;
            }
            constant = k;
        }

        /**
         * From training data: the means and deviations of the logits (referenceBins = 0) or the reference maps, and
         * the conditions' means and deviations.
         */
        static Scaling of(FlowData data, int referenceBins) {
            int d = data.dimensions(), m = data.conditions(), n = data.rows();
            double[] ym = new double[d], ys = new double[d], cm = new double[m], cs = new double[m];
            ReferenceMap[] reference = null;
            if (referenceBins > 0) {
                reference = new ReferenceMap[d];
                double[] column = new double[n];
                for (int k = 0; k < d; k++) {
                    for (int i = 0; i < n; i++) column[i] = data.x()[i][k];
                    reference[k] = ReferenceMap.of(column, data.lower()[k], data.upper()[k], referenceBins);
                    ys[k] = 1;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < d; k++) {
                        double y = logit(data.x()[i][k], data.lower()[k], data.upper()[k]);
                        ym[k] += y;
                        ys[k] += y * y;
                    }
                }
                for (int k = 0; k < d; k++) {
                    ym[k] /= n;
                    ys[k] = Math.sqrt(Math.max(ys[k] / n - ym[k] * ym[k], 1e-12));
                }
            }
            for (int i = 0; i < n; i++)
                for (int j = 0; j < m; j++) {
                    cm[j] += data.c()[i][j];
                    cs[j] += data.c()[i][j] * data.c()[i][j];
                }
            for (int j = 0; j < m; j++) {
                cm[j] /= n;
                cs[j] = Math.sqrt(Math.max(cs[j] / n - cm[j] * cm[j], 1e-12));
            }
            return new Scaling(data.lower(), data.upper(), ym, ys, cm, cs, reference);
        }

        private static double logit(double x, double lo, double hi) { return Math.log(x - lo) - Math.log(hi - x); }

        /** Writes x's mapped values into {@code y} at {@code at}; returns log|∂y/∂x|, NaN outside the box. */
        double toUnbounded(double[] x, float[] y, int at) {
            double jac = constant;
            for (int k = 0; k < lower.length; k++) {
                double a = x[k] - lower[k], b = upper[k] - x[k];
                if (!(a > 0 && b > 0)) {
                    for (int j = 0; j < lower.length; j++) y[at + j] = 0f;
                    return Double.NaN;
                }
                if (reference != null) {
                    double z = reference[k].toNormal(x[k]);
                    y[at + k] = (float) z;
                    jac += reference[k].logJacobian(x[k], z);
                    continue;
                }
                double la = Math.log(a), lb = Math.log(b);
                y[at + k] = (float) ((la - lb - yMean[k]) / ySd[k]);
                // s = a/(hi − lo): −log s − log(1 − s) = −log a − log b + 2 log(hi − lo)
                jac += -la - lb + 2 * Math.log(upper[k] - lower[k]);
            }
            return jac;
        }

        /** The observables whose mapped values are {@code y[at..]}. */
        double[] fromUnbounded(float[] y, int at) {
            double[] x = new double[lower.length];
            for (int k = 0; k < x.length; k++) {
                if (reference != null) {
                    x[k] = Math.min(upper[k], Math.max(lower[k], reference[k].fromNormal(y[at + k])));
                    continue;
                }
                double t = y[at + k] * ySd[k] + yMean[k];
                double s = t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
                x[k] = Math.min(upper[k], Math.max(lower[k], lower[k] + (upper[k] - lower[k]) * s));
            }
            return x;
        }

        void condition(double[] c, float[] out, int at) {
            if (c.length != cMean.length)
                throw new IllegalArgumentException("condition row has " + c.length + " values, expected " + cMean.length);
            for (int j = 0; j < c.length; j++) out[at + j] = (float) ((c[j] - cMean[j]) / cSd[j]);
        }

        void store(Properties p) {
            p.setProperty("lower", join(lower));
            p.setProperty("upper", join(upper));
            p.setProperty("logitMean", join(yMean));
            p.setProperty("logitSd", join(ySd));
            p.setProperty("conditionMean", join(cMean));
            p.setProperty("conditionSd", join(cSd));
            p.setProperty("map", reference == null ? "logit" : "reference");
            if (reference != null)
                for (int k = 0; k < reference.length; k++) {
                    p.setProperty("reference." + k + ".x", join(reference[k].x()));
                    p.setProperty("reference." + k + ".u", join(reference[k].u()));
                    p.setProperty("reference." + k + ".d", join(reference[k].d()));
                }
        }

        /** Flows saved before reference maps existed have no {@code map}: the logit. */
        static Scaling load(Properties p, int d, int m) {
            String map = p.getProperty("map", "logit");
            ReferenceMap[] reference = null;
            if (map.equals("reference")) {
                reference = new ReferenceMap[d];
                for (int k = 0; k < d; k++) {
                    String key = "reference." + k + ".";
                    double[] x = split(get(p, key + "x"), -1, key + "x");
                    reference[k] = new ReferenceMap(x, split(get(p, key + "u"), x.length, key + "u"),
                            split(get(p, key + "d"), x.length, key + "d"));
                }
            } else if (!map.equals("logit")) throw new IllegalArgumentException("'map' must be logit or reference: " + map);
            return new Scaling(split(get(p, "lower"), d, "lower"), split(get(p, "upper"), d, "upper"),
                    split(get(p, "logitMean"), d, "logitMean"), split(get(p, "logitSd"), d, "logitSd"),
                    split(get(p, "conditionMean"), m, "conditionMean"), split(get(p, "conditionSd"), m, "conditionSd"), reference);
        }

        private static String join(double[] v) {
            var sb = new StringBuilder();
            for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : ",").append(v[i]);
            return sb.toString();
        }

        private static double[] split(String s, int n, String key) {
            String[] parts = s.split(",");
            if (n >= 0 && parts.length != n) throw new IllegalArgumentException("'" + key + "' has " + parts.length + " values, expected " + n);
            double[] v = new double[parts.length];
            for (int i = 0; i < v.length; i++) v[i] = Double.parseDouble(parts[i].trim());
            return v;
        }
    }
}
