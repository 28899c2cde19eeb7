package org.distill.neural.lnn;

/** How the weights of an {@link Mlp} are drawn (normal, mean 0, seeded; biases start at 0). */
public enum Initialization {
    /**
     * Cranmer et al. (2020), "Lagrangian Neural Networks", Sec. 6: for hidden width {@code h}, standard deviation
     * {@code 2.2/√h} in the first layer, {@code 0.58·i/√h} in hidden layer {@code i} (from 1), and {@code h/√h = √h}
     * in the output layer — found to keep the Euler–Lagrange accelerations of a softplus network of order one.
     */
    LAGRANGIAN,
    /** Glorot/Xavier normal, standard deviation {@code √(2/(fan_in + fan_out))}: for the plain networks. */
    XAVIER;

    /** The standard deviation of layer {@code layer} of {@code layers} (0 = first), mapping {@code in} to {@code out}. */
    double std(int layer, int layers, int in, int out, int hidden) {
        return switch (this) {
            case LAGRANGIAN -> layer == 0 ? 2.2 / Math.sqrt(hidden)
                    : layer == layers - 1 ? Math.sqrt(hidden) : 0.58 * layer / Math.sqrt(hidden);
            case XAVIER -> Math.sqrt(2.0 / (in + out));
        };
    }
}
