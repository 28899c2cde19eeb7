package org.distill.symbolic.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.eval.Evaluator;
import org.distill.symbolic.eval.Loss;
import org.distill.symbolic.eval.Program;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.expr.Parser;
import org.distill.symbolic.units.Dimension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The search's scales: which columns, powers of four, and equations mapped back exactly. */
class ScalingTest {
    private static final List<String> NAMES = List.of("m1", "m2", "r");
    private static final Canonicalizer CANON = Canonicalizer.of(Op.DEFAULTS);

    /** Masses about 1e24 and 1e22, distances about 1e8, forces about 1e16 to 1e25. */
    private static Columns gravitation(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[3][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[0][i] = 1e24 * (0.5 + 5 * r.nextDouble());
            x[1][i] = 1e22 * (0.5 + 5 * r.nextDouble());
            x[2][i] = 1e8 * (0.5 + 5 * r.nextDouble());
            y[i] = 6.674e-11 * x[0][i] * x[1][i] / (x[2][i] * x[2][i]);
        }
        return new Columns(x, y, null, n);
    }

    @Test
    void scalesArePowersOfFourNearTheColumnsMagnitude() {
        Columns c = gravitation(50, 1);
        Scaling s = Scaling.of(Scaling.Mode.AUTO, c, Loss.MSE, List.of(), Op.DEFAULTS, CANON);
        double[] in = s.inputScales();
        for (int i = 0; i < 3; i++) {
            int e = Math.getExponent(in[i]);
            assertThat(in[i]).isEqualTo(Math.scalb(1.0, e));
            assertThat(e % 2).isZero();
            double rms = 0;
            for (int k = 0; k < 50; k++) rms += c.x()[i][k] * c.x()[i][k];
            rms = Math.sqrt(rms / 50);
            assertThat(rms / in[i]).isBetween(0.5, 2.0);
        }
        assertThat(s.targetScale()).isGreaterThan(1e15);
        Columns scaled = s.apply(c);
        assertThat(scaled.x()[0][3]).isEqualTo(c.x()[0][3] / in[0]);
        assertThat(scaled.y()[3] * s.targetScale()).isEqualTo(c.y()[3]);
    }

    @Test
    void autoLeavesColumnsOfOrdinaryMagnitudeAloneAndOffLeavesAll() {
        double[][] x = {{1, 2, 3, 4}, {1e-6, 2e-6, 3e-6, 4e-6}};
        Columns c = new Columns(x, new double[] {500, 600, 700, 800}, null, 4);
        Scaling auto = Scaling.of(Scaling.Mode.AUTO, c, Loss.MSE, List.of(), Op.DEFAULTS, CANON);
        assertThat(auto.inputScales()[0]).isEqualTo(1);
        assertThat(auto.inputScales()[1]).isLessThan(1e-4);
        assertThat(auto.targetScale()).isEqualTo(1);
        Scaling all = Scaling.of(Scaling.Mode.ALL, c, Loss.MSE, List.of(), Op.DEFAULTS, CANON);
        assertThat(all.inputScales()[0]).isEqualTo(4);
        assertThat(all.targetScale()).isEqualTo(1024);
        assertThat(Scaling.of(Scaling.Mode.OFF, c, Loss.MSE, List.of(), Op.DEFAULTS, CANON).isIdentity()).isTrue();
        // Huber's delta is in the target's units: the target keeps them; inputs are still scaled.
        Scaling huber = Scaling.of(Scaling.Mode.ALL, c, Loss.huber(1), List.of(), Op.DEFAULTS, CANON);
        assertThat(huber.targetScale()).isEqualTo(1);
        assertThat(huber.inputScales()[0]).isEqualTo(4);
        // Without × a scale could not be written into the equation.
        assertThat(Scaling.of(Scaling.Mode.ALL, c, Loss.MSE, List.of(), List.of(Op.ADD, Op.SUB), CANON).isIdentity()).isTrue();
    }

    @Test
    void columnsOfOneUnitShareAScale() {
        Columns c = gravitation(50, 2);
        Dimension kg = Dimension.parse("kg"), m = Dimension.parse("m");
        Scaling s = Scaling.of(Scaling.Mode.AUTO, c, Loss.MSE, List.of(kg, kg, m), Op.DEFAULTS, CANON);
        assertThat(s.inputScales()[0]).isEqualTo(s.inputScales()[1]);
        assertThat(Scaling.of(Scaling.Mode.AUTO, c, Loss.MSE, List.of(), Op.DEFAULTS, CANON).inputScales()[0])
                .isNotEqualTo(Scaling.of(Scaling.Mode.AUTO, c, Loss.MSE, List.of(), Op.DEFAULTS, CANON).inputScales()[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "m1*m2/(r*r)*0.37", "0.37*m1*m2/(r*r) + 0.5", "sqrt(m1)*r - 2.5", "exp(-r*1.5)*m2", "sin(m1*2 + 1)/r",
        "log(m1*m2)*r", "m1 + m2 - r", "(m1 - 0.3)/(r + 1.25)", "m1*m2/(r*r) + sqrt(m2)*3", "cos(r)*m1*m1 + r*0.25"})
    void equationsMappedBackGiveTheSameValuesInTheOriginalUnits(String text) {
        Columns c = gravitation(40, 3);
        Scaling s = Scaling.of(Scaling.Mode.ALL, c, Loss.MSE, List.of(), Op.DEFAULTS, CANON);
        Columns scaled = s.apply(c);
        Expr f = CANON.apply(Parser.parse(text, NAMES));
        Expr back = s.toOriginal(f);
        Evaluator ev = new Evaluator();
        double[] inScaled = ev.predict(Program.compile(f), scaled).clone();
        double[] inOriginal = ev.predict(Program.compile(back), c).clone();
        for (int i = 0; i < c.rows(); i++) {
            double want = s.targetScale() * inScaled[i];
            assertThat(inOriginal[i]).as(back + " row " + i).isCloseTo(want, org.assertj.core.data.Offset.offset(1e-12 * Math.abs(want)));
        }
        // The losses agree in the original units (scaled loss × s_y²).
        double lossScaled = ev.loss(Program.compile(f), scaled, Loss.MSE);
        double lossOriginal = ev.loss(Program.compile(back), c, Loss.MSE);
        assertThat(s.lossToOriginal(lossScaled)).isCloseTo(lossOriginal, org.assertj.core.data.Offset.offset(1e-9 * lossOriginal));
        // And back again: the scaled equation's values.
        double[] again = ev.predict(Program.compile(s.toScaled(back)), scaled).clone();
        for (int i = 0; i < c.rows(); i++) {
            assertThat(again[i]).isCloseTo(inScaled[i], org.assertj.core.data.Offset.offset(1e-12 * Math.abs(inScaled[i])));
        }
    }

    @Test
    void scalesFoldIntoConstantsWithoutAddingNodes() {
        Columns c = gravitation(40, 4);
        Scaling s = Scaling.of(Scaling.Mode.ALL, c, Loss.MSE, List.of(), Op.DEFAULTS, CANON);
        // Products, quotients, roots and sums whose terms carry a constant keep their complexity.
        for (String text : List.of("m1*m2/(r*r)*0.37", "0.37*m1*m2/(r*r) + 0.5", "sqrt(m1)*r*3 - 2.5", "(m1 - 0.3)/(r + 1.25)*0.7")) {
            Expr f = CANON.apply(Parser.parse(text, NAMES));
            assertThat(s.toOriginal(f).complexity()).as(text + " -> " + s.toOriginal(f)).isEqualTo(f.complexity());
        }
        // The law's constant comes back exactly: 0.37 in the scales is G·s_m1·s_m2/(s_r²·s_y).
        Expr f = CANON.apply(Parser.parse("m1*m2/(r*r)*0.37", NAMES));
        double[] in = s.inputScales();
        double want = 0.37 * s.targetScale() / (in[0] * in[1]) * (in[2] * in[2]);
        assertThat(s.toOriginal(f).constants()).containsExactly(want);
    }

    @Test
    void modesByName() {
        assertThat(Scaling.Mode.named(" Auto")).isEqualTo(Scaling.Mode.AUTO);
        assertThat(Scaling.Mode.named("off")).isEqualTo(Scaling.Mode.OFF);
        assertThat(Scaling.Mode.ALL.toString()).isEqualTo("all");
        assertThatThrownBy(() -> Scaling.Mode.named("on")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown scale mode 'on': expected auto, all or off");
    }
}
