package org.distill.symbolic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.distill.symbolic.eval.Evaluator;
import org.distill.symbolic.eval.Loss;
import org.distill.symbolic.eval.Program;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.search.Scaling;
import org.distill.symbolic.units.DimensionCheck;
import org.junit.jupiter.api.Test;

/**
 * The search on badly scaled data: it works on rescaled columns and reports the equations, their
 * losses and their validation losses in the original units.
 */
class ScaledSearchTest {

    /** F = G·m1·m2/r², masses about 1e24, distances about 1e8: forces of order 1e16 to 1e25. */
    private static Dataset gravitation() {
        return gravitation(0);
    }

    /** With relative Gaussian noise of this size on the forces. */
    private static Dataset gravitation(double noise) {
        Random r = new Random(13);
        int n = 40;
        double[][] x = new double[n][3];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = 1e24 * Math.pow(10, 2 * r.nextDouble() - 1);
            x[i][1] = 1e24 * Math.pow(10, 2 * r.nextDouble() - 1);
            x[i][2] = 1e8 * Math.pow(10, 2 * r.nextDouble() - 1);
            y[i] = 6.674e-11 * x[i][0] * x[i][1] / (x[i][2] * x[i][2]) * (1 + noise * r.nextGaussian());
        }
        return Dataset.of(x, y).withVariables("m1", "m2", "r").withTarget("F");
    }

    private static SymbolicRegressor.Builder quick() {
        // Scaling alone: with candidate features (x/t, x·t columns) this budget misses the 1e-20 law below.
        return SymbolicRegressor.builder().operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.SQRT, Op.EXP).features(false)
                .populationSize(100).islands(4).generations(60).threads(1).seed(1).scale(Scaling.Mode.AUTO);
    }

    private static double relativeRms(Equation e, Dataset data, double[] want) {
        double[] got = e.predict(data);
        double s = 0;
        for (int i = 0; i < want.length; i++) s += Math.pow((got[i] - want[i]) / want[i], 2);
        return Math.sqrt(s / want.length);
    }

    @Test
    void findsNewtonsGravitationWithItsConstantInSiUnits() {
        Dataset data = gravitation();
        ParetoFront front = quick().build().fit(data);
        Equation best = front.best();
        assertThat(best.complexity()).as(best.toString()).isLessThanOrEqualTo(9);
        // G, and the exponent 2 of r^2 when simplification writes r·r as a power.
        double[] c = best.expression().constants();
        assertThat(java.util.Arrays.stream(c).filter(v -> v != 2).toArray()).as(best.toString())
                .containsExactly(new double[] {6.674e-11}, within(1e-9 * 6.674e-11));
        assertThat(relativeRms(best, data, data.y())).isLessThan(1e-9);
        assertThat(front.provenance().settings().describe().get("scale")).isEqualTo("auto");
    }

    @Test
    void theLawKeepsItsUnitsOnScaledData() {
        Dataset data = gravitation().withUnits(Map.of("m1", "kg", "m2", "kg", "r", "m", "F", "kg*m/s^2"));
        Equation best = quick().build().fit(data).best();
        assertThat(relativeRms(best, data, data.y())).as(best.toString()).isLessThan(1e-9);
        // The constant G carries the units (constants are free): the law is consistent.
        DimensionCheck check = DimensionCheck.of(data.columnDimensions(), data.targetDimension(), false);
        assertThat(check.violations(best.expression())).as(best.toString()).isZero();
    }

    @Test
    void findsALawOnValuesOfOrder1eMinus20() {
        // y = 3e-20·x·exp(-t/4e8) with t from 1e7 to 1e9 and x of order 1e-3.
        Random r = new Random(17);
        int n = 40;
        double[][] x = new double[n][2];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = 1e-3 * (1 + 4 * r.nextDouble());
            x[i][1] = 1e7 + 1e9 * r.nextDouble();
            y[i] = 3e-20 * x[i][0] * Math.exp(-x[i][1] / 4e8);
        }
        Dataset data = Dataset.of(x, y).withVariables("x", "t");
        Equation best = quick().build().fit(data).best();
        assertThat(relativeRms(best, data, y)).as(best.toString()).isLessThan(1e-9);
        assertThat(best.complexity()).as(best.toString()).isLessThanOrEqualTo(9);
        // Extrapolates: the law, not a fit of the rows.
        double[] far = best.predict(new double[][] {{2e-2, 2e9}});
        assertThat(far[0]).isCloseTo(3e-20 * 2e-2 * Math.exp(-5), within(1e-8 * 3e-20 * 2e-2 * Math.exp(-5)));
    }

    @Test
    void lossesAreInTheOriginalUnitsWithAndWithoutScaling() {
        Dataset d = gravitation(0.05);
        Evaluator ev = new Evaluator();
        for (Scaling.Mode mode : List.of(Scaling.Mode.AUTO, Scaling.Mode.OFF)) {
            SymbolicRegressor solver = quick().generations(10).simplify(false).scale(mode).build();
            try (SearchRun run = solver.start(d)) {
                List<Progress> progress = run.progress().toList();
                // The raw fronts of the progress reports: loss on the rows, in the original units.
                for (Equation e : progress.get(progress.size() - 1).front().equations()) {
                    double want = ev.loss(Program.compile(e.expression()), d.columns(), Loss.MSE);
                    assertThat(e.loss()).as(mode + " raw " + e).isCloseTo(want, within(1e-9 * want));
                }
                for (Equation e : run.finish().equations()) {
                    double want = ev.loss(Program.compile(e.expression()), d.columns(), Loss.MSE);
                    assertThat(e.loss()).as(mode + " " + e).isCloseTo(want, within(1e-9 * want));
                    // Validation losses too: about the noise's variance (5 % of forces of 1e16..1e25),
                    // nowhere near the scaled target's (about 1).
                    if (Double.isFinite(e.validationLoss())) assertThat(e.validationLoss()).isGreaterThan(1e20);
                }
            }
        }
    }
}
