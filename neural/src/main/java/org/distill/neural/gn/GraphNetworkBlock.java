package org.distill.neural.gn;

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
 * The graph network as a DJL block: edge model → messages → sum per receiver → node model (on the node's features
 * and its summed messages, or on the summed messages alone: {@link NodeInput}).
 *
 * <p>Inputs: node features {@code (N, nodeWidth)}, edge features {@code (E, edgeWidth)} and the
 * sparse COO incidence matrix {@code (N, E)} with a 1 at (receiver of e, e). Outputs: accelerations
 * {@code (N, dim)} and messages {@code (E, k)}; the KL variant adds the message means and
 * log-variances {@code (E, k)} each, and its messages are sampled in training and the means otherwise.
 */
final class GraphNetworkBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int dim, messageDim, edgeWidth, nodeWidth;
    private final boolean variational, nodeFeatures;
    private final SequentialBlock edgeModel, nodeModel;

    GraphNetworkBlock(GraphNetworkConfig config, int dim) {
        super(VERSION);
        this.dim = dim;
        this.messageDim = config.messageDim(dim);
        this.edgeWidth = config.features().edgeWidth(dim);
        this.nodeWidth = config.features().nodeWidth(dim);
        this.variational = config.variant() == Variant.KL;
        this.nodeFeatures = config.nodeInput() == NodeInput.ALL;
        edgeModel = addChildBlock("edge", mlp(config, variational ? 2 * messageDim : messageDim));
        nodeModel = addChildBlock("node", mlp(config, dim));
    }

    private static SequentialBlock mlp(GraphNetworkConfig config, int outputs) {
        var block = new SequentialBlock();
        for (int l = 0; l < config.hiddenLayers(); l++)
            block.add(Linear.builder().setUnits(config.hiddenSize()).build()).add(Activation.reluBlock());
        return block.add(Linear.builder().setUnits(outputs).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray nodes = inputs.get(0), edges = inputs.get(1), incidence = inputs.get(2);
        NDArray raw = edgeModel.forward(store, new NDList(edges), training, params).singletonOrThrow();
        NDArray messages, mean = null, logVar = null;
        if (variational) {
            NDList halves = raw.split(2, 1);
            mean = halves.get(0);
            logVar = halves.get(1);
            messages = training
                    ? mean.add(raw.getManager().randomNormal(0, 1, mean.getShape(), DataType.FLOAT32)
                            .mul(logVar.mul(0.5f).exp()))
                    : mean;
        } else {
            messages = raw;
        }
        NDArray summed = incidence.matMul(messages);
        NDArray accelerations = nodeModel.forward(store, new NDList(nodeInput(nodes, summed)), training, params)
                .singletonOrThrow();
        return variational ? new NDList(accelerations, messages, mean, logVar) : new NDList(accelerations, messages);
    }

    /**
     * The node model on {@code nodes} {@code (N, nodeWidth)} with summed messages {@code (N, k)}: accelerations
     * {@code (N, dim)}. With the summed messages of {@link #forward} it gives that call's accelerations.
     */
    NDArray node(ParameterStore store, NDArray nodes, NDArray summed) {
        return nodeModel.forward(store, new NDList(nodeInput(nodes, summed)), false, null).singletonOrThrow();
    }

    /** What the node model sees: the node's features and its summed messages, or the messages alone. */
    private NDArray nodeInput(NDArray nodes, NDArray summed) {
        return nodeFeatures ? nodes.concat(summed, 1) : summed;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0), e = inputShapes[1].get(0);
        Shape acc = new Shape(n, dim), msg = new Shape(e, messageDim);
        return variational ? new Shape[] {acc, msg, msg, msg} : new Shape[] {acc, msg};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        edgeModel.initialize(manager, dataType, new Shape(1, edgeWidth));
        nodeModel.initialize(manager, dataType, new Shape(1, (nodeFeatures ? nodeWidth : 0) + messageDim));
    }

    int messageDim() { return messageDim; }
}
