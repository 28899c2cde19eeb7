package org.distill.neural.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {
    /** tp 6, fp 2, tn 12, fn 2, in a scrambled order. */
    static boolean[][] example() {
        String truth = "1101010101" + "0000101000" + "00", predicted = "1101010100" + "0100100010" + "00";
        boolean[] t = new boolean[truth.length()], p = new boolean[truth.length()];
        for (int i = 0; i < t.length; i++) {
            t[i] = truth.charAt(i) == '1';
            p[i] = predicted.charAt(i) == '1';
        }
        return new boolean[][] {t, p};
    }

    @Test void countsAndScoresMatchHandComputedValues() {
        boolean[][] e = example();
        BinaryMetrics m = BinaryMetrics.of(e[0], e[1]);
        // truth 1s: 0,1,3,5,7,9,14,16 (8); predicted 1s: 0,1,3,5,7,11,14,18 -> tp 0,1,3,5,7,14 = 6, fn 9,16 = 2,
        // fp 11,18 = 2, tn 22 - 10 = 12
        assertThat(m).isEqualTo(new BinaryMetrics(6, 2, 12, 2));
        assertThat(m.total()).isEqualTo(22);
        assertThat(m.precision()).isEqualTo(0.75);
        assertThat(m.recall()).isEqualTo(0.75);
        assertThat(m.f1()).isEqualTo(0.75);
        assertThat(m.specificity()).isCloseTo(12 / 14.0, within(1e-15));
        assertThat(m.balancedAccuracy()).isCloseTo(0.5 * (0.75 + 12 / 14.0), within(1e-15));
        // (6·12 − 2·2) / sqrt(8·8·14·14) = 68 / 112
        assertThat(m.mcc()).isCloseTo(68 / 112.0, within(1e-15));
    }

    @Test void asymmetricCase() {
        var m = new BinaryMetrics(6, 2, 10, 4);
        assertThat(m.precision()).isEqualTo(0.75);
        assertThat(m.recall()).isCloseTo(0.6, within(1e-15));
        assertThat(m.f1()).isCloseTo(12 / 18.0, within(1e-15));
        assertThat(m.balancedAccuracy()).isCloseTo(0.5 * (0.6 + 10 / 12.0), within(1e-15));
        assertThat(m.mcc()).isCloseTo(52 / Math.sqrt(8.0 * 10 * 12 * 14), within(1e-15));
        assertThat(m.get(Metric.MCC)).isEqualTo(m.mcc());
        assertThat(m.get(Metric.BALANCED_ACCURACY)).isEqualTo(m.balancedAccuracy());
    }

    @Test void perfectAndInvertedPredictions() {
        assertThat(new BinaryMetrics(5, 0, 7, 0).mcc()).isEqualTo(1.0);
        assertThat(new BinaryMetrics(0, 7, 0, 5).mcc()).isEqualTo(-1.0);
        assertThat(new BinaryMetrics(5, 0, 7, 0).balancedAccuracy()).isEqualTo(1.0);
    }

    @Test void zeroDenominatorsGiveZero() {
        var none = new BinaryMetrics(0, 0, 10, 3); // nothing predicted positive
        assertThat(none.precision()).isZero();
        assertThat(none.recall()).isZero();
        assertThat(none.f1()).isZero();
        assertThat(none.mcc()).isZero();
        assertThat(none.balancedAccuracy()).isEqualTo(0.5);
        var noPositives = new BinaryMetrics(0, 2, 8, 0);
        assertThat(noPositives.recall()).isZero();
        assertThat(noPositives.balancedAccuracy()).isEqualTo(0.8);
        assertThat(new BinaryMetrics(0, 0, 0, 0).balancedAccuracy()).isZero();
    }

    @Test void excludedIndicesAreNotCounted() {
        boolean[][] e = example();
        BinaryMetrics m = BinaryMetrics.of(e[0], e[1], new int[] {0, 9, 11});
        assertThat(m).isEqualTo(new BinaryMetrics(5, 1, 12, 1));
    }

    @Test void summaryHasMeanAndSampleStd() {
        var s = MetricSummary.of(List.of(new BinaryMetrics(1, 0, 1, 0), new BinaryMetrics(0, 1, 0, 1),
                new BinaryMetrics(0, 0, 5, 5)));
        assertThat(s.tasks()).isEqualTo(3);
        assertThat(s.mean(Metric.MCC)).isZero(); // 1, −1, 0
        assertThat(s.std(Metric.MCC)).isCloseTo(1.0, within(1e-15));
        assertThat(s.mean(Metric.PRECISION)).isCloseTo(1 / 3.0, within(1e-15));
        assertThat(MetricSummary.of(List.of(new BinaryMetrics(1, 0, 1, 0))).std(Metric.F1)).isZero();
    }

    @Test void badInputIsRejected() {
        assertThatThrownBy(() -> BinaryMetrics.of(new boolean[3], new boolean[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("truth has 3 elements, predicted 2");
        assertThatThrownBy(() -> BinaryMetrics.of(new boolean[3], new boolean[3], new int[] {3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("excluded index must be in [0, 3): 3");
        assertThatThrownBy(() -> new BinaryMetrics(1, -1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fp=-1");
        assertThatThrownBy(() -> MetricSummary.of(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no tasks to summarise");
    }
}
