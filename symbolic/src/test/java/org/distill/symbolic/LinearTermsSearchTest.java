package org.distill.symbolic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.ToDoubleFunction;
import org.distill.symbolic.expr.Op;
import org.junit.jupiter.api.Test;

/** Searches with the linear-combination step ({@code linear}) on sums of products. */
class LinearTermsSearchTest {

    @Test
    void findsFeynmanI_11_19AsThreeTerms() {
        // A = x1*y1 + x2*y2 + x3*y3 (Feynman I.11.19), variables in [1, 5].
        ToDoubleFunction<double[]> law = v -> v[0] * v[3] + v[1] * v[4] + v[2] * v[5];
        Dataset data = SymbolicRegressorTest.sample(300, 6, 1, 5, 11, law)
                .withVariables("x1", "x2", "x3", "y1", "y2", "y3");
        ParetoFront front = SymbolicRegressor.builder()
                .operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV)
                .maxComplexity(20).generations(40).threads(2).seed(3)
                .linear(true).features(false).build().fit(data); // the step alone (as recorded, before features)
        for (Equation e : front.equations()) System.out.println(e.complexity() + "  " + e.loss() + "  " + e);
        Equation best = front.best();
        SymbolicRegressorTest.assertRecovers(best, 6, 1, 5, law);
        assertThat(best.complexity()).isEqualTo(11);
    }

    @Test
    void theStepRunsFromItsMinimumNumberOfRows() {
        // 120 rows of y = 1.7·x·y − 0.4·z² + 3; the same seeded search is the step's search up to linearMinRows = 120
        // and the search without it from 121 (and by default on fewer than 100 rows).
        ToDoubleFunction<double[]> law = v -> 1.7 * v[0] * v[1] - 0.4 * v[2] * v[2] + 3;
        Dataset data = SymbolicRegressorTest.sample(120, 3, -2, 2, 12, law).withVariables("x", "y", "z");
        SymbolicRegressor.Builder b = SymbolicRegressor.builder().operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV)
                .maxComplexity(20).generations(10).threads(2).seed(4).features(false).simplify(false);
        assertThat(b.build().options().linear()).isTrue();
        assertThat(b.build().options().linearMinRows()).isEqualTo(SymbolicRegressor.DEFAULT_LINEAR_MIN_ROWS).isEqualTo(100);
        java.util.List<String> on = text(b.linear(true).linearMinRows(120).build().fit(data));
        java.util.List<String> off = text(b.linear(false).build().fit(data));
        assertThat(on).isNotEqualTo(off);
        assertThat(text(b.linear(true).linearMinRows(121).build().fit(data))).isEqualTo(off);
        assertThat(text(b.linear(true).linearMinRows(0).build().fit(data))).isEqualTo(on);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.linearMinRows(-1).build())
                .hasMessage("linearMinRows must be in [0, 2147483647]: -1");
    }

    private static java.util.List<String> text(ParetoFront front) {
        return front.equations().stream().map(e -> e.complexity() + " " + e.loss() + " " + e).toList();
    }

    @Test
    void fitsUnequalCoefficientsWithoutSearchingThem() {
        // y = 1.7·x·y − 0.4·z² + 3: the coefficients come from least squares.
        ToDoubleFunction<double[]> law = v -> 1.7 * v[0] * v[1] - 0.4 * v[2] * v[2] + 3;
        Dataset data = SymbolicRegressorTest.sample(200, 3, -2, 2, 12, law).withVariables("x", "y", "z");
        ParetoFront front = SymbolicRegressor.builder()
                .operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV)
                .maxComplexity(20).generations(20).threads(2).seed(4)
                .linear(true).build().fit(data);
        for (Equation e : front.equations()) System.out.println(e.complexity() + "  " + e.loss() + "  " + e);
        SymbolicRegressorTest.assertRecovers(front.best(), 3, -2, 2, law);
    }
}
