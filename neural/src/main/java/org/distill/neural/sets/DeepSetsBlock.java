package org.distill.neural.sets;

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
 * The Deep Sets member classifier as a DJL block, for a batch of B tasks at once.
 *
 * <p>Inputs: the support stars of all B tasks stacked {@code (S, d)}; the pooling matrix {@code (B, S)}
 * whose row b holds 1/K_b at the columns of task b's K_b support stars (a mean per task, whatever the
 * support sizes); the query stars {@code (B, Q, d)}; the queries whitened by their task's support
 * ({@link SupportShape}) {@code (B, Q, d + 1)}. Output: member logits {@code (B, Q)}.
 *
 * <p>Set encoder: every support star through φ (two ReLU layers), mean-pooled per task together with
 * the stars' own features and their squares (so the support's mean μ and spread σ per feature are
 * exact inputs), then ρ (two layers) gives the context c. Head: a ReLU layer over the query x, its
 * offset from the support (x − μ)/σ, its whitened offset, and c, then two more layers to a logit. Every quantity that sees
 * the support does so through a mean, so the output is invariant to the support's order and, up to
 * rounding, depends on its size only through what the mean carries.
 */
final class DeepSetsBlock extends AbstractBlock {
    private static final byte VERSION = 1;
    /** Added to the support's variance before its square root, in standardised units. */
    static final float SPREAD_FLOOR = 0.01f;

    private final int width, hidden, context;
    private final SequentialBlock phi, rho, headOut;
    private final Linear headQuery, headContext;

    DeepSetsBlock(int width, DeepSetsConfig config) {
        super(VERSION);
        this.width = width;
        this.hidden = config.hidden();
        this.context = config.context();
        phi = addChildBlock("phi", new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(hidden).build()).add(Activation.reluBlock()));
        rho = addChildBlock("rho", new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(context).build()));
        headQuery = addChildBlock("headQuery", Linear.builder().setUnits(hidden).build());
        headContext = addChildBlock("headContext", Linear.builder().setUnits(hidden).optBias(false).build());
        headOut = addChildBlock("headOut", new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(1).build()));
    }

    int width() { return width; }

    /** Features per query the head takes: x, (x − μ)/σ, and the whitened offset with its norm. */
    private long headWidth() { return 2L * width + SupportShape.width(width); }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray support = inputs.get(0), pool = inputs.get(1), queries = inputs.get(2), whitened = inputs.get(3);
        long b = queries.getShape().get(0), q = queries.getShape().get(1);
        NDArray[] encoded = encode(store, support, pool, training, params);
        NDArray c = encoded[0], mean = encoded[1], spread = encoded[2];
        NDArray offset = queries.sub(mean.expandDims(1)).div(spread.expandDims(1));
        NDArray x = queries.concat(offset, 2).concat(whitened, 2).reshape(b * q, headWidth());
        NDArray h = headQuery.forward(store, new NDList(x), training, params).singletonOrThrow().reshape(b, q, hidden);
        NDArray hc = headContext.forward(store, new NDList(c), training, params).singletonOrThrow();
        h = Activation.relu(h.add(hc.expandDims(1))).reshape(b * q, hidden);
        NDArray logits = headOut.forward(store, new NDList(h), training, params).singletonOrThrow();
        return new NDList(logits.reshape(b, q));
    }

    /** The set encoding: context {@code (B, context)}, support mean {@code (B, d)} and spread {@code (B, d)}. */
    NDArray[] encode(ParameterStore store, NDArray support, NDArray pool, boolean training,
                     PairList<String, Object> params) {
        NDArray f = phi.forward(store, new NDList(support), training, params).singletonOrThrow();
        NDArray mean = pool.matMul(support);
        NDArray variance = pool.matMul(support.square()).sub(mean.square()).maximum(0f);
        NDArray spread = variance.add(SPREAD_FLOOR).sqrt();
        NDArray pooled = pool.matMul(f).concat(mean, 1).concat(spread.log(), 1);
        NDArray c = rho.forward(store, new NDList(pooled), training, params).singletonOrThrow();
        return new NDArray[] {c, mean, spread};
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[2].get(0), inputShapes[2].get(1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        phi.initialize(manager, dataType, new Shape(1, width));
        rho.initialize(manager, dataType, new Shape(1, hidden + 2L * width));
        headQuery.initialize(manager, dataType, new Shape(1, headWidth()));
        headContext.initialize(manager, dataType, new Shape(1, context));
        headOut.initialize(manager, dataType, new Shape(1, hidden));
    }
}
