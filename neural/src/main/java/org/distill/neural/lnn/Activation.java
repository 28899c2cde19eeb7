package org.distill.neural.lnn;

import ai.djl.ndarray.NDArray;

/**
 * Smooth activations with their first and second derivatives, for the forward-mode propagation of input gradients
 * and Hessians in {@link Mlp}. ReLU is absent on purpose: its second derivative is zero almost everywhere, so a
 * Lagrangian made of it has no velocity Hessian.
 */
public enum Activation {
    /** {@code log(1 + eᶻ)}: σ' = sigmoid(z), σ'' = σ'(1 − σ'). The Lagrangian networks' default. */
    SOFTPLUS {
        @Override NDArray[] apply(NDArray z) {
            NDArray s = ai.djl.nn.Activation.sigmoid(z);
            return new NDArray[] {ai.djl.nn.Activation.softPlus(z), s, s.sub(s.square())};
        }
    },
    /** {@code tanh z}: σ' = 1 − a², σ'' = −2a(1 − a²). */
    TANH {
        @Override NDArray[] apply(NDArray z) {
            NDArray a = z.tanh();
            NDArray s1 = a.square().neg().add(1);
            return new NDArray[] {a, s1, a.mul(s1).mul(-2)};
        }
    };

    /** {@code {σ(z), σ'(z), σ''(z)}}, elementwise. */
    abstract NDArray[] apply(NDArray z);
}
