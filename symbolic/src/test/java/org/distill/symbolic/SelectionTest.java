package org.distill.symbolic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.expr.Parser;
import org.junit.jupiter.api.Test;

/** {@link Selection#BEST} by validation loss, against {@link Selection#IN_SAMPLE}. */
class SelectionTest {
    private static final List<String> X = List.of("x");

    private static Equation eq(String text, double loss, double validation, double error) {
        return new Equation(Parser.parse(text, X), X, loss, 0, validation, error);
    }

    private static ParetoFront front(int rows, Equation... e) {
        return ParetoFront.of(List.of(e), new Provenance(rows, X, "y", "o", 0, 1, 0, 0, Duration.ZERO, "s", "v", "mse"));
    }

    @Test
    void aNoiseFitThatValidatesBadlyIsNotChosen() {
        // In sample the sine fit halves the loss with one constant (F-test significant on 100
        // rows) and has the higher score; out of sample it is far worse than the line.
        ParetoFront f = front(100,
                eq("1.5", 10, 10.2, 1),
                eq("2.0*x", 1.0, 1.05, 0.1),
                eq("2.0*x + 0.1*sin(1418.0*x)", 0.1, 5.0, 0.5));
        assertThat(f.select(Selection.IN_SAMPLE).toString()).contains("sin");
        assertThat(f.best().toString()).isEqualTo("2*x");
    }

    @Test
    void anEquationWithAnInfiniteValidationLossTakesNoPart() {
        // A bounded oscillation gets validation loss +inf with standard error +inf; inf - 1.05 <= inf
        // must not let it through the one-SE test, nor the F-test (it is simpler than none here:
        // the in-sample best is the sine, which would otherwise win on score).
        ParetoFront f = front(100,
                eq("1.5", 10, 10.2, 1),
                eq("2.0*x", 1.0, 1.05, 0.1),
                eq("2.0*x + 0.1*sin(1418.0*x)", 0.1, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
        assertThat(f.best().toString()).isEqualTo("2*x");
    }

    @Test
    void withinOneStandardErrorTheHigherScoreWins() {
        // The longer equation validates better (1.7 against 1.0), by less than the standard error
        // of the difference (hypot(0.6, 0.45) = 0.75): the simpler one, with the higher score, wins.
        ParetoFront f = front(100,
                eq("1.5", 10, 10.2, 1),
                eq("2.0*x", 1.0, 1.7, 0.6),
                eq("2.0*x + 0.01*x*x", 0.95, 1.0, 0.45));
        assertThat(f.best().toString()).isEqualTo("2*x");
        // Beyond it the better-validating one wins.
        ParetoFront g = front(100,
                eq("1.5", 10, 10.2, 1),
                eq("2.0*x", 1.0, 1.6, 0.25),
                eq("2.0*x + 0.01*x*x", 0.5, 1.0, 0));
        assertThat(g.best().toString()).isEqualTo("2*x + 0.01*x*x");
    }

    @Test
    void equationsWithMoreThanOneConstantPerTwoRowsDoNotTakePart() {
        // On 6 rows the four-constant equation validates best (its structure saw every row), but
        // only equations with at most 3 fitted constants take part.
        ParetoFront f = front(6,
                eq("1.5", 10, 10.2, 1),
                eq("2.13*x", 1.0, 2.0, 0.1),
                eq("2.13*x + 0.317*sin(4.13*x + 0.173)", 0.01, 0.5, 0.1));
        assertThat(f.best().toString()).isEqualTo("2.13*x");
        assertThat(front(8, f.equations().toArray(Equation[]::new)).best().toString()).contains("sin");
    }

    @Test
    void withoutValidationLossesBestIsTheInSampleRule() {
        ParetoFront f = ParetoFront.of(List.of(new Equation(Parser.parse("2.0*x", X), X, 1.0, 0),
                        new Equation(Parser.parse("2.0*x + 0.1*x*x", X), X, 0.2, 0)),
                new Provenance(100, X, "y", "o", 0, 1, 0, 0, Duration.ZERO, "s", "v", "mse"));
        assertThat(f.best()).isEqualTo(f.select(Selection.IN_SAMPLE));
        assertThat(f.get(0).validated()).isFalse();
    }

    @Test
    void negativeValidationLossIsRefused() {
        assertThatThrownBy(() -> eq("x", 1, -1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("validationLoss must be >= 0 or NaN: -1.0");
    }

    @Test
    void fittedFrontsCarryValidationLossesNearTheNoiseVariance() {
        // y = 3x + 1 + N(0, 0.5^2) on 60 rows: the law's validation loss is about the noise
        // variance times (1 + p/n), and the chosen equation is the law.
        Random r = new Random(5);
        double[][] x = new double[60][1];
        double[] y = new double[60];
        for (int i = 0; i < 60; i++) {
            x[i][0] = -2 + 4 * r.nextDouble();
            y[i] = 3 * x[i][0] + 1 + 0.5 * r.nextGaussian();
        }
        ParetoFront f = SymbolicRegressor.builder().operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.SIN)
                .islands(4).populationSize(100).generations(20).seed(2).simplify(false).build().fit(x, y, "x");
        assertThat(f.equations()).allMatch(Equation::validated);
        Equation best = f.best();
        double[] p = best.predict(new double[][] {{0}, {1}});
        assertThat(p[0]).isCloseTo(1, org.assertj.core.data.Offset.offset(0.3));
        assertThat(p[1] - p[0]).isCloseTo(3, org.assertj.core.data.Offset.offset(0.3));
        assertThat(best.complexity()).isLessThanOrEqualTo(5);
        assertThat(best.validationLoss()).isBetween(0.25 * 0.6, 0.25 * 1.6);
        assertThat(best.validationLoss()).isGreaterThanOrEqualTo(best.loss() * 0.99);
    }
}
