package org.distill.examples.cosmo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.physics.cosmo.stats.WhiteMark;
import org.distill.spark.SparkContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MarkedFisherSpark} in {@code local[2]}: a stored run that lacks a mark is rerun on Spark, and the old mark kept. */
class MarkedFisherSparkTest {
    @TempDir Path dir;

    @Test void aNewMarkRerunsOnSparkKeepsTheStoredMarkAndThenNothingReruns() throws IOException, InterruptedException {
        WhiteMark other = new WhiteMark(15, 1, 0.5);
        MarkedFisher.Settings first = MarkedFisherTest.tiny().fiducialSims(1).build();
        MarkedFisher.Store store = MarkedFisher.Store.open(dir, first.physics());
        MarkedFisher.Campaign local = MarkedFisher.simulate(first, store, MarkedFisher.Listener.NONE, new AtomicBoolean());
        assertThat(local.ran()).isEqualTo(14);
        MarkedFisher.Settings both = MarkedFisherTest.tiny().fiducialSims(1).marks(List.of(WhiteMark.MASSARA, other)).build();
        try (SparkContexts.Handle spark = SparkContexts.start("local[2]", "test")) {
            int[] seen = {0};
            MarkedFisher.Campaign c = MarkedFisherSpark.simulate(spark.context(), both, store, (done, total, st, reused) -> {
                assertThat(reused).isFalse();
                assertThat(total).isEqualTo(14);
                seen[0]++;
            }, () -> false);
            assertThat(c.ran()).isEqualTo(14);
            assertThat(c.reused()).isZero();
            assertThat(c.cancelled()).isFalse();
            assertThat(seen[0]).isEqualTo(14);
            for (MarkedFisher.SimSpec spec : MarkedFisher.plan(both)) {
                MarkedFisher.SimStats before = local.stats().get(spec.fileName()), after = store.read(spec);
                assertThat(after.has(both.marks())).as(spec.fileName()).isTrue();
                assertThat(after.spectrum("")).isEqualTo(before.spectrum(""));
                assertThat(after.spectrum(WhiteMark.MASSARA.toString())).isEqualTo(before.spectrum(WhiteMark.MASSARA.toString()));
            }
            MarkedFisher.Campaign again = MarkedFisherSpark.simulate(spark.context(), both, store, MarkedFisher.Listener.NONE, () -> false);
            assertThat(again.ran()).isZero();
            assertThat(again.reused()).isEqualTo(14);
            assertThat(again.stats()).hasSize(14);
            // stopped before it starts: nothing runs, what is stored comes back
            MarkedFisher.Settings more = MarkedFisherTest.tiny().fiducialSims(2).build();
            MarkedFisher.Campaign stopped = MarkedFisherSpark.simulate(spark.context(), more, store, MarkedFisher.Listener.NONE, () -> true);
            assertThat(stopped.ran()).isZero();
            assertThat(stopped.cancelled()).isTrue();
            assertThat(stopped.stats()).hasSize(14);
        }
    }
}
