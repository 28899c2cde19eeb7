package org.distill.neural.analysis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.neural.gn.EdgeMessages;
import org.distill.neural.gn.GraphNetwork;
import org.distill.physics.nbody.GraphDataset;
import org.distill.physics.nbody.PairLaw;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.Equation;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.ParetoFront;
import org.distill.symbolic.SymbolicRegressor;
import org.distill.symbolic.algebra.Simplifier;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Printer;
import org.distill.symbolic.optimize.OccamSimplifier;

/**
 * Distils a trained graph network into a force law (Cranmer et al. 2020, Sec. 4): takes the edge
 * messages on test graphs, fits the strongest {@code dim} components to linear combinations of the
 * true pair forces, or of the accelerations they cause ({@link ForceBasis}, whichever fits better;
 * {@link LinearMessageFit}, ignoring the worst-fitted tenth of the edges), runs symbolic regression
 * on the strongest component as a function of the edge's {@code dx, dy[, dz], r, m1, m2, q1, q2}
 * (on a subsample of the edges, seeded with the search's seed), and checks whether the chosen formula has the form
 * of the true force ({@link FormCheck}, on all test edges, trimmed alike). Prints nothing.
 *
 * <p>The problem and the solver apart: the distillation says what data to fit; the search is a configured
 * {@link SymbolicRegressor} ({@link Builder#regressor}; {@link #regressor()} gives the default settings to start from).
 *
 * <pre>{@code
 * var search = Distillation.regressor().timeLimit(Duration.ofSeconds(60)).seed(1).build();
 * Distillation.Result result = Distillation.builder().regressor(search).build().run(network, test, PairLaw.SPRING);
 * System.out.println(result.messageR2() + "  " + result.formula() + "  " + result.form().r2());
 * }</pre>
 *
 * <p>Thread-safe; a run uses the search's threads.
 */
public final class Distillation {
    /** The operators of the search unless told otherwise: the true forces are rational in the edge variables. */
    public static final List<Op> DEFAULT_OPERATORS = List.of(Op.ADD, Op.SUB, Op.MUL, Op.DIV);
    /** Default of {@link Builder#simplifyBudget}. */
    public static final double DEFAULT_SIMPLIFY_BUDGET = 0.02;
    /** Default of {@link Builder#relative}. */
    public static final boolean DEFAULT_RELATIVE = true;
    /** Default of {@link Builder#closest}. */
    public static final double DEFAULT_CLOSEST = 0.1;

    private final SymbolicRegressor regressor;
    private final int maxEdges;
    private final double trim;
    private final double closest;
    private final Shape shape;
    private final double simplifyBudget;
    private final boolean relative;

    private Distillation(Builder b) {
        this.regressor = b.regressor;
        this.maxEdges = b.maxEdges;
        this.trim = b.trim;
        this.closest = b.closest;
        this.shape = b.shape;
        this.simplifyBudget = b.simplifyBudget;
        this.relative = b.relative;
    }

    /**
     * What the search is told about the message's shape.
     */
    public enum Shape {
        /**
         * A central pair force in a fixed, unknown basis, the receiver's properties a factor: the search fits
         * {@link #centralTemplate(int)}, {@code (c1·dx + c2·dy)·g(m1, q1)·f(r, m2, q2)/r}, growing only the scalars
         * {@code g} and {@code f} (the rotation-free form and the natural variables: a force between two bodies that
         * depends on nothing but their distance and properties points along their separation; the receiver's mass and
         * charge, which the node model sees too, enter as a factor, see {@link ReceiverGauge}). The default.
         */
        CENTRAL,
        /** No assumption: the search grows the whole message over {@code dx, dy[, dz], r, m1, m2, q1, q2}. */
        FREE;

        /** Lower-case name, as the command line and JSON write it. */
        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** Settings with defaults: at most 2 000 edges, trim 0.1, closest 0.1, the search {@link #regressor()} builds. */
    public static Builder builder() { return new Builder(); }

    /**
     * The search settings a distillation uses unless given a regressor, to start from: 60 s, + − × ÷
     * ({@link #DEFAULT_OPERATORS}), complexity ≤ 25, no candidate features (the message's variables are the search's),
     * no linear step (the documented runs were made without it), seed 0, all cores; everything else the regressor's defaults.
     */
    public static SymbolicRegressor.Builder regressor() {
        return SymbolicRegressor.builder().operators(DEFAULT_OPERATORS).features(false).linear(false).maxComplexity(25)
                .timeLimit(Duration.ofSeconds(60));
    }

    /** Distils {@code network} on the test graphs {@code test}, which follow {@code law}. */
    public Result run(GraphNetwork network, GraphDataset test, PairLaw law) {
        return run(network, test, law, new AtomicBoolean());
    }

    /** As {@link #run(GraphNetwork, GraphDataset, PairLaw)}; the search stops early when {@code cancel} becomes true. */
    public Result run(GraphNetwork network, GraphDataset test, PairLaw law, AtomicBoolean cancel) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(test, "test");
        double testLoss = network.loss(test);
        return withNodeResponse(run(network.messages(test), law, testLoss, cancel), network, test, law);
    }

    /**
     * {@code result} (distilled from {@code network}'s messages on {@code test}) with whether the network's node model
     * undoes its formula's receiver factor ({@link NodeResponse}); {@code result} itself when the formula does not split
     * into a receiver factor and the rest.
     */
    public static Result withNodeResponse(Result result, GraphNetwork network, GraphDataset test, PairLaw law) {
        ReceiverGauge gauge = Objects.requireNonNull(result, "result").gauge();
        if (gauge == null || !gauge.separable()) return result;
        Expr factor = gauge.factor();
        List<String> variables = result.variables();
        double[][] response = network.messageResponse(test, result.component());
        int n = test.bodies(), dim = test.dim(), im = variables.indexOf("m1"), iq = variables.indexOf("q1");
        double[] m1 = new double[response.length], q1 = new double[response.length];
        for (int node = 0; node < response.length; node++) {
            m1[node] = test.node(node / n, node % n, 2 * dim + 1);
            q1[node] = test.node(node / n, node % n, 2 * dim);
        }
        double[] point = new double[variables.size()];
        Arrays.fill(point, 1);
        return result.withNodeResponse(NodeResponse.of(response, m1, q1, (m, q) -> {
            double[] p = point.clone();
            p[im] = m;
            p[iq] = q;
            return factor.evaluate(p);
        }, law, result.basis()));
    }

    /**
     * Distils already extracted messages.
     *
     * @param messages the messages and physics of the test edges
     * @param law      the law the test graphs follow
     * @param testLoss the network's loss on the test graphs (reported as given; NaN if unknown)
     * @param cancel   stops the search early when it becomes true (checked between epochs)
     * @throws IllegalArgumentException if the true forces cannot be fitted (for example all zero)
     */
    public Result run(EdgeMessages messages, PairLaw law, double testLoss, AtomicBoolean cancel) {
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(law, "law");
        Objects.requireNonNull(cancel, "cancel");
        int top = Math.min(messages.dim(), messages.messageDim());
        ForceBasis basis = null;
        List<ComponentFit> fits = null;
        double[][] forces = null;
        for (ForceBasis b : ForceBasis.values()) {             // the basis the strongest components follow best
            double[][] f = b.of(law, messages);
            List<ComponentFit> candidate = LinearMessageFit.fit(messages.messages(), f, top, trim);
            if (fits == null || meanR2(candidate) > meanR2(fits)) {
                basis = b;
                fits = candidate;
                forces = f;
            }
        }
        List<Double> untrimmed = LinearMessageFit.fit(messages.messages(), forces, top).stream().map(ComponentFit::r2).toList();
        int component = fits.get(0).component();
        double cut = cut(messages.r(), closest);
        RadialProfile profile = RadialProfile.of(messages.message(component), fits.get(0).predict(forces),
                fits.get(0).intercept(), messages.r(), Math.min(RadialProfile.DEFAULT_BINS, messages.edges() / 2), cut);

        Dataset all = edgeData(messages, component);
        int[] apart = apart(messages.r(), closest);
        Dataset searchData = relative ? all.withWeights(relativeWeights(messages, fits, apart)) : all;
        Dataset sample = subsample(searchData, apart, maxEdges, regressor.options().seed());
        SymbolicRegressor search = shape == Shape.CENTRAL
                ? regressor.toBuilder().template(centralTemplate(messages.dim())).build() : regressor;
        ParetoFront front = search.fit(sample, cancel);
        Equation searched = front.isEmpty() ? null : front.best();
        Equation equation = searched == null ? null : snap(searched, subsample(all, apart, SIMPLIFY_EDGES, ~search.options().seed()));
        FormCheck form = equation == null ? null : FormCheck.of(equation.predict(all), forces, trim);
        ExactForm exact = equation == null ? null : ExactForm.check(equation.expression(), all.variables(), law);
        ReceiverGauge gauge = equation == null ? null : simplified(ReceiverGauge.of(equation.expression(), all.variables()));
        ExactForm gaugeExact = equation == null ? null : ExactForm.checkUpToReceiver(equation.expression(), all.variables(), law);
        return new Result(testLoss, basis, trim, fits, untrimmed, profile, shape, searched, equation, all.variables(), form,
                exact, gauge, gaugeExact, null, front, sample.rows());
    }

    /** Edges (apart, drawn with the complement of the search's seed) on which the chosen formula's constants are snapped. */
    static final int SIMPLIFY_EDGES = 4000;

    /**
     * The template of {@link Shape#CENTRAL} in {@code dim} dimensions: {@code (c1*dx + c2*dy)*g(m1, q1)*f(r, m2, q2)/r}.
     */
    public static String centralTemplate(int dim) {
        if (dim < 1 || dim > 3) throw new IllegalArgumentException("dim must be in [1, 3]: " + dim);
        List<String> terms = new ArrayList<>();
        for (int d = 0; d < dim; d++) terms.add("c" + (d + 1) + "*d" + "xyz".charAt(d));
        return "(" + String.join(" + ", terms) + ")*g(m1, q1)*f(r, m2, q2)/r";
    }

    /**
     * {@code found} made simpler ({@link OccamSimplifier}) within {@link #simplifyBudget} of the variance of {@code data},
     * the zeros and constant sub-expressions folded by the algebra backend ({@link #tidy}); {@code found} itself when
     * nothing was simplified.
     */
    private Equation snap(Equation found, Dataset data) {
        if (simplifyBudget == 0) return found;
        Set<Integer> direction = new java.util.HashSet<>();
        for (String v : found.variables()) if (v.length() == 2 && v.charAt(0) == 'd') direction.add(found.variables().indexOf(v));
        OccamSimplifier.Result r = OccamSimplifier.simplify(found.expression(), data.columns(), simplifyBudget, direction);
        if (r.steps() == 0) return found;
        return new Equation(tidy(r.expression()), found.variables(), r.loss(), found.score());
    }

    /** {@code gauge} with its parts tidied ({@link #tidy}). */
    private ReceiverGauge simplified(ReceiverGauge gauge) {
        return gauge.separable() ? new ReceiverGauge(true, tidy(gauge.law()), tidy(gauge.factor()), gauge.mass(), gauge.charge()) : gauge;
    }

    /**
     * {@code e}, its constant parts folded, then simplified by the algebra backend in the search's operators (and powers)
     * when that gives a smaller
     * expression whose constants stay within the range of {@code e}'s (Symja may fold {@code 0.4·(2.1·dx − dy)} into
     * one fraction with 16-digit integers, which is smaller but not what a reader wants); {@code e} otherwise.
     */
    private Expr tidy(Expr found) {
        Expr e = found.foldConstants();
        Set<Op.Kind> kinds = EnumSet.noneOf(Op.Kind.class);
        for (Op op : regressor.options().operators()) kinds.add(op.kind());
        kinds.add(Op.Kind.POW);
        Expr simple = Simplifier.simplify(e, kinds, Duration.ofSeconds(5)).orElse(e);
        if (simple.complexity() > e.complexity()) return e;
        double lo = 1, hi = 1;
        for (double c : e.constants())
            if (c != 0 && Double.isFinite(c)) {
                lo = Math.min(lo, Math.abs(c));
                hi = Math.max(hi, Math.abs(c));
            }
        for (double c : simple.constants())
            if (c != 0 && (!Double.isFinite(c) || Math.abs(c) < lo / 10 || Math.abs(c) > hi * 10)) return e;
        return simple;
    }

    /** Mean R² of {@code fits}, a NaN (constant component) counting as 0. */
    private static double meanR2(List<ComponentFit> fits) {
        double sum = 0;
        for (ComponentFit f : fits) sum += Double.isNaN(f.r2()) ? 0 : f.r2();
        return sum / fits.size();
    }

    /** The search's variables for spatial dimension {@code dim}: {@code dx, dy[, dz], r, m1, m2, q1, q2}. */
    public static List<String> variables(int dim) {
        if (dim < 1 || dim > 3) throw new IllegalArgumentException("dim must be in [1, 3]: " + dim);
        List<String> names = new ArrayList<>();
        for (int d = 0; d < dim; d++) names.add("d" + "xyz".charAt(d));
        names.addAll(List.of("r", "m1", "m2", "q1", "q2"));
        return List.copyOf(names);
    }

    /** Message component {@code component} on every edge as the target, over the {@link #variables(int)}. */
    public static Dataset edgeData(EdgeMessages messages, int component) {
        Dataset full = messages.toDataset(component);
        List<String> names = variables(messages.dim());
        double[][] columns = new double[names.size()][];
        for (int k = 0; k < columns.length; k++) columns[k] = full.column(full.indexOf(names.get(k)));
        return Dataset.ofColumns(columns, full.y()).withVariables(names).withTarget(full.target());
    }

    /** At most {@code rows} rows of {@code data}, drawn without replacement with {@code seed}, in their original order. */
    static Dataset subsample(Dataset data, int rows, long seed) {
        int[] all = new int[data.rows()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        return subsample(data, all, rows, seed);
    }

    /**
     * The edges whose separation is above the {@code closest}-quantile of {@code r} (all edges when {@code closest}
     * is 0), in order.
     */
    static int[] apart(double[] r, double closest) {
        if (closest == 0) {
            int[] all = new int[r.length];
            for (int i = 0; i < all.length; i++) all[i] = i;
            return all;
        }
        double cut = cut(r, closest);
        return java.util.stream.IntStream.range(0, r.length).filter(e -> r[e] > cut).toArray();
    }

    /** The {@code closest}-quantile of {@code r}, below which (inclusive) the search leaves edges out; 0 for {@code closest} 0. */
    static double cut(double[] r, double closest) {
        if (closest == 0) return 0;
        double[] sorted = r.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(closest * sorted.length))];
    }

    /**
     * At most {@code rows} of the rows {@code candidates} (ascending) of {@code data}, drawn without replacement with
     * {@code seed}, in their original order.
     */
    static Dataset subsample(Dataset data, int[] candidates, int rows, long seed) {
        if (candidates.length == data.rows() && data.rows() <= rows) return data;
        int[] index = candidates.clone();
        rows = Math.min(rows, index.length);
        var random = new SplittableRandom(seed);
        for (int i = 0; i < rows && index.length > rows; i++) {     // partial Fisher–Yates
            int j = i + random.nextInt(index.length - i), t = index[i];
            index[i] = index[j];
            index[j] = t;
        }
        int[] chosen = Arrays.copyOf(index, rows);
        Arrays.sort(chosen);
        double[][] columns = new double[data.features()][rows];
        double[] y = data.y(), target = new double[rows];
        for (int j = 0; j < columns.length; j++) {
            double[] column = data.column(j);
            for (int i = 0; i < rows; i++) columns[j][i] = column[chosen[i]];
        }
        for (int i = 0; i < rows; i++) target[i] = y[chosen[i]];
        Dataset sample = Dataset.ofColumns(columns, target).withVariables(data.variables()).withTarget(data.target());
        if (!data.hasWeights()) return sample;
        double[] w = data.weights(), kept = new double[rows];
        for (int i = 0; i < rows; i++) kept[i] = w[chosen[i]];
        return sample.withWeights(kept);
    }

    /**
     * Weights {@code 1/(|m|² + s²)} of every edge for {@link Builder#relative}: {@code |m|} the length of the edge's
     * message vector over the strongest components ({@code fits}), {@code s} its median over the edges {@code apart}
     * (those the search sees). The search's squared error is then relative where messages are large and plain where
     * they are small, as the training's loss floor weighs each body's error by {@code 1/(|a| + A)}: the closest pairs
     * the search sees, whose messages are largest and least accurate, no longer decide the formula.
     */
    static double[] relativeWeights(EdgeMessages messages, List<ComponentFit> fits, int[] apart) {
        double[] norm2 = new double[messages.edges()];
        for (ComponentFit f : fits) {
            double[] m = messages.message(f.component());
            for (int e = 0; e < norm2.length; e++) norm2[e] += m[e] * m[e];
        }
        double[] seen = new double[apart.length];
        for (int i = 0; i < apart.length; i++) seen[i] = norm2[apart[i]];
        Arrays.sort(seen);
        double s2 = seen.length == 0 ? 0 : seen[seen.length / 2];
        if (!(s2 > 0)) s2 = 1;
        double[] w = new double[norm2.length];
        for (int e = 0; e < w.length; e++) w[e] = s2 / (norm2[e] + s2);     // in (0, 1]
        return w;
    }

    /**
     * What a distillation found.
     *
     * @param testLoss    the network's loss on the test graphs
     * @param basis       what the messages were compared with: the pair force or the acceleration it gives the
     *                    receiver, whichever the strongest components follow better (higher mean R²)
     * @param trim        fraction of worst-fitted edges each fit and the form check ignored
     * @param fits        the strongest {@code dim} message components, strongest first, each fitted to {@code basis}
     *                    (trimmed)
     * @param untrimmedR2 the R² of the same components fitted to {@code basis} over all edges (plain least squares)
     * @param profile     how the strongest component follows its fit with the separation ({@link RadialProfile}; the
     *                    slope over the edges the search saw): where the network has learned the law's fall-off
     * @param shape       what the search was told about the message's shape
     * @param searched    the search's choice for the strongest component ({@link ParetoFront#best()}), or null when
     *                    the search found none with a finite loss
     * @param equation    the formula: {@code searched} with its constants snapped to simpler values where that costs
     *                    little accuracy ({@link Builder#simplifyBudget}); null without {@code searched}
     * @param variables   the formula's variables, {@code dx, dy[, dz], r, m1, m2, q1, q2}
     * @param form        how well the formula is explained by {@code basis} on the test edges (trimmed); null without a
     *                    formula
     * @param exact       whether the formula is exactly {@code c + Σ a_d·F_d} of the true law, in either basis
     *                    ({@link ExactForm}); null without a formula
     * @param gauge       the formula split into a factor of the receiver's properties and the law
     *                    ({@link ReceiverGauge}, parts simplified); null without a formula
     * @param gaugeExact  whether the formula is exactly of the true law up to a factor of the receiver's properties
     *                    ({@link ExactForm#checkUpToReceiver}); null without a formula
     * @param nodeResponse whether the network's node model undoes the formula's receiver factor ({@link NodeResponse});
     *                    null when distilled from messages alone or when the formula does not split
     * @param front       the search's Pareto front
     * @param searchEdges edges the search fitted on
     */
    public record Result(double testLoss, ForceBasis basis, double trim, List<ComponentFit> fits, List<Double> untrimmedR2,
                         RadialProfile profile, Shape shape, Equation searched, Equation equation, List<String> variables, FormCheck form,
                         ExactForm exact, ReceiverGauge gauge, ExactForm gaugeExact, NodeResponse nodeResponse,
                         ParetoFront front, int searchEdges) {
        public Result {
            Objects.requireNonNull(basis, "basis");
            Objects.requireNonNull(shape, "shape");
            fits = List.copyOf(fits);
            if (fits.isEmpty()) throw new IllegalArgumentException("fits is empty");
            untrimmedR2 = List.copyOf(untrimmedR2);
            Objects.requireNonNull(profile, "profile");
            if (untrimmedR2.size() != fits.size())
                throw new IllegalArgumentException("untrimmedR2 has " + untrimmedR2.size() + " values, fits " + fits.size());
            variables = List.copyOf(variables);
            Objects.requireNonNull(front, "front");
        }

        /** This result with {@code v} as its {@link #nodeResponse}. */
        public Result withNodeResponse(NodeResponse v) {
            return new Result(testLoss, basis, trim, fits, untrimmedR2, profile, shape, searched, equation, variables, form,
                    exact, gauge, gaugeExact, v, front, searchEdges);
        }

        /** The index of the distilled message component, the strongest. */
        public int component() { return fits.get(0).component(); }

        /** The R² of each fit in {@link #fits}, strongest component first. */
        public List<Double> messageR2() { return fits.stream().map(ComponentFit::r2).toList(); }

        /** The formula in plain syntax (as {@code distill discover} prints it), or null. */
        public String formula() { return equation == null ? null : equation.toString(); }

        /** The formula in LaTeX, or null. */
        public String latex() { return equation == null ? null : equation.latex(); }

        /** The law part of the formula, {@code h} of {@link ReceiverGauge} (receiver's mass and charge 1), or null. */
        public String lawFormula() {
            return gauge == null || !gauge.separable() ? null : Printer.plain(gauge.law(), variables);
        }

        /** The receiver factor of the formula, {@code g} of {@link ReceiverGauge}, or null. */
        public String receiverFactor() {
            return gauge == null || !gauge.separable() ? null : Printer.plain(gauge.factor(), variables);
        }

        /** Whether the formula is exactly of the true force's form ({@link ExactForm#exact()}); false without one. */
        public boolean formExact() { return exact != null && exact.exact(); }

        /**
         * Whether the formula is exactly of the true force's form up to a factor of the receiver's properties
         * ({@link ExactForm#checkUpToReceiver}); false without one.
         */
        public boolean formExactUpToReceiver() { return gaugeExact != null && gaugeExact.exact(); }
    }

    /** Settings of a {@link Distillation}; every one has a default. */
    public static final class Builder {
        private SymbolicRegressor regressor;
        private int maxEdges = 2000;
        private double trim = 0.1;
        private double closest = DEFAULT_CLOSEST;
        private Shape shape = Shape.CENTRAL;
        private double simplifyBudget = DEFAULT_SIMPLIFY_BUDGET;
        private boolean relative = DEFAULT_RELATIVE;

        private Builder() { }

        /**
         * Whether the search weighs each edge's squared error by {@code 1/(|m|² + s²)} ({@link #relativeWeights}): a
         * relative error floored at the median message, as the training's loss floor weighs each body's error. Default
         * {@value #DEFAULT_RELATIVE}; false for the plain mean squared error, under which the closest pairs the search
         * sees decide the formula. The simplification after the search ({@link #simplifyBudget}) keeps the plain
         * error and variance of the message either way (weighted, it kept a spring network's rest length 0.906 that
         * the plain budget sets to 1; docs/GRAPH-NETWORKS.md).
         */
        public Builder relative(boolean v) { relative = v; return this; }

        /** What the search is told about the message's shape. Default {@link Shape#CENTRAL}. */
        public Builder shape(Shape v) { shape = Objects.requireNonNull(v, "shape"); return this; }
        /**
         * Share of the message's variance (on up to {@value #SIMPLIFY_EDGES} edges apart) that the chosen formula may lose
         * while {@link OccamSimplifier} sets constants to simpler values and drops weak parts; in [0, 1], 0 to leave the
         * formula as the search found it. Default {@value #DEFAULT_SIMPLIFY_BUDGET}.
         */
        public Builder simplifyBudget(double v) { simplifyBudget = v; return this; }

        /**
         * The search: operators, complexity, budget, threads, seed (which also draws the edge subsample) and progress
         * listener. Default {@code regressor().build()}.
         */
        public Builder regressor(SymbolicRegressor v) { regressor = Objects.requireNonNull(v, "regressor"); return this; }
        /** Largest number of edges the search fits on, drawn at random with the search's seed. Default 2 000. */
        public Builder maxEdges(int v) { maxEdges = v; return this; }
        /**
         * Fraction of the edges each linear fit and the form check ignore, those fitted worst (least trimmed squares,
         * {@link LinearMessageFit#fit(double[][], double[][], int, double)}); in [0, 0.5). Default 0.1, as the
         * authors' analysis code: the rare close encounters of singular laws (r⁻², charge) would otherwise decide R².
         */
        public Builder trim(double v) { trim = v; return this; }
        /**
         * Fraction of the edges, the closest pairs, that the search leaves out; in [0, 0.5). Default 0.1: a network
         * sees too few close encounters to follow a singular force (r⁻², charge) there, and its saturated messages
         * would teach the search a softer law.
         */
        public Builder closest(double v) { closest = v; return this; }

        /** The distillation; throws {@link IllegalArgumentException} naming a value out of range. */
        public Distillation build() {
            if (!(trim >= 0 && trim < 0.5)) throw new IllegalArgumentException("trim must be in [0, 0.5): " + trim);
            if (!(closest >= 0 && closest < 0.5)) throw new IllegalArgumentException("closest must be in [0, 0.5): " + closest);
            if (!(simplifyBudget >= 0 && simplifyBudget <= 1))
                throw new IllegalArgumentException("simplifyBudget must be in [0, 1]: " + simplifyBudget);
            if (maxEdges < 10) throw new IllegalArgumentException("maxEdges must be at least 10: " + maxEdges);
            if (regressor == null) regressor = Distillation.regressor().build();
            return new Distillation(this);
        }
    }
}
