package org.distill.neural.cnn;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Objects;

/**
 * A trained voxel network: maps the input channels of a periodic n³ box to one field on the same mesh (a probability
 * of occupation for {@link Objective#CLASSIFY}, the target's value otherwise). The whole box goes through at once with
 * periodic padding, so the prediction has no seams. Holds native memory: close it. Methods are serialised.
 */
public final class VoxelNetwork implements AutoCloseable {
    private final Model model;
    private final Block block;
    private final VoxelConfig config;
    private final int channels;
    private final ParameterStore store;
    private boolean closed;

    VoxelNetwork(Model model, Block block, VoxelConfig config, int channels) {
        this.model = model;
        this.block = block;
        this.config = config;
        this.channels = channels;
        this.store = new ParameterStore(model.getNDManager(), false);
    }

    /** How it was configured and trained. */
    public VoxelConfig config() { return config; }

    /** Input channels it takes. */
    public int channels() { return channels; }

    /** Trainable parameters (weights and biases; batch-norm running statistics not counted). */
    public long parameterCount() {
        return block.getParameters().values().stream().filter(p -> p.requiresGradient())
                .mapToLong(p -> p.getArray().size()).sum();
    }

    /**
     * The prediction on a whole periodic box: {@code input[channel]} holds n³ values; returns n³ values (probabilities
     * for a classifier). For a U-Net, n must be a multiple of {@code 2^(depth−1)}.
     */
    @SuppressWarnings("try") // the scope frees what the block creates
    public synchronized float[] predict(float[][] input, int n) {
        if (closed) throw new IllegalStateException("the voxel network is closed");
        Objects.requireNonNull(input, "input");
        if (input.length != channels) throw new IllegalArgumentException("input has " + input.length + " channels, the network takes " + channels);
        for (float[] c : input) Periodic.checkField(c, n);
        int unit = config.architecture() == Architecture.UNET ? 1 << (config.depth() - 1) : 1;
        if (n % unit != 0) throw new IllegalArgumentException("a U-Net of depth " + config.depth() + " needs n to be a multiple of " + unit + ": " + n);
        long cells = (long) n * n * n;
        float[] flat = new float[(int) (channels * cells)];
        for (int c = 0; c < channels; c++) System.arraycopy(input[c], 0, flat, (int) (c * cells), (int) cells);
        try (var scope = new NDScope(); var manager = model.getNDManager().newSubManager()) {
            NDArray x = manager.create(flat, new Shape(1, channels, n, n, n));
            NDArray out = block.forward(store, new NDList(x), false).head();
            if (config.objective() == Objective.CLASSIFY) out = Activation.sigmoid(out);
            return out.toFloatArray();
        }
    }

    /** Frees the native memory. */
    @Override public synchronized void close() {
        if (closed) return;
        closed = true;
        model.close();
    }

    @Override public String toString() {
        return "VoxelNetwork[" + config.architecture() + ", " + config.objective() + ", channels=" + config.channels()
                + ", depth=" + config.depth() + "]";
    }
}
