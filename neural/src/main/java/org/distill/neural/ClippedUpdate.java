package org.distill.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.List;

/**
 * One optimiser update of hand-managed float64 parameters (the {@code Mlp}-based networks, which train outside DJL's
 * {@code Trainer}) with their gradients scaled down to a global L2 norm, then zeroed in place. A step whose loss or
 * gradient norm is not finite updates nothing. A parameter the loss does not depend on (the Lagrangian's output bias)
 * has no gradient: DJL then returns float32 zeros, which are left out of the norm and the update.
 *
 * <p>Gradients are zeroed with {@link #zero}, not {@code g.subi(g)}: DJL's own gradient collector zeroes that way
 * (0.36), which leaves a NaN or an infinity where there was one, so a single non-finite gradient would freeze every
 * later step.
 */
public final class ClippedUpdate {
    /** Every element. */
    private static final NDIndex ALL = new NDIndex("...");

    private ClippedUpdate() { }

    /**
     * Updates {@code parameters} from their gradients with {@code optimizer} (parameter {@code p} under the name
     * {@code prefix + "-" + p}), scaled by {@code min(1, clipNorm / |g|)}, unless {@code loss} or {@code |g|} is not
     * finite; zeroes the gradients either way.
     */
    public static void apply(Optimizer optimizer, String prefix, List<NDArray> parameters, double loss, double clipNorm) {
        NDArray[] grads = new NDArray[parameters.size()];
        double squares = 0;
        for (int p = 0; p < grads.length; p++) {
            grads[p] = parameters.get(p).getGradient();
            if (grads[p].getDataType() == DataType.FLOAT64) squares += grads[p].square().sum().getDouble();
        }
        double norm = Math.sqrt(squares), scale = norm > clipNorm ? clipNorm / norm : 1;
        boolean finite = Double.isFinite(loss) && Double.isFinite(norm);
        for (int p = 0; p < grads.length; p++) {
            if (finite && grads[p].getDataType() == DataType.FLOAT64)
                optimizer.update(prefix + "-" + p, parameters.get(p), scale == 1 ? grads[p] : grads[p].mul(scale));
            zero(grads[p]);
        }
    }

    /**
     * For networks trained with DJL's {@code Trainer}: whether {@code loss} and every gradient of the trainer's block
     * are finite, so that {@code trainer.step()} may follow. If not, the gradients are zeroed with {@link #zero} (DJL's
     * own zeroing would keep a NaN for every later step) and the caller skips the step, so one bad step cannot turn
     * the weights into NaN. Parameters that take no gradient (batch-norm running statistics) are passed over.
     */
    public static boolean finiteOrZeroed(Trainer trainer, double loss) {
        List<NDArray> grads = new ArrayList<>();
        NDArray total = null; // Σ|g| over every gradient, read back once: a NaN or an infinity anywhere makes it non-finite
        for (var p : trainer.getModel().getBlock().getParameters()) {
            if (!p.getValue().requiresGradient()) continue;
            NDArray g = p.getValue().getArray().getGradient();
            grads.add(g);
            NDArray s = g.abs().sum();
            total = total == null ? s : total.add(s);
        }
        boolean finite = Double.isFinite(loss) && (total == null || Double.isFinite(total.getFloat()));
        if (!finite) for (NDArray g : grads) zero(g);
        return finite;
    }

    /**
     * Sets every element of {@code gradient} to 0 in place, NaN and infinities included ({@code g.subi(g)} keeps
     * them: NaN − NaN is NaN).
     */
    public static void zero(NDArray gradient) {
        gradient.set(ALL, 0);
    }
}
