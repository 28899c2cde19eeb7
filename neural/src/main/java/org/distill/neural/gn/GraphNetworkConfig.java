package org.distill.neural.gn;

import java.util.Objects;

/**
 * How to build and train a graph network. Defaults follow Cranmer et al. (2020): edge and node
 * models with 3 hidden layers of 300 ReLU units, Adam with a one-cycle schedule peaking at 1e-3,
 * batches of 64 graphs, weight decay 1e-8, random translations with standard deviation 3.
 *
 * <pre>{@code
 * var config = GraphNetworkConfig.builder().variant(Variant.L1).epochs(20).seed(7).build();
 * }</pre>
 *
 * @param variant        message variant; it sets the default message size and regulariser weight
 * @param features       what the edge and node models see
 * @param hiddenSize     units per hidden layer, in [1, 4096]
 * @param hiddenLayers   hidden layers of the edge and of the node model, in [1, 16]
 * @param messageDim     message components, in [0, 4096]; 0 means as many as spatial dimensions
 * @param regularization weight of the L1 or KL message penalty, ≥ 0; 0 unless the variant has one
 * @param epochs         passes over the training graphs, in [1, 100000]
 * @param batchSize      graphs per optimiser step, in [1, 65536]
 * @param learningRate   peak learning rate, in (0, 1]
 * @param schedule       learning-rate schedule over the whole run
 * @param weightDecay    Adam weight decay, in [0, 1)
 * @param translation    standard deviation of the random translation added to every training graph's
 *                       positions, ≥ 0 (0 switches augmentation off)
 * @param seed           seeds the initial weights, batch order, augmentation and message sampling
 * @param lossFloor      0 (the default) for the paper's loss, the mean L1 norm of each body's acceleration error;
 *                       otherwise each body's error is weighted by {@code 1/(|a| + lossFloor)} ({@code |a|} its true
 *                       acceleration, L1 norm), the weights normalised to mean 1 in each batch: absolute below
 *                       {@code lossFloor}, relative above, so that bodies far from every other count as much as close
 *                       encounters; 0 or in [1e-12, 1e12]
 * @param nodeInput      what the node model sees besides the summed messages: the node's own features (the paper's
 *                       architecture, the default) or nothing
 * @param weightedPenalty whether the L1 message penalty weighs each edge by its receiver's weight in the data loss
 *                       ({@code 1/(|a| + lossFloor)}, normalised as there), so that penalty and loss trade off alike at
 *                       every acceleration; false (the default, the paper's): every edge alike. Needs {@code lossFloor
 *                       > 0} and the L1 variant
 */
public record GraphNetworkConfig(Variant variant, Features features, int hiddenSize, int hiddenLayers,
                                 int messageDim, double regularization, int epochs, int batchSize,
                                 double learningRate, Schedule schedule, double weightDecay,
                                 double translation, long seed, double lossFloor, NodeInput nodeInput,
                                 boolean weightedPenalty) {

    public GraphNetworkConfig {
        Objects.requireNonNull(nodeInput, "nodeInput");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(schedule, "schedule");
        check("hiddenSize", hiddenSize, 1, 4096);
        check("hiddenLayers", hiddenLayers, 1, 16);
        check("messageDim", messageDim, 0, 4096);
        check("epochs", epochs, 1, 100_000);
        check("batchSize", batchSize, 1, 65_536);
        if (!(regularization >= 0) || Double.isInfinite(regularization))
            throw new IllegalArgumentException("regularization must be finite and >= 0: " + regularization);
        if (regularization > 0 && !variant.regularized())
            throw new IllegalArgumentException("regularization applies to the L1 and KL variants only, not "
                    + variant + ": " + regularization);
        if (!(learningRate > 0 && learningRate <= 1))
            throw new IllegalArgumentException("learningRate must be in (0, 1]: " + learningRate);
        if (!(weightDecay >= 0 && weightDecay < 1))
            throw new IllegalArgumentException("weightDecay must be in [0, 1): " + weightDecay);
        if (!(translation >= 0) || Double.isInfinite(translation))
            throw new IllegalArgumentException("translation must be finite and >= 0: " + translation);
        if (!(lossFloor == 0 || lossFloor >= 1e-12 && lossFloor <= 1e12))   // trained in float
            throw new IllegalArgumentException("lossFloor must be 0 or in [1e-12, 1e12]: " + lossFloor);
        if (weightedPenalty && (variant != Variant.L1 || lossFloor == 0))
            throw new IllegalArgumentException("weightedPenalty needs the L1 variant and a lossFloor > 0, not " + variant
                    + " with lossFloor " + lossFloor);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max)
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "]: " + value);
    }

    /** The defaults: the paper's standard graph network. */
    public static GraphNetworkConfig defaults() { return builder().build(); }

    /** A builder with the defaults. */
    public static Builder builder() { return new Builder(); }

    /**
     * A builder starting from this configuration; a message size or regulariser equal to the
     * variant's default stays tied to the variant.
     */
    public Builder toBuilder() {
        var b = new Builder();
        b.variant = variant; b.features = features; b.hiddenSize = hiddenSize; b.hiddenLayers = hiddenLayers;
        b.messageDim = messageDim == variant.defaultMessageDim() ? null : messageDim;
        b.regularization = regularization == variant.defaultRegularization() ? null : regularization;
        b.epochs = epochs; b.batchSize = batchSize;
        b.learningRate = learningRate; b.schedule = schedule; b.weightDecay = weightDecay;
        b.translation = translation; b.seed = seed; b.lossFloor = lossFloor; b.nodeInput = nodeInput;
        b.weightedPenalty = weightedPenalty;
        return b;
    }

    /** Message components for data of spatial dimension {@code dim}. */
    public int messageDim(int dim) { return messageDim == 0 ? dim : messageDim; }

    /** Builds configurations; a message size or regulariser left unset follows the variant. */
    public static final class Builder {
        private Variant variant = Variant.STANDARD;
        private Features features = Features.RELATIVE;
        private int hiddenSize = 300, hiddenLayers = 3, epochs = 30, batchSize = 64;
        private Integer messageDim;
        private Double regularization;
        private double learningRate = 1e-3, weightDecay = 1e-8, translation = 3;
        private Schedule schedule = Schedule.ONE_CYCLE;
        private long seed = 42;
        private double lossFloor;
        private NodeInput nodeInput = NodeInput.ALL;
        private boolean weightedPenalty;

        private Builder() { }

        /** The variant; unless set explicitly, message size and regulariser weight follow it. */
        public Builder variant(Variant v) {
            variant = Objects.requireNonNull(v, "variant");
            return this;
        }
        public Builder features(Features f) {
            features = Objects.requireNonNull(f, "features");
            return this;
        }
        public Builder hiddenSize(int n) { hiddenSize = n; return this; }
        public Builder hiddenLayers(int n) { hiddenLayers = n; return this; }
        /** Message components (0: as many as spatial dimensions); default from the variant. */
        public Builder messageDim(int k) { messageDim = k; return this; }
        /** Weight of the message penalty; default from the variant. */
        public Builder regularization(double w) { regularization = w; return this; }
        public Builder epochs(int n) { epochs = n; return this; }
        public Builder batchSize(int n) { batchSize = n; return this; }
        public Builder learningRate(double lr) { learningRate = lr; return this; }
        public Builder schedule(Schedule s) {
            schedule = Objects.requireNonNull(s, "schedule");
            return this;
        }
        public Builder weightDecay(double w) { weightDecay = w; return this; }
        public Builder translation(double sigma) { translation = sigma; return this; }
        public Builder seed(long s) { seed = s; return this; }
        /** 0 (default): the paper's L1 acceleration loss; else errors relative above this acceleration (see the record). */
        public Builder lossFloor(double a) { lossFloor = a; return this; }
        /** What the node model sees besides the summed messages; default {@link NodeInput#ALL}, as the paper. */
        public Builder nodeInput(NodeInput v) {
            nodeInput = Objects.requireNonNull(v, "nodeInput");
            return this;
        }

        /** Whether the L1 penalty weighs each edge by its receiver's loss weight (see the record); default false. */
        public Builder weightedPenalty(boolean v) { weightedPenalty = v; return this; }

        /** The configuration; throws {@link IllegalArgumentException} naming any value out of range. */
        public GraphNetworkConfig build() {
            return new GraphNetworkConfig(variant, features, hiddenSize, hiddenLayers,
                    messageDim != null ? messageDim : variant.defaultMessageDim(),
                    regularization != null ? regularization : variant.defaultRegularization(),
                    epochs, batchSize, learningRate, schedule, weightDecay, translation, seed, lossFloor, nodeInput,
                    weightedPenalty);
        }
    }
}
