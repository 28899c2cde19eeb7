package org.distill.examples.halos;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.neural.Trained;
import org.distill.neural.TrainingListener;
import org.distill.neural.TrainingProgress;
import org.distill.neural.halos.HaloGraph;
import org.distill.neural.halos.HaloNetwork;
import org.distill.neural.halos.HaloNetworkConfig;
import org.distill.neural.halos.HaloNetworkTrainer;
import org.distill.physics.cosmo.Cosmology;
import org.distill.physics.cosmo.sim.SimulationSettings;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.Equation;
import org.distill.symbolic.ParetoFront;
import org.distill.symbolic.Selection;
import org.distill.symbolic.SymbolicRegressor;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;

/**
 * The halo-overdensity experiment of Cranmer et al. (2020, Sec. 5) on the toolkit's particle-mesh boxes:
 * a graph network predicts each halo's (standardised) overdensity from its neighbours; symbolic
 * regression distils its strongest message component and its node model; the two compose into one
 * closed form whose constants are refitted on the training halos; the form is compared on test halos
 * (a region of each box the training never saw) with the network, a constant, the paper's hand-made
 * formula and the paper's distilled form (refitted), and checked on a box of another cosmology.
 *
 * <pre>{@code
 * HaloOverdensity.Outcome o = HaloOverdensity.run(HaloOverdensity.Settings.builder().cache(Path.of("halo-cache")).build(),
 *         HaloOverdensity.Listener.NONE, new AtomicBoolean());
 * System.out.println(o.formula() + "  test error " + o.formulaError() + " (GN " + o.gnError() + ")");
 * }</pre>
 */
public final class HaloOverdensity {
    /** Operators of both searches: the paper's forms are rational with a fitted power. */
    public static final List<Op> OPERATORS = List.of(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.POW);

    /**
     * What the composition uses when a search ends with an empty front (a search stopped before its first
     * epoch): the message M_j and the node c0 + c1·e, the hand-made formula's shape without the M_i term.
     */
    static final Equation FALLBACK_MESSAGE = new Equation(Expr.variable(2), HaloFormula.MESSAGE_VARIABLES, Double.POSITIVE_INFINITY, 0);
    static final Equation FALLBACK_NODE = new Equation(Expr.of(Op.ADD, Expr.constant(0), Expr.of(Op.MUL, Expr.constant(1), Expr.variable(1))),
            HaloFormula.NODE_VARIABLES, Double.POSITIVE_INFINITY, 0);

    /** Training halos each candidate composition is refitted on before the validation halos choose one. */
    static final int FIT_SAMPLE = 1000;

    private HaloOverdensity() { }

    /**
     * Everything a run depends on.
     *
     * @param simulation      the particle-mesh box (its seed is the first box's; box b gets seed + b)
     * @param boxes           boxes to train, validate and test on, in [1, 64]
     * @param linkingFraction FoF b
     * @param minMembers      mass cut: halos of at least this many particles, ≥ 20
     * @param deltaRadius     radius of the sphere the overdensity is measured in, Mpc/h
     * @param edgeRadius      graph edges join halos closer than this, Mpc/h (≥ 20, the hand-made formula's sum)
     * @param validationFrom  halos with x/L in [validationFrom, testFrom) validate
     * @param testFrom        halos with x/L ≥ testFrom are the test halos
     * @param oodSigma8       σ8 of the out-of-distribution box (NaN: no such box)
     * @param network         the graph network's configuration
     * @param messageTime     time of the search on the messages
     * @param nodeTime        time of the search on the node model
     * @param maxEdges        edges the message search sees at most (a seeded sample)
     * @param seed            seeds the network (unless its configuration says otherwise), searches and samples
     * @param threads         threads of the simulations and the searches
     * @param quijote         a Quijote realisation folder to read instead of simulating (null: simulate)
     * @param cache           folder of cached halo tables (null: no cache)
     */
    public record Settings(SimulationSettings simulation, int boxes, double linkingFraction, int minMembers, double deltaRadius,
                           double edgeRadius, double validationFrom, double testFrom, double oodSigma8, HaloNetworkConfig network,
                           Duration messageTime, Duration nodeTime, int maxEdges, long seed, int threads, Path quijote, Path cache) {
        public Settings {
            Objects.requireNonNull(simulation, "simulation");
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(messageTime, "messageTime");
            Objects.requireNonNull(nodeTime, "nodeTime");
            if (boxes < 1 || boxes > 64) throw new IllegalArgumentException("boxes must be in [1, 64]: " + boxes);
            if (!(linkingFraction > 0 && linkingFraction < 1)) throw new IllegalArgumentException("linkingFraction must be in (0, 1): " + linkingFraction);
            if (minMembers < 20) throw new IllegalArgumentException("minMembers must be at least 20 (FoF's own cut): " + minMembers);
            if (!(deltaRadius > 0 && deltaRadius < 100)) throw new IllegalArgumentException("deltaRadius must be in (0, 100) Mpc/h: " + deltaRadius);
            if (!(edgeRadius >= 20 && edgeRadius < 200)) throw new IllegalArgumentException("edgeRadius must be in [20, 200) Mpc/h: " + edgeRadius);
            if (!(validationFrom > 0 && validationFrom <= testFrom && testFrom < 1)) {
                throw new IllegalArgumentException("need 0 < validationFrom <= testFrom < 1: " + validationFrom + ", " + testFrom);
            }
            if (!Double.isNaN(oodSigma8) && !(oodSigma8 > 0 && oodSigma8 < 3)) throw new IllegalArgumentException("oodSigma8 must be in (0, 3) or NaN: " + oodSigma8);
            if (messageTime.isNegative() || messageTime.isZero() || nodeTime.isNegative() || nodeTime.isZero()) {
                throw new IllegalArgumentException("search times must be positive: " + messageTime + ", " + nodeTime);
            }
            if (maxEdges < 100) throw new IllegalArgumentException("maxEdges must be at least 100: " + maxEdges);
            if (threads < 1 || threads > 512) throw new IllegalArgumentException("threads must be in [1, 512]: " + threads);
        }

        public static Builder builder() { return new Builder(); }

        /** Builder with the defaults of {@code distill example halos}. */
        public static final class Builder {
            private SimulationSettings simulation = SimulationSettings.builder().boxSize(256).particles(128).mesh(128).steps(12).seed(1).build();
            private int boxes = 3, minMembers = 50, maxEdges = 3000, threads = Runtime.getRuntime().availableProcessors();
            private double linkingFraction = 0.2, deltaRadius = 10, edgeRadius = 25, validationFrom = 0.7, testFrom = 0.8, oodSigma8 = 0.934;
            private HaloNetworkConfig network = HaloNetworkConfig.builder().build();
            private Duration messageTime = Duration.ofSeconds(120), nodeTime = Duration.ofSeconds(60);
            private long seed = 1;
            private Path quijote, cache;

            private Builder() { }

            public Builder simulation(SimulationSettings s) { simulation = s; return this; }
            public Builder boxes(int n) { boxes = n; return this; }
            public Builder linkingFraction(double b) { linkingFraction = b; return this; }
            public Builder minMembers(int n) { minMembers = n; return this; }
            public Builder deltaRadius(double r) { deltaRadius = r; return this; }
            public Builder edgeRadius(double r) { edgeRadius = r; return this; }
            public Builder validationFrom(double f) { validationFrom = f; return this; }
            public Builder testFrom(double f) { testFrom = f; return this; }
            public Builder oodSigma8(double s) { oodSigma8 = s; return this; }
            public Builder network(HaloNetworkConfig c) { network = c; return this; }
            public Builder messageTime(Duration d) { messageTime = d; return this; }
            public Builder nodeTime(Duration d) { nodeTime = d; return this; }
            public Builder maxEdges(int n) { maxEdges = n; return this; }
            public Builder seed(long s) { seed = s; return this; }
            public Builder threads(int n) { threads = n; return this; }
            public Builder quijote(Path dir) { quijote = dir; return this; }
            public Builder cache(Path dir) { cache = dir; return this; }

            public Settings build() {
                return new Settings(simulation, boxes, linkingFraction, minMembers, deltaRadius, edgeRadius, validationFrom, testFrom,
                        oodSigma8, network, messageTime, nodeTime, maxEdges, seed, threads, quijote, cache);
            }
        }
    }

    /** Progress. */
    public interface Listener extends TrainingListener {
        Listener NONE = new Listener() { };

        /** A line of progress (a box simulated or read, a search started). */
        default void onMessage(String line) { }

        @Override default void onEpoch(TrainingProgress p) { }
    }

    /**
     * What a run found. Errors are mean |δ − δ̂| in units of the training halos' standard deviation of δ.
     *
     * @param gnError          the network on the test halos
     * @param gnValidationError the network on the validation halos
     * @param formula          the distilled closed form, text
     * @param latex            the same, LaTeX
     * @param formulaError     the distilled form (constants refitted on the training halos) on the test halos
     * @param constantError    baseline δ̂ = C1 on the test halos
     * @param handMadeError    baseline C1 + (C2 + M_i C3) e_i on the test halos
     * @param paperFormError   the paper's distilled form, refitted, on the test halos
     * @param oodFormulaError  the distilled form on the out-of-distribution box (NaN without one)
     * @param oodGnError       the network there
     * @param halosTrain       training halos
     * @param halosValidation  validation halos
     * @param halosTest        test halos
     * @param halosOod         halos of the out-of-distribution box
     * @param edges            edges of the training, validation and test graph
     * @param strongest        the message component distilled
     * @param messageStd       standard deviation of each message component over the training edges
     * @param messageFormula   the message search's chosen formula φ(r, Mi, Mj, dv)
     * @param nodeFormula      the node search's chosen formula ψ(Mi, e)
     * @param handMade         the fitted hand-made formula
     * @param paperForm        the fitted paper form
     * @param standardisation  δ ↦ (δ − mean)/std of the training halos
     * @param testDelta        the test halos' standardised δ (for the plot)
     * @param testGn           the network's prediction for them
     * @param testFormula      the distilled form's
     * @param trainingSeconds  the network's training time
     */
    public record Outcome(double gnError, double gnValidationError, String formula, String latex, double formulaError,
                          double constantError, double handMadeError, double paperFormError, double oodFormulaError, double oodGnError,
                          int halosTrain, int halosValidation, int halosTest, int halosOod, int edges, int strongest, double[] messageStd,
                          String messageFormula, String nodeFormula, String handMade, String paperForm,
                          HaloGraphs.Standardisation standardisation, double[] testDelta, double[] testGn, double[] testFormula,
                          double trainingSeconds) {
    }

    /** Runs the experiment. */
    public static Outcome run(Settings s, Listener listener, AtomicBoolean cancel) throws IOException {
        Objects.requireNonNull(s, "settings");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancel, "cancel");
        List<HaloBox> boxes = new ArrayList<>();
        HaloBox ood = null;
        if (s.quijote() != null) {
            listener.onMessage("reading the Quijote realisation in " + s.quijote());
            boxes.add(HaloBoxes.quijote(s.quijote(), s.simulation().cosmology(), s.minMembers(), s.deltaRadius()));
        } else {
            for (int b = 0; b < s.boxes(); b++) {
                SimulationSettings sim = s.simulation().toBuilder().seed(s.simulation().seed() + b).threads(s.threads()).build();
                boxes.add(HaloBoxes.simulate(sim, s.linkingFraction(), s.minMembers(), s.deltaRadius(), s.cache(),
                        "box " + (b + 1) + " (seed " + sim.seed() + ")", listener::onMessage, cancel));
            }
            if (!Double.isNaN(s.oodSigma8())) {
                Cosmology c = s.simulation().cosmology().withSigma8(s.oodSigma8());
                SimulationSettings sim = s.simulation().toBuilder().cosmology(c).seed(s.simulation().seed() + s.boxes()).threads(s.threads()).build();
                ood = HaloBoxes.simulate(sim, s.linkingFraction(), s.minMembers(), s.deltaRadius(), s.cache(),
                        "out-of-distribution box (sigma8 " + s.oodSigma8() + ", seed " + sim.seed() + ")", listener::onMessage, cancel);
            }
        }
        int[][] split = HaloGraphs.split(boxes, s.validationFrom(), s.testFrom());
        double[] trainDelta = deltas(boxes, split[0]);
        var standard = HaloGraphs.Standardisation.of(trainDelta);
        HaloGraph graph = HaloGraphs.build(boxes, s.edgeRadius(), standard);
        if (split[0].length < 10 || split[1].length < 1 || split[2].length < 1) {
            throw new IllegalArgumentException("too few halos above the mass cut: " + split[0].length + " training, " + split[1].length
                    + " validation, " + split[2].length + " test (use more or larger boxes, or a lower --min-members)");
        }
        HaloGraph train = graph.withTargets(split[0]), val = graph.withTargets(split[1]), test = graph.withTargets(split[2]);
        listener.onMessage(String.format(Locale.ROOT, "%d halos (%d train, %d validation, %d test), %d edges within %s Mpc/h",
                graph.nodes(), split[0].length, split[1].length, split[2].length, graph.edges(), HaloFormula.num(s.edgeRadius())));
        HaloTable trainTable = HaloTable.of(train), valTable = HaloTable.of(val), testTable = HaloTable.of(test);

        try (Trained<HaloNetwork> trained = HaloNetworkTrainer.of(s.network()).train(train, listener, cancel)) {
            HaloNetwork gn = trained.model();
            double gnError = gn.loss(test), gnVal = gn.loss(val);
            listener.onMessage(String.format(Locale.ROOT, "graph network: test error %.4f, validation %.4f", gnError, gnVal));
            HaloNetwork.Messages m = gn.messages(train);
            int c = m.strongest();

            // the message search: the strongest component against the edge's variables
            double[][] edgeX = {trainTable.r(), trainTable.edgeMi(), trainTable.mj(), trainTable.dv()};
            Dataset edges = sampleByDistance(edgeX, m.messages()[c], s.maxEdges(), s.edgeRadius(), s.seed())
                    .withVariables(HaloFormula.MESSAGE_VARIABLES);
            listener.onMessage("searching the message component " + c + " on " + edges.rows() + " edges for " + s.messageTime().toSeconds() + " s");
            ParetoFront messageFront = regressor(s, s.messageTime()).fit(edges, cancel);
            // the node search: the network's output against M_i and the summed component
            Dataset nodes = Dataset.ofColumns(new double[][] {trainTable.mi(), m.summed()[c]}, m.predictions()).withVariables(HaloFormula.NODE_VARIABLES);
            listener.onMessage("searching the node model on " + nodes.rows() + " halos for " + s.nodeTime().toSeconds() + " s");
            ParetoFront nodeFront = regressor(s, s.nodeTime()).fit(nodes, cancel);

            // compose candidates, refit each on a sample of the training halos, keep the best on the validation
            // halos, and refit that one on all training halos
            HaloTable fitSample = trainTable.sample(FIT_SAMPLE, s.seed());
            FormulaFit best = null;
            double bestVal = Double.POSITIVE_INFINITY;
            Equation bestPhi = null, bestPsi = null;
            for (Equation phi : candidates(messageFront, FALLBACK_MESSAGE)) {
                for (Equation psi : candidates(nodeFront, FALLBACK_NODE)) {
                    FormulaFit fit = FormulaFit.of(HaloFormula.composed(phi.expression(), psi.expression(), s.edgeRadius()), fitSample, 3, 100);
                    double v = fit.error(valTable);
                    if (Double.isNaN(v)) v = Double.POSITIVE_INFINITY;
                    if (best == null || v < bestVal) {
                        bestVal = v;
                        best = fit;
                        bestPhi = phi;
                        bestPsi = psi;
                    }
                }
            }
            best = FormulaFit.of(HaloFormula.composed(bestPhi.expression(), bestPsi.expression(), s.edgeRadius(), best.p()), trainTable);
            FormulaFit constant = FormulaFit.of(HaloFormula.constant(), trainTable);
            FormulaFit handMade = FormulaFit.of(HaloFormula.handMade(20), trainTable);
            FormulaFit paper = FormulaFit.of(HaloFormula.paperForm(), trainTable);

            double oodFormula = Double.NaN, oodGn = Double.NaN;
            int halosOod = 0;
            if (ood != null) {
                HaloGraph oodGraph = HaloGraphs.build(List.of(ood), s.edgeRadius(), standard);
                oodFormula = best.error(HaloTable.of(oodGraph));
                oodGn = gn.loss(oodGraph);
                halosOod = oodGraph.nodes();
            }
            double[] testGn = gn.predict(test);
            return new Outcome(gnError, gnVal, best.text(), best.latex(), best.error(testTable), constant.error(testTable),
                    handMade.error(testTable), paper.error(testTable), oodFormula, oodGn, split[0].length, split[1].length,
                    split[2].length, halosOod, graph.edges(), c, m.standardDeviations(), bestPhi.toString(), bestPsi.toString(),
                    handMade.text(), paper.text(), standard, testTable.y(), testGn, sanitised(best.predict(testTable)),
                    trained.report().wallTime().toMillis() / 1e3);
        }
    }

    /**
     * The search both distillations use: {@link #OPERATORS}, complexity ≤ 20, no candidate features, no linear step
     * (the documented runs were made without either), the given time, the run's seed and threads.
     */
    static SymbolicRegressor regressor(Settings s, Duration time) {
        return SymbolicRegressor.builder().operators(OPERATORS).features(false).linear(false).maxComplexity(20).timeLimit(time).seed(s.seed())
                .threads(s.threads()).build();
    }

    /** The chosen equation, the best-scoring and the most accurate: each a candidate for the composition. */
    private static List<Equation> candidates(ParetoFront front, Equation fallback) {
        var set = new LinkedHashSet<Equation>();
        if (front.isEmpty()) return List.of(fallback);
        set.add(front.best());
        set.add(front.select(Selection.SCORE));
        set.add(front.select(Selection.ACCURACY));
        return new ArrayList<>(set);
    }

    private static double[] deltas(List<HaloBox> boxes, int[] nodes) {
        int[] off = HaloGraphs.offsets(boxes);
        double[] d = new double[nodes.length];
        for (int k = 0; k < nodes.length; k++) {
            int i = nodes[k], b = 0;
            while (off[b + 1] <= i) b++;
            d[k] = boxes.get(b).delta()[i - off[b]];
        }
        return d;
    }

    /**
     * At most {@code max} edges, spread evenly over distance: the edges are put into 25 bins of equal width in
     * r = {@code x[0]} up to {@code radius}, and each bin gives up to its share (what a bin cannot fill goes to the
     * others), drawn without replacement with {@code seed}. A uniform draw would give the search mostly distant
     * edges (their number grows as r²), where the message has already fallen off.
     */
    static Dataset sampleByDistance(double[][] x, double[] y, int max, double radius, long seed) {
        int bins = 25, n = y.length;
        if (n <= max) return sample(x, y, max, seed);
        java.util.List<java.util.List<Integer>> byBin = new ArrayList<>();
        for (int b = 0; b < bins; b++) byBin.add(new ArrayList<>());
        for (int e = 0; e < n; e++) byBin.get(Math.min(bins - 1, (int) (x[0][e] / radius * bins))).add(e);
        var random = new SplittableRandom(seed);
        for (var list : byBin) java.util.Collections.shuffle(list, new java.util.Random(random.nextLong()));
        int[] take = new int[bins];
        int left = max;
        while (left > 0) { // water-filling: each round shares what is left among the bins that still have edges
            int open = 0;
            for (int b = 0; b < bins; b++) if (take[b] < byBin.get(b).size()) open++;
            if (open == 0) break;
            int share = Math.max(1, left / open);
            for (int b = 0; b < bins && left > 0; b++) {
                int more = Math.min(share, Math.min(left, byBin.get(b).size() - take[b]));
                take[b] += more;
                left -= more;
            }
        }
        int k = max - left;
        double[][] cols = new double[x.length][k];
        double[] yy = new double[k];
        int row = 0;
        for (int b = 0; b < bins; b++)
            for (int t = 0; t < take[b]; t++, row++) {
                int e = byBin.get(b).get(t);
                for (int c = 0; c < x.length; c++) cols[c][row] = x[c][e];
                yy[row] = y[e];
            }
        return Dataset.ofColumns(cols, yy);
    }

    /** At most {@code max} rows of the columns {@code x} and {@code y}, drawn without replacement with {@code seed}. */
    static Dataset sample(double[][] x, double[] y, int max, long seed) {
        int n = y.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        var random = new SplittableRandom(seed);
        int k = Math.min(max, n);
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i), t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        double[][] cols = new double[x.length][k];
        double[] yy = new double[k];
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < x.length; c++) cols[c][r] = x[c][idx[r]];
            yy[r] = y[idx[r]];
        }
        return Dataset.ofColumns(cols, yy);
    }

    private static double[] sanitised(double[] y) {
        for (int i = 0; i < y.length; i++) if (!Double.isFinite(y[i])) y[i] = Double.NaN;
        return y;
    }
}
