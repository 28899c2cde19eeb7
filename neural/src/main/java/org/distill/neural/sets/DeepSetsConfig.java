package org.distill.neural.sets;

/**
 * How to build and meta-train a Deep Sets member classifier.
 *
 * <pre>{@code
 * var config = DeepSetsConfig.builder().hidden(128).epochs(40).seed(7).build();
 * }</pre>
 *
 * @param hidden             units per hidden layer of φ, ρ and the head, in [4, 4096]
 * @param context            size of the set encoding ρ(mean φ), in [1, 4096]
 * @param epochs             passes over the training tasks, in [1, 100000]
 * @param tasksPerBatch      tasks (each with its own support set) per optimiser step, in [1, 1024]
 * @param queriesPerTask     query stars sampled per task and step, in [2, 65536]
 * @param positiveFraction   fraction of the queries drawn from the task's other members, in (0, 1); the
 *                           loss weighs positives and negatives equally whatever this is
 * @param minSupport         smallest support set drawn in training, in [1, maxSupport]
 * @param maxSupport         largest support set drawn in training, in [minSupport, 100000]; sizes are drawn
 *                           log-uniformly in between
 * @param learningRate       Adam's learning rate, in (0, 1], cosine-decayed to a tenth over the run
 * @param weightDecay        Adam's weight decay, in [0, 1)
 * @param validationFraction fraction of the training tasks kept out of training to tune the decision
 *                           threshold (at least one task when &gt; 0), in [0, 0.5]
 * @param seed               seeds the initial weights, the task order, support sets and queries
 */
public record DeepSetsConfig(int hidden, int context, int epochs, int tasksPerBatch, int queriesPerTask,
                             double positiveFraction, int minSupport, int maxSupport, double learningRate,
                             double weightDecay, double validationFraction, long seed) {
    public DeepSetsConfig {
        check("hidden", hidden, 4, 4096);
        check("context", context, 1, 4096);
        check("epochs", epochs, 1, 100_000);
        check("tasksPerBatch", tasksPerBatch, 1, 1024);
        check("queriesPerTask", queriesPerTask, 2, 65_536);
        check("maxSupport", maxSupport, 1, 100_000);
        check("minSupport", minSupport, 1, maxSupport);
        if (!(positiveFraction > 0 && positiveFraction < 1))
            throw new IllegalArgumentException("positiveFraction must be in (0, 1): " + positiveFraction);
        if (!(learningRate > 0 && learningRate <= 1))
            throw new IllegalArgumentException("learningRate must be in (0, 1]: " + learningRate);
        if (!(weightDecay >= 0 && weightDecay < 1))
            throw new IllegalArgumentException("weightDecay must be in [0, 1): " + weightDecay);
        if (!(validationFraction >= 0 && validationFraction <= 0.5))
            throw new IllegalArgumentException("validationFraction must be in [0, 0.5]: " + validationFraction);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max)
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "]: " + value);
    }

    /** A builder with the defaults. */
    public static Builder builder() { return new Builder(); }

    /** Positive queries per task and step (at least 1, at most queriesPerTask − 1). */
    public int positiveQueries() {
        return (int) Math.max(1, Math.min(queriesPerTask - 1, Math.round(queriesPerTask * positiveFraction)));
    }

    /**
     * Builds configurations. Defaults: 128 hidden units, context 64, 40 epochs, 8 tasks per step, 256
     * queries per task of which a quarter members, support sets of 5 to 150, learning rate 2e-3, weight
     * decay 1e-5, a tenth of the tasks for validation, seed 42.
     */
    public static final class Builder {
        private int hidden = 128, context = 64, epochs = 40, tasksPerBatch = 8, queriesPerTask = 256;
        private int minSupport = 5, maxSupport = 150;
        private double positiveFraction = 0.25, learningRate = 2e-3, weightDecay = 1e-5, validationFraction = 0.1;
        private long seed = 42;

        private Builder() { }

        public Builder hidden(int v) { hidden = v; return this; }
        public Builder context(int v) { context = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder tasksPerBatch(int v) { tasksPerBatch = v; return this; }
        public Builder queriesPerTask(int v) { queriesPerTask = v; return this; }
        public Builder positiveFraction(double v) { positiveFraction = v; return this; }
        public Builder minSupport(int v) { minSupport = v; return this; }
        public Builder maxSupport(int v) { maxSupport = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder validationFraction(double v) { validationFraction = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        /** The configuration; throws {@link IllegalArgumentException} naming any value out of range. */
        public DeepSetsConfig build() {
            return new DeepSetsConfig(hidden, context, epochs, tasksPerBatch, queriesPerTask, positiveFraction,
                    minSupport, maxSupport, learningRate, weightDecay, validationFraction, seed);
        }
    }
}
