package org.distill.neural.lnn;

import java.util.Objects;
import org.distill.neural.gn.Schedule;

/**
 * How to build and train a {@link LagrangianNetwork} and its {@link DirectNetwork} baseline (both get the same hidden
 * layers, optimiser and steps). Defaults: 3 hidden softplus layers of 128 units, the paper's initialisation for the
 * Lagrangian, ridge 1e-4, Adam with a one-cycle schedule peaking at 1e-3, batches of 256 states, 30 epochs.
 *
 * @param hiddenSize     units per hidden layer, in [1, 4096]
 * @param hiddenLayers   hidden layers, in [1, 16]
 * @param activation     the hidden activation (smooth: the Lagrangian needs second derivatives)
 * @param initialization the Lagrangian network's weight initialisation (the baseline is always Xavier)
 * @param ridge          λ added to the velocity Hessian before it is inverted, in [0, 1]
 * @param epochs         passes over the training states, in [1, 100000]
 * @param batchSize      states per optimiser step, in [1, 65536]
 * @param learningRate   peak learning rate, in (0, 1]
 * @param schedule       learning-rate schedule over the run
 * @param seed           seeds the initial weights and the batch order
 */
public record LnnConfig(int hiddenSize, int hiddenLayers, Activation activation, Initialization initialization,
                        double ridge, int epochs, int batchSize, double learningRate, Schedule schedule, long seed) {
    public LnnConfig {
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(initialization, "initialization");
        Objects.requireNonNull(schedule, "schedule");
        check("hiddenSize", hiddenSize, 1, 4096);
        check("hiddenLayers", hiddenLayers, 1, 16);
        check("epochs", epochs, 1, 100_000);
        check("batchSize", batchSize, 1, 65_536);
        if (!(ridge >= 0 && ridge <= 1)) throw new IllegalArgumentException("ridge must be in [0, 1]: " + ridge);
        if (!(learningRate > 0 && learningRate <= 1))
            throw new IllegalArgumentException("learningRate must be in (0, 1]: " + learningRate);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max)
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "]: " + value);
    }

    /** The defaults. */
    public static LnnConfig defaults() { return builder().build(); }

    public static Builder builder() { return new Builder(); }

    /** Layer widths from {@code inputs} through the hidden layers to {@code outputs}. */
    public int[] widths(int inputs, int outputs) {
        int[] w = new int[hiddenLayers + 2];
        w[0] = inputs;
        for (int l = 1; l <= hiddenLayers; l++) w[l] = hiddenSize;
        w[hiddenLayers + 1] = outputs;
        return w;
    }

    /** Builds {@link LnnConfig}s; every setting has a default. */
    public static final class Builder {
        private int hiddenSize = 128, hiddenLayers = 3, epochs = 30, batchSize = 256;
        private Activation activation = Activation.SOFTPLUS;
        private Initialization initialization = Initialization.LAGRANGIAN;
        private double ridge = 1e-4, learningRate = 1e-3;
        private Schedule schedule = Schedule.ONE_CYCLE;
        private long seed = 0;

        private Builder() { }

        public Builder hiddenSize(int v) { hiddenSize = v; return this; }
        public Builder hiddenLayers(int v) { hiddenLayers = v; return this; }
        public Builder activation(Activation v) { activation = v; return this; }
        public Builder initialization(Initialization v) { initialization = v; return this; }
        public Builder ridge(double v) { ridge = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder schedule(Schedule v) { schedule = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        public LnnConfig build() {
            return new LnnConfig(hiddenSize, hiddenLayers, activation, initialization, ridge, epochs, batchSize,
                    learningRate, schedule, seed);
        }
    }
}
