package org.distill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.distill.symbolic.Progress;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    static Progress progress(long gen, double fraction) {
        return new Progress(gen, 52_100 * 4, Duration.ofSeconds(4), 1.234e-5, fraction, FrontFileTest.front());
    }

    @Test void rendersBarRateLossAndEta() {
        assertThat(ProgressBar.render(progress(40, 0.4), 100, true))
                .isEqualTo("gen 40/100 [########------------]  40%  52.1k eval/s  best loss 1.234e-05  ETA 0:06");
        assertThat(ProgressBar.render(progress(40, 0.4), 100, false))
                .isEqualTo("gen 40/100  40%  52.1k eval/s  best loss 1.234e-05  ETA 0:06");
        assertThat(ProgressBar.render(progress(40, Double.NaN), 0, true))
                .isEqualTo("gen 40  52.1k eval/s  best loss 1.234e-05");
    }

    @Test void formatsRatesAndClocks() {
        assertThat(ProgressBar.si(999)).isEqualTo("999");
        assertThat(ProgressBar.si(5_600_000)).isEqualTo("5.6M");
        assertThat(ProgressBar.clock(59.6)).isEqualTo("1:00");
        assertThat(ProgressBar.clock(3 * 3600 + 62)).isEqualTo("3:01:02");
    }

    @Test void terminalRedrawsOneLineAndEndsIt() {
        StringWriter sw = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(sw), true, 100);
        bar.onProgress(progress(10, 0.1));
        bar.finish();
        assertThat(sw.toString()).startsWith("\rgen 10/100 [").endsWith("\n");
        assertThat(sw.toString().chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }

    @Test void logModePrintsWholeLinesAndThrottles() {
        StringWriter sw = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(sw), false, 100);
        bar.onProgress(progress(10, 0.1));
        bar.onProgress(progress(20, 0.2)); // within 10 s: skipped
        bar.finish();
        assertThat(sw.toString()).isEqualTo("distill: gen 10/100  10%  52.1k eval/s  best loss 1.234e-05  ETA 0:36\n");
    }
}
