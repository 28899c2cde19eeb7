package org.distill.symbolic.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.PiGroups;
import org.distill.symbolic.SymbolicRegressor;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.junit.jupiter.api.Test;

class BuckinghamTest {
    private static Dimension d(String unit) { return Dimension.parse(unit); }

    @Test
    void pendulumHasNoGroupAndTheTargetGroupIsTSqrtGOverL() {
        Buckingham b = Buckingham.of(List.of("L", "g"), List.of(d("m"), d("m/s^2")), d("s"));
        assertThat(b.size()).isZero();
        assertThat(b.describeTarget("T")).isEqualTo("T*g^(1/2)/L^(1/2)");
        // Π = T·√(g/L) is 2π on every row
        Random r = new Random(1);
        for (int i = 0; i < 20; i++) {
            double l = 0.1 + r.nextDouble(), g = 1 + 10 * r.nextDouble();
            double t = 2 * Math.PI * Math.sqrt(l / g);
            assertThat(b.targetGroup(t, new double[] {l, g})).isCloseTo(2 * Math.PI, within(1e-12));
        }
    }

    @Test
    void pendulumDataReducesToItsClosedForm() {
        Random r = new Random(2);
        int n = 50;
        double[][] x = new double[n][3];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = 0.1 + r.nextDouble();
            x[i][1] = 1 + 10 * r.nextDouble();
            x[i][2] = 1 + r.nextDouble(); // a mass: no other column has kg, so it cannot enter
            y[i] = 2 * Math.PI * Math.sqrt(x[i][0] / x[i][1]);
        }
        Dataset data = Dataset.of(x, y).withVariables("L", "g", "m").withTarget("T")
                .withUnits(Map.of("L", "m", "g", "m/s^2", "m", "kg", "T", "s"));
        PiGroups pi = PiGroups.of(data);
        assertThat(pi.isClosed()).isTrue();
        assertThat(pi.constant()).isCloseTo(2 * Math.PI, within(1e-12));
        Expr law = pi.law();
        for (int i = 0; i < n; i++) assertThat(law.evaluate(x[i])).isCloseTo(y[i], within(1e-12));
    }

    @Test
    void projectileRangeReducesToOneGroupAndExpandsBack() {
        // R = v^2 sin(2θ) / g: groups {θ}, Π_R = R·g/v²
        Buckingham b = Buckingham.of(List.of("v", "theta", "g"), List.of(d("m/s"), d("1"), d("m/s^2")), d("m"));
        assertThat(b.size()).isEqualTo(1);
        assertThat(b.describe(0)).isEqualTo("theta");
        assertThat(b.describeTarget("R")).isEqualTo("R*g/v^2");
        Expr f = Expr.of(Op.SIN, Expr.of(Op.MUL, Expr.constant(2), Expr.variable(0)));
        Expr law = b.expand(f);
        double[] row = {3, 0.4, 9.81};
        assertThat(law.evaluate(row)).isCloseTo(9 * Math.sin(0.8) / 9.81, within(1e-12));
    }

    @Test
    void groupsAreDimensionlessIntegerProducts() {
        // gravity: F, m1, m2, r, G → F is the target; groups from m1, m2, r, G
        List<Dimension> dims = List.of(d("kg"), d("kg"), d("m"), d("m^3/(kg*s^2)"));
        Buckingham b = Buckingham.of(List.of("m1", "m2", "r", "G"), dims, d("N"));
        assertThat(b.size()).isEqualTo(1);
        assertThat(b.describe(0)).isEqualTo("m2/m1");
        DimensionCheck check = DimensionCheck.of(dims, Dimension.NONE, true);
        assertThat(check.violations(b.groupExpr(0))).isZero();
        // Π_F = F·r²/(G·m1²): F = G m1 m2 / r² gives Π_F = m2/m1 = Π1
        assertThat(b.describeTarget("F")).isEqualTo("F*r^2/(m1^2*G)");
    }

    @Test
    void aTargetThatNoProductOfInputsCanMakeIsAnError() {
        assertThatThrownBy(() -> Buckingham.of(List.of("L"), List.of(d("m")), d("s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the target's dimension s is no product of powers");
        Dataset noTarget = Dataset.of(new double[][] {{1}, {2}}, new double[] {1, 2}).withUnits(Map.of("x0", "m"));
        assertThatThrownBy(() -> PiGroups.of(noTarget)).hasMessageContaining("needs units for every column and for the target 'y'");
    }

    @Test
    void searchOnTheGroupsFindsTheRangeLaw() {
        Random r = new Random(4);
        int n = 80;
        double[][] x = new double[n][3];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = 1 + 20 * r.nextDouble();
            x[i][1] = 0.1 + 1.3 * r.nextDouble();
            x[i][2] = 1 + 20 * r.nextDouble();
            y[i] = x[i][0] * x[i][0] * Math.sin(2 * x[i][1]) / x[i][2];
        }
        Dataset data = Dataset.of(x, y).withVariables("v", "theta", "g").withTarget("R")
                .withUnits(Map.of("v", "m/s", "theta", "1", "g", "m/s^2", "R", "m"));
        PiGroups pi = PiGroups.of(data);
        assertThat(pi.reduced().features()).isEqualTo(1);
        Expr f = SymbolicRegressor.builder().operators(Op.ADD, Op.MUL, Op.SIN).generations(30).islands(2)
                .populationSize(80).threads(1).seed(1).simplify(false).build().fit(pi.reduced()).best().expression();
        Expr law = pi.expand(f);
        for (int i = 0; i < n; i++) assertThat(law.evaluate(x[i])).isCloseTo(y[i], within(1e-6 * Math.abs(y[i]) + 1e-9));
    }
}
