package org.distill.examples.newton;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.neural.Trained;
import org.distill.neural.TrainingProgress;
import org.distill.neural.analysis.ComponentFit;
import org.distill.neural.analysis.Distillation;
import org.distill.neural.gn.EdgeMessages;
import org.distill.neural.gn.Features;
import org.distill.neural.gn.NodeInput;
import org.distill.neural.gn.GraphNetwork;
import org.distill.neural.gn.GraphNetworkConfig;
import org.distill.neural.gn.GraphNetworkTrainer;
import org.distill.neural.gn.TrainingProvenance;
import org.distill.neural.gn.Variant;
import org.distill.physics.nbody.GraphDataset;
import org.distill.physics.nbody.NBodyData;
import org.distill.physics.nbody.PairLaw;
import org.distill.symbolic.ProgressListener;
import org.distill.symbolic.SymbolicRegressor;

/**
 * Newtonian dynamics, end to end (Cranmer et al. 2020, "Discovering Symbolic Models from Deep Learning with
 * Inductive Biases", Sec. 4): simulate n-body systems under a pair law, train a graph network to predict the
 * accelerations, check that its strongest edge messages are linear combinations of the true pair forces, and
 * distil the strongest one into a formula with symbolic regression.
 *
 * <pre>{@code
 * NewtonGn.Outcome o = NewtonGn.run(NewtonGn.Settings.builder().law(PairLaw.SPRING).variant(Variant.L1).build(),
 *         NewtonGn.Listener.NONE, new AtomicBoolean(), new AtomicBoolean());
 * System.out.println(o.distillation().formula());
 * }</pre>
 *
 * The command {@code distill example newton-gn} runs this and prints, saves and plots the outcome.
 */
public final class NewtonGn {
    /** Samples of the law's time step per simulation. */
    static final int STEPS = 500;
    /** Every this many samples a graph is kept: 10 graphs per simulation. */
    static final int KEEP_EVERY = 50;
    /** Points in the message-vs-force figure at most (a seeded sample of the test edges). */
    static final int FIGURE_POINTS = 4000;
    /** The file beside a saved network that records the run's law, data and seed. */
    public static final String RUN_FILE = "newton-gn.properties";

    private NewtonGn() { }

    /**
     * Everything a run depends on.
     *
     * @param law         the pair law of the simulations
     * @param dim         spatial dimension, 2 or 3
     * @param bodies      bodies per system, in [2, 100]
     * @param variant     the graph-network variant
     * @param simulations simulated systems, at least 2; a tenth (at least one) is kept for testing
     * @param epochs      training epochs, at least 1
     * @param hidden      units per hidden layer of the edge and node models
     * @param regularization weight of the L1 or KL message penalty, or NaN for the variant's default
     * @param seed        seeds the data, the split, the training and the search
     * @param searchTime  wall-time budget of the symbolic regression
     * @param threads     search threads (training uses one PyTorch thread)
     * @param modelDir    where to save the trained network, or null
     * @param load        a network saved by an earlier run ({@code modelDir}) to distil instead of training one, or null;
     *                    it must have been trained with this law, dimension, number of bodies and simulations, variant
     *                    and seed (the data are made again for the test split)
     * @param shape       what the formula search is told about the message's shape ({@link Distillation.Shape})
     * @param simplifyBudget share of the message's variance the formula may lose to simplification
     *                    ({@link Distillation.Builder#simplifyBudget}), in [0, 1]
     * @param features    what the edge model sees ({@link Features#RELATIVE}: position differences; {@link
     *                    Features#DISTANCE}: and the separation)
     * @param lossFloor   the training loss's floor ({@link GraphNetworkConfig#lossFloor}): 0 for the paper's L1 loss
     * @param nodeInput   what the node model sees besides the summed messages ({@link NodeInput})
     * @param weightedPenalty whether the L1 penalty weighs each edge by its receiver's loss weight
     *                    ({@link GraphNetworkConfig#weightedPenalty}); L1 variant with a loss floor only
     * @param restarts    networks trained from different initialisations (seeds {@link #restartSeed}) on the same data,
     *                    in [1, 16]; with more than one, {@link #validationSimulations()} of the training simulations are
     *                    held out and the network with the lowest loss on them is kept. Training only (not with {@code load})
     * @param closest     fraction of the test edges, the closest pairs, that the formula search leaves out
     *                    ({@link Distillation.Builder#closest}), in [0, 0.5)
     * @param relative    whether the search's error is relative, floored at the median message ({@link
     *                    Distillation.Builder#relative})
     */
    public record Settings(PairLaw law, int dim, int bodies, Variant variant, int simulations, int epochs, int hidden,
                           double regularization, long seed, Duration searchTime, int threads, Path modelDir, Path load,
                           Distillation.Shape shape, double simplifyBudget, Features features, double lossFloor,
                           NodeInput nodeInput, boolean weightedPenalty, int restarts, double closest, boolean relative) {
        public Settings {
            Objects.requireNonNull(law, "law");
            Objects.requireNonNull(nodeInput, "nodeInput");
            Objects.requireNonNull(features, "features");
            Objects.requireNonNull(shape, "shape");
            if (!(simplifyBudget >= 0 && simplifyBudget <= 1))
                throw new IllegalArgumentException("simplifyBudget must be in [0, 1]: " + simplifyBudget);
            Objects.requireNonNull(variant, "variant");
            Objects.requireNonNull(searchTime, "searchTime");
            if (dim != 2 && dim != 3) throw new IllegalArgumentException("dim must be 2 or 3: " + dim);
            if (bodies < 2 || bodies > 100) throw new IllegalArgumentException("bodies must be in [2, 100]: " + bodies);
            if (simulations < 2 || simulations > 100_000)
                throw new IllegalArgumentException("simulations must be in [2, 100000]: " + simulations);
            if (epochs < 1 || epochs > 100_000) throw new IllegalArgumentException("epochs must be in [1, 100000]: " + epochs);
            if (hidden < 1 || hidden > 4096) throw new IllegalArgumentException("hidden must be in [1, 4096]: " + hidden);
            if (!Double.isNaN(regularization)) {
                if (!variant.regularized())
                    throw new IllegalArgumentException("regularization applies to the l1 and kl variants only, not "
                            + variant.name().toLowerCase(java.util.Locale.ROOT));
                if (!(regularization >= 0) || Double.isInfinite(regularization))
                    throw new IllegalArgumentException("regularization must be finite and >= 0: " + regularization);
            }
            if (searchTime.isNegative() || searchTime.isZero())
                throw new IllegalArgumentException("searchTime must be positive: " + searchTime);
            if (threads < 1 || threads > 1024) throw new IllegalArgumentException("threads must be in [1, 1024]: " + threads);
            if (!(lossFloor == 0 || lossFloor >= 1e-12 && lossFloor <= 1e12))
                throw new IllegalArgumentException("lossFloor must be 0 or in [1e-12, 1e12]: " + lossFloor);
            if (weightedPenalty && (variant != Variant.L1 || lossFloor == 0))
                throw new IllegalArgumentException("the weighted penalty needs the l1 variant and a loss floor, not "
                        + variant.name().toLowerCase(java.util.Locale.ROOT) + " with loss floor " + lossFloor);
            if (restarts < 1 || restarts > MAX_RESTARTS)
                throw new IllegalArgumentException("restarts must be in [1, " + MAX_RESTARTS + "]: " + restarts);
            if (restarts > 1 && load != null)
                throw new IllegalArgumentException("restarts apply to training, not to a loaded network");
            if (restarts > 1 && simulations - 2 * Math.max(1, (int) Math.round(simulations / 10.0)) < 1)
                throw new IllegalArgumentException("restarts need at least 3 simulations (one each for training, "
                        + "validation and test): " + simulations);
            if (!(closest >= 0 && closest < 0.5)) throw new IllegalArgumentException("closest must be in [0, 0.5): " + closest);
        }

        /** The most networks {@link #restarts()} may train. */
        public static final int MAX_RESTARTS = 16;

        /**
         * The seed of restart {@code k} (from 0): the run's seed for the first, so that one restart is the plain run,
         * then seeds far from the other runs' seeds (seed + 1 is another run's data and first network).
         */
        public long restartSeed(int k) { return k == 0 ? seed : seed + 1_000_003L * k; }

        /**
         * Simulations held out of training to choose among the {@link #restarts()}: as many as for testing when there is
         * more than one restart, else none (the training simulations are then exactly those of a plain run).
         */
        public int validationSimulations() { return restarts > 1 ? testSimulations() : 0; }

        /** The defaults: spring law, 2-D, 4 bodies, L1, 2 000 simulations, 50 epochs, 300 hidden units, 60 s search. */
        public static Builder builder() { return new Builder(); }

        /**
         * How the data are made: 500 steps of the law's time step per simulation, every 50th kept (10 graphs per
         * system). Many short-sampled systems rather than few long ones: under r⁻² (time step 1e-3) a system barely
         * moves in 500 steps, so 100 graphs of one system are nearly one sample, and a network trained on 200
         * systems memorises them (train loss 5.7, test loss 26) instead of learning the force.
         */
        public NBodyData data() {
            return NBodyData.builder().law(law).dim(dim).bodies(bodies).simulations(simulations).steps(STEPS)
                    .keepEvery(KEEP_EVERY).seed(seed).build();
        }

        /** The network's configuration: the paper's (3 hidden layers, batch 64, one-cycle Adam) at this size. */
        public GraphNetworkConfig network() {
            var b = GraphNetworkConfig.builder().variant(variant).features(features).hiddenSize(hidden).epochs(epochs).seed(seed)
                    .lossFloor(lossFloor).nodeInput(nodeInput).weightedPenalty(weightedPenalty);
            if (!Double.isNaN(regularization)) b.regularization(regularization);
            return b.build();
        }

        /**
         * The symbolic regression that distils the strongest message: {@link Distillation#regressor()} (+ − × ÷,
         * complexity ≤ 25) with this run's time, threads and seed.
         */
        public SymbolicRegressor regressor(ProgressListener listener) {
            return Distillation.regressor().timeLimit(searchTime).threads(threads).seed(seed).listener(listener).build();
        }

        /** The distillation: {@link #regressor} and {@link #shape()}, the rest {@link Distillation}'s defaults. */
        public Distillation distillation(ProgressListener listener) {
            return Distillation.builder().regressor(regressor(listener)).shape(shape).simplifyBudget(simplifyBudget)
                    .closest(closest).relative(relative).build();
        }

        /** What a saved network records of the run that trained it ({@value #RUN_FILE} beside the network). */
        Properties runProperties() {
            var p = new Properties();
            p.setProperty("law", law.label());
            p.setProperty("dim", Integer.toString(dim));
            p.setProperty("bodies", Integer.toString(bodies));
            p.setProperty("simulations", Integer.toString(simulations));
            p.setProperty("variant", variant.name());
            p.setProperty("seed", Long.toString(seed));
            if (restarts > 1) p.setProperty("restarts", Integer.toString(restarts));   // recorded, not compared by load
            return p;
        }

        /**
         * The node input a variant gets unless told otherwise: {@link NodeInput#MESSAGES} for the bottleneck, whose node
         * model then cannot undo a factor of the receiver's mass in the messages, so they carry {@code F/m1} itself
         * (strictly exact on spring bottleneck seeds 0 and 2 and on charge bottleneck seeds 1 and 2, where with {@code all}
         * none was; every bottleneck cell exact with {@code all} stays exact); {@link NodeInput#ALL} for the others (with
         * {@code messages} the spring L1 network of seed 0 no longer learns the law in 50 epochs). docs/GRAPH-NETWORKS.md.
         */
        public static NodeInput defaultNodeInput(Variant variant) {
            return variant == Variant.BOTTLENECK ? NodeInput.MESSAGES : NodeInput.ALL;
        }

        /** Test simulations: a tenth, at least one. */
        public int testSimulations() { return Math.max(1, (int) Math.round(simulations / 10.0)); }

        /** Builds {@link Settings}. */
        public static final class Builder {
            private PairLaw law = PairLaw.SPRING;
            private int dim = 2, bodies = 4, simulations = 2000, epochs = 50, hidden = 300;
            private Variant variant = Variant.L1;
            private double regularization = Double.NaN;
            private long seed = 0;
            private Duration searchTime = Duration.ofSeconds(60);
            private int threads = Runtime.getRuntime().availableProcessors();
            private Path modelDir, load;
            private Distillation.Shape shape = Distillation.Shape.CENTRAL;
            private double simplifyBudget = Distillation.DEFAULT_SIMPLIFY_BUDGET;
            private Features features = Features.RELATIVE;
            private double lossFloor = 1;
            private NodeInput nodeInput;
            private boolean weightedPenalty;
            private int restarts = 1;
            private double closest = Distillation.DEFAULT_CLOSEST;
            private boolean relative = Distillation.DEFAULT_RELATIVE;

            private Builder() { }

            public Builder law(PairLaw v) { law = v; return this; }
            public Builder dim(int v) { dim = v; return this; }
            public Builder bodies(int v) { bodies = v; return this; }
            public Builder variant(Variant v) { variant = v; return this; }
            public Builder simulations(int v) { simulations = v; return this; }
            public Builder epochs(int v) { epochs = v; return this; }
            public Builder hidden(int v) { hidden = v; return this; }
            /** Weight of the L1 or KL message penalty; NaN (the default) for the variant's own. */
            public Builder regularization(double v) { regularization = v; return this; }
            public Builder seed(long v) { seed = v; return this; }
            public Builder searchTime(Duration v) { searchTime = v; return this; }
            public Builder threads(int v) { threads = v; return this; }
            public Builder modelDir(Path v) { modelDir = v; return this; }
            /** A saved network to distil instead of training one (see {@link Settings#load()}). Default null. */
            public Builder load(Path v) { load = v; return this; }
            /** What the search is told about the message's shape. Default {@link Distillation.Shape#CENTRAL}. */
            public Builder shape(Distillation.Shape v) { shape = v; return this; }
            /** Share of the message's variance the formula may lose to simplification. Default {@link Distillation#DEFAULT_SIMPLIFY_BUDGET} (0.02). */
            public Builder simplifyBudget(double v) { simplifyBudget = v; return this; }
            /**
             * What the edge model sees. Default {@link Features#RELATIVE} (position differences); {@link Features#DISTANCE}
             * adds the separation.
             */
            public Builder features(Features v) { features = v; return this; }
            /**
             * The training loss's floor ({@link GraphNetworkConfig#lossFloor}); default 1 (0 is the paper's loss): with it the
             * r⁻² bottleneck and the spring L1 networks distil to the exact law on three seeds of three, against one.
             */
            public Builder lossFloor(double v) { lossFloor = v; return this; }
            /**
             * What the node model sees besides the summed messages. Default (null): {@link #defaultNodeInput} of the
             * variant, {@link NodeInput#MESSAGES} for the bottleneck and {@link NodeInput#ALL} (the paper's) otherwise.
             */
            public Builder nodeInput(NodeInput v) { nodeInput = v; return this; }
            /** Whether the L1 penalty weighs each edge by its receiver's loss weight; default false. */
            public Builder weightedPenalty(boolean v) { weightedPenalty = v; return this; }
            /**
             * Networks to train from different initialisations, keeping the one with the lowest validation loss; default 1
             * (no validation split). See {@link Settings#restarts()}.
             */
            public Builder restarts(int v) { restarts = v; return this; }
            /**
             * Fraction of the test edges, the closest pairs, that the formula search leaves out. Default {@link
             * Distillation#DEFAULT_CLOSEST}.
             */
            public Builder closest(double v) { closest = v; return this; }
            /**
             * Whether the search's squared error is relative, floored at the median message ({@link
             * Distillation.Builder#relative}). Default {@link Distillation#DEFAULT_RELATIVE} (true).
             */
            public Builder relative(boolean v) { relative = v; return this; }

            public Settings build() {
                return new Settings(law, dim, bodies, variant, simulations, epochs, hidden, regularization, seed, searchTime,
                        threads, modelDir, load, shape, simplifyBudget, features, lossFloor,
                        nodeInput == null && variant != null ? defaultNodeInput(variant) : nodeInput, weightedPenalty,
                        restarts, closest, relative);
            }
        }
    }

    /** Progress of a run; every method does nothing unless overridden. Called on the running thread. */
    public interface Listener {
        Listener NONE = new Listener() { };

        /** After each simulated system. */
        default void onSimulation(int done, int total) { }

        /** The data are ready: training and test graphs. */
        default void onData(GraphDataset train, GraphDataset test) { }

        /** After each training epoch. */
        default void onEpoch(TrainingProgress progress) { }

        /**
         * After restart {@code done} of {@code total} (only when {@link Settings#restarts()} is above 1): its loss on the
         * validation simulations, and whether it is the best so far (the one kept if no later one beats it).
         */
        default void onRestart(int done, int total, double validationLoss, boolean best) { }

        /** Training has ended (all epochs, or stopped early). */
        default void onTrained(TrainingProvenance provenance) { }

        /** Receives the symbolic regression's progress. */
        default ProgressListener search() { return ProgressListener.NONE; }
    }

    /**
     * What a run found.
     *
     * @param settings       the settings
     * @param trainGraphs    training graphs
     * @param testGraphs     test graphs
     * @param training       how the network was trained (steps tell whether it stopped early)
     * @param stoppedEarly   whether training was stopped before its planned epochs
     * @param zeroLoss       the loss of predicting zero acceleration on the test graphs, for scale
     * @param distillation   test loss, message fits, formula and form check
     * @param figureForce    x of the figure: the strongest component's fitted combination of the true forces
     * @param figureMessage  y of the figure: the strongest component, on the same (sampled) test edges
     * @param validationLosses the loss on the validation simulations of each restart trained, in order (empty with one
     *                       restart, or for a loaded network)
     * @param chosenRestart  which restart's network was kept, from 1 (1 with one restart, or for a loaded network)
     * @param seconds        wall time of the whole run
     */
    public record Outcome(Settings settings, int trainGraphs, int testGraphs, TrainingProvenance training,
                          boolean stoppedEarly, double zeroLoss, Distillation.Result distillation,
                          double[] figureForce, double[] figureMessage, double[] validationLosses, int chosenRestart,
                          double seconds) {
        public Outcome {
            figureForce = figureForce.clone();
            figureMessage = figureMessage.clone();
            validationLosses = validationLosses.clone();
        }

        @Override public double[] figureForce() { return figureForce.clone(); }
        @Override public double[] figureMessage() { return figureMessage.clone(); }
        @Override public double[] validationLosses() { return validationLosses.clone(); }

        /** The form check's R² (lenient: a linear fit to the true force), NaN without a formula. */
        public double formR2() { return distillation.form() == null ? Double.NaN : distillation.form().r2(); }

        /** Whether the formula is exactly {@code a·Fx + b·Fy + c} of the true law (strict, {@code ExactForm}). */
        public boolean formExact() { return distillation.formExact(); }

        /** The strongest message component's fit to the true forces. */
        public ComponentFit strongest() { return distillation.fits().get(0); }
    }

    /**
     * Runs the example.
     *
     * @param stopTraining ends training early (the run goes on with what was learned); set during data generation,
     *                     it abandons the run with a {@link CancellationException}
     * @param stopSearch   ends the symbolic regression early (the best formula so far is kept)
     * @throws IOException if the network cannot be saved to {@link Settings#modelDir()}
     */
    public static Outcome run(Settings settings, Listener listener, AtomicBoolean stopTraining, AtomicBoolean stopSearch)
            throws IOException {
        long start = System.nanoTime();

        // 1. simulate, and keep whole simulations apart for testing
        NBodyData recipe = settings.data();
        GraphDataset all = recipe.generate((done, total) -> {
            if (stopTraining.get()) throw new CancellationException("stopped during data generation");
            listener.onSimulation(done, total);
        });
        // the test simulations are the same whatever the restarts: the validation ones come out of training
        int sims = settings.simulations(), testSims = settings.testSimulations(), validationSims = settings.validationSimulations();
        NBodyData.Split split = recipe.split(all, (sims - testSims - validationSims) / (double) sims, validationSims / (double) sims,
                settings.seed());
        GraphDataset train = split.train(), test = split.test();
        listener.onData(train, test);

        // 2. train the graph network (or load a saved one), then 3. distil it
        if (settings.load() != null) {
            try (GraphNetwork network = load(settings)) {
                listener.onTrained(network.provenance());
                return distil(settings, listener, network, train, test, false, new double[0], 1, stopSearch, start);
            }
        }
        Restarts restarts = train(settings, listener, train, split.validation(), stopTraining);
        try (Trained<GraphNetwork> trained = restarts.kept()) {
            GraphNetwork network = trained.model();
            listener.onTrained(network.provenance());
            if (settings.modelDir() != null) {
                network.save(settings.modelDir());
                try (Writer w = Files.newBufferedWriter(settings.modelDir().resolve(RUN_FILE))) {
                    settings.runProperties().store(w, "Distill newton-gn run that trained the network beside this file");
                }
            }
            return distil(settings, listener, network, train, test, restarts.stopped(), restarts.validationLosses(),
                    restarts.chosen() + 1, stopSearch, start);
        }
    }

    /** The network kept of the restarts, every restart's validation loss, which one was kept, whether training was stopped. */
    private record Restarts(Trained<GraphNetwork> kept, double[] validationLosses, int chosen, boolean stopped) { }

    /**
     * Trains {@link Settings#restarts()} networks (seeds {@link Settings#restartSeed}) and keeps the one with the lowest
     * loss on {@code validation}; with one restart, the plain run's network. A stop request ends the restart under way
     * early and trains no more: the best of those trained is kept. The networks not kept are closed.
     */
    private static Restarts train(Settings settings, Listener listener, GraphDataset train, GraphDataset validation,
                                  AtomicBoolean stopTraining) {
        GraphNetworkConfig config = settings.network();
        int n = settings.restarts();
        if (n == 1) {
            Trained<GraphNetwork> trained = GraphNetworkTrainer.of(config).train(train, listener::onEpoch, stopTraining);
            return new Restarts(trained, new double[0], 0, trained.report().stopped());
        }
        double[] losses = new double[0];
        Trained<GraphNetwork> best = null;
        int chosen = 0;
        boolean stopped = false;
        try {
            for (int k = 0; k < n && !stopped; k++) {
                GraphNetworkConfig c = config.toBuilder().seed(settings.restartSeed(k)).build();
                Trained<GraphNetwork> trained = GraphNetworkTrainer.of(c).train(train, listener::onEpoch, stopTraining);
                stopped = trained.report().stopped() || stopTraining.get();
                double loss = trained.model().loss(validation);
                losses = Arrays.copyOf(losses, k + 1);
                losses[k] = loss;
                boolean better = best == null || loss < losses[chosen] || Double.isNaN(losses[chosen]) && !Double.isNaN(loss);
                listener.onRestart(k + 1, n, loss, better);
                if (better) {
                    if (best != null) best.close();
                    best = trained;
                    chosen = k;
                } else {
                    trained.close();
                }
            }
        } catch (RuntimeException e) {
            if (best != null) best.close();
            throw e;
        }
        return new Restarts(best, losses, chosen, stopped);
    }

    /**
     * The network saved in {@link Settings#load()}, after checking that it was trained for these settings.
     *
     * @throws IllegalArgumentException naming the first setting that differs
     */
    static GraphNetwork load(Settings settings) throws IOException {
        Path dir = settings.load();
        Path run = dir.resolve(RUN_FILE);
        if (Files.exists(run)) {
            var saved = new Properties();
            try (Reader r = Files.newBufferedReader(run)) {
                saved.load(r);
            }
            Properties now = settings.runProperties();
            for (String key : now.stringPropertyNames().stream().sorted().toList())
                if (!now.getProperty(key).equals(saved.getProperty(key)))
                    throw new IllegalArgumentException("the network in " + dir + " was trained with " + key + " "
                            + saved.getProperty(key) + ", this run has " + now.getProperty(key));
        }
        GraphNetwork network = GraphNetwork.load(dir);
        if (network.config().features() != settings.features()) {
            Features saved = network.config().features();
            network.close();
            throw new IllegalArgumentException("the network in " + dir + " was trained with edge input " + saved.label()
                    + " (--edge-input), this run has " + settings.features().label());
        }
        if (network.config().nodeInput() != settings.nodeInput()) {
            NodeInput saved = network.config().nodeInput();
            network.close();
            throw new IllegalArgumentException("the network in " + dir + " was trained with node input " + saved.label()
                    + " (--node-input), this run has " + settings.nodeInput().label());
        }
        if (network.config().weightedPenalty() != settings.weightedPenalty()) {
            boolean saved = network.config().weightedPenalty();
            network.close();
            throw new IllegalArgumentException("the network in " + dir + " was trained " + (saved ? "with" : "without")
                    + " --weighted-penalty, this run " + (saved ? "without it" : "with it"));
        }
        if (network.config().lossFloor() != settings.lossFloor()) {
            double saved = network.config().lossFloor();
            network.close();
            throw new IllegalArgumentException("the network in " + dir + " was trained with loss floor " + saved
                    + " (--loss-floor), this run has " + settings.lossFloor());
        }
        if (network.config().variant() != settings.variant() || network.provenance().dim() != settings.dim()) {
            network.close();
            throw new IllegalArgumentException("the network in " + dir + " is a " + network.config().variant() + " network in "
                    + network.provenance().dim() + "-D, this run asks for " + settings.variant() + " in " + settings.dim() + "-D");
        }
        return network;
    }

    private static Outcome distil(Settings settings, Listener listener, GraphNetwork network, GraphDataset train,
                                  GraphDataset test, boolean stoppedEarly, double[] validationLosses, int chosenRestart,
                                  AtomicBoolean stopSearch, long start) {
        TrainingProvenance training = network.provenance();
        {
            EdgeMessages messages = network.messages(test);
            var distillation = Distillation.withNodeResponse(settings.distillation(listener.search())
                    .run(messages, settings.law(), network.loss(test), stopSearch), network, test, settings.law());

            // the paper's Fig. 5: the strongest message against its best linear combination of the true forces
            ComponentFit strongest = distillation.fits().get(0);
            double[] force = strongest.predict(distillation.basis().of(settings.law(), messages));
            double[] message = messages.message(strongest.component());
            int[] sample = sample(force.length, FIGURE_POINTS, settings.seed());
            double[] x = new double[sample.length], y = new double[sample.length];
            for (int k = 0; k < sample.length; k++) {
                x[k] = force[sample[k]];
                y[k] = message[sample[k]];
            }
            return new Outcome(settings, train.graphs(), test.graphs(), training, stoppedEarly,
                    zeroLoss(test), distillation, x, y, validationLosses, chosenRestart, (System.nanoTime() - start) / 1e9);
        }
    }

    /** Mean over the nodes of {@code Σ_d |a_d|}: the loss of a network that always predicts zero. */
    static double zeroLoss(GraphDataset data) {
        float[] a = data.accelerations();
        double sum = 0;
        for (float v : a) sum += Math.abs(v);
        return sum / ((double) data.graphs() * data.bodies());
    }

    /** At most {@code k} of the indices {@code [0, n)}, drawn without replacement with {@code seed}, sorted. */
    static int[] sample(int n, int k, long seed) {
        int[] index = new int[n];
        for (int i = 0; i < n; i++) index[i] = i;
        if (n <= k) return index;
        var random = new SplittableRandom(seed);
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i), t = index[i];
            index[i] = index[j];
            index[j] = t;
        }
        int[] chosen = Arrays.copyOf(index, k);
        Arrays.sort(chosen);
        return chosen;
    }
}
