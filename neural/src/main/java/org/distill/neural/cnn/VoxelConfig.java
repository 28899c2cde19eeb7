package org.distill.neural.cnn;

import java.util.Objects;

/**
 * How to build and train a voxel network (a 3-D convolutional network mapping fields to a field on the same mesh).
 * Training draws random cubes of side {@code subVolume + 2·margin} from the training boxes (wrapped: the boxes are
 * periodic), runs the network on them and scores only the central {@code subVolume³} cells, whose neighbourhood the
 * margin supplies; optionally each cube is flipped and its axes permuted at random (symmetries of a statistically
 * isotropic field). Adam with a cosine-decaying learning rate.
 *
 * <pre>{@code
 * var config = VoxelConfig.builder().architecture(Architecture.PLAIN).channels(16).depth(4)
 *         .objective(Objective.CLASSIFY).positiveWeight(10).epochs(20).seed(1).build();
 * }</pre>
 *
 * @param architecture   plain stack or U-Net
 * @param channels       channels of the first level, in [1, 512]
 * @param depth          conv blocks (plain) or levels (U-Net), in [1, 32] (U-Net: [1, 5])
 * @param batchNorm      batch normalisation after each convolution
 * @param residual       add the first input channel to the output (learn a correction to the input); the last layer
 *                       starts at zero, so the untrained network is the identity
 * @param objective      loss and meaning of the output
 * @param positiveWeight weight of occupied voxels in the classification loss, &gt; 0
 * @param subVolume      side of the scored cube of a training sample, in [1, 512]
 * @param margin         cells around it that the network sees but the loss ignores, in [0, 256]
 * @param augment        random flips and axis permutations of training cubes
 * @param epochs         epochs, in [1, 100000]
 * @param stepsPerEpoch  optimiser steps per epoch, in [1, 1000000]
 * @param batchSize      cubes per step, in [1, 4096]
 * @param learningRate   initial learning rate, in (0, 1]
 * @param weightDecay    Adam weight decay, in [0, 1)
 * @param powerWeight    weight, in [0, 1000], of the band-power term added to a {@link Objective#REGRESS} loss (0: none;
 *                       see {@link VoxelTrainer#bandPowerLoss}): the output field and the target, averaged over blocks of
 *                       2, 4, … cells (up to half the sub-volume), must agree block by block relative to the target's
 *                       variance at that scale, so that the fit keeps the large-scale power a per-cell MSE gives away
 * @param powerOfExp     the band-power term compares e^output with e^target (for networks trained on the logarithm of a
 *                       density whose power spectrum is what counts) rather than the values themselves
 * @param seed           seeds the initial weights, the cubes and the augmentation
 */
public record VoxelConfig(Architecture architecture, int channels, int depth, boolean batchNorm, boolean residual,
                          Objective objective, double positiveWeight, int subVolume, int margin, boolean augment,
                          int epochs, int stepsPerEpoch, int batchSize, double learningRate, double weightDecay, double powerWeight,
                          boolean powerOfExp, long seed) {
    public VoxelConfig {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(objective, "objective");
        check("channels", channels, 1, 512);
        check("depth", depth, 1, architecture == Architecture.UNET ? 5 : 32);
        check("subVolume", subVolume, 1, 512);
        check("margin", margin, 0, 256);
        check("epochs", epochs, 1, 100_000);
        check("stepsPerEpoch", stepsPerEpoch, 1, 1_000_000);
        check("batchSize", batchSize, 1, 4096);
        if (!(positiveWeight > 0) || Double.isInfinite(positiveWeight))
            throw new IllegalArgumentException("positiveWeight must be finite and > 0: " + positiveWeight);
        if (!(learningRate > 0 && learningRate <= 1))
            throw new IllegalArgumentException("learningRate must be in (0, 1]: " + learningRate);
        if (!(weightDecay >= 0 && weightDecay < 1))
            throw new IllegalArgumentException("weightDecay must be in [0, 1): " + weightDecay);
        if (!(powerWeight >= 0 && powerWeight <= 1000))
            throw new IllegalArgumentException("powerWeight must be in [0, 1000]: " + powerWeight);
        if (powerWeight > 0 && objective != Objective.REGRESS)
            throw new IllegalArgumentException("powerWeight applies to " + Objective.REGRESS + ", not to " + objective);
        if (powerWeight > 0 && subVolume < 4)
            throw new IllegalArgumentException("powerWeight needs subVolume >= 4 (blocks of 2 cells, at least 2 per side): " + subVolume);
        if (architecture == Architecture.UNET && (subVolume + 2 * margin) % (1 << (depth - 1)) != 0)
            throw new IllegalArgumentException("a U-Net of depth " + depth + " needs subVolume + 2·margin to be a multiple of "
                    + (1 << (depth - 1)) + ": " + (subVolume + 2 * margin));
        if (residual && objective == Objective.CLASSIFY)
            throw new IllegalArgumentException("residual applies to regression, not to " + objective);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max)
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "]: " + value);
    }

    /** Side of a training cube as the network sees it, {@code subVolume + 2·margin}. */
    public int cube() { return subVolume + 2 * margin; }

    /** Cells a voxel's output depends on in each direction from it (plain: depth; U-Net: an upper bound). */
    public int reach() {
        return architecture == Architecture.PLAIN ? depth : 4 * ((1 << depth) - 1);
    }

    public static Builder builder() { return new Builder(); }

    public Builder toBuilder() {
        return new Builder().architecture(architecture).channels(channels).depth(depth).batchNorm(batchNorm).residual(residual)
                .objective(objective).positiveWeight(positiveWeight).subVolume(subVolume).margin(margin).augment(augment)
                .epochs(epochs).stepsPerEpoch(stepsPerEpoch).batchSize(batchSize).learningRate(learningRate)
                .weightDecay(weightDecay).powerWeight(powerWeight).powerOfExp(powerOfExp).seed(seed);
    }

    /** Builder; defaults: plain, 16 channels, depth 4, batch norm, regression, 16³ cubes with margin 4, augmented,
     * 10 epochs of 50 steps of 8 cubes, learning rate 2e-3, no band-power term, seed 42. */
    public static final class Builder {
        private Architecture architecture = Architecture.PLAIN;
        private int channels = 16, depth = 4, subVolume = 16, margin = 4, epochs = 10, stepsPerEpoch = 50, batchSize = 8;
        private boolean batchNorm = true, residual, augment = true, powerOfExp;
        private Objective objective = Objective.REGRESS;
        private double positiveWeight = 1, learningRate = 2e-3, weightDecay = 0, powerWeight = 0;
        private long seed = 42;

        private Builder() { }

        public Builder architecture(Architecture a) { architecture = Objects.requireNonNull(a, "architecture"); return this; }
        public Builder channels(int c) { channels = c; return this; }
        public Builder depth(int d) { depth = d; return this; }
        public Builder batchNorm(boolean on) { batchNorm = on; return this; }
        public Builder residual(boolean on) { residual = on; return this; }
        public Builder objective(Objective o) { objective = Objects.requireNonNull(o, "objective"); return this; }
        public Builder positiveWeight(double w) { positiveWeight = w; return this; }
        public Builder subVolume(int s) { subVolume = s; return this; }
        public Builder margin(int m) { margin = m; return this; }
        public Builder augment(boolean on) { augment = on; return this; }
        public Builder epochs(int n) { epochs = n; return this; }
        public Builder stepsPerEpoch(int n) { stepsPerEpoch = n; return this; }
        public Builder batchSize(int n) { batchSize = n; return this; }
        public Builder learningRate(double lr) { learningRate = lr; return this; }
        public Builder weightDecay(double w) { weightDecay = w; return this; }
        public Builder powerWeight(double w) { powerWeight = w; return this; }
        public Builder powerOfExp(boolean on) { powerOfExp = on; return this; }
        public Builder seed(long s) { seed = s; return this; }

        /** The configuration; throws {@link IllegalArgumentException} naming any value out of range. */
        public VoxelConfig build() {
            return new VoxelConfig(architecture, channels, depth, batchNorm, residual, objective, positiveWeight, subVolume,
                    margin, augment, epochs, stepsPerEpoch, batchSize, learningRate, weightDecay, powerWeight, powerOfExp, seed);
        }
    }
}
