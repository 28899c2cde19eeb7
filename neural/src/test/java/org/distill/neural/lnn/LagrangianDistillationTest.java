package org.distill.neural.lnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.SplittableRandom;
import org.distill.physics.lagrangian.RelativisticParticle;
import org.distill.symbolic.Equation;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.expr.Parser;
import org.junit.jupiter.api.Test;

class LagrangianDistillationTest {
    /** L_θ = a·L + c·q̇ + b is the true Lagrangian up to scale, a total derivative and a constant: the gauge fit says so. */
    @Test void gaugeFitRecoversScaleTotalDerivativeAndOffset() {
        var p = new RelativisticParticle(1, 0.8);
        var random = new SplittableRandom(1);
        int rows = 200;
        double[] truth = new double[rows], v = new double[rows], learned = new double[rows];
        for (int r = 0; r < rows; r++) {
            double q = random.nextDouble(-1, 1);
            v[r] = random.nextDouble(-0.8, 0.8);
            truth[r] = p.value(new double[] {q}, new double[] {v[r]});
            learned[r] = 0.6 * truth[r] - 5.9 * v[r] + 16.8;
        }
        var g = LagrangianDistillation.GaugeFit.of(truth, v, 1, learned);
        assertThat(g.a()).isCloseTo(0.6, offset(1e-9));
        assertThat(g.c()[0]).isCloseTo(-5.9, offset(1e-9));
        assertThat(g.b()).isCloseTo(16.8, offset(1e-9));
        assertThat(g.r2()).isCloseTo(1, offset(1e-12));
        // the plain scale fit cannot absorb the total derivative
        assertThat(LagrangianDistillation.ScaleFit.of(truth, learned).r2()).isLessThan(0.5);
        assertThat(LagrangianDistillation.GaugeFit.of(new double[3], new double[3], 1, new double[3]).r2()).isNaN();
        assertThatThrownBy(() -> LagrangianDistillation.GaugeFit.of(new double[3], new double[4], 1, new double[3]))
                .hasMessageContaining("qd 4 (expected 3 × 1)");
    }

    /** The formulas of the kinetic part (in q̇) and the potential part (in q) join into one formula in (q, q̇). */
    @Test void separatePartsJoinIntoOneLagrangian() {
        var t = new Equation(Parser.parse("-321*sqrt(1 - v1^2) + 5*v2^2", List.of("v1", "v2")), List.of("v1", "v2"), 0, 0);
        var u = new Equation(Parser.parse("321*q1 - q2", List.of("q1", "q2")), List.of("q1", "q2"), 0, 0);
        List<String> names = List.of("q1", "q2", "v1", "v2");
        double[][] columns = {{0.1, -0.4}, {0.3, 0.2}, {0.5, -0.7}, {0.2, 0.1}};
        double[] y = new double[2];
        for (int r = 0; r < 2; r++)
            y[r] = -321 * Math.sqrt(1 - columns[2][r] * columns[2][r]) + 5 * columns[3][r] * columns[3][r] + 321 * columns[0][r] - columns[1][r];
        var data = org.distill.symbolic.Dataset.ofColumns(columns, y).withVariables(names);
        Equation joined = LagrangianDistillation.sum(t, u, 2, names, data);
        assertThat(joined.variables()).isEqualTo(names);
        assertThat(joined.predict(data)).containsExactly(y, offset(1e-9));
        assertThat(joined.loss()).isCloseTo(0, offset(1e-18));
    }

    /**
     * The constants that each part's linear scaling leaves are folded into one: the relativistic Lagrangian's formula
     * came out as {@code … + 1978.61 + 134.64·q + 1843.90}.
     */
    @Test void joiningFoldsTheConstantTermsOfTheSum() {
        List<String> names = List.of("q", "v");
        var t = new Equation(Parser.parse("-1978.61*sqrt(1 - v^2) + 1978.61", List.of("v")), List.of("v"), 0, 0);
        var u = new Equation(Parser.parse("134.64*q + 1843.90", List.of("q")), List.of("q"), 0, 0);
        double[][] columns = {{0.1, -0.4, 0.7}, {0.3, -0.2, 0.5}};
        double[] y = new double[3];
        for (int r = 0; r < 3; r++)
            y[r] = -1978.61 * Math.sqrt(1 - columns[1][r] * columns[1][r]) + 1978.61 + 134.64 * columns[0][r] + 1843.90;
        var data = org.distill.symbolic.Dataset.ofColumns(columns, y).withVariables(names);
        Equation joined = LagrangianDistillation.sum(t, u, 1, names, data);
        Expr expected = Expr.of(Op.ADD, Expr.of(Op.ADD, Parser.parse("-1978.61*sqrt(1 - v^2)", names),
                Parser.parse("134.64*q", names)), Expr.constant(1978.61 + 1843.90));
        assertThat(joined.expression()).isEqualTo(expected);
        assertThat(joined.predict(data)).containsExactly(y, offset(1e-9));
        assertThat(joined.loss()).isCloseTo(0, offset(1e-18));
    }

    @Test void foldingAddsTheConstantTermsOnceAndKeepsTheOthers() {
        List<String> names = List.of("x", "y");
        assertThat(LagrangianDistillation.foldConstants(Parser.parse("x - 2 + (3 - y)", names)))
                .isEqualTo(Parser.parse("x - y + 1", names));
        assertThat(LagrangianDistillation.foldConstants(Parser.parse("2 - x - 5 - y", names)))
                .isEqualTo(Parser.parse("-3 - x - y", names));
        assertThat(LagrangianDistillation.foldConstants(Parser.parse("x + 2 - 2", names))).isEqualTo(Parser.parse("x", names));
        Expr one = Parser.parse("x*y + 4 - sqrt(x)", names);                       // a single constant: unchanged
        assertThat(LagrangianDistillation.foldConstants(one)).isSameAs(one);
    }

    /** In the rest gauge the learned Lagrangian's momentum at q̇ = 0 vanishes, and the values at rest are unchanged. */
    @Test void restGaugeRemovesTheMomentumAtRest() {
        try (LagrangianNetwork net = LagrangianNetwork.of(1, LnnConfig.builder().hiddenSize(16).hiddenLayers(2).seed(3).build())) {
            double[] q = {-0.7, -0.7, 0.2, 0.2, 0.9, 0.9}, v = {1e-3, -1e-3, 1e-3, -1e-3, 1e-3, -1e-3};
            double[] learned = net.lagrangian(q, v, 6), gauged = LagrangianDistillation.restGauge(net, q, v, learned);
            for (int r = 0; r < 6; r += 2) {
                double before = (learned[r] - learned[r + 1]) / 2e-3, after = (gauged[r] - gauged[r + 1]) / 2e-3;
                assertThat(Math.abs(before)).as("the network has a momentum at rest to remove").isGreaterThan(1e-3);
                assertThat(after).isCloseTo(0, offset(1e-6 * (1 + Math.abs(before))));
            }
            double[] rest = net.lagrangian(new double[] {0.4}, new double[] {0}, 1);
            assertThat(LagrangianDistillation.restGauge(net, new double[] {0.4}, new double[] {0}, rest)).containsExactly(rest);
        }
    }

    /** A formula's own Euler–Lagrange accelerations: the relativistic form (scaled, with a total derivative) gives g(1 − v²)^{3/2} up to v = 0.99. */
    @Test void formulaAccelerationsFollowTheEulerLagrangeEquations() {
        List<String> names = List.of("q", "v");
        var formula = new Equation(Parser.parse("0.6*(q - sqrt(1 - v^2)) - 5.9*v + 16.8", names), names, 0, 0);
        double[] q = {0.3, -0.5, 0.1, 0.7}, v = {0, 0.5, 0.9, 0.99};
        double[] a = LagrangianDistillation.accelerations(formula, 1, q, v);
        for (int i = 0; i < v.length; i++)
            assertThat(a[i]).isCloseTo(Math.pow(1 - v[i] * v[i], 1.5), offset(1e-5));
        // beyond the speed of light the formula is not finite: NaN, not an exception
        assertThat(LagrangianDistillation.accelerations(formula, 1, new double[] {0}, new double[] {1.2})[0]).isNaN();
        assertThatThrownBy(() -> LagrangianDistillation.accelerations(formula, 2, new double[2], new double[2]))
                .hasMessageContaining("formula has 2 variables, expected 4");
    }
}
