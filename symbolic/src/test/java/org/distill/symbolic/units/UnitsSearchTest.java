package org.distill.symbolic.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.Equation;
import org.distill.symbolic.ParetoFront;
import org.distill.symbolic.SymbolicRegressor;
import org.distill.symbolic.expr.Op;
import org.junit.jupiter.api.Test;

/** The search with units: clean data of a known law, penalised and forbidden modes. */
class UnitsSearchTest {

    /** Pendulum: T = 2π·√(L/g), with a mass column the law does not use. */
    private static Dataset pendulum() {
        Random r = new Random(5);
        int n = 100;
        double[][] x = new double[n][3];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = 0.2 + 2 * r.nextDouble();  // L
            x[i][1] = 1 + 20 * r.nextDouble();   // g
            x[i][2] = 0.1 + 5 * r.nextDouble();  // m
            y[i] = 2 * Math.PI * Math.sqrt(x[i][0] / x[i][1]);
        }
        return Dataset.of(x, y).withVariables("L", "g", "m").withTarget("T")
                .withUnits(Map.of("L", "m", "g", "m/s^2", "m", "kg", "T", "s"));
    }

    private static SymbolicRegressor.Builder quick(Units units) {
        return SymbolicRegressor.builder().operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.SQRT, Op.EXP, Op.SIN)
                .populationSize(100).islands(4).generations(40).threads(1).seed(3).simplify(false).units(units);
    }

    private static void assertPendulum(Equation eq) {
        Random r = new Random(9);
        for (int i = 0; i < 50; i++) {
            double l = 0.2 + 2 * r.nextDouble(), g = 1 + 20 * r.nextDouble(), m = 0.1 + 5 * r.nextDouble();
            double want = 2 * Math.PI * Math.sqrt(l / g);
            assertThat(eq.predict(new double[][] {{l, g, m}})[0]).as(eq.toString()).isCloseTo(want, org.assertj.core.data.Offset.offset(1e-6 * want));
        }
    }

    @Test
    void forbidModeRecoversThePendulumAndItsWholeFrontIsConsistent() {
        Dataset data = pendulum();
        ParetoFront front = quick(Units.forbid().withDimensionlessConstants(true)).build().fit(data);
        assertPendulum(front.best());
        DimensionCheck check = DimensionCheck.of(data.columnDimensions(), data.targetDimension(), true);
        for (Equation e : front.equations()) {
            assertThat(check.violations(e.expression(), true)).as(e.toString()).isZero();
        }
    }

    @Test
    void penaltyModeRecoversThePendulum() {
        ParetoFront front = quick(Units.penalty(Units.DEFAULT_WEIGHT).withDimensionlessConstants(true)).build().fit(pendulum());
        assertPendulum(front.best());
    }

    @Test
    void forbidModeWithDimensionlessConstantsLeavesOnlyConsistentEquations() {
        // The target declared as a length: √(L/g) (a time) is then wrong, L·(...) is not.
        Dataset data = pendulum().withUnits(Map.of("L", "m", "g", "m/s^2", "m", "kg", "T", "m"));
        ParetoFront front = quick(Units.forbid().withDimensionlessConstants(true)).build().fit(data);
        DimensionCheck check = DimensionCheck.of(data.columnDimensions(), Dimension.parse("m"), true);
        for (Equation e : front.equations()) {
            assertThat(check.violations(e.expression(), true)).as(e.toString()).isZero();
        }
    }

    @Test
    void unitsAreValidatedAgainstTheColumns() {
        Dataset d = pendulum();
        assertThatThrownBy(() -> d.withUnits(Map.of("L", "m", "g", "m/s^2", "m", "kg", "X", "s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'X', which is neither a feature column [L, g, m] nor the target 'T'");
        assertThatThrownBy(() -> d.withUnits(Map.of("L", "m", "T", "s")))
                .hasMessage("no units for columns g, m: every feature column needs one (1 for dimensionless)".replace("units", "unit"));
        assertThatThrownBy(() -> d.withUnits(Map.of("L", "m", "g", "m/s^^2", "m", "kg")))
                .hasMessageStartingWith("unit of 'g': malformed unit 'm/s^^2' at column 5");
        // units follow their columns through renaming
        Dataset renamed = d.withVariables("length", "gravity", "mass");
        assertThat(renamed.columnDimensions()).containsExactly(Dimension.parse("m"), Dimension.parse("m/s^2"), Dimension.parse("kg"));
        assertThat(renamed.targetDimension()).isEqualTo(Dimension.parse("s"));
    }

    @Test
    void theSettingIsDescribedAndValidated() {
        assertThat(SymbolicRegressor.builder().build().options().describe().get("units")).isEqualTo("penalty 0.1, free constants");
        assertThat(Units.forbid().withDimensionlessConstants(true).toString()).isEqualTo("forbid, dimensionless constants");
        assertThatThrownBy(() -> Units.penalty(0)).hasMessage("units penalty weight must be in (0, 1000]: 0.0");
        assertThat(Units.Mode.named("Forbid")).isEqualTo(Units.Mode.FORBID);
        assertThatThrownBy(() -> Units.Mode.named("strict")).hasMessage("unknown units mode 'strict': expected penalty, forbid or off");
    }
}
