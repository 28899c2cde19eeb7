package org.distill.neural.flow;

/**
 * How to build and train a conditional normalising {@link Flow}.
 *
 * <pre>{@code
 * var config = FlowConfig.builder().layers(10).hidden(64).epochs(30).seed(7).build();
 * }</pre>
 *
 * @param layers       coupling layers, in [1, 64]; each transforms half of the dimensions given the other half and the
 *                     condition
 * @param hidden       units of each of the conditioner's two hidden layers, in [4, 4096]
 * @param components   logistic components of each coupling layer's mixture-CDF transform, in [1, 64]
 * @param epochs       passes over the training rows, in [1, 100000]
 * @param batchSize    rows per optimiser step, in [2, 1000000]
 * @param learningRate Adam's learning rate, in (0, 1], cosine-decayed to a tenth over the run
 * @param weightDecay  Adam's weight decay, in [0, 1)
 * @param seed         seeds the initial weights and the row order
 * @param referenceBins how each observable is mapped to unbounded space before the layers: 0 for a logit of its
 *                     position in its box (standardised), else the probit of a reference CDF with about this many
 *                     bins estimated from the training rows ({@link ReferenceMap}), in [4, 4096]
 * @param averaging    0 for the last step's weights; else the flow keeps an exponential moving average of the weights
 *                     over the steps (Polyak averaging) with this decay per step, in [0, 1)
 * @param ratioWeight  0 for maximum likelihood alone; else the weight of a second term of the loss, the mean squared
 *                     error of the flow's log-density ratio between paired conditions against the exact one
 *                     ({@link FlowData#withRatios}; "mining gold" training, Brehmer et al. 2018), in [0, 1e6]
 */
public record FlowConfig(int layers, int hidden, int components, int epochs, int batchSize, double learningRate,
                         double weightDecay, long seed, int referenceBins, double averaging,
                         double ratioWeight) {
    public FlowConfig {
        check("layers", layers, 1, 64);
        check("hidden", hidden, 4, 4096);
        check("components", components, 1, 64);
        check("epochs", epochs, 1, 100_000);
        check("batchSize", batchSize, 2, 1_000_000);
        if (!(learningRate > 0 && learningRate <= 1))
            throw new IllegalArgumentException("learningRate must be in (0, 1]: " + learningRate);
        if (!(weightDecay >= 0 && weightDecay < 1))
            throw new IllegalArgumentException("weightDecay must be in [0, 1): " + weightDecay);
        if (referenceBins != 0) check("referenceBins (0 for the logit)", referenceBins, 4, 4096);
        if (!(averaging >= 0 && averaging < 1))
            throw new IllegalArgumentException("averaging must be in [0, 1): " + averaging);
        if (!(ratioWeight >= 0 && ratioWeight <= 1e6))
            throw new IllegalArgumentException("ratioWeight must be in [0, 1e6]: " + ratioWeight);
    }

    /** Whether training adds the log-density-ratio term ({@link #ratioWeight} above 0). */
    public boolean usesRatios() { return ratioWeight > 0; }

    /** Whether the observables are mapped by the probit of a reference CDF (else by a logit). */
    public boolean usesReference() { return referenceBins > 0; }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max)
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "]: " + value);
    }

    /** A builder with the defaults. */
    public static Builder builder() { return new Builder(); }

    /**
     * Builds configurations. Defaults: 10 coupling layers of 64 hidden units, 6 logistic components, 30 epochs,
     * batches of 1024, learning rate 2e-3, no weight decay, seed 42, reference maps of 64 bins, no averaging, no
     * ratio term.
     */
    public static final class Builder {
        private int layers = 10, hidden = 64, components = 6, epochs = 30, batchSize = 1024;
        private double learningRate = 2e-3, weightDecay = 0, averaging = 0, ratioWeight = 0;
        private long seed = 42;
        private int referenceBins = 64;

        private Builder() { }

        public Builder layers(int v) { layers = v; return this; }
        public Builder hidden(int v) { hidden = v; return this; }
        public Builder components(int v) { components = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder referenceBins(int v) { referenceBins = v; return this; }
        public Builder averaging(double v) { averaging = v; return this; }
        public Builder ratioWeight(double v) { ratioWeight = v; return this; }

        /** The configuration; throws {@link IllegalArgumentException} naming any value out of range. */
        public FlowConfig build() {
            return new FlowConfig(layers, hidden, components, epochs, batchSize, learningRate, weightDecay, seed, referenceBins, averaging,
                    ratioWeight);
        }
    }
}
