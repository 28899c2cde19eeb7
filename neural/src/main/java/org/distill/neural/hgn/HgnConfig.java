package org.distill.neural.hgn;

/**
 * How to build and train a {@link HamiltonianGraphNetwork}. Defaults: pair and self terms with 2 hidden softplus
 * layers of 64 units, 30 epochs of Adam with a one-cycle schedule peaking at 1e-3, batches of 64 graphs, seed 0.
 *
 * <pre>{@code
 * var config = HgnConfig.builder().epochs(30).hiddenSize(64).seed(1).build();
 * try (Trained<HamiltonianGraphNetwork> trained = HgnTrainer.of(config).train(graphs)) { ... }
 * }</pre>
 *
 * @param hiddenSize   units per hidden layer of φ and ψ, in [1, 4096]
 * @param hiddenLayers hidden layers of φ and ψ, in [1, 16]
 * @param epochs       passes over the training graphs, in [1, 100000]
 * @param batchSize    graphs per optimiser step, in [1, 65536]
 * @param learningRate peak learning rate, in (0, 1]
 * @param seed         seeds the initial weights (φ with the seed, ψ with seed + 1) and the batch order
 */
public record HgnConfig(int hiddenSize, int hiddenLayers, int epochs, int batchSize, double learningRate, long seed) {
    public HgnConfig {
        check("hiddenSize", hiddenSize, 1, 4096);
        check("hiddenLayers", hiddenLayers, 1, 16);
        check("epochs", epochs, 1, 100_000);
        check("batchSize", batchSize, 1, 65_536);
        if (!(learningRate > 0 && learningRate <= 1))
            throw new IllegalArgumentException("learningRate must be in (0, 1]: " + learningRate);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max)
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "]: " + value);
    }

    /** The defaults. */
    public static HgnConfig defaults() { return builder().build(); }

    /** A builder with the defaults. */
    public static Builder builder() { return new Builder(); }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        var b = new Builder();
        b.hiddenSize = hiddenSize; b.hiddenLayers = hiddenLayers; b.epochs = epochs; b.batchSize = batchSize;
        b.learningRate = learningRate; b.seed = seed;
        return b;
    }

    /** Builds {@link HgnConfig}s; every setting has a default. */
    public static final class Builder {
        private int hiddenSize = 64, hiddenLayers = 2, epochs = 30, batchSize = 64;
        private double learningRate = 1e-3;
        private long seed = 0;

        private Builder() { }

        public Builder hiddenSize(int v) { hiddenSize = v; return this; }
        public Builder hiddenLayers(int v) { hiddenLayers = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        /** The configuration; throws {@link IllegalArgumentException} naming any value out of range. */
        public HgnConfig build() { return new HgnConfig(hiddenSize, hiddenLayers, epochs, batchSize, learningRate, seed); }
    }
}
