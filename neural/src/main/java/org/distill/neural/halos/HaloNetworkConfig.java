package org.distill.neural.halos;

import java.util.Objects;
import org.distill.neural.gn.Schedule;

/**
 * How to build and train a halo graph network. Defaults: edge and node models with 2 hidden layers of
 * 128 ReLU units, one message component (the bottleneck variant: the one component must carry the law; with
 * more components the L1 penalty, weight 0.001, makes one of them carry it), Adam with a one-cycle schedule peaking at 1e-3, batches of 64
 * halos, 100 epochs, weight decay 1e-8.
 *
 * @param hiddenSize     units per hidden layer, in [1, 4096]
 * @param hiddenLayers   hidden layers of the edge and of the node model, in [1, 16]
 * @param messageDim     message components, in [1, 4096]
 * @param regularization weight of the L1 message penalty (mean over edges of Σ|message|), finite, ≥ 0
 * @param epochs         passes over the training halos, in [1, 100000]
 * @param batchSize      halos per optimiser step, in [1, 65536]
 * @param learningRate   peak learning rate, in (0, 1]
 * @param schedule       learning-rate schedule over the whole run
 * @param weightDecay    Adam weight decay, in [0, 1)
 * @param seed           seeds the initial weights and the batch order
 */
public record HaloNetworkConfig(int hiddenSize, int hiddenLayers, int messageDim, double regularization, int epochs,
                                int batchSize, double learningRate, Schedule schedule, double weightDecay, long seed) {
    public HaloNetworkConfig {
        Objects.requireNonNull(schedule, "schedule");
        check("hiddenSize", hiddenSize, 1, 4096);
        check("hiddenLayers", hiddenLayers, 1, 16);
        check("messageDim", messageDim, 1, 4096);
        check("epochs", epochs, 1, 100_000);
        check("batchSize", batchSize, 1, 65_536);
        if (!(regularization >= 0) || Double.isInfinite(regularization))
            throw new IllegalArgumentException("regularization must be finite and >= 0: " + regularization);
        if (!(learningRate > 0 && learningRate <= 1))
            throw new IllegalArgumentException("learningRate must be in (0, 1]: " + learningRate);
        if (!(weightDecay >= 0 && weightDecay < 1))
            throw new IllegalArgumentException("weightDecay must be in [0, 1): " + weightDecay);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max)
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "]: " + value);
    }

    public static Builder builder() { return new Builder(); }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder().hiddenSize(hiddenSize).hiddenLayers(hiddenLayers).messageDim(messageDim)
                .regularization(regularization).epochs(epochs).batchSize(batchSize).learningRate(learningRate)
                .schedule(schedule).weightDecay(weightDecay).seed(seed);
    }

    /** Builder with the defaults above. */
    public static final class Builder {
        private int hiddenSize = 128, hiddenLayers = 2, messageDim = 1, epochs = 100, batchSize = 64;
        private double regularization = 0.001, learningRate = 1e-3, weightDecay = 1e-8;
        private Schedule schedule = Schedule.ONE_CYCLE;
        private long seed = 1;

        private Builder() { }

        public Builder hiddenSize(int n) { hiddenSize = n; return this; }
        public Builder hiddenLayers(int n) { hiddenLayers = n; return this; }
        public Builder messageDim(int k) { messageDim = k; return this; }
        public Builder regularization(double w) { regularization = w; return this; }
        public Builder epochs(int n) { epochs = n; return this; }
        public Builder batchSize(int n) { batchSize = n; return this; }
        public Builder learningRate(double lr) { learningRate = lr; return this; }
        public Builder schedule(Schedule s) { schedule = Objects.requireNonNull(s, "schedule"); return this; }
        public Builder weightDecay(double w) { weightDecay = w; return this; }
        public Builder seed(long s) { seed = s; return this; }

        /** The configuration; throws {@link IllegalArgumentException} naming any value out of range. */
        public HaloNetworkConfig build() {
            return new HaloNetworkConfig(hiddenSize, hiddenLayers, messageDim, regularization, epochs, batchSize,
                    learningRate, schedule, weightDecay, seed);
        }
    }
}
