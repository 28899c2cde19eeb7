package org.distill.symbolic.search;

import java.util.random.RandomGenerator;

/**
 * The random generator of an island: the algorithm of {@link java.util.SplittableRandom} (SplitMix64
 * with the golden gamma), whose sequence it reproduces call for call, but with its one word of
 * state readable and settable, so that an island can be sent to another process and go on with
 * exactly the numbers it would have drawn here. Only {@link #nextLong()} and {@link #nextInt()}
 * are defined, as in {@code SplittableRandom}; every other method is {@link RandomGenerator}'s
 * default built on them, as there.
 */
final class IslandRandom implements RandomGenerator {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private long seed;

    /** The generator {@code new SplittableRandom(seed)} would be. */
    IslandRandom(long seed) {
        this.seed = seed;
    }

    /** The state: {@code new IslandRandom(state())} continues this generator's sequence. */
    long state() { return seed; }

    @Override public long nextLong() {
        long z = seed += GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override public int nextInt() {
        long z = seed += GOLDEN_GAMMA;
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }
}
