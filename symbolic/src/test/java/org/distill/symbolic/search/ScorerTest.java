package org.distill.symbolic.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.eval.Loss;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.expr.Parser;
import org.junit.jupiter.api.Test;

class ScorerTest {
    /** y = x² on x = 1..40: cos(1e-4·x) is its Taylor term to 1e-16 after linear scaling. */
    private static Columns square() {
        int n = 40;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
            y[i] = x[i] * x[i];
        }
        return new Columns(new double[][] {x}, y, null, n);
    }

    private static Scorer scorer(boolean bound) {
        Scorer s = new Scorer(Loss.MSE, true, 0.001, 1, 30, Canonicalizer.of(Op.DEFAULTS));
        s.boundArguments(bound);
        s.rows(square());
        return s;
    }

    @Test
    void aCosineOfAnArgumentThatHardlyMovesGetsNoFitnessInTheSearch() {
        Expr taylor = Parser.parse("cos(0.0001*x)", List.of("x"));
        Expr law = Parser.parse("x*x", List.of("x"));
        assertThat(scorer(false).rawLoss(taylor)).isLessThan(1e-6);   // a near-perfect fit of x² ...
        assertThat(scorer(true).rawLoss(taylor)).isEqualTo(Double.POSITIVE_INFINITY); // ... refused
        assertThat(scorer(true).rawLoss(law)).isLessThan(1e-20);
        assertThat(scorer(true).rawLoss(Parser.parse("cos(0.1*x)", List.of("x")))).isFinite(); // moves 3.9 rad
    }
}
