package org.distill.symbolic.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class IslandRandomTest {
    /** Every kind of draw the search and Jenetics make, interleaved, as SplittableRandom gives them. */
    @Test
    void reproducesSplittableRandomCallForCall() {
        for (long seed : new long[] {0, 1, -7, 0x9E3779B97F4A7C15L * 3 + 11}) {
            RandomGenerator a = new SplittableRandom(seed);
            IslandRandom b = new IslandRandom(seed);
            for (int i = 0; i < 20_000; i++) {
                switch (i % 9) {
                    case 0 -> assertThat(b.nextLong()).isEqualTo(a.nextLong());
                    case 1 -> assertThat(b.nextInt()).isEqualTo(a.nextInt());
                    case 2 -> assertThat(b.nextInt(1 + i % 97)).isEqualTo(a.nextInt(1 + i % 97));
                    case 3 -> assertThat(b.nextDouble()).isEqualTo(a.nextDouble());
                    case 4 -> assertThat(b.nextGaussian()).isEqualTo(a.nextGaussian());
                    case 5 -> assertThat(b.nextBoolean()).isEqualTo(a.nextBoolean());
                    case 6 -> assertThat(b.nextInt(-5, 1 << 20)).isEqualTo(a.nextInt(-5, 1 << 20));
                    case 7 -> assertThat(b.nextLong(1_000_000_007L)).isEqualTo(a.nextLong(1_000_000_007L));
                    default -> assertThat(b.nextFloat()).isEqualTo(a.nextFloat());
                }
            }
        }
    }

    @Test
    void stateContinuesTheSequence() {
        IslandRandom a = new IslandRandom(42);
        for (int i = 0; i < 37; i++) a.nextInt(10);
        IslandRandom b = new IslandRandom(a.state());
        for (int i = 0; i < 100; i++) assertThat(b.nextLong()).isEqualTo(a.nextLong());
    }
}
