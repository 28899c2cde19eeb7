package org.distill.symbolic.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Parser;
import org.junit.jupiter.api.Test;

class OccamSimplifierTest {
    private static final List<String> VARS = List.of("x", "z");

    /** 400 rows of x in [0.5, 3], z in [-1, 1] and y = truth(x, z). */
    private static Columns data(String truth) {
        Expr t = Parser.parse(truth, VARS);
        var random = new SplittableRandom(5);
        int n = 400;
        double[][] x = new double[2][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[0][i] = random.nextDouble(0.5, 3);
            x[1][i] = random.nextDouble(-1, 1);
            y[i] = t.evaluate(new double[] {x[0][i], x[1][i]});
        }
        return new Columns(x, y, null, n);
    }

    private static double maxDifference(Expr a, String b, Columns data) {
        Expr e = Parser.parse(b, VARS);
        double max = 0;
        for (int i = 0; i < data.rows(); i++) {
            double[] p = {data.x()[0][i], data.x()[1][i]};
            max = Math.max(max, Math.abs(a.evaluate(p) - e.evaluate(p)));
        }
        return max;
    }

    @Test void snapsNearlySimpleConstantsAndDropsAWeakTermOfASystematicDistortion() {
        // the target: a spring-like law with a shifted rest length, a scale off 2 and a weak quadratic term
        Columns data = data("2.02*(x - 0.988) + 0.004*x*x*z");
        Expr found = Parser.parse("2.02*(x - 0.988) + 0.004*x*x*z", VARS);
        OccamSimplifier.Result r = OccamSimplifier.simplify(found, data, 0.01, Set.of());
        assertThat(r.startLoss()).isLessThan(1e-20);
        assertThat(r.steps()).isGreaterThan(0);
        assertThat(r.expression().complexity()).isLessThan(found.complexity());
        // the law without its distortions: 2·(x − 1)
        assertThat(maxDifference(r.expression(), "2*(x - 1)", data)).as(r.expression().toString()).isLessThan(1e-9);
        double variance = 0, mean = 0;
        for (int i = 0; i < data.rows(); i++) mean += data.y()[i] / data.rows();
        for (int i = 0; i < data.rows(); i++) variance += (data.y()[i] - mean) * (data.y()[i] - mean) / data.rows();
        assertThat(r.loss()).isLessThanOrEqualTo(r.startLoss() + 0.01 * variance);
    }

    @Test void aZeroBudgetKeepsTheFormulaAsAccurateAsItWas() {
        Columns data = data("2.02*(x - 0.988) + 0.004*x*x*z");
        Expr found = Parser.parse("2.02*(x - 0.988) + 0.004*x*x*z", VARS);
        OccamSimplifier.Result r = OccamSimplifier.simplify(found, data, 0, Set.of());
        assertThat(r.loss()).isLessThanOrEqualTo(r.startLoss());
        assertThat(maxDifference(r.expression(), "2.02*(x - 0.988) + 0.004*x*x*z", data)).isLessThan(1e-9);
    }

    @Test void theCoefficientsOfProtectedVariablesAreRefittedButNotSnapped() {
        Columns data = data("(2.37*z - x)*(x - 1.003)");
        Expr found = Parser.parse("(2.37*z - x)*(x - 1.003)", VARS);
        OccamSimplifier.Result r = OccamSimplifier.simplify(found, data, 0.01, Set.of(1));
        assertThat(maxDifference(r.expression(), "(2.37*z - x)*(x - 1)", data)).isLessThan(0.02);
        assertThat(java.util.Arrays.stream(r.expression().constants()).anyMatch(c -> Math.abs(c - 2.37) < 0.02)).as(r.expression().toString()).isTrue();
        assertThat(OccamSimplifier.coefficients(found, Set.of(1))).containsExactly(true, false);
    }

    @Test void aFormulaThatFitsWorseThanAConstantKeepsItsProtectedVariable() {
        // the formula's error exceeds the target's variance: dropping z loses nothing, so without protection the
        // simplifier drops it; with z protected every trial keeps a z
        Columns data = data("0.01*x");
        Expr found = Parser.parse("z*(x + 5)", VARS);
        assertThat(hasZ(OccamSimplifier.simplify(found, data, 0.01, Set.of()).expression())).isFalse();
        Expr kept = OccamSimplifier.simplify(found, data, 0.01, Set.of(1)).expression();
        assertThat(hasZ(kept)).isTrue();
        // nor may a factor beside it be set to 0
        double first = kept.evaluate(new double[] {1, 0.5});
        assertThat(kept.evaluate(new double[] {2, -0.5})).as("%s varies", kept).isNotEqualTo(first);
    }

    private static boolean hasZ(Expr e) {
        for (int k = 0; k < e.size(); k++) if (e.node(k).isVariable() && e.node(k).variable() == 1) return true;
        return false;
    }

    @Test void alreadySimpleConstantsAreKept() {
        assertThat(OccamSimplifier.simple(3)).isTrue();
        assertThat(OccamSimplifier.simple(-2.5)).isTrue();
        assertThat(OccamSimplifier.simple(1.0 / 3)).isTrue();
        assertThat(OccamSimplifier.simple(0.988)).isFalse();
        assertThat(OccamSimplifier.candidates(0.988)).contains(0, 1, 0.99);
        assertThat(OccamSimplifier.candidates(0.99)).contains(0, 1).doesNotContain(0.99, 0.988);
        assertThat(OccamSimplifier.candidates(2.02)).contains(2.0).doesNotContain(2.02);
        assertThat(OccamSimplifier.candidates(1)).containsExactly(0);
        assertThat(OccamSimplifier.rank(0)).isLessThan(OccamSimplifier.rank(3));
        assertThat(OccamSimplifier.rank(3)).isLessThan(OccamSimplifier.rank(2.5));
        assertThat(OccamSimplifier.rank(2.5)).isLessThan(OccamSimplifier.rank(0.99));
        assertThat(OccamSimplifier.rank(0.99)).isLessThan(OccamSimplifier.rank(0.988));
    }

    @Test void onWeightedDataTheBudgetIsTheWeightedVarianceAndRowsOfWeightZeroDoNotCount() {
        // the rows of the first half carry the distorted law with weight 1, the second half garbage with weight 0:
        // the result must be what the first half alone gives, loss and budget alike
        Columns half = data("2.02*(x - 0.988) + 0.004*x*x*z");
        int n = half.rows();
        double[][] x = new double[2][2 * n];
        double[] y = new double[2 * n], w = new double[2 * n];
        var random = new SplittableRandom(7);
        for (int i = 0; i < 2 * n; i++) {
            x[0][i] = half.x()[0][i % n];
            x[1][i] = half.x()[1][i % n];
            y[i] = i < n ? half.y()[i] : 1000 * random.nextGaussian();
            w[i] = i < n ? 1 : 0;
        }
        Expr found = Parser.parse("2.02*(x - 0.988) + 0.004*x*x*z", VARS);
        OccamSimplifier.Result alone = OccamSimplifier.simplify(found, half, 0.01, Set.of());
        OccamSimplifier.Result weighted = OccamSimplifier.simplify(found, new Columns(x, y, w, 2 * n), 0.01, Set.of());
        assertThat(weighted.expression().toString()).isEqualTo(alone.expression().toString());
        assertThat(weighted.loss()).isCloseTo(alone.loss(), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(maxDifference(weighted.expression(), "2*(x - 1)", half)).isLessThan(1e-9);
    }

    @Test void rejectsABadBudget() {
        Columns data = data("x");
        assertThatThrownBy(() -> OccamSimplifier.simplify(Parser.parse("x", VARS), data, 1.5, Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("budget");
    }
}
