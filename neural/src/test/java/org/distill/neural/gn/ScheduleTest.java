package org.distill.neural.gn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static final long TOTAL = 1000;
    private static final double MAX = 1e-3;

    @Test void oneCycleWarmsUpToThePeakThenAnnealsFarBelowTheStart() {
        var s = Schedule.ONE_CYCLE;
        assertThat(s.rate(0, TOTAL, MAX)).isCloseTo(MAX / 25, within(1e-12));
        assertThat(s.rate(299, TOTAL, MAX)).isCloseTo(MAX, within(1e-12));
        assertThat(s.rate(TOTAL - 1, TOTAL, MAX)).isCloseTo(MAX / 25 / 1e4, within(1e-15));
        for (long t = 1; t < TOTAL; t++) {
            double before = s.rate(t - 1, TOTAL, MAX), now = s.rate(t, TOTAL, MAX);
            if (t <= 299) assertThat(now).isGreaterThanOrEqualTo(before);
            else assertThat(now).isLessThanOrEqualTo(before);
        }
    }

    @Test void cosineAndConstant() {
        assertThat(Schedule.COSINE.rate(0, TOTAL, MAX)).isEqualTo(MAX);
        assertThat(Schedule.COSINE.rate(TOTAL / 2, TOTAL, MAX)).isCloseTo(MAX / 2, within(1e-12));
        assertThat(Schedule.COSINE.rate(TOTAL - 1, TOTAL, MAX)).isLessThan(MAX * 1e-4);
        assertThat(Schedule.CONSTANT.rate(123, TOTAL, MAX)).isEqualTo(MAX);
    }

    @Test void singleStepRunsAreDefined() {
        for (var s : Schedule.values()) assertThat(s.rate(0, 1, MAX)).isPositive().isLessThanOrEqualTo(MAX);
    }
}
