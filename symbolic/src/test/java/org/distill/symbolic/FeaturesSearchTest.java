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
}
