package org.distill.symbolic.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.symbolic.SymbolicRegressor;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.expr.Op;
import org.junit.jupiter.api.Test;

/** Island restarts ({@code restartGenerations}): when they happen, and that they keep a search reproducible. */
class IslandRestartTest {

    /** Noise on 60 rows with equations of at most 7 nodes: the front settles within a few dozen generations. */
    private static Columns noise() {
        Random r = new Random(5);
        int n = 60;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble();
            y[i] = r.nextGaussian();
        }
        return new Columns(new double[][] {x}, y, null, n);
    }

    private static SymbolicRegressor.Builder settled() {
        return SymbolicRegressor.builder().operators(Op.ADD, Op.MUL, Op.SIN).maxComplexity(7).islands(4)
                .populationSize(40).generationsPerEpoch(5).generations(400).seed(2).features(false);
    }

    private static Object[] run(SymbolicRegressor.Builder b) {
        try (Search s = new Search(b.build().options(), noise(), List.of("x"), new AtomicBoolean(), false)) {
            List<Search.Epoch> epochs = s.stream().toList();
            Search.Epoch last = epochs.getLast();
            List<String> front = last.front().stream().map(f -> f.expr() + " " + f.loss()).toList();
            return new Object[] {s.restarts(), front, last.evaluations(), last.generation()};
        }
    }

    @Test
    void aSettledSearchRestartsIslandsInTurn() {
        Object[] off = run(settled().threads(2));
        assertThat(off[0]).isEqualTo(0);
        Object[] on = run(settled().restartGenerations(25).threads(2));
        // 400 generations with a front settled early: a restart every 25 stalled generations, and more than one per island
        assertThat((Integer) on[0]).isGreaterThan(4);
        assertThat(on[3]).isEqualTo(400L);
        // The replaced islands' evaluations still count.
        assertThat((Long) on[2]).isGreaterThan((Long) off[2] / 2);
        // Decided at the barrier: the same front on one thread as on two.
        Object[] one = run(settled().restartGenerations(25).threads(1));
        assertThat(one[0]).isEqualTo(on[0]);
        assertThat(one[1]).isEqualTo(on[1]);
        assertThat(one[2]).isEqualTo(on[2]);
    }

    @Test
    void restartGenerationsMustNotBeNegative() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SymbolicRegressor.builder().restartGenerations(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("restartGenerations");
    }
}
