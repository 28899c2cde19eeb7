package org.distill.neural.halos;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The halo graph network as a DJL block: edge model → messages → sum per receiver → node model.
 *
 * <p>Inputs: node features {@code (B, 2)} (M_i, |v_i|, scaled), edge features {@code (B·K, 4)}
 * (|r_ij|, M_i, M_j, |v_i − v_j|, scaled; K edges per receiver, padded) and the padding mask
 * {@code (B·K, 1)} (1 for a real edge). Outputs: the prediction {@code (B, 1)} and the masked messages
 * {@code (B·K, k)}. The sum over a receiver's K slots is a plain reshape and sum: no scatter needed.
 */
final class HaloNetworkBlock extends AbstractBlock {
    static final int NODE_WIDTH = 2, EDGE_WIDTH = 4;
    private static final byte VERSION = 1;

    private final int messageDim;
    private final SequentialBlock edgeModel, nodeModel;

    HaloNetworkBlock(HaloNetworkConfig config) {
        super(VERSION);
        this.messageDim = config.messageDim();
        edgeModel = addChildBlock("edge", mlp(config, messageDim));
        nodeModel = addChildBlock("node", mlp(config, 1));
    }

    private static SequentialBlock mlp(HaloNetworkConfig config, int outputs) {
        var block = new SequentialBlock();
        for (int l = 0; l < config.hiddenLayers(); l++)
            block.add(Linear.builder().setUnits(config.hiddenSize()).build()).add(Activation.reluBlock());
        return block.add(Linear.builder().setUnits(outputs).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray nodes = inputs.get(0), edges = inputs.get(1), mask = inputs.get(2);
        long b = nodes.getShape().get(0), k = edges.getShape().get(0) / b;
        NDArray messages = edgeModel.forward(store, new NDList(edges), training, params).singletonOrThrow().mul(mask);
        NDArray summed = messages.reshape(b, k, messageDim).sum(new int[] {1});
        NDArray out = nodeModel.forward(store, new NDList(nodes.concat(summed, 1)), training, params).singletonOrThrow();
        return new NDList(out, messages);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1), new Shape(inputShapes[1].get(0), messageDim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        edgeModel.initialize(manager, dataType, new Shape(1, EDGE_WIDTH));
        nodeModel.initialize(manager, dataType, new Shape(1, NODE_WIDTH + messageDim));
    }

    int messageDim() { return messageDim; }
}
