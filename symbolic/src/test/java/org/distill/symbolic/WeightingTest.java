package org.distill.symbolic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.distill.symbolic.eval.Loss;
import org.distill.symbolic.expr.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code weighting(RELATIVE | AUTO)}: per-row weights 1/y², a relative squared error. */
class WeightingTest {

    /** x from 1 to 1000 (log-spaced), y = 3e-20/x² (3e-20 … 3e-26), the largest row 30 % too high. */
    private static Dataset powerLawWithOutlier() {
        int n = 30;
        double[][] x = new double[n][1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = Math.pow(1000, i / (n - 1.0));
            y[i] = 3e-20 / (x[i][0] * x[i][0]) * (i == 0 ? 1.3 : 1);
        }
        return Dataset.of(x, y).withVariables("x");
    }

    private static SymbolicRegressor.Builder quick() {
        return SymbolicRegressor.builder().operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV).maxComplexity(12)
                .populationSize(80).islands(4).generations(30).threads(2).seed(2);
    }

    /** The equation's relative RMS deviation from 3e-20/x² on the 29 rows without the outlier. */
    private static double relativeRms(Equation e, Dataset data) {
        double[] got = e.predict(data);
        double[] x = data.column(0);
        double s = 0;
        for (int i = 1; i < x.length; i++) s += Math.pow(got[i] / (3e-20 / (x[i] * x[i])) - 1, 2);
        return Math.sqrt(s / (x.length - 1));
    }

    @Test
    void relativeWeightsFitEveryDecadeWhereTheSquaredErrorFitsTheLargestRow() {
        Dataset data = powerLawWithOutlier();
        // Least squares of c in c/x²: Σ y·g / Σ g² with g = 1/x², decided by the outlier (x = 1).
        double sumYg = 0, sumGg = 0, sumRel = 0, sumRelG = 0;
        double[] x = data.column(0), y = data.y();
        for (int i = 0; i < x.length; i++) {
            double g = 1 / (x[i] * x[i]);
            sumYg += y[i] * g;
            sumGg += g * g;
            sumRel += g / y[i];
            sumRelG += g * g / (y[i] * y[i]);
        }
        double cMse = sumYg / sumGg, cRelative = sumRel / sumRelG;
        assertThat(cMse / 3e-20).isGreaterThan(1.15); // the squared error's constant is 15 % off or more
        assertThat(cRelative / 3e-20).isCloseTo(1.0, within(0.01)); // the relative one 1 % at most

        // The searches' c/x² (the front's equation of complexity 5) has these constants, refitted on all rows.
        ParetoFront relative = quick().weighting(Weighting.RELATIVE).build().fit(data);
        ParetoFront plain = quick().build().fit(data);
        assertThat(constantOfInverseSquare(relative) / cRelative).isCloseTo(1.0, within(1e-6));
        Equation chosen = relative.select(Selection.BEST);
        assertThat(relativeRms(chosen, data)).as(chosen.toString()).isLessThan(0.01);
        // The squared error prefers forms that bend to the largest rows (c/(x − 0.77) here) and
        // misses the small ones by orders of magnitude.
        Equation plainChosen = plain.select(Selection.BEST);
        assertThat(relativeRms(plainChosen, data)).as(plainChosen.toString()).isGreaterThan(1);
    }

    /** The constant c of the front's equation c/x² (complexity 5), its value at x = 1. */
    private static double constantOfInverseSquare(ParetoFront front) {
        Equation e = front.equations().stream().filter(q -> q.complexity() == 5).findFirst().orElseThrow();
        assertThat(e.predict(new double[][] {{2}})[0] * 4 / e.predict(new double[][] {{1}})[0]).as(e.toString())
                .isCloseTo(1.0, within(1e-9));
        return e.predict(new double[][] {{1}})[0];
    }

    /** Also when the search rescales the columns (y ≈ 1e-20 to 1; losses scale by the same factor). */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(names = {"OFF", "ALL"})
    void lossesOfTheFrontAreTheWeightedOnes(org.distill.symbolic.search.Scaling.Mode scale) {
        Dataset data = powerLawWithOutlier();
        ParetoFront front = quick().weighting(Weighting.RELATIVE).scale(scale).generations(5).build().fit(data);
        double[] y = data.y();
        assertThat(front.provenance().settings().describe()).containsEntry("weighting", "relative");
        for (Equation e : front.equations()) {
            double[] p = e.predict(data);
            double sum = 0, wsum = 0;
            for (int i = 0; i < y.length; i++) {
                double w = 1 / (y[i] * y[i]);
                sum += w * (p[i] - y[i]) * (p[i] - y[i]);
                wsum += w;
            }
            assertThat(e.loss()).as(e.toString()).isCloseTo(sum / wsum, within(1e-9 * sum / wsum + 1e-300));
        }
    }

    @Test
    void relativeWeightsAreOneOverYSquaredScaledToAMaximumOfOne() {
        Dataset data = Dataset.of(new double[][] {{1}, {2}, {3}}, new double[] {2, -4, 20});
        assertThat(Weighting.RELATIVE.apply(data, Loss.MSE).weights()).containsExactly(new double[] {1, 0.25, 0.01}, within(1e-15));
        assertThat(Weighting.RELATIVE.apply(data, Loss.MAE).weights()).containsExactly(new double[] {1, 0.5, 0.1}, within(1e-15));
        // The data set's own weights multiply them.
        assertThat(Weighting.RELATIVE.apply(data.withWeights(new double[] {0, 2, 3}), Loss.MSE).weights())
                .containsExactly(new double[] {0, 0.5, 0.03}, within(1e-15));
        assertThat(Weighting.NONE.apply(data, Loss.MSE)).isSameAs(data);
        assertThat(Weighting.AUTO.apply(data, Loss.MSE)).as("mixed signs: none").isSameAs(data);
    }

    @Test
    void aZeroTargetIsRefusedNamingItsRow() {
        Dataset data = Dataset.of(new double[][] {{1}, {2}, {3}, {4}}, new double[] {1, 2, 0, 4});
        assertThatThrownBy(() -> Weighting.RELATIVE.apply(data, Loss.MSE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target row 2 is 0: relative weights 1/y² need a nonzero target on every row "
                        + "(use weighting none, or leave the row out)");
        assertThatThrownBy(() -> quick().weighting(Weighting.RELATIVE).build().fit(data))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("target row 2 is 0");
        assertThat(Weighting.AUTO.apply(data, Loss.MSE)).as("a zero: auto is none").isSameAs(data);
    }

    @ParameterizedTest
    @CsvSource({
        "'1, 50, 100', false",       // a factor 100, not more
        "'1, 50, 100.5', true",
        "'-1e-22, -3e-28', true",    // one sign, negative
        "'-1, 5, 1000', false",      // two signs
        "'0, 5, 1000', false",       // a zero
        "'1e15, 1e22', true",
        "'2.5, 2.5', false"})
    void autoIsRelativeWhenTheTargetSpansMoreThanAFactor100(String values, boolean spans) {
        double[] y = java.util.Arrays.stream(values.split(",")).mapToDouble(s -> Double.parseDouble(s.strip())).toArray();
        assertThat(Weighting.spansDecades(y)).isEqualTo(spans);
        assertThat(Weighting.AUTO.resolve(y)).isEqualTo(spans ? Weighting.RELATIVE : Weighting.NONE);
        assertThat(Weighting.RELATIVE.resolve(y)).isEqualTo(Weighting.RELATIVE);
        assertThat(Weighting.NONE.resolve(y)).isEqualTo(Weighting.NONE);
    }

    @Test
    void namesParseInAnyCaseAndABadOneIsNamed() {
        assertThat(Weighting.named(" Relative ")).isEqualTo(Weighting.RELATIVE);
        assertThat(Weighting.named("auto")).isEqualTo(Weighting.AUTO);
        assertThat(Weighting.named("NONE")).isEqualTo(Weighting.NONE);
        assertThat(Weighting.AUTO).hasToString("auto");
        assertThatThrownBy(() -> Weighting.named("inverse")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown weighting 'inverse': expected none, relative or auto");
    }

    @Test
    void theDefaultIsNoneAndTheSettingIsDescribedButNotSummarised() {
        SymbolicRegressor.Options o = SymbolicRegressor.builder().build().options();
        assertThat(o.weighting()).isEqualTo(Weighting.NONE);
        assertThat(o.describe()).containsEntry("weighting", "none");
        assertThat(o.summary()).doesNotContain("weighting");
        SymbolicRegressor.Options auto = o.toBuilder().weighting(Weighting.AUTO).build().options();
        assertThat(auto.toBuilder().build().options()).isEqualTo(auto);
        assertThatThrownBy(() -> SymbolicRegressor.builder().weighting(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("weighting");
    }
}
