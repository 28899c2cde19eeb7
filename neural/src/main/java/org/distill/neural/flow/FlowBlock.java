package org.distill.neural.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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
 * The flow's layers as a DJL block, in the mapped unbounded space: coupling layers, each transforming a subset T
 * of the D dimensions given the others and the condition, with the Flow++ transform (Ho et al. 2019)
 * y = logit(Σₖ πₖ σ((x − μₖ)/sₖ)) · e^a + b per dimension, whose K + 2 parameters come from a conditioner MLP
 * (two SiLU layers). Subsets alternate: layer l transforms the dimensions whose bit ⌊l/2⌋ mod ⌈log₂ D⌉ equals l mod 2,
 * so that every pair of dimensions is split by some layer.
 *
 * <p>Forward inputs: x {@code (B, D)} and the condition {@code (B, M)}; outputs z {@code (B, D)} and
 * log|det ∂z/∂x| {@code (B)}. {@link #inverse} maps z back to x (bisection on the monotone mixture CDF).
 */
final class FlowBlock extends AbstractBlock {
    private static final byte VERSION = 1;
    /** Bounds of the log-scales, enforced smoothly with tanh. */
    private static final float SCALE_BOUND = 3f, MIX_SCALE_BOUND = 4f;
    /** Bisection interval and steps of the inverse (standardised units). */
    private static final float INVERSE_RANGE = 80f;
    private static final int INVERSE_STEPS = 36; // 160·2^−36 ≈ 2e-9, below float resolution

    private final int dims, conditions, components;
    private final int[][] transformed, kept;
    private final SequentialBlock[] conditioners;

    FlowBlock(int dims, int conditions, FlowConfig config) {
        super(VERSION);
        this.dims = dims;
        this.conditions = conditions;
        this.components = config.components();
        int layers = config.layers();
        transformed = new int[layers][];
        kept = new int[layers][];
        conditioners = new SequentialBlock[layers];
        int bits = Math.max(1, 32 - Integer.numberOfLeadingZeros(dims - 1));
        for (int l = 0; l < layers; l++) {
            int bit = (l / 2) % bits, side = l % 2;
            int nT = 0;
            for (int d = 0; d < dims; d++) if (((d >> bit) & 1) == side) nT++;
            transformed[l] = new int[nT];
            kept[l] = new int[dims - nT];
            for (int d = 0, t = 0, k = 0; d < dims; d++)
                if (((d >> bit) & 1) == side) transformed[l][t++] = d;
                else kept[l][k++] = d;
            conditioners[l] = addChildBlock("coupling" + l, new SequentialBlock()
                    .add(Linear.builder().setUnits(config.hidden()).build()).add(Activation.swishBlock(1f))
                    .add(Linear.builder().setUnits(config.hidden()).build()).add(Activation.swishBlock(1f))
                    .add(Linear.builder().setUnits((long) nT * (2 + 3 * components)).build()));
        }
    }

    int dims() { return dims; }

    /**
     * Makes every conditioner's last layer start at zero (call before initialising): the raw parameters are then
     * zero, and the transform y = logit(σ(x)) = x is the identity, a stable start for deep flows.
     */
    void startAtIdentity() {
        for (SequentialBlock c : conditioners) {
            var children = c.getChildren();
            children.get(children.size() - 1).getValue()
                    .setInitializer(ai.djl.training.initializer.Initializer.ZEROS, ai.djl.nn.Parameter.Type.WEIGHT);
        }
    }

    int conditions() { return conditions; }

    /** The (D × |set|) matrix that selects the columns {@code set}. */
    private NDArray selector(NDManager manager, int[] set) {
        float[] p = new float[dims * set.length];
        for (int j = 0; j < set.length; j++) p[set[j] * set.length + j] = 1f;
        return manager.create(p, new Shape(dims, set.length));
    }

    /** The transform's parameters (B, |T|, 2 + 3K) of layer l given the kept columns and the condition. */
    private NDArray parameters(ParameterStore store, int l, NDArray xKept, NDArray c, boolean training,
                               PairList<String, Object> params) {
        NDArray in = xKept.concat(c, 1);
        NDArray raw = conditioners[l].forward(store, new NDList(in), training, params).singletonOrThrow();
        return raw.reshape(raw.getShape().get(0), transformed[l].length, 2 + 3L * components);
    }

    /** log Σ exp along the last axis. */
    private static NDArray logSumExp(NDArray v) {
        NDArray m = v.max(new int[] {-1}, true); // its gradient cancels exactly
        return v.sub(m).exp().sum(new int[] {-1}).log().add(m.squeeze(-1));
    }

    /** log σ(u) = −softplus(−u), stable. */
    private static NDArray logSigmoid(NDArray u) {
        return u.minimum(0f).sub(u.abs().neg().exp().add(1f).log());
    }

    /** The pieces of the transform at x (B, |T|): {a, b, logF, log(1 − F), log mixture pdf}. */
    private NDArray[] mixture(NDArray theta, NDArray x) {
        int k = components;
        NDArray a = theta.get(":, :, 0").div(SCALE_BOUND).tanh().mul(SCALE_BOUND);
        NDArray b = theta.get(":, :, 1");
        NDArray logPi = theta.get(":, :, 2:" + (2 + k)).logSoftmax(-1);
        NDArray mu = theta.get(":, :, " + (2 + k) + ":" + (2 + 2 * k));
        NDArray logS = theta.get(":, :, " + (2 + 2 * k) + ":" + (2 + 3 * k)).div(MIX_SCALE_BOUND).tanh().mul(MIX_SCALE_BOUND);
        NDArray u = x.expandDims(-1).sub(mu).mul(logS.neg().exp());
        NDArray ls = logSigmoid(u), lsNeg = logSigmoid(u.neg());
        NDArray logF = logSumExp(logPi.add(ls)), log1mF = logSumExp(logPi.add(lsNeg));
        NDArray logPdf = logSumExp(logPi.add(ls).add(lsNeg).sub(logS));
        return new NDArray[] {a, b, logF, log1mF, logPdf};
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0), c = inputs.get(1);
        NDManager manager = x.getManager();
        NDArray logDet = manager.zeros(new Shape(x.getShape().get(0)), x.getDataType());
        for (int l = 0; l < conditioners.length; l++) {
            NDArray pT = selector(manager, transformed[l]), pK = selector(manager, kept[l]);
            NDArray xK = x.matMul(pK), xT = x.matMul(pT);
            NDArray[] m = mixture(parameters(store, l, xK, c, training, params), xT);
            NDArray a = m[0];
            NDArray yT = m[2].sub(m[3]).mul(a.exp()).add(m[1]);
            logDet = logDet.add(a.add(m[4]).sub(m[2]).sub(m[3]).sum(new int[] {1}));
            x = xK.matMul(pK.transpose()).add(yT.matMul(pT.transpose()));
        }
        return new NDList(x, logDet);
    }

    /** The x whose forward image is z (B, D), given the condition (B, M); no gradients. */
    NDArray inverse(ParameterStore store, NDArray z, NDArray c) {
        NDManager manager = z.getManager();
        NDArray y = z;
        for (int l = conditioners.length - 1; l >= 0; l--) {
            NDArray pT = selector(manager, transformed[l]), pK = selector(manager, kept[l]);
            NDArray yK = y.matMul(pK), yT = y.matMul(pT);
            NDArray theta = parameters(store, l, yK, c, false, null);
            NDArray[] at0 = mixture(theta, yT);
            NDArray target = yT.sub(at0[1]).mul(at0[0].neg().exp()); // logit F(x) must equal this
            NDArray lo = yT.zerosLike().sub(INVERSE_RANGE), hi = yT.zerosLike().add(INVERSE_RANGE);
            for (int i = 0; i < INVERSE_STEPS; i++) {
                NDArray mid = lo.add(hi).mul(0.5f);
                NDArray[] m = mixture(theta, mid);
                NDArray above = m[2].sub(m[3]).gt(target);
                hi = NDArrays.where(above, mid, hi);
                lo = NDArrays.where(above, lo, mid);
            }
            NDArray xT = lo.add(hi).mul(0.5f);
            y = yK.matMul(pK.transpose()).add(xT.matMul(pT.transpose()));
        }
        return y;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        return new Shape[] {new Shape(b, dims), new Shape(b)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (int l = 0; l < conditioners.length; l++)
            conditioners[l].initialize(manager, dataType, new Shape(1, kept[l].length + conditions));
    }
}
