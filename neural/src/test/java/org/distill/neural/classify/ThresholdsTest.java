package org.distill.neural.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdsTest {
    @Test void picksTheThresholdThatSeparatesBest() {
        double[] s1 = {0.1, 0.2, 0.3, 0.8, 0.9}, s2 = {0.15, 0.6, 0.7, 0.95, 0.25};
        boolean[] y1 = {false, false, false, true, true}, y2 = {false, false, true, true, false};
        double[] candidates = {0.1, 0.5, 0.65, 0.85};
        // at 0.65 both tasks are separated perfectly; at 0.5 task 2 has one false positive
        double t = Thresholds.bestMeanMcc(List.of(s1, s2), List.of(y1, y2), null, candidates);
        assertThat(t).isEqualTo(0.65);
        assertThat(Thresholds.meanMcc(List.of(s1, s2), List.of(y1, y2), null, 0.65)).isEqualTo(1.0);
        // excluding the misranked star of task 2 makes 0.5 perfect too, and the smaller wins the tie
        double u = Thresholds.bestMeanMcc(List.of(s1, s2), List.of(y1, y2), List.of(new int[0], new int[] {1}), candidates);
        assertThat(u).isEqualTo(0.5);
    }

    @Test void logisticGridIsMonotoneProbabilities() {
        double[] g = Thresholds.logisticGrid(-2, 2, 0.5);
        assertThat(g).hasSize(9);
        assertThat(g[4]).isCloseTo(0.5, within(1e-15));
        double[] sorted = g.clone();
        Arrays.sort(sorted);
        assertThat(g).containsExactly(sorted);
    }

    @Test void badInputIsRejected() {
        assertThatThrownBy(() -> Thresholds.bestMeanMcc(List.of(), List.of(), null, new double[] {0.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no tasks to choose a threshold on");
        assertThatThrownBy(() -> Thresholds.bestMeanMcc(List.of(new double[2]), List.of(new boolean[3]), null, new double[] {0.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("task 0: scores has 2 stars, truth 3");
        assertThatThrownBy(() -> Thresholds.bestMeanMcc(List.of(new double[2]), List.of(new boolean[2]), null, new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no candidate thresholds");
    }
}
