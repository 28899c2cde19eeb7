package org.distill.examples.hgn;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.neural.Trained;
import org.distill.neural.TrainingListener;
import org.distill.neural.TrainingReport;
import org.distill.neural.hgn.HamiltonianGraphNetwork;
import org.distill.neural.hgn.HgnConfig;
import org.distill.neural.hgn.HgnTrainer;
import org.distill.neural.hgn.PairDistillation;
import org.distill.physics.nbody.GraphDataset;
import org.distill.physics.nbody.NBodyData;
import org.distill.physics.nbody.PairLaw;
import org.distill.symbolic.ProgressListener;
import org.distill.symbolic.Selection;
import org.distill.symbolic.SymbolicRegressor;

/**
 * The flat Hamiltonian graph network of Cranmer et al. (2020) end to end: simulate n-body systems under a pair law
 * ({@link NBodyData}), train {@code H = Σ φ_pair + Σ ψ_self} on ṗ = −∂H/∂q and q̇ = ∂H/∂p, and distil the pair term
 * φ into a formula in {@code r, m1, m2} ({@link PairDistillation}).
 */
public final class HamiltonianGn {
    /** Samples of the law's time step per simulation. */
    public static final int STEPS = 500;
    /** Every this many samples a graph is kept: 10 graphs per simulation. */
    public static final int KEEP_EVERY = 50;

    private HamiltonianGn() { }

    /**
     * @param law         r2 or spring (or any conservative law of {@link PairLaw})
     * @param bodies      bodies per system
     * @param simulations simulated systems (10 graphs each); a tenth, at least one, is kept for testing
     * @param epochs      training epochs
     * @param hidden      units per hidden layer (2 layers) of φ and ψ
     * @param seed        seeds data, weights, order and search
     * @param searchTime  symbolic-regression budget
     * @param threads     search threads
     * @param selection   which equation of the search's front is the formula
     */
    public record Settings(PairLaw law, int bodies, int simulations, int epochs, int hidden, long seed, Duration searchTime,
                           int threads, Selection selection) {
        public Settings {
            Objects.requireNonNull(law, "law");
            Objects.requireNonNull(selection, "selection");
            Objects.requireNonNull(searchTime, "searchTime");
            if (!law.conservative()) throw new IllegalArgumentException("law must conserve energy for a Hamiltonian: " + law.label());
            if (bodies < 2 || bodies > 100) throw new IllegalArgumentException("bodies must be in [2, 100]: " + bodies);
            if (simulations < 2 || simulations > 100_000) throw new IllegalArgumentException("simulations must be in [2, 100000]: " + simulations);
            if (epochs < 1 || epochs > 100_000) throw new IllegalArgumentException("epochs must be in [1, 100000]: " + epochs);
            if (hidden < 1 || hidden > 4096) throw new IllegalArgumentException("hidden must be in [1, 4096]: " + hidden);
            if (threads < 1 || threads > 1024) throw new IllegalArgumentException("threads must be in [1, 1024]: " + threads);
        }

        /**
         * 2-D systems of {@code bodies} bodies: {@value #STEPS} steps of the law's time step per simulation, every
         * {@value #KEEP_EVERY}th kept (10 graphs per system). Many sparsely sampled systems rather than few densely
         * sampled ones: under r⁻² (time step 1e-3) a system barely moves in 500 steps, so 100 graphs of one system are
         * nearly one configuration and a network trained on 40 systems memorises them.
         */
        public NBodyData data() {
            return NBodyData.builder().law(law).dim(2).bodies(bodies).simulations(simulations).steps(STEPS).keepEvery(KEEP_EVERY)
                    .seed(seed).build();
        }

        public int testSimulations() { return Math.max(1, (int) Math.round(simulations / 10.0)); }

        /**
         * A builder with the defaults of {@code distill example hgn}: 4 bodies, 2 000 simulations, 30 epochs, 64 hidden
         * units, seed 0, 30 s of search on all cores, the front's equation of highest score; the law has no default.
         */
        public static Builder builder(PairLaw law) { return new Builder(Objects.requireNonNull(law, "law")); }

        /** Builds {@link Settings}; every setting but the law has a default. */
        public static final class Builder {
            private final PairLaw law;
            private int bodies = 4, simulations = 2000, epochs = 30, hidden = 64;
            private long seed = 0;
            private Duration searchTime = Duration.ofSeconds(30);
            private int threads = Runtime.getRuntime().availableProcessors();
            private Selection selection = Selection.SCORE;

            private Builder(PairLaw law) { this.law = law; }

            public Builder bodies(int v) { bodies = v; return this; }
            public Builder simulations(int v) { simulations = v; return this; }
            public Builder epochs(int v) { epochs = v; return this; }
            public Builder hidden(int v) { hidden = v; return this; }
            public Builder seed(long v) { seed = v; return this; }
            public Builder searchTime(Duration v) { searchTime = v; return this; }
            public Builder threads(int v) { threads = v; return this; }
            public Builder selection(Selection v) { selection = v; return this; }

            /** The settings; throws {@link IllegalArgumentException} naming a value out of range. */
            public Settings build() {
                return new Settings(law, bodies, simulations, epochs, hidden, seed, searchTime, threads, selection);
            }
        }

        /** The network's configuration: 2 hidden layers of {@code hidden} units, batches of 64 graphs, peak rate 1e-3. */
        public HgnConfig network() {
            return HgnConfig.builder().hiddenSize(hidden).hiddenLayers(2).epochs(epochs).batchSize(64).learningRate(1e-3)
                    .seed(seed).build();
        }

        /**
         * The symbolic regression that distils the pair term: {@link PairDistillation#regressor()} (+ − × ÷, complexity
         * ≤ 20) with this run's time, threads and seed.
         */
        public SymbolicRegressor regressor(ProgressListener listener) {
            return PairDistillation.regressor().timeLimit(searchTime).threads(threads).seed(seed).listener(listener).build();
        }
    }

    /**
     * @param settings  the settings
     * @param training  how the network trained
     * @param testLoss  the loss on the test graphs
     * @param zeroLoss  the loss of predicting ṗ = q̇ = 0 on them, for scale
     * @param pair      the distilled pair term
     * @param seconds   wall time
     */
    public record Outcome(Settings settings, TrainingReport training, double testLoss, double zeroLoss,
                          PairDistillation.Result pair, double seconds) { }

    /** Runs the example; {@code stopTraining} ends training early, {@code stopSearch} the search. */
    public static Outcome run(Settings s, TrainingListener listener, ProgressListener search, AtomicBoolean stopTraining,
                              AtomicBoolean stopSearch) {
        long start = System.nanoTime();
        NBodyData recipe = s.data();
        GraphDataset all = recipe.generate((done, total) -> {
            if (stopTraining.get()) throw new CancellationException("stopped during data generation");
        });
        double trainFraction = (s.simulations() - s.testSimulations()) / (double) s.simulations();
        NBodyData.Split split = recipe.split(all, trainFraction, 0, s.seed());
        try (Trained<HamiltonianGraphNetwork> trained = HgnTrainer.of(s.network()).train(split.train(), listener, stopTraining)) {
            HamiltonianGraphNetwork net = trained.model();
            double testLoss = HgnTrainer.loss(net, split.test());
            PairDistillation.Result pair = PairDistillation.builder().regressor(s.regressor(search)).selection(s.selection())
                    .build().run(net, split.test(), s.law(), stopSearch);
            return new Outcome(s, trained.report(), testLoss, zeroLoss(split.test()), pair, (System.nanoTime() - start) / 1e9);
        }
    }

    /** Mean over the bodies of Σ_d |m·a_d| + Σ_d |v_d|: the loss of predicting zero. */
    static double zeroLoss(GraphDataset data) {
        int dim = data.dim();
        double sum = 0;
        for (int g = 0; g < data.graphs(); g++)
            for (int i = 0; i < data.bodies(); i++) {
                double m = data.node(g, i, 2 * dim + 1);
                for (int d = 0; d < dim; d++) sum += Math.abs(m * data.acceleration(g, i, d)) + Math.abs(data.node(g, i, dim + d));
            }
        return sum / ((double) data.graphs() * data.bodies());
    }
}
