package org.distill.examples.hgn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.neural.TrainingListener;
import org.distill.neural.hgn.PairDistillation;
import org.distill.physics.nbody.PairLaw;
import org.distill.symbolic.ProgressListener;
import org.distill.symbolic.Selection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code distill example hgn} at its defaults (about 2.5 minutes per law on two cores): the network learns (test loss
 * under half the zero predictor's), its force follows the law's (trimmed R² ≥ 0.9) and the distilled pair term has the
 * law's form. Run with {@code ./test --slow -pl examples -am -Dtest=HamiltonianGnSlowTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("slow")
class HamiltonianGnSlowTest {
    @ParameterizedTest
    @EnumSource(names = {"R2", "SPRING"})
    void recoversThePairPotential(PairLaw law) {
        var settings = new HamiltonianGn.Settings(law, 4, 2000, 30, 64, 0, Duration.ofSeconds(30), 2, Selection.SCORE);
        HamiltonianGn.Outcome o = HamiltonianGn.run(settings, TrainingListener.NONE, ProgressListener.NONE, new AtomicBoolean(),
                new AtomicBoolean());
        PairDistillation.Result p = o.pair();
        assertThat(o.testLoss()).isLessThan(0.5 * o.zeroLoss());
        assertThat(p.forceFit().r2()).isGreaterThanOrEqualTo(PairDistillation.THRESHOLD);
        assertThat(p.forceFit().a()).isBetween(0.8, 1.25);
        assertThat(p.matches()).as(p.formula()).isTrue();
        assertThat(p.formula()).contains("r");
        if (law == PairLaw.R2) assertThat(p.formula()).contains("m1").contains("m2");
    }
}
