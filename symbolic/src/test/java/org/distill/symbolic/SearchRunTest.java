package org.distill.symbolic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.search.Search;
import org.junit.jupiter.api.Test;

class SearchRunTest {

    private static SymbolicRegressor.Builder small() {
        // No target stages (no exp and log; power targets off): the generations counted below are the search's own.
        return SymbolicRegressor.builder().operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.SQRT).powerTargets(false)
                .islands(4).populationSize(60).generationsPerEpoch(5).seed(1).threads(2);
    }

    @Test
    void finishingALimitedRunGivesTheFrontFoundSoFar() {
        Dataset data = SymbolicRegressorTest.kepler();
        AtomicInteger heard = new AtomicInteger();
        SymbolicRegressor r = small().generations(1000).listener(p -> heard.incrementAndGet()).build();
        try (SearchRun run = r.start(data)) {
            List<Progress> ps = run.progress().limit(4).toList();
            assertThat(heard).hasValue(4);
            ParetoFront front = run.finish();
            assertThat(front.provenance().stopReason()).isEqualTo("stopped");
            assertThat(front.provenance().generations()).isEqualTo(20).isEqualTo(ps.getLast().generation());
            assertThat(front.provenance().settings()).isEqualTo(r.options());
            assertThat(front.isEmpty()).isFalse();
            // Refitted on all rows and simplified: never worse than the raw front at the same size.
            Equation raw = ps.getLast().front().select(Selection.ACCURACY);
            assertThat(front.select(Selection.ACCURACY).loss()).isLessThanOrEqualTo(raw.loss() * (1 + 1e-6));
            assertThat(run.finish()).isSameAs(front);
            assertThatThrownBy(run::progress).isInstanceOf(IllegalStateException.class).hasMessageContaining("finished");
        }
    }

    @Test
    void aRunToItsBudgetFinishesLikeFit() {
        Dataset data = SymbolicRegressorTest.sample(80, 2, -2, 2, 3, x -> x[0] * x[1] + 1);
        SymbolicRegressor r = small().generations(20).simplify(false).build();
        ParetoFront front;
        try (SearchRun run = r.start(data)) {
            assertThat(run.progress().count()).isEqualTo(4);
            front = run.finish();
        }
        ParetoFront fitted = r.fit(data);
        assertThat(front.equations()).isEqualTo(fitted.equations());
        assertThat(front.provenance().stopReason()).isEqualTo("generations");
        assertThat(front.provenance().evaluations()).isEqualTo(fitted.provenance().evaluations());
    }

    @Test
    void progressIsOneStream() {
        try (SearchRun run = small().generations(10).build().start(SymbolicRegressorTest.kepler())) {
            run.progress();
            assertThatThrownBy(run::progress).isInstanceOf(IllegalStateException.class).hasMessageContaining("already");
        }
    }

    @Test
    void cancelStopsTheRun() {
        SymbolicRegressor r = small().generations(1_000_000).simplify(false).build();
        try (SearchRun run = r.start(SymbolicRegressorTest.kepler())) {
            long epochs = run.progress().peek(p -> { if (p.generation() >= 10) run.cancel(); }).count();
            assertThat(epochs).isEqualTo(2);
            assertThat(run.finish().provenance().stopReason()).isEqualTo("cancelled");
        }
    }

    @Test
    void theTimeLimitCoversTheFinish() {
        // Symja simplifies within the limit: the whole fit, Symja's start included, ends by then.
        Dataset data = SymbolicRegressorTest.sample(200, 2, 0.5, 2, 4, x -> Math.sqrt(x[0]) * x[1] + x[0] / x[1]);
        Duration limit = Duration.ofSeconds(3);
        SymbolicRegressor r = small().build().withTimeLimit(limit).withGenerations(0);
        long t0 = System.nanoTime();
        ParetoFront front = r.fit(data);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(front.provenance().stopReason()).isEqualTo("time limit");
        assertThat(front.isEmpty()).isFalse();
        // Only the loss of equations the finish did not reach is computed after the limit.
        assertThat(took).isLessThan(limit.plusMillis(1500));
        assertThat(front.provenance().wallTime()).isLessThan(limit.plusMillis(1000));
    }

    @Test
    void aLimitThatHasPassedBeforeTheSearchBeganStillGivesAFront() {
        // every island runs its first generation whatever the limit: its population is evaluated only then
        ParetoFront front = small().timeLimit(Duration.ofNanos(1)).build().fit(SymbolicRegressorTest.kepler());
        assertThat(front.isEmpty()).isFalse();
        assertThat(front.provenance().generations()).isEqualTo(1);
    }

    @Test
    void aStreamUsesTheWholeTimeLimit() {
        Duration limit = Duration.ofMillis(1500);
        List<Progress> ps = small().timeLimit(limit).build().stream(SymbolicRegressorTest.kepler()).toList();
        // No finish follows a stream, so it runs past the point where a fitting run stops to
        // leave its finishing share; its last epoch may end a few microseconds before the limit
        // itself (the check after that epoch then ends the stream), so the limit is not a bound.
        assertThat(ps.getLast().elapsed())
                .isGreaterThan(limit.minus(Search.finishReserve(limit, true)));
        assertThat(ps.getLast().fraction()).isGreaterThan(0.75).isLessThanOrEqualTo(1.0);
    }
}
