/**
 * 3-D convolutional networks on periodic fields (voxel networks): a plain stack of periodic 3×3×3 convolutions with
 * batch norm and ReLU, and a small 3-D U-Net (average pooling down, nearest-neighbour upsampling up: DJL 0.36 has
 * {@code Conv3d} but no 3-D transposed convolution); trained on random wrapped sub-volumes with a margin the loss
 * ignores ({@link org.distill.neural.cnn.VoxelTrainer}), as a classifier (weighted cross-entropy for a rare class) or a
 * regressor. {@link org.distill.neural.cnn.Cascade} chains a classifier and a regressor (Zhang et al. 2019).
 *
 * <pre>{@code
 * var config = VoxelConfig.builder().depth(4).channels(16).objective(Objective.REGRESS).seed(1).build();
 * try (Trained<VoxelNetwork> t = VoxelTrainer.of(config).train(VoxelData.of(n, new float[][] {density}, target))) {
 *     float[] prediction = t.model().predict(new float[][] {testDensity}, n);
 * }
 * }</pre>
 */
package org.distill.neural.cnn;
