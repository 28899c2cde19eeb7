package org.distill.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.expr.Expr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link FeynmanProblem}: data generation and the reading of the table's Python formulas. */
class FeynmanProblemTest {
    static final List<FeynmanProblem> ALL = FeynmanTable.builtIn();

    static FeynmanProblem problem(String name) {
        return FeynmanTable.select(ALL, List.of(name)).get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"I.12.2", "I.26.2", "I.30.5", "I.10.7", "II.24.17"})
    void trainingAndTestColumnsLieInTheirRanges(String name) {
        FeynmanProblem p = problem(name);
        FeynmanProblem.Samples s = p.sample(300, 7, 0);
        Dataset d = s.train();
        assertThat(d.rows()).isEqualTo(300);
        assertThat(d.features()).isEqualTo(p.variables().size());
        assertThat(d.variables()).isEqualTo(p.variableNames());
        assertThat(d.target()).isEqualTo(p.output());
        assertThat(s.testY()).hasSize(300);
        assertThat(s.testX()).hasNumberOfRows(p.variables().size());
        for (int j = 0; j < p.variables().size(); j++) {
            FeynmanProblem.Variable v = p.variables().get(j);
            assertThat(boxed(d.column(j))).as("train %s", v.name()).allMatch(x -> x >= v.low() && x <= v.high());
            assertThat(boxed(s.testX()[j])).as("test %s", v.name()).hasSize(300).allMatch(x -> x >= v.low() && x <= v.high());
            // uniform over the range: both ends are approached
            assertThat(min(d.column(j))).isLessThan(v.low() + 0.1 * (v.high() - v.low()));
            assertThat(max(d.column(j))).isGreaterThan(v.high() - 0.1 * (v.high() - v.low()));
        }
    }

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedOtherData() {
        FeynmanProblem p = problem("I.12.2");
        FeynmanProblem.Samples a = p.sample(50, 3, 0.01), b = p.sample(50, 3, 0.01), c = p.sample(50, 4, 0.01);
        for (int j = 0; j < 4; j++) {
            assertThat(a.train().column(j)).isEqualTo(b.train().column(j));
            assertThat(a.train().column(j)).isNotEqualTo(c.train().column(j));
        }
        assertThat(a.train().y()).isEqualTo(b.train().y());
        assertThat(a.testY()).isEqualTo(b.testY());
        assertThat(a.testY()).isNotEqualTo(c.testY());
        // test points are drawn apart from the training points
        assertThat(a.testX()[0]).isNotEqualTo(a.train().column(0));
    }

    @Test
    void withoutNoiseTrainAndTestTargetsAreTheTruthExactly() {
        FeynmanProblem p = problem("I.6.2b");
        FeynmanProblem.Samples s = p.sample(200, 11, 0);
        assertThat(s.train().y()).containsExactly(truthAt(p, s.train()));
        double[][] rows = s.testRows();
        Expr truth = p.truth();
        for (int i = 0; i < rows.length; i++) assertThat(s.testY()[i]).isEqualTo(truth.evaluate(rows[i]));
    }

    @Test
    void noiseIsGaussianWithTheRequestedRelativeStdAndOnlyOnTheTrainingTarget() {
        FeynmanProblem p = problem("I.12.2");
        FeynmanProblem.Samples s = p.sample(4000, 5, 0.1);
        double[] truth = truthAt(p, s.train());
        double[] y = s.train().y();
        double[] diff = new double[y.length];
        for (int i = 0; i < y.length; i++) diff[i] = y[i] - truth[i];
        double mean = 0;
        for (double v : diff) mean += v / diff.length;
        assertThat(FeynmanProblem.std(diff)).isCloseTo(0.1 * FeynmanProblem.std(truth), within(0.015 * FeynmanProblem.std(truth)));
        assertThat(Math.abs(mean)).isLessThan(0.01 * FeynmanProblem.std(truth));
        // the test target stays exact
        double[][] rows = s.testRows();
        for (int i = 0; i < rows.length; i++) assertThat(s.testY()[i]).isEqualTo(p.truth().evaluate(rows[i]));
    }

    @Test
    void badSampleArgumentsAreRejected() {
        FeynmanProblem p = problem("I.12.1");
        assertThatThrownBy(() -> p.sample(0, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rows must be positive: 0");
        assertThatThrownBy(() -> p.sample(10, 1, -0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("noise must be >= 0: -0.1");
        assertThatThrownBy(() -> p.sample(10, 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.sample(10, 1, Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formulasEvaluateAsPythonWould() {
        // ** is a power with Python's precedence (-theta**2 == -(theta**2))
        assertThat(eval("I.6.2a", 1.7)).isCloseTo(Math.exp(-1.7 * 1.7 / 2) / Math.sqrt(2 * Math.PI), within(1e-15));
        // 1/2*k*x**2 is (1/2)*k*x², true division, left to right
        assertThat(eval("I.14.4", 2, 3)).isCloseTo(9, within(1e-12));
        assertThat(eval("I.39.1", 2, 3)).isCloseTo(9, within(1e-12));
        assertThat(eval("I.13.4", 2, 1, 2, 3)).isCloseTo(14, within(1e-12));
        // a / sqrt(1 - v**2/c**2)
        assertThat(eval("I.10.7", 2, 1.5, 4)).isCloseTo(2 / Math.sqrt(1 - 1.5 * 1.5 / 16), within(1e-12));
        // arcsin and ln
        assertThat(eval("I.26.2", 0.5, 2.0)).isCloseTo(Math.asin(0.5 * Math.sin(2.0)), within(1e-15));
        assertThat(eval("I.30.5", 1.5, 3, 2)).isCloseTo(Math.asin(1.5 / (2 * 3)), within(1e-15));
        assertThat(eval("I.44.4", 2, 3, 4, 1.5, 4.5)).isCloseTo(2 * 3 * 4 * Math.log(3), within(1e-12));
        // 4*pi, r/r**3
        assertThat(eval("I.12.2", 2, 3, 1.5, 2.5)).isCloseTo(2 * 3 * 2.5 / (4 * Math.PI * 1.5 * Math.pow(2.5, 3)), within(1e-15));
    }

    @Test
    void aProblemNeedsVariablesAndAReadableFormula() {
        var x = new FeynmanProblem.Variable("x", 0, 1);
        assertThatThrownBy(() -> new FeynmanProblem("P", 1, "y", "x", List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("P: no variables");
        assertThatThrownBy(() -> new FeynmanProblem("P", 1, "y", "x**", List.of(x))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("P: cannot read formula 'x**'");
        assertThatThrownBy(() -> new FeynmanProblem.Variable("x", 2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("range of 'x' must be finite with low <= high: [2.0, 1.0]");
        assertThatThrownBy(() -> new FeynmanProblem.Variable("x", 0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFormulaThatIsNeverFiniteIsAnErrorNotALoop() {
        var p = new FeynmanProblem("P", 1, "y", "sqrt(-x)", List.of(new FeynmanProblem.Variable("x", 1, 2)));
        assertThatThrownBy(() -> p.sample(5, 0, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("P: no finite value");
    }

    @Test
    void nonFiniteRowsAreDrawnAgain() {
        // sqrt(x) is NaN for half of [-1, 1]
        var p = new FeynmanProblem("P", 1, "y", "sqrt(x)", List.of(new FeynmanProblem.Variable("x", -1, 1)));
        FeynmanProblem.Samples s = p.sample(200, 0, 0);
        assertThat(boxed(s.train().column(0))).allMatch(v -> v >= 0);
        assertThat(boxed(s.train().y())).allMatch(Double::isFinite);
    }

    private static double eval(String name, double... row) {
        return problem(name).truth().evaluate(row);
    }

    private static double[] truthAt(FeynmanProblem p, Dataset d) {
        Expr truth = p.truth();
        double[] t = new double[d.rows()];
        double[][] cols = new double[d.features()][];
        for (int j = 0; j < cols.length; j++) cols[j] = d.column(j);
        double[] row = new double[cols.length];
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < row.length; j++) row[j] = cols[j][i];
            t[i] = truth.evaluate(row);
        }
        return t;
    }

    static List<Double> boxed(double[] v) { return java.util.Arrays.stream(v).boxed().toList(); }

    private static double min(double[] v) { return java.util.Arrays.stream(v).min().orElseThrow(); }
    private static double max(double[] v) { return java.util.Arrays.stream(v).max().orElseThrow(); }
}
