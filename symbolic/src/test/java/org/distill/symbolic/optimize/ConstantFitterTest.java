package org.distill.symbolic.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.eval.Evaluator;
import org.distill.symbolic.expr.Expr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConstantFitterTest {
    private static final Expr X = Expr.variable(0);

    private static Columns data(java.util.function.DoubleUnaryOperator f, double lo, double hi) {
        Random r = new Random(3);
        int n = 200;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * r.nextDouble();
            y[i] = f.applyAsDouble(x[i]);
        }
        return new Columns(new double[][] {x}, y, null, n);
    }

    @ParameterizedTest(name = "y = {0}*exp({1}*x) + {2}")
    @CsvSource({"2.0, -0.5, 1.0", "0.3, 1.2, -4.0", "-1.5, 0.7, 0.0"})
    void fitsExponentialModel(double a, double b, double c) {
        Columns d = data(x -> a * Math.exp(b * x) + c, -1, 2);
        // Start 30 % away from the answer.
        Expr model = Expr.of(Op.ADD, Expr.of(Op.MUL, Expr.constant(a * 1.3), Expr.of(Op.EXP,
                Expr.of(Op.MUL, Expr.constant(b * 0.7), X))), Expr.constant(c + 0.5));
        ConstantFitter.Fit fit = new ConstantFitter(new Evaluator(), 200).fit(model, d, false);
        assertThat(fit.converged()).isTrue();
        assertThat(fit.constants()).containsExactly(new double[] {a, b, c}, within(1e-6));
    }

    @Test
    void fitsOnlyTheFreeConstantsAndTiesShared() {
        Columns d = data(x -> 2 * Math.exp(-0.5 * x) + 1, -1, 2);
        Expr model = Expr.of(Op.ADD, Expr.of(Op.MUL, Expr.constant(1), Expr.of(Op.EXP,
                Expr.of(Op.MUL, Expr.constant(-0.5), X))), Expr.constant(0));
        // The rate is fixed at its true value; the factor and the offset are free.
        ConstantFitter fitter = new ConstantFitter(new Evaluator(), 100);
        assertThat(fitter.fit(model, d, false, new boolean[] {true, false, true}).constants())
                .containsExactly(new double[] {2, -0.5, 1}, within(1e-8));
        // y = c·x + c·x² with one c (tied) fits c = 1.5 whatever the two starts.
        Columns q = data(x -> 1.5 * x + 1.5 * x * x, -1, 2);
        Expr tied = Expr.of(Op.ADD, Expr.of(Op.MUL, Expr.constant(0.2), X),
                Expr.of(Op.MUL, Expr.constant(7), Expr.of(Op.MUL, X, X)));
        assertThat(fitter.fit(tied, q, false, new int[] {0, 0}).constants()).containsExactly(new double[] {1.5, 1.5}, within(1e-8));
        // Fixed (-1) keeps the value: c·x + 7x² is then a worse fit, with c off 1.5.
        double[] c = fitter.fit(tied, q, false, new int[] {0, -1}).constants();
        assertThat(c[1]).isEqualTo(7);
        assertThat(c[0]).isNotCloseTo(1.5, within(0.1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fitter.fit(tied, q, false, new int[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order of first use");
    }

    @Test
    void fitsInnerConstantsUnderLinearScaling() {
        // y = 3 + 2*sin(1.7 x): with scaling only the frequency is a constant of the tree.
        Columns d = data(x -> 3 + 2 * Math.sin(1.7 * x), -2, 2);
        Expr model = Expr.of(Op.SIN, Expr.of(Op.MUL, X, Expr.constant(1.5)));
        ConstantFitter.Fit fit = new ConstantFitter(new Evaluator(), 100).fit(model, d, true);
        assertThat(fit.constants()).containsExactly(new double[] {1.7}, within(1e-6));
    }

    @Test
    void weightedFitIgnoresZeroWeightRows() {
        Columns base = data(x -> 4 * x, 0, 1);
        double[] y = base.y().clone();
        double[] w = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            w[i] = i % 2 == 0 ? 1 : 0;
            if (i % 2 == 1) y[i] = 1000; // outliers with zero weight
        }
        Columns d = new Columns(base.x(), y, w, y.length);
        Expr model = Expr.of(Op.MUL, X, Expr.constant(1));
        double[] c = new ConstantFitter(new Evaluator(), 100).fit(model, d, false).constants();
        assertThat(c[0]).isCloseTo(4, within(1e-9));
    }

    @Test
    void nonFiniteModelKeepsStartingConstants() {
        Columns d = data(x -> x, -1, 1);
        Expr model = Expr.of(Op.LOG, Expr.of(Op.MUL, X, Expr.constant(2)));  // log of negative x: NaN
        ConstantFitter.Fit fit = new ConstantFitter(new Evaluator(), 50).fit(model, d, false);
        assertThat(fit.converged()).isFalse();
        assertThat(fit.constants()).containsExactly(2.0);
    }

    @Test
    void nothingToFit() {
        Columns d = data(x -> x, -1, 1);
        ConstantFitter.Fit fit = new ConstantFitter(new Evaluator(), 50).fit(X, d, false);
        assertThat(fit.constants()).isEmpty();
        assertThat(fit.evaluations()).isZero();
    }
}
