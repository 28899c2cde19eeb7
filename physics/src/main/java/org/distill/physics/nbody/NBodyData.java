package org.distill.physics.nbody;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * How to generate an n-body {@link GraphDataset}: {@code simulations} systems of {@code bodies} random bodies (see
 * {@link Particles#random}) move under {@code law} for {@code steps} samples of the law's {@link PairLaw#timeStep()};
 * every {@code keepEvery}-th sample (0, k, 2k, …) becomes one graph of node features {@code [x, v, q, m]} and true
 * accelerations. Graphs are stored simulation by simulation, in time order, so a simulation's graphs are contiguous;
 * {@link #split} divides by simulation, never sending two graphs of one trajectory to different parts.
 *
 * <p>Simulation {@code s} draws its initial conditions from its own seed, {@link #simulationSeed(int)}, so any one
 * simulation can be regenerated alone and the data set does not depend on how the work is scheduled.
 *
 * <pre>{@code
 * var config = NBodyData.builder().law(PairLaw.R2).dim(2).bodies(4).simulations(100).seed(1).build();
 * GraphDataset data = config.generate();
 * NBodyData.Split parts = config.split(data, 0.8, 0.1, 7);
 * NBodyFile.of(config, data).save(Path.of("r2.graphs"));
 * }</pre>
 *
 * @param law         the pair potential
 * @param dim         spatial dimension, 2 or 3
 * @param bodies      bodies per system, in [2, 1000]
 * @param simulations number of independent systems, at least 1
 * @param steps       samples per simulation (the first at t = 0), at least 1; the paper uses 500
 * @param keepEvery   keep every k-th sample as a graph, in [1, steps]
 * @param seed        master seed
 */
public record NBodyData(PairLaw law, int dim, int bodies, int simulations, int steps, int keepEvery, long seed) {
    static final int MAX_BODIES = 1000;

    public NBodyData {
        Objects.requireNonNull(law, "law");
        if (dim != 2 && dim != 3) throw new IllegalArgumentException("dim must be 2 or 3: " + dim);
        if (bodies < 2 || bodies > MAX_BODIES)
            throw new IllegalArgumentException("bodies must be in [2, " + MAX_BODIES + "]: " + bodies);
        if (simulations < 1) throw new IllegalArgumentException("simulations must be at least 1: " + simulations);
        if (steps < 1) throw new IllegalArgumentException("steps must be at least 1: " + steps);
        if (keepEvery < 1 || keepEvery > steps)
            throw new IllegalArgumentException("keepEvery must be in [1, steps = " + steps + "]: " + keepEvery);
        long values = (long) simulations * ((steps + keepEvery - 1) / keepEvery) * bodies * (2L * dim + 2);
        if (values > Integer.MAX_VALUE - 8)
            throw new IllegalArgumentException("simulations·graphsPerSimulation·bodies·features = " + values
                    + " node values do not fit in one array (at most " + (Integer.MAX_VALUE - 8) + ")");
    }

    /** Settings with defaults: r2, 2-D, 4 bodies, 200 simulations of 500 steps, every 5th kept, seed 0. */
    public static Builder builder() { return new Builder(); }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return new Builder().law(law).dim(dim).bodies(bodies).simulations(simulations).steps(steps)
                .keepEvery(keepEvery).seed(seed);
    }

    /** Graphs per simulation, {@code ⌈steps / keepEvery⌉}. */
    public int graphsPerSimulation() { return (steps + keepEvery - 1) / keepEvery; }

    /** Graphs in the generated data set. */
    public int graphs() { return simulations * graphsPerSimulation(); }

    /** Time between samples, the law's {@link PairLaw#timeStep()}. */
    public double timeStep() { return law.timeStep(); }

    /** The seed of simulation {@code s}'s initial conditions, mixed from the master seed and {@code s}. */
    public long simulationSeed(int s) {
        checkSimulation(s);
        long z = seed + (s + 1L) * 0x9E3779B97F4A7C15L;           // SplitMix64 finaliser over seed and index
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The initial bodies of simulation {@code s}. */
    public Particles initialConditions(int s) {
        return Particles.random(law, dim, bodies, new SplittableRandom(simulationSeed(s)));
    }

    /** Simulation {@code s}, all {@link #steps()} samples. */
    public Trajectory simulate(int s, NBodySimulator simulator) {
        return simulator.simulate(law, initialConditions(s), steps);
    }

    private void checkSimulation(int s) {
        if (s < 0 || s >= simulations) throw new IllegalArgumentException("simulation must be in [0, " + simulations + "): " + s);
    }

    /** Generates the data set with the default {@link NBodySimulator}. */
    public GraphDataset generate() { return generate(NBodySimulator.of(), GenerationListener.NONE); }

    /** Generates the data set, reporting after each simulation. */
    public GraphDataset generate(GenerationListener listener) { return generate(NBodySimulator.of(), listener); }

    /** Generates the data set with {@code simulator}, reporting after each simulation; runs on the calling thread. */
    public GraphDataset generate(NBodySimulator simulator, GenerationListener listener) {
        Objects.requireNonNull(simulator, "simulator");
        Objects.requireNonNull(listener, "listener");
        int features = 2 * dim + 2, perSimulation = graphsPerSimulation();
        float[] nodes = new float[graphs() * bodies * features];
        float[] accelerations = new float[graphs() * bodies * dim];
        int g = 0;
        for (int s = 0; s < simulations; s++) {
            Trajectory t = simulate(s, simulator);
            for (int k = 0; k < perSimulation; k++, g++) {
                int step = k * keepEvery;
                for (int i = 0; i < bodies; i++) {
                    int node = (g * bodies + i) * features, acc = (g * bodies + i) * dim;
                    for (int d = 0; d < dim; d++) {
                        nodes[node + d] = (float) t.position(step, i, d);
                        nodes[node + dim + d] = (float) t.velocity(step, i, d);
                        accelerations[acc + d] = (float) t.acceleration(step, i, d);
                    }
                    nodes[node + 2 * dim] = (float) t.charge(i);
                    nodes[node + 2 * dim + 1] = (float) t.mass(i);
                }
            }
            listener.onProgress(s + 1, simulations);
        }
        return new GraphDataset(dim, bodies, nodes, accelerations);
    }

    /** {@link Split#of} with this configuration's {@link #graphsPerSimulation()}. */
    public Split split(GraphDataset data, double train, double validation, long seed) {
        return Split.of(data, graphsPerSimulation(), train, validation, seed);
    }

    /** The settings as text, for a file header: law, dim, bodies, simulations, steps, keepEvery, seed and more. */
    public Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("generator", "org.distill.physics.nbody.NBodyData");
        m.put("law", law.label());
        m.put("dim", Integer.toString(dim));
        m.put("bodies", Integer.toString(bodies));
        m.put("simulations", Integer.toString(simulations));
        m.put("steps", Integer.toString(steps));
        m.put("keepEvery", Integer.toString(keepEvery));
        m.put("seed", Long.toString(seed));
        m.put("timeStep", Double.toString(timeStep()));
        m.put("softening", Double.toString(PairLaw.SOFTENING));
        m.put("graphsPerSimulation", Integer.toString(graphsPerSimulation()));
        return m;
    }

    /**
     * The settings recorded by {@link #metadata()}.
     *
     * @throws IllegalArgumentException naming a missing or malformed key
     */
    public static NBodyData fromMetadata(Map<String, String> metadata) {
        return new NBodyData(PairLaw.parse(value(metadata, "law")), integer(metadata, "dim"), integer(metadata, "bodies"),
                integer(metadata, "simulations"), integer(metadata, "steps"), integer(metadata, "keepEvery"),
                Long.parseLong(value(metadata, "seed")));
    }

    private static String value(Map<String, String> metadata, String key) {
        String v = metadata.get(key);
        if (v == null) throw new IllegalArgumentException("metadata has no '" + key + "': " + metadata.keySet());
        return v;
    }

    private static int integer(Map<String, String> metadata, String key) {
        String v = value(metadata, key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metadata '" + key + "' is not an integer: '" + v + "'", e);
        }
    }

    /**
     * A data set divided by simulation into training, validation and test parts.
     *
     * @param train      graphs of the training simulations
     * @param validation graphs of the validation simulations
     * @param test       graphs of the remaining simulations
     */
    public record Split(GraphDataset train, GraphDataset validation, GraphDataset test) {
        public Split {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(validation, "validation");
            Objects.requireNonNull(test, "test");
        }

        /**
         * Shuffles the simulations of {@code data} (blocks of {@code graphsPerSimulation} consecutive graphs) with
         * {@code seed} and gives {@code round(train·S)} of the {@code S} simulations to training,
         * {@code round(validation·S)} to validation and the rest to test. Within a part, simulations keep their
         * original order and graphs their time order.
         *
         * @throws IllegalArgumentException if the fractions are outside [0, 1] or sum above 1, or the graph count is
         *                                  not a multiple of graphsPerSimulation
         */
        public static Split of(GraphDataset data, int graphsPerSimulation, double train, double validation, long seed) {
            Objects.requireNonNull(data, "data");
            if (graphsPerSimulation < 1)
                throw new IllegalArgumentException("graphsPerSimulation must be at least 1: " + graphsPerSimulation);
            if (!(train >= 0 && train <= 1)) throw new IllegalArgumentException("train must be in [0, 1]: " + train);
            if (!(validation >= 0 && validation <= 1))
                throw new IllegalArgumentException("validation must be in [0, 1]: " + validation);
            if (train + validation > 1 + 1e-12)
                throw new IllegalArgumentException("train + validation must be at most 1: " + train + " + " + validation);
            if (data.graphs() % graphsPerSimulation != 0)
                throw new IllegalArgumentException("data has " + data.graphs() + " graphs, not a multiple of graphsPerSimulation = "
                        + graphsPerSimulation);
            int simulations = data.graphs() / graphsPerSimulation;
            int[] order = new int[simulations];
            for (int s = 0; s < simulations; s++) order[s] = s;
            var random = new SplittableRandom(seed);
            for (int s = simulations - 1; s > 0; s--) {                       // Fisher–Yates
                int r = random.nextInt(s + 1), tmp = order[s];
                order[s] = order[r];
                order[r] = tmp;
            }
            int nTrain = (int) Math.round(train * simulations);
            int nValidation = Math.min((int) Math.round(validation * simulations), simulations - nTrain);
            return new Split(gather(data, graphsPerSimulation, order, 0, nTrain),
                    gather(data, graphsPerSimulation, order, nTrain, nTrain + nValidation),
                    gather(data, graphsPerSimulation, order, nTrain + nValidation, simulations));
        }

        private static GraphDataset gather(GraphDataset data, int perSimulation, int[] order, int from, int to) {
            int[] chosen = Arrays.copyOfRange(order, from, to);
            Arrays.sort(chosen);
            float[] allNodes = data.nodes(), allAccelerations = data.accelerations();
            int nodesPerSim = perSimulation * data.bodies() * data.featureCount();
            int accPerSim = perSimulation * data.bodies() * data.dim();
            float[] nodes = new float[chosen.length * nodesPerSim], accelerations = new float[chosen.length * accPerSim];
            for (int k = 0; k < chosen.length; k++) {
                System.arraycopy(allNodes, chosen[k] * nodesPerSim, nodes, k * nodesPerSim, nodesPerSim);
                System.arraycopy(allAccelerations, chosen[k] * accPerSim, accelerations, k * accPerSim, accPerSim);
            }
            return new GraphDataset(data.dim(), data.bodies(), nodes, accelerations);
        }

        @Override public String toString() {
            return "Split[train=" + train.graphs() + ", validation=" + validation.graphs() + ", test=" + test.graphs() + " graphs]";
        }
    }

    /** Settings of a data set; every one has a default. */
    public static final class Builder {
        private PairLaw law = PairLaw.R2;
        private int dim = 2;
        private int bodies = 4;
        private int simulations = 200;
        private int steps = 500;
        private int keepEvery = 5;
        private long seed = 0;

        private Builder() { }

        /** The pair potential. Default {@link PairLaw#R2}. */
        public Builder law(PairLaw v) { this.law = Objects.requireNonNull(v, "law"); return this; }
        /** Spatial dimension, 2 or 3. Default 2. */
        public Builder dim(int v) { this.dim = v; return this; }
        /** Bodies per system, in [2, 1000]. Default 4. */
        public Builder bodies(int v) { this.bodies = v; return this; }
        /** Independent systems. Default 200. */
        public Builder simulations(int v) { this.simulations = v; return this; }
        /** Samples per simulation, including t = 0. Default 500, as in the paper. */
        public Builder steps(int v) { this.steps = v; return this; }
        /** Keep every k-th sample. Default 5 (100 graphs per simulation). */
        public Builder keepEvery(int v) { this.keepEvery = v; return this; }
        /** Master seed. Default 0. */
        public Builder seed(long v) { this.seed = v; return this; }

        /** Validates the settings (see {@link NBodyData}). */
        public NBodyData build() { return new NBodyData(law, dim, bodies, simulations, steps, keepEvery, seed); }
    }
}
