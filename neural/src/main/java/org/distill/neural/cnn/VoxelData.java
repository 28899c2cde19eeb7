package org.distill.neural.cnn;

import java.util.List;
import java.util.Objects;

/**
 * Training boxes for a voxel network: periodic n³ meshes, each with input channels and one target field, row-major as
 * the cosmology toolkit's {@code RealGrid}. Arrays are not copied; treat them as read-only.
 *
 * @param n       cells per side
 * @param inputs  per box, per channel, n³ values
 * @param targets per box, n³ values
 */
public record VoxelData(int n, List<float[][]> inputs, List<float[]> targets) {
    public VoxelData {
        inputs = List.copyOf(inputs);
        targets = List.copyOf(targets);
        if (n < 1 || n > 1024) throw new IllegalArgumentException("n must be in [1, 1024]: " + n);
        if (inputs.isEmpty()) throw new IllegalArgumentException("data needs at least one box");
        if (inputs.size() != targets.size())
            throw new IllegalArgumentException("inputs has " + inputs.size() + " boxes, targets " + targets.size());
        int channels = inputs.get(0).length;
        if (channels < 1) throw new IllegalArgumentException("a box needs at least one input channel");
        for (int b = 0; b < inputs.size(); b++) {
            float[][] in = Objects.requireNonNull(inputs.get(b), "inputs");
            if (in.length != channels)
                throw new IllegalArgumentException("box " + b + " has " + in.length + " input channels, box 0 has " + channels);
            for (float[] c : in) Periodic.checkField(c, n);
            Periodic.checkField(targets.get(b), n);
        }
    }

    /** One box. */
    public static VoxelData of(int n, float[][] input, float[] target) { return new VoxelData(n, java.util.Collections.singletonList(input), List.of(target)); }

    /** Input channels. */
    public int channels() { return inputs.get(0).length; }

    /** Boxes. */
    public int boxes() { return inputs.size(); }
}
