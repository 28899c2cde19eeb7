package org.distill.neural.cnn;

/** The shape of a voxel network; both keep the input's size and are periodic (see {@link Periodic}). */
public enum Architecture {
    /**
     * {@code depth} blocks of [periodic pad 1, 3×3×3 convolution, batch norm, ReLU] of {@code channels} channels, then a
     * 1×1×1 convolution to one output: receptive field {@code 2·depth + 1} cells.
     */
    PLAIN,
    /**
     * A 3-D U-Net with {@code depth} levels: at each level two conv blocks, 2×2×2 average pooling down, nearest-neighbour
     * upsampling back, concatenation with the level's features and two conv blocks; channels double per level. The
     * input's sides must be multiples of {@code 2^(depth−1)}.
     */
    UNET
}
