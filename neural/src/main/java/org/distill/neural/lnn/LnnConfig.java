package org.distill.neural.lnn;

import java.util.Objects;
import org.distill.neural.gn.Schedule;

/**
 * How to build and train a {@link LagrangianNetwork} and its {@link DirectNetwork} baseline (both get the same hidden
 * layers, optimiser and steps). Defaults: 3 hidden softplus layers of 128 units, the paper's initialisation for the
 * Lagrangian, ridge 1e-6 (damped least squares), Hessian penalty 10, a kinetic term ½|q̇|², Adam with a one-cycle schedule peaking at 1e-3,
 * gradients clipped to norm 1, batches of 256 states, 30 epochs.
 *
 * <p>The paper's plain recipe (plain inverse, no penalty, no clipping: {@code ridge(0).hessianPenalty(0)
 * .clipNorm(Double.POSITIVE_INFINITY)}) trained unstably here: on double-pendulum states the loss spiked whenever a
 * velocity Hessian passed through singular, and often never recovered (docs/LAGRANGIAN-NETWORKS.md).
 *
 * @param hiddenSize     units per hidden layer, in [1, 4096]
 * @param hiddenLayers   hidden layers, in [1, 16]
 * @param activation     the hidden activation (smooth: the Lagrangian needs second derivatives)
 * @param initialization the Lagrangian network's weight initialisation (the baseline is always Xavier)
 * @param ridge          λ of the damped least-squares solve {@code (H² + λI)⁻¹ H rhs}, in [0, 1] (0: plain inverse)
 * @param epochs         passes over the training states, in [1, 100000]
 * @param batchSize      states per optimiser step, in [1, 65536]
 * @param learningRate   peak learning rate, in (0, 1]
 * @param schedule       learning-rate schedule over the run
 * @param clipNorm       the gradients of a step are scaled down to this global L2 norm when above it, > 0
                          (∞: no clipping); near-singular velocity Hessians otherwise give steps that wreck the network
 * @param hessianPenalty weight of {@link LagrangianNetwork}'s penalty on velocity Hessians that are not positive
 *                       definite, ≥ 0 (0: the paper's plain loss)
 * @param kinetic        k of a fixed term ½k|q̇|² added to the Lagrangian network's output, ≥ 0 (0: none): it makes
 *                       the velocity Hessian start positive definite, which fixes the sign and scale freedom of L
 *                       (without it, networks whose Hessian started or became negative definite were held by the
 *                       penalty near singular; docs/LAGRANGIAN-NETWORKS.md). {@link LagrangianGraphNetwork} ignores it
 * @param separable      the Lagrangian network as {@code L = T(q̇) + U(q)}, two MLPs of the same hidden layers (a prior:
 *                       no coupling of velocities and positions, true of a particle in a static potential, not of a
 *                       pendulum); it removes the freedom to learn an equivalent but mixed Lagrangian
 * @param seed           seeds the initial weights and the batch order
 */
public record LnnConfig(int hiddenSize, int hiddenLayers, Activation activation, Initialization initialization,
                        double ridge, int epochs, int batchSize, double learningRate, Schedule schedule, double clipNorm, double hessianPenalty, double kinetic, boolean separable, long seed) {
    public LnnConfig {
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(initialization, "initialization");
        Objects.requireNonNull(schedule, "schedule");
        check("hiddenSize", hiddenSize, 1, 4096);
        check("hiddenLayers", hiddenLayers, 1, 16);
        check("epochs", epochs, 1, 100_000);
        check("batchSize", batchSize, 1, 65_536);
        if (!(ridge >= 0 && ridge <= 1)) throw new IllegalArgumentException("ridge must be in [0, 1]: " + ridge);
        if (!(hessianPenalty >= 0) || Double.isInfinite(hessianPenalty))
            throw new IllegalArgumentException("hessianPenalty must be finite and >= 0: " + hessianPenalty);
        if (!(kinetic >= 0) || Double.isInfinite(kinetic))
            throw new IllegalArgumentException("kinetic must be finite and >= 0: " + kinetic);
        if (!(clipNorm > 0)) throw new IllegalArgumentException("clipNorm must be > 0: " + clipNorm);
        if (!(learningRate > 0 && learningRate <= 1))
            throw new IllegalArgumentException("learningRate must be in (0, 1]: " + learningRate);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max)
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "]: " + value);
    }

    /** The defaults. */
    public static LnnConfig defaults() { return builder().build(); }

    public static Builder builder() { return new Builder(); }

    /** Layer widths from {@code inputs} through the hidden layers to {@code outputs}. */
    public int[] widths(int inputs, int outputs) {
        int[] w = new int[hiddenLayers + 2];
        w[0] = inputs;
        for (int l = 1; l <= hiddenLayers; l++) w[l] = hiddenSize;
        w[hiddenLayers + 1] = outputs;
        return w;
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        var b = new Builder();
        b.hiddenSize = hiddenSize; b.hiddenLayers = hiddenLayers; b.activation = activation; b.initialization = initialization;
        b.ridge = ridge; b.epochs = epochs; b.batchSize = batchSize; b.learningRate = learningRate; b.schedule = schedule;
        b.clipNorm = clipNorm; b.hessianPenalty = hessianPenalty; b.kinetic = kinetic;
        b.separable = separable; b.seed = seed;
        return b;
    }

    /** Builds {@link LnnConfig}s; every setting has a default. */
    public static final class Builder {
        private int hiddenSize = 128, hiddenLayers = 3, epochs = 30, batchSize = 256;
        private Activation activation = Activation.SOFTPLUS;
        private Initialization initialization = Initialization.LAGRANGIAN;
        private double ridge = 1e-6, learningRate = 1e-3, clipNorm = 1, hessianPenalty = 10, kinetic = 1;
        private Schedule schedule = Schedule.ONE_CYCLE;
        private long seed = 0;
        private boolean separable = false;

        private Builder() { }

        public Builder hiddenSize(int v) { hiddenSize = v; return this; }
        public Builder hiddenLayers(int v) { hiddenLayers = v; return this; }
        public Builder activation(Activation v) { activation = v; return this; }
        public Builder initialization(Initialization v) { initialization = v; return this; }
        public Builder ridge(double v) { ridge = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder schedule(Schedule v) { schedule = v; return this; }
        public Builder clipNorm(double v) { clipNorm = v; return this; }
        public Builder hessianPenalty(double v) { hessianPenalty = v; return this; }
        public Builder kinetic(double v) { kinetic = v; return this; }
        public Builder separable(boolean v) { separable = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        public LnnConfig build() {
            return new LnnConfig(hiddenSize, hiddenLayers, activation, initialization, ridge, epochs, batchSize,
                    learningRate, schedule, clipNorm, hessianPenalty, kinetic, separable, seed);
        }
    }
}
