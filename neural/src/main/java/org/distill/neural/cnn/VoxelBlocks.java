package org.distill.neural.cnn;

import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * The DJL blocks of the voxel networks. DJL 0.36 has {@code Conv3d} but no 3-D transposed convolution, so the U-Net
 * goes up by nearest-neighbour upsampling ({@code repeat} along each axis: PyTorch's {@code repeat_interleave}) followed
 * by convolutions, and down by 2×2×2 average pooling. Every 3×3×3 convolution is preceded by a periodic pad of one
 * cell and has no padding of its own. Convolutions keep their bias even before batch norm: in DJL 0.36 on PyTorch a
 * {@code Conv3d} built with {@code optBias(false)} trained to NaN.
 */
final class VoxelBlocks {
    private VoxelBlocks() { }

    /** The network for {@code config}: (batch, inChannels, d, h, w) to (batch, 1, d, h, w). */
    static Block build(VoxelConfig config) {
        var body = new SequentialBlock();
        switch (config.architecture()) {
            case PLAIN -> {
                for (int l = 0; l < config.depth(); l++) body.add(conv(config.channels(), config.batchNorm()));
            }
            case UNET -> body.add(level(config.channels(), config.depth(), config.batchNorm()));
        }
        body.add(Conv3d.builder().setKernelShape(new Shape(1, 1, 1)).setFilters(1).build());
        if (!config.residual()) return body;
        // output = input channel 0 + correction
        return new ParallelBlock(list -> new NDList(list.get(0).head().add(list.get(1).head())),
                List.of(new LambdaBlock(x -> new NDList(x.head().get(":, 0:1")), "first-channel"), body));
    }

    /**
     * For a residual network, makes the last 1×1×1 convolution start at zero (call after the trainer set its
     * initialisers, before initialising): the untrained network is then exactly the identity on the first channel, so
     * training starts from the input's error and only learns the correction, instead of from the noise of a random
     * correction. Does nothing for a non-residual network.
     */
    static void startAtIdentity(Block block, VoxelConfig config) {
        if (!config.residual()) return;
        Block body = block.getChildren().get(1).getValue();
        var layers = body.getChildren();
        layers.get(layers.size() - 1).getValue().setInitializer(ai.djl.training.initializer.Initializer.ZEROS, ai.djl.nn.Parameter.Type.WEIGHT);
    }

    /** [periodic pad 1, 3×3×3 convolution, batch norm, ReLU]. */
    static Block conv(int channels, boolean batchNorm) {
        var b = new SequentialBlock()
                .add(new LambdaBlock(x -> new NDList(Periodic.pad(x.head(), 1)), "periodic-pad"))
                .add(Conv3d.builder().setKernelShape(new Shape(3, 3, 3)).setFilters(channels).build());
        if (batchNorm) b.add(BatchNorm.builder().build());
        return b.add(Activation.reluBlock());
    }

    /** A U-Net level: two conv blocks, then (unless the lowest) the skip concatenated with the level below, two conv blocks. */
    private static Block level(int channels, int levels, boolean batchNorm) {
        var b = new SequentialBlock().add(conv(channels, batchNorm)).add(conv(channels, batchNorm));
        if (levels == 1) return b;
        var down = new SequentialBlock()
                .add(Pool.avgPool3dBlock(new Shape(2, 2, 2), new Shape(2, 2, 2)))
                .add(level(2 * channels, levels - 1, batchNorm))
                .add(new LambdaBlock(x -> new NDList(x.head().repeat(2, 2).repeat(3, 2).repeat(4, 2)), "upsample"));
        b.add(new ParallelBlock(list -> new NDList(NDArrays.concat(new NDList(list.get(0).head(), list.get(1).head()), 1)),
                List.of(Blocks.identityBlock(), down)));
        return b.add(conv(channels, batchNorm)).add(conv(channels, batchNorm));
    }
}
