package org.distill.symbolic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.distill.symbolic.expr.Op;
import org.junit.jupiter.api.Test;

/** {@code features(true)}: candidate features as extra columns, the result in the original variables. */
class FeaturesSearchTest {

    @Test
    void aNormTimesAVariableIsFoundAndPrintedInTheOriginalVariables() {
        Random r = new Random(4);
        int n = 40;
        double[][] x = new double[n][3];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) x[i][j] = 0.5 + 2 * r.nextDouble();
            y[i] = Math.sqrt(x[i][0] * x[i][0] + x[i][1] * x[i][1]) * x[i][2];
        }
        Dataset data = Dataset.of(x, y).withVariables("x", "y", "z");
        ParetoFront front = SymbolicRegressor.builder().operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV)
                .generations(30).populationSize(100).islands(4).seed(1).threads(2).simplify(false).features(true)
                .build().fit(data);
        assertThat(front.provenance().settings().describe()).containsEntry("features", true);
        Equation best = front.select(Selection.ACCURACY);
        // Written in x, y, z (no feature names), it is the law: sqrt only comes from the norm feature.
        assertThat(best.toString()).contains("sqrt(").doesNotContain("f1").doesNotContain("f2");
        assertThat(best.loss()).isLessThan(1e-12);
        double[] p = best.predict(new double[][] {{3, 4, 2}});
        assertThat(p[0]).isCloseTo(10, within(1e-6));
        for (Equation e : front.equations()) assertThat(e.expression().maxVariable()).isLessThan(3);
    }

    @Test
    void theFrontKeepsTheConstantSoThatARatioFoundAsOneFeatureIsChosen() {
        // y = x/z with 1 % noise: the ratio is one leaf (a feature) in the search and crowds the constant off the
        // search's front; written out it has complexity 3. Without the constant finished beside it, it was the
        // first equation of the front, with score 0, and a longer noise fit won the choice (Feynman I.29.4).
        Random r = new Random(5);
        int n = 200;
        double[][] x = new double[n][2];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = 1 + 9 * r.nextDouble();
            x[i][1] = 1 + 9 * r.nextDouble();
            y[i] = x[i][0] / x[i][1] * (1 + 0.01 * r.nextGaussian());
        }
        Dataset data = Dataset.of(x, y).withVariables("x", "z");
        ParetoFront front = SymbolicRegressor.builder().generations(40).populationSize(100).islands(4).seed(1).threads(2)
                .features(true).build().fit(data);
        assertThat(front.get(0).complexity()).as(front.toString()).isEqualTo(1);
        assertThat(front.get(0).expression().maxVariable()).as(front.toString()).isLessThan(0); // a constant
        assertThat(front.best().toString()).as(front.toString()).isEqualTo("x/z");
    }

    @Test
    void theDistanceOfTwoPointsIsFoundFromTheDifferencesOfIndexedColumns() {
        // Feynman I.8.14, d = sqrt((x2 - x1)^2 + (y2 - y1)^2): x1, x2 and y1, y2 are indexed columns of like size, so
        // x1 - x2 and y1 - y2 are features and the law is a norm of two of them.
        Random r = new Random(6);
        int n = 100;
        double[][] x = new double[n][4];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) x[i][j] = 1 + 4 * r.nextDouble();
            y[i] = Math.hypot(x[i][1] - x[i][0], x[i][3] - x[i][2]);
        }
        Dataset data = Dataset.of(x, y).withVariables("x1", "x2", "y1", "y2");
        ParetoFront front = SymbolicRegressor.builder().operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.SQRT)
                .generations(100).populationSize(200).islands(8).seed(1).threads(2).features(true).build().fit(data);
        Equation best = front.select(Selection.ACCURACY);
        assertThat(best.loss()).as(front.toString()).isLessThan(1e-12);
        assertThat(best.predict(new double[][] {{1, 4, 5, 1}})[0]).isCloseTo(5, within(1e-9));
        assertThat(best.toString()).contains("x1").contains("y2").doesNotContain("f1");
    }
}
