package org.distill.physics.inference;

/**
 * How to run an {@link EnsembleSampler}.
 *
 * <pre>{@code
 * var config = SamplerConfig.builder().walkers(32).steps(3000).burnIn(1000).seed(7).build();
 * }</pre>
 *
 * @param walkers the ensemble's size, even, in [4, 100000] (at least twice the dimension is checked at run time)
 * @param steps   ensemble steps, in [1, 10000000]
 * @param burnIn  steps discarded before the summaries and diagnostics, in [0, steps − 1]
 * @param stretch the stretch move's scale a &gt; 1 (Goodman &amp; Weare's and emcee's default 2)
 * @param seed    seeds every proposal and acceptance
 */
public record SamplerConfig(int walkers, int steps, int burnIn, double stretch, long seed) {
    public SamplerConfig {
        if (walkers < 4 || walkers > 100_000 || walkers % 2 != 0)
            throw new IllegalArgumentException("walkers must be even and in [4, 100000]: " + walkers);
        if (steps < 1 || steps > 10_000_000) throw new IllegalArgumentException("steps must be in [1, 10000000]: " + steps);
        if (burnIn < 0 || burnIn >= steps)
            throw new IllegalArgumentException("burnIn must be in [0, steps − 1 = " + (steps - 1) + "]: " + burnIn);
        if (!(stretch > 1 && stretch < 100)) throw new IllegalArgumentException("stretch must be in (1, 100): " + stretch);
    }

    /** A builder with the defaults. */
    public static Builder builder() { return new Builder(); }

    /** Builds configurations. Defaults: 32 walkers, 3000 steps of which 1000 burn-in, stretch 2, seed 42. */
    public static final class Builder {
        private int walkers = 32, steps = 3000, burnIn = 1000;
        private double stretch = 2;
        private long seed = 42;

        private Builder() { }

        public Builder walkers(int v) { walkers = v; return this; }
        public Builder steps(int v) { steps = v; return this; }
        public Builder burnIn(int v) { burnIn = v; return this; }
        public Builder stretch(double v) { stretch = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        /** The configuration; throws {@link IllegalArgumentException} naming any value out of range. */
        public SamplerConfig build() { return new SamplerConfig(walkers, steps, burnIn, stretch, seed); }
    }
}
