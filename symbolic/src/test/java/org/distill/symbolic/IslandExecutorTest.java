package org.distill.symbolic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.distill.symbolic.eval.Loss;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.search.IslandExecutor;
import org.junit.jupiter.api.Test;

/**
 * The islands sent away as bytes each epoch (encoded, Java-serialised, decoded, evolved, encoded
 * back) give exactly the search that evolves them in place: same front, same evaluations.
 */
class IslandExecutorTest {
    private static final Dataset DATA = SymbolicRegressorTest.sample(100, 2, -2, 2, 5, x -> x[0] * x[0] + Math.sin(x[1]));

    private static SymbolicRegressor.Builder small() {
        return SymbolicRegressor.builder().operators(Op.ADD, Op.SUB, Op.MUL, Op.SIN)
                .islands(3).populationSize(40).generations(12).generationsPerEpoch(4).seed(7).simplify(false);
    }

    private static void assertSame(SymbolicRegressor.Builder b) {
        ParetoFront here = b.executor(IslandExecutor.threads()).threads(2).build().fit(DATA);
        ParetoFront away = b.executor(IslandExecutor.serialising(2)).threads(1).build().fit(DATA);
        assertThat(away.equations()).isEqualTo(here.equations());
        assertThat(away.provenance().evaluations()).isEqualTo(here.provenance().evaluations());
        assertThat(away.provenance().generations()).isEqualTo(here.provenance().generations());
    }

    @Test
    void serialisedIslandsGiveTheThreadedFront() {
        assertSame(small());
    }

    @Test
    void serialisedIslandsGiveTheThreadedFrontInMiniBatchesAndWithoutScaling() {
        assertSame(small().batchSize(30).seed(3));
        assertSame(small().loss(Loss.MAE).operators(Op.ADD, Op.MUL, Op.SIN, Op.DIV.withComplexity(2)).seed(11));
    }

    @Test
    void userOperatorsCannotLeaveTheProcess() {
        Op twice = Op.unary("twice", a -> 2 * a).build();
        SymbolicRegressor r = small().operators(Op.ADD, Op.MUL, twice).executor(IslandExecutor.serialising(1)).build();
        assertThatThrownBy(() -> r.fit(DATA)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user-defined operator 'twice'");
    }

    @Test
    void theExecutorIsNotADescribedSetting() {
        assertThat(small().executor(IslandExecutor.serialising(1)).build().options().describe()).doesNotContainKey("executor");
        assertThat(small().build().options().executor()).isSameAs(IslandExecutor.threads());
        assertThat(List.of(small().build().options().toBuilder().build().options().executor())).containsExactly(IslandExecutor.threads());
    }
}
