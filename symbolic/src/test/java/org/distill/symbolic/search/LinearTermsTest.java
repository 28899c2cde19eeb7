package org.distill.symbolic.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.eval.Evaluator;
import org.distill.symbolic.eval.Loss;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.expr.Parser;
import org.junit.jupiter.api.Test;

class LinearTermsTest {
    private static final List<String> VARS = List.of("x", "y", "z");

    private static Expr parse(String s) {
        return Parser.parse(s, VARS);
    }

    @Test
    void splitsTheTopLevelSumIntoTermsWithoutConstantFactors() {
        assertThat(LinearTerms.terms(parse("2.5*x*y - z/3 + 4 + -(y*y) + x*y*7")))
                .containsExactly(parse("x*y"), parse("z"), parse("y*y"));
        assertThat(LinearTerms.terms(parse("sin(2*x)"))).containsExactly(parse("sin(2*x)"));
        assertThat(LinearTerms.terms(parse("3"))).isEmpty();
    }

    private static Columns data(long seed, int n, java.util.function.ToDoubleFunction<double[]> f) {
        Random r = new Random(seed);
        double[][] x = new double[3][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double[] row = new double[3];
            for (int j = 0; j < 3; j++) x[j][i] = row[j] = -2 + 4 * r.nextDouble();
            y[i] = f.applyAsDouble(row);
        }
        return new Columns(x, y, null, n);
    }

    @Test
    void fitsTheCoefficientsAndInterceptExactly() {
        Columns rows = data(1, 200, v -> 1.5 * v[0] * v[1] - 0.25 * Math.sin(v[2]) + 7);
        LinearTerms lt = new LinearTerms(new Evaluator());
        LinearTerms.Fit fit = lt.fit(List.of(parse("x*y"), parse("sin(z)")), rows, Loss.MSE);
        assertThat(fit.coefficients()[0]).isCloseTo(1.5, within(1e-9));
        assertThat(fit.coefficients()[1]).isCloseTo(-0.25, within(1e-9));
        assertThat(fit.intercept()).isCloseTo(7, within(1e-9));
        assertThat(fit.loss()).isLessThan(1e-16);
        Expr explicit = fit.explicit(Canonicalizer.of(Op.DEFAULTS));
        Evaluator ev = new Evaluator();
        assertThat(ev.loss(org.distill.symbolic.eval.Program.compile(explicit), rows, Loss.MSE)).isLessThan(1e-16);
    }

    @Test
    void aDependentTermGetsCoefficientZero() {
        Columns rows = data(2, 100, v -> 2 * v[0] + 3 * v[1]);
        LinearTerms.Fit fit = new LinearTerms(new Evaluator())
                .fit(List.of(parse("x"), parse("y"), parse("x + y")), rows, Loss.MSE);
        assertThat(fit.coefficients()).containsExactly(new double[] {2, 3, 0}, within(1e-9));
        assertThat(fit.loss()).isLessThan(1e-20);
    }

    @Test
    void choleskyMatchesAKnownSystem() {
        // G = [[4, 2], [2, 3]], b = [2, 1] -> beta = [0.5, 0]
        double[] beta = LinearTerms.solve(new double[][] {{4, 0}, {2, 3}}, new double[] {2, 1});
        assertThat(beta).containsExactly(new double[] {0.5, 0}, within(1e-12));
    }

    @Test
    void aTermThatIsNotFiniteGivesNoFit() {
        Columns rows = data(3, 50, v -> v[0]);
        assertThat(new LinearTerms(new Evaluator()).fit(List.of(parse("x"), parse("1/(x - x)")), rows, Loss.MSE)).isNull();
    }
}
