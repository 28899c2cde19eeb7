package org.distill.neural.lnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.distill.neural.Torch;

/**
 * A fully connected network in float64 whose forward pass can also carry the input gradient and Hessian of a
 * scalar output, as plain NDArray operations (forward mode), so that both stay differentiable with respect to the
 * parameters by ordinary first-order backpropagation.
 *
 * <p>Why not autograd twice: DJL's {@code createGraph} double backward gives the right numbers but leaks ~20 MB
 * per step (a gradient↔leaf cycle DJL cannot clear) and crashes after ~1 000 steps. Forward mode has no such cycle.
 * With {@code a} an activation, {@code J = ∂a/∂x} (B, n, h) and {@code H = ∂²a/∂x∂x} (B, n, n, h):
 * <pre>
 *   linear  z = aW + b:   J_z = J W,             H_z = H W
 *   σ(z):                 J_a = σ'(z) J_z,       H_a = σ''(z) (J_z ⊗ J_z) + σ'(z) H_z
 * </pre>
 * starting from {@code J = I}, {@code H = 0} at the input (so the first layer gives {@code J_z = W}). Cost: the
 * Hessian is {@code n²} times the width of the activations.
 *
 * <p>Parameters live in the network's own manager and require gradients; {@link #close()} frees them. Not
 * thread-safe.
 */
public final class Mlp implements AutoCloseable {
    private final NDManager manager;
    private final int[] widths;
    private final Activation activation;
    private final List<NDArray> weights = new ArrayList<>(), biases = new ArrayList<>();

    private Mlp(int[] widths, Activation activation, Initialization init, long seed) {
        this.widths = widths;
        this.activation = activation;
        this.manager = Torch.engine().newBaseManager(Torch.device());
        int layers = widths.length - 1, hidden = widths.length > 2 ? widths[1] : widths[0];
        var random = new SplittableRandom(seed);
        for (int l = 0; l < layers; l++) {
            int in = widths[l], out = widths[l + 1];
            double std = init.std(l, layers, in, out, hidden);
            double[] w = new double[in * out];
            for (int k = 0; k < w.length; k++) w[k] = std * random.nextGaussian();
            NDArray weight = manager.create(w, new Shape(in, out));
            NDArray bias = manager.zeros(new Shape(out), DataType.FLOAT64);
            weight.setRequiresGradient(true);
            bias.setRequiresGradient(true);
            weights.add(weight);
            biases.add(bias);
        }
    }

    /**
     * A network with layer widths {@code widths} (input, hidden..., output), weights drawn by {@code init} with
     * {@code seed}, biases 0.
     */
    public static Mlp of(int[] widths, Activation activation, Initialization init, long seed) {
        Objects.requireNonNull(widths, "widths");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(init, "init");
        if (widths.length < 2) throw new IllegalArgumentException("widths must name at least the input and output: " + Arrays.toString(widths));
        for (int w : widths)
            if (w < 1 || w > 65_536) throw new IllegalArgumentException("every width must be in [1, 65536]: " + Arrays.toString(widths));
        return new Mlp(widths.clone(), activation, init, seed);
    }

    /** Input width. */
    public int inputs() { return widths[0]; }

    /** Output width. */
    public int outputs() { return widths[widths.length - 1]; }

    /** Layer widths, input first. */
    public int[] widths() { return widths.clone(); }

    public Activation activation() { return activation; }

    /** Weights and biases in layer order (w0, b0, w1, b1, ...): the arrays themselves, for the optimiser. */
    public List<NDArray> parameters() {
        List<NDArray> all = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            all.add(weights.get(l));
            all.add(biases.get(l));
        }
        return all;
    }

    /** Number of trainable scalars. */
    public long size() {
        long n = 0;
        for (NDArray p : parameters()) n += p.size();
        return n;
    }

    /** The outputs for inputs {@code x} (B, inputs): shape (B, outputs). */
    public NDArray forward(NDArray x) {
        check(x);
        NDArray a = x;
        int last = weights.size() - 1;
        for (int l = 0; l < last; l++) a = activation.apply(a.matMul(weights.get(l)).add(biases.get(l)))[0];
        return a.matMul(weights.get(last)).add(biases.get(last));
    }

    /** The output and its input gradient (no Hessian); the network must have one output. */
    public InputDerivatives gradient(NDArray x) { return derivatives(x, -1); }

    /** The output, its input gradient and its input Hessian (B, n, n); the network must have one output. */
    public InputDerivatives derivatives(NDArray x) { return derivatives(x, 0); }

    /**
     * The output, its input gradient and the rows {@code from..n−1} of its input Hessian, shape (B, n − from, n): a
     * Lagrangian network needs only the velocity rows, which halves the cost. {@code from = −1}: no Hessian.
     */
    public InputDerivatives derivatives(NDArray x, int from) {
        check(x);
        if (outputs() != 1) throw new IllegalStateException("input derivatives need one output, the network has " + outputs());
        int n = inputs(), last = weights.size() - 1;
        if (from < -1 || from >= n) throw new IllegalArgumentException("from must be in [-1, " + (n - 1) + "]: " + from);
        boolean hessian = from >= 0;
        long batch = x.getShape().get(0), rows = n - from;
        String tail = from + ":";
        NDArray a = x, jac = null, hes = null;   // jac: (B|1, n, h), hes: (B, rows, n, h) or null (= 0)
        for (int l = 0; l < last; l++) {
            NDArray w = weights.get(l);
            NDArray z = a.matMul(w).add(biases.get(l));
            NDArray jz = jac == null ? w.expandDims(0) : jac.matMul(w);
            NDArray hz = hes == null ? null : hes.matMul(w);
            NDArray[] s = activation.apply(z);
            a = s[0];
            jac = s[1].expandDims(1).mul(jz);
            if (hessian) {
                NDArray jzRows = from == 0 ? jz : jz.get(":, " + tail);
                NDArray outer = jzRows.expandDims(2).mul(jz.expandDims(1));              // (B|1, rows, n, h)
                NDArray h = s[2].expandDims(1).expandDims(1).mul(outer);
                hes = hz == null ? h : h.add(s[1].expandDims(1).expandDims(1).mul(hz));
            }
        }
        NDArray w = weights.get(last);
        NDArray value = a.matMul(w).add(biases.get(last)).reshape(batch);
        NDArray grad = (jac == null ? w.expandDims(0).broadcast(batch, n, 1) : jac.matMul(w)).reshape(batch, n);
        NDArray hess = null;
        if (hessian) hess = hes == null ? x.getManager().zeros(new Shape(batch, rows, n), DataType.FLOAT64)
                : hes.matMul(w).reshape(batch, rows, n);
        return new InputDerivatives(value, grad, hess);
    }

    private void check(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() != 2 || s.get(1) != inputs())
            throw new IllegalArgumentException("x must have shape (B, " + inputs() + "): " + s);
        if (x.getDataType() != DataType.FLOAT64) throw new IllegalArgumentException("x must be float64: " + x.getDataType());
    }

    /** All parameters as one flat array (weights and biases in layer order). */
    public double[] flatParameters() {
        List<NDArray> ps = parameters();
        int total = (int) size(), at = 0;
        double[] flat = new double[total];
        for (NDArray p : ps) {
            double[] v = p.toDoubleArray();
            System.arraycopy(v, 0, flat, at, v.length);
            at += v.length;
        }
        return flat;
    }

    /** Arrays held by the network's manager (the parameters and their gradients): constant while training. */
    int managedArrays() { return manager.getManagedArrays().size(); }

    /** Frees the parameters. */
    @Override public void close() { manager.close(); }
}
