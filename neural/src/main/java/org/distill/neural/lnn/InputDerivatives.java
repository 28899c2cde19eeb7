package org.distill.neural.lnn;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * A scalar network output and its derivatives with respect to the inputs, for a batch of {@code B} inputs of
 * width {@code n}; all differentiable with respect to the network's parameters.
 *
 * @param value    the outputs, shape (B)
 * @param gradient ∂f/∂x, shape (B, n)
 * @param hessian  ∂²f/∂x∂x, shape (B, n, n), or its last rows (B, r, n); null when only the gradient was asked for
 */
public record InputDerivatives(NDArray value, NDArray gradient, NDArray hessian) {
    public InputDerivatives {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(gradient, "gradient");
    }
}
