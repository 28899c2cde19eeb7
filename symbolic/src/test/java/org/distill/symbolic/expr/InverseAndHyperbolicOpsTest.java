package org.distill.symbolic.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.eval.Evaluator;
import org.distill.symbolic.eval.Loss;
import org.distill.symbolic.eval.Program;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** asin, acos, atan, sinh, cosh, tanh: built-in operators with evaluator support and exports. */
class InverseAndHyperbolicOpsTest {
    private static final List<String> X = List.of("x");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "asin; \\arcsin\\left(x\\right); asin(x); Math.asin(x)",
            "acos; \\arccos\\left(x\\right); acos(x); Math.acos(x)",
            "atan; \\arctan\\left(x\\right); atan(x); Math.atan(x)",
            "sinh; \\sinh\\left(x\\right); sinh(x); Math.sinh(x)",
            "cosh; \\cosh\\left(x\\right); cosh(x); Math.cosh(x)",
            "tanh; \\tanh\\left(x\\right); tanh(x); Math.tanh(x)"})
    void builtInWithExportsAndTheParserReadsThemBack(String name, String latex, String sympy, String java) {
        Op op = Op.builtin(name);
        assertThat(op.isBuiltin()).isTrue();
        assertThat(Op.BUILTINS).contains(op);
        Expr e = Expr.of(op, Expr.variable(0));
        assertThat(Printer.latex(e, X)).isEqualTo(latex);
        assertThat(Printer.sympy(e, X)).isEqualTo(sympy);
        assertThat(Printer.java(e, X)).isEqualTo(java);
        assertThat(Printer.plain(e, X)).isEqualTo(name + "(x)");
        assertThat(Parser.parse(name + "(x)", X)).isEqualTo(e);
    }

    @Test
    void arcNamesAreAliases() {
        assertThat(Op.builtin("arcsin")).isEqualTo(Op.ASIN);
        assertThat(Op.builtin("ArcTan")).isEqualTo(Op.ATAN);
    }

    @ParameterizedTest(name = "{0}({1})")
    @CsvSource({"asin, 0.3", "acos, -0.7", "atan, 2.5", "sinh, 1.2", "cosh, -0.4", "tanh, 0.9"})
    void evaluatorMatchesJavaMathAndItsDerivativeMatchesTheClosedForm(String name, double at) {
        Op op = Op.builtin(name);
        // f(c·v) at c = 1.5: value and d/dc = v·f'(c·v)
        double c = 1.5, v = at / c, x = c * v;
        Expr e = Expr.of(op, Expr.of(Op.MUL, Expr.constant(c), Expr.variable(0)));
        Program p = Program.compile(e);
        Columns data = new Columns(new double[][] {{v}}, new double[] {0}, null, 1);
        Evaluator ev = new Evaluator();
        double expected = switch (name) {
            case "asin" -> Math.asin(x);
            case "acos" -> Math.acos(x);
            case "atan" -> Math.atan(x);
            case "sinh" -> Math.sinh(x);
            case "cosh" -> Math.cosh(x);
            default -> Math.tanh(x);
        };
        double derivative = switch (name) {
            case "asin" -> 1 / Math.sqrt(1 - x * x);
            case "acos" -> -1 / Math.sqrt(1 - x * x);
            case "atan" -> 1 / (1 + x * x);
            case "sinh" -> Math.cosh(x);
            case "cosh" -> Math.sinh(x);
            default -> 1 - Math.tanh(x) * Math.tanh(x);
        };
        assertThat(ev.predict(p, data)[0]).isEqualTo(expected);
        assertThat(e.evaluate(new double[] {v})).isEqualTo(expected);
        double[] value = new double[1];
        double[][] jac = new double[1][1];
        ev.gradient(p, data, value, jac);
        assertThat(value[0]).isEqualTo(expected);
        assertThat(jac[0][0]).isCloseTo(v * derivative, within(1e-12));
    }

    @Test
    void outsideTheDomainTheLossIsInfinite() {
        Expr e = Expr.of(Op.ASIN, Expr.variable(0));
        Columns data = new Columns(new double[][] {{0.5, 2.0}}, new double[] {0, 0}, null, 2);
        assertThat(new Evaluator().loss(Program.compile(e), data, Loss.MSE)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(new Evaluator().loss(Program.compile(Expr.of(Op.ACOS, Expr.variable(0))), data, Loss.MSE))
                .isEqualTo(Double.POSITIVE_INFINITY);
    }
}
