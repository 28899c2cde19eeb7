package org.distill.symbolic.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExprTest {
    static final Expr X0 = Expr.variable(0), X1 = Expr.variable(1), X2 = Expr.variable(2);

    static Expr c(double v) { return Expr.constant(v); }
    static Expr add(Expr a, Expr b) { return Expr.of(Op.ADD, a, b); }
    static Expr sub(Expr a, Expr b) { return Expr.of(Op.SUB, a, b); }
    static Expr mul(Expr a, Expr b) { return Expr.of(Op.MUL, a, b); }
    static Expr div(Expr a, Expr b) { return Expr.of(Op.DIV, a, b); }
    static Expr pow(Expr a, Expr b) { return Expr.of(Op.POW, a, b); }
    static Expr un(Op op, Expr a) { return Expr.of(op, a); }

    /** (x0 + 2.5) * sin(x1): pre-order MUL, ADD, x0, 2.5, SIN, x1. */
    static Expr sample() { return mul(add(X0, c(2.5)), un(Op.SIN, X1)); }

    @Test void substituteReplacesVariablesAndKeepsTheRest() {
        Expr e = sample().substitute(i -> i == 0 ? c(1.5) : null);
        assertThat(e).isEqualTo(mul(add(c(1.5), c(2.5)), un(Op.SIN, X1)));
        assertThat(sample().substitute(i -> i == 1 ? X2 : null).evaluate(new double[] {1, 9, 0.5}))
                .isEqualTo((1 + 2.5) * Math.sin(0.5));
        Expr s = sample();
        assertThat(s.substitute(i -> null)).isSameAs(s);
    }

    @Test void foldConstantsEvaluatesTheConstantParts() {
        Expr e = sample().substitute(i -> i == 0 ? c(1.5) : null).foldConstants();
        assertThat(e).isEqualTo(mul(c(4), un(Op.SIN, X1)));
        assertThat(div(c(1), c(0)).foldConstants()).isEqualTo(div(c(1), c(0))); // not finite: kept
        assertThat(X0.foldConstants()).isSameAs(X0);
        assertThat(div(mul(X0, c(1)), add(c(0), pow(X1, c(3)))).foldConstants()).isEqualTo(div(X0, pow(X1, c(3))));
        assertThat(sub(mul(c(1), X0), c(0)).foldConstants()).isEqualTo(X0);
        assertThat(mul(X0, sub(c(0), X1)).foldConstants()).isEqualTo(mul(X0, Expr.of(Op.NEG, X1)));
    }

    @Nested
    class Structure {
        @Test
        void sizeDepthComplexity() {
            Expr e = sample();
            assertThat(e.size()).isEqualTo(6);
            assertThat(e.depth()).isEqualTo(3);
            assertThat(e.complexity()).isEqualTo(6);
            assertThat(X0.size()).isEqualTo(1);
            assertThat(X0.depth()).isEqualTo(1);
            assertThat(X0.complexity()).isEqualTo(1);
            // An operator's own complexity counts, leaves count 1.
            Expr heavy = mul(un(Op.EXP.withComplexity(3), X0), c(2));
            assertThat(heavy.complexity()).isEqualTo(1 + 3 + 1 + 1);
            assertThat(heavy.size()).isEqualTo(4);
        }

        @Test
        void nodesArePreOrder() {
            Expr e = sample();
            assertThat(e.node(0)).isSameAs(e);
            assertThat(e.node(1)).isEqualTo(add(X0, c(2.5)));
            assertThat(e.node(2)).isEqualTo(X0);
            assertThat(e.node(3)).isEqualTo(c(2.5));
            assertThat(e.node(4)).isEqualTo(un(Op.SIN, X1));
            assertThat(e.node(5)).isEqualTo(X1);
            assertThat(e.levelOf(0)).isZero();
            assertThat(e.levelOf(3)).isEqualTo(2);
            assertThat(e.levelOf(4)).isEqualTo(1);
            assertThatThrownBy(() -> e.node(6)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("[0, 6)").hasMessageContaining("6");
            assertThatThrownBy(() -> e.node(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        }

        @Test
        void replaceMakesACopy() {
            Expr e = sample();
            Expr r = e.replace(3, X2);
            assertThat(r).isEqualTo(mul(add(X0, X2), un(Op.SIN, X1)));
            assertThat(e).isEqualTo(sample()); // unchanged
            assertThat(e.replace(0, X1)).isSameAs(X1);
            Expr deeper = e.replace(5, un(Op.COS, X0));
            assertThat(deeper).isEqualTo(mul(add(X0, c(2.5)), un(Op.SIN, un(Op.COS, X0))));
            assertThat(deeper.size()).isEqualTo(7);
            assertThat(deeper.depth()).isEqualTo(4);
            assertThatThrownBy(() -> e.replace(6, X0)).isInstanceOf(IndexOutOfBoundsException.class);
        }

        @Test
        void everyNodeReplacedByItselfGivesAnEqualTree() {
            Expr e = mul(add(X0, c(2.5)), div(un(Op.SIN, X1), pow(X2, c(-1.5))));
            for (int i = 0; i < e.size(); i++) {
                assertThat(e.replace(i, e.node(i))).isEqualTo(e);
                assertThat(e.replace(i, e.node(i)).hashCode()).isEqualTo(e.hashCode());
            }
        }

        @Test
        void constantsInPreOrder() {
            Expr e = add(mul(c(1), X0), div(c(2), sub(X1, c(3))));
            assertThat(e.constants()).containsExactly(1, 2, 3);
            assertThat(e.constantCount()).isEqualTo(3);
            Expr f = e.withConstants(new double[] {10, 20, 30});
            assertThat(f).isEqualTo(add(mul(c(10), X0), div(c(20), sub(X1, c(30)))));
            assertThat(f.constants()).containsExactly(10, 20, 30);
            assertThat(e.constants()).containsExactly(1, 2, 3);
            assertThat(X0.withConstants(new double[0])).isSameAs(X0);
            assertThatThrownBy(() -> e.withConstants(new double[] {1, 2}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 values");
            assertThatThrownBy(() -> e.withConstants(new double[] {1, 2, 3, 4}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 constants");
        }

        @Test
        void leavesAndQueries() {
            assertThat(c(1).isConstant()).isTrue();
            assertThat(c(1).isLeaf()).isTrue();
            assertThat(X1.isVariable()).isTrue();
            assertThat(X1.variable()).isEqualTo(1);
            assertThat(c(1).variable()).isEqualTo(-1);
            assertThat(sample().maxVariable()).isEqualTo(1);
            assertThat(c(3).maxVariable()).isEqualTo(-1);
            assertThat(add(c(1), un(Op.EXP, c(2))).isConstantTree()).isTrue();
            assertThat(sample().isConstantTree()).isFalse();
            assertThatThrownBy(() -> Expr.variable(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Expr.of(Op.ADD, X0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("takes 2 arguments, got 1");
        }

        @Test
        void evaluateOneRow() {
            double[] row = {1.5, 0.25, -2};
            assertThat(sample().evaluate(row)).isEqualTo((1.5 + 2.5) * Math.sin(0.25));
            assertThat(pow(X2, c(2)).evaluate(row)).isEqualTo(4.0);
        }
    }

    @Nested
    class Equality {
        @Test
        void structuralEqualityAndHash() {
            Expr a = sample(), b = sample();
            assertThat(a).isNotSameAs(b).isEqualTo(b);
            assertThat(a.hashCode()).isEqualTo(b.hashCode());
            assertThat(a).isNotEqualTo(mul(add(X0, c(2.5000001)), un(Op.SIN, X1)));
            assertThat(a).isNotEqualTo(mul(add(X1, c(2.5)), un(Op.SIN, X1)));
            assertThat(a).isNotEqualTo(mul(add(X0, c(2.5)), un(Op.COS, X1)));
            assertThat(add(X0, X1)).isNotEqualTo(add(X1, X0)); // no canonicalisation here
            assertThat(sub(X0, X1)).isNotEqualTo(add(X0, X1));
            assertThat(a.withConstants(a.constants())).isEqualTo(a);
            assertThat(a).isNotEqualTo(null).isNotEqualTo("x");
        }

        @Test
        void constantsCompareByBits() {
            // NaN equals itself (a tree must equal itself), 0.0 and -0.0 differ; hash agrees with equals.
            assertThat(c(Double.NaN)).isEqualTo(c(Double.NaN));
            assertThat(c(Double.NaN).hashCode()).isEqualTo(c(Double.NaN).hashCode());
            assertThat(c(0.0)).isNotEqualTo(c(-0.0));
            assertThat(c(1)).isNotEqualTo(X0);
            assertThat(Expr.variable(0)).isNotEqualTo(c(0)); // value 0 but a variable
        }

        @Test
        void userOperatorsCompareByName() {
            Op f = Op.unary("softplus", x -> Math.log1p(Math.exp(x))).build();
            Op g = Op.unary("softplus", x -> Math.log1p(Math.exp(x))).build();
            assertThat(un(f, X0)).isEqualTo(un(g, X0));
            assertThat(un(f, X0).hashCode()).isEqualTo(un(g, X0).hashCode());
            assertThat(un(f.withComplexity(2), X0)).isNotEqualTo(un(f, X0));
        }
    }

    @Nested
    class Printing {
        static final List<String> NAMES = List.of("m1", "m2", "r");
        /** m1*m2/r^2 */
        static final Expr GRAVITY = div(mul(X0, X1), pow(X2, c(2)));

        @Test
        void gravityInEveryFormat() {
            assertThat(Printer.plain(GRAVITY, NAMES)).isEqualTo("m1*m2/r^2");
            assertThat(Printer.latex(GRAVITY, NAMES)).isEqualTo("\\frac{m_{1} \\cdot m_{2}}{r^{2}}");
            assertThat(Printer.sympy(GRAVITY, NAMES)).isEqualTo("m1 * m2 / r**2");
            assertThat(Printer.java(GRAVITY, NAMES)).isEqualTo("m1 * m2 / Math.pow(r, 2.0)");
            assertThat(GRAVITY.toString()).isEqualTo("x0*x1/x2^2");
            assertThat(Printer.print(GRAVITY, NAMES, Printer.Format.PLAIN)).isEqualTo("m1*m2/r^2");
        }

        @Test
        void aNegatedDivisorOrRightFactorIsBracketed() {
            Expr negCube = Expr.of(Op.NEG, pow(X2, c(3)));
            assertThat(Printer.plain(div(X0, negCube), NAMES)).isEqualTo("m1/(-r^3)");
            assertThat(Printer.plain(mul(X0, negCube), NAMES)).isEqualTo("m1*(-r^3)");
            assertThat(Printer.plain(div(X0, c(-2)), NAMES)).isEqualTo("m1/(-2)");
            assertThat(Printer.plain(mul(negCube, X0), NAMES)).isEqualTo("-r^3*m1");
            assertThat(Printer.java(div(X0, negCube), NAMES)).isEqualTo("m1 / (-Math.pow(r, 3.0))");
        }

        @Test
        void zeroMinusATermReadsAsItsNegation() {
            // 0 − x: a constant snapped to zero, or the search's negation without neg.
            assertThat(Printer.plain(sub(c(0), mul(X0, X1)), NAMES)).isEqualTo("-m1*m2");
            assertThat(Printer.plain(Expr.of(Op.EXP, sub(c(0), div(X0, X2))), NAMES)).isEqualTo("exp(-m1/r)");
            assertThat(Printer.plain(sub(c(0), sub(X0, X1)), NAMES)).isEqualTo("-(m1 - m2)");
            assertThat(Printer.plain(sub(c(0), mul(c(-2), X0)), NAMES)).isEqualTo("2*m1");
            assertThat(Printer.plain(mul(X2, sub(c(0), X0)), NAMES)).isEqualTo("r*(-m1)");
            assertThat(Printer.plain(sub(X2, sub(c(0), X0)), NAMES)).isEqualTo("r + m1");
            assertThat(Printer.latex(sub(c(0), mul(X0, X1)), NAMES)).isEqualTo("-m_{1} \\cdot m_{2}");
            assertThat(Printer.plain(sub(c(1), X0), NAMES)).isEqualTo("1 - m1");
            // x·(−1), a factor snapped to −1, reads −x too.
            assertThat(Printer.plain(Expr.of(Op.EXP, div(mul(X0, c(-1)), X2)), NAMES)).isEqualTo("exp(-m1/r)");
            assertThat(Printer.plain(mul(X2, mul(X0, c(-1))), NAMES)).isEqualTo("r*(-m1)");
            assertThat(Printer.plain(mul(mul(c(-1), X0), X1), NAMES)).isEqualTo("-m1*m2");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                 1e-7                  | 0.0000001
                 -1e-7                 | -0.0000001
                 1.5e-12               | 0.0000000000015
                 100                   | 100
                 2.5                   | 2.5
                 1e20                  | 100000000000000000000
                 0.1                   | 0.1
                 3.14159265358979      | 3.14159265359
                 123456789012345       | 123456789012000
                 0                     | 0
                 -0.0                  | 0
                """)
        void plainNumbersHaveNoExponent(double v, String expected) {
            assertThat(Printer.formatPlain(v)).isEqualTo(expected);
            assertThat(Printer.plain(c(v), null)).isEqualTo(expected);
        }

        @Test
        void smallConstantsInEachFormat() {
            Expr e = mul(c(1e-7), X0);
            assertThat(Printer.plain(e, null)).isEqualTo("0.0000001*x0");
            assertThat(Printer.java(e, null)).isEqualTo("0.0000001 * x0");
            assertThat(Printer.sympy(e, null)).isEqualTo("0.0000001 * x0");
            assertThat(Printer.latex(e, null)).isEqualTo("1 \\times 10^{-7} \\cdot x_{0}");
            assertThat(Printer.java(add(X0, c(3)), null)).isEqualTo("x0 + 3.0");
        }

        @Test
        void negativeConstantsGetParenthesesWhereNeeded() {
            assertThat(Printer.plain(pow(X0, c(-2)), null)).isEqualTo("x0^(-2)");
            assertThat(Printer.sympy(pow(X0, c(-2)), null)).isEqualTo("x0**(-2)");
            assertThat(Printer.latex(pow(X0, c(-2)), null)).isEqualTo("x_{0}^{-2}");
            assertThat(Printer.java(pow(X0, c(-2)), null)).isEqualTo("Math.pow(x0, -2.0)");
            assertThat(Printer.plain(pow(c(-2), X0), null)).isEqualTo("(-2)^x0");
            assertThat(Printer.sympy(pow(c(-2), X0), null)).isEqualTo("(-2)**x0");
            assertThat(Printer.latex(pow(c(-2), X0), null)).isEqualTo("\\left(-2\\right)^{x_{0}}");
            assertThat(Printer.plain(un(Op.SQUARE, c(-3)), null)).isEqualTo("(-3)^2");
            assertThat(Printer.plain(un(Op.NEG, c(-2)), null)).isEqualTo("-(-2)");
            assertThat(Printer.java(un(Op.NEG, c(-2)), null)).isEqualTo("-(-2.0)");
            assertThat(Printer.java(un(Op.NEG, un(Op.NEG, X0)), null)).isEqualTo("-(-x0)");
            // Binary minus keeps its spaces, so Java never sees a "--" token.
            assertThat(Printer.java(sub(X0, c(-2)), null)).isEqualTo("x0 + 2.0");
            assertThat(Printer.plain(mul(c(-2), X0), null)).isEqualTo("-2*x0");
        }

        @Test
        void precedenceAndAssociativity() {
            assertThat(Printer.plain(sub(X0, sub(X1, X2)), null)).isEqualTo("x0 - (x1 - x2)");
            assertThat(Printer.plain(sub(sub(X0, X1), X2), null)).isEqualTo("x0 - x1 - x2");
            assertThat(Printer.plain(div(X0, mul(X1, X2)), null)).isEqualTo("x0/(x1*x2)");
            assertThat(Printer.plain(mul(div(X0, X1), X2), null)).isEqualTo("x0/x1*x2");
            assertThat(Printer.plain(mul(add(X0, X1), X2), null)).isEqualTo("(x0 + x1)*x2");
            assertThat(Printer.plain(pow(pow(X0, X1), X2), null)).isEqualTo("(x0^x1)^x2");
            assertThat(Printer.plain(pow(X0, pow(X1, X2)), null)).isEqualTo("x0^(x1^x2)");
            assertThat(Printer.plain(un(Op.NEG, un(Op.SQUARE, X0)), null)).isEqualTo("-x0^2");
            assertThat(Printer.plain(un(Op.SQUARE, un(Op.NEG, X0)), null)).isEqualTo("(-x0)^2");
            assertThat(Printer.plain(un(Op.INV, mul(X0, X1)), null)).isEqualTo("1/(x0*x1)");
            assertThat(Printer.plain(div(X0, un(Op.INV, X1)), null)).isEqualTo("x0/(1/x1)");
            assertThat(Printer.sympy(sub(X0, add(X1, X2)), null)).isEqualTo("x0 - (x1 + x2)");
            assertThat(Printer.latex(mul(add(X0, X1), X2), null))
                    .isEqualTo("\\left(x_{0} + x_{1}\\right) \\cdot x_{2}");
        }

        @Test
        void functions() {
            Expr e = add(un(Op.SQRT, X0), mul(un(Op.EXP, X1), un(Op.ABS, un(Op.LOG, X2))));
            assertThat(Printer.plain(e, null)).isEqualTo("sqrt(x0) + exp(x1)*abs(log(x2))");
            assertThat(Printer.sympy(e, null)).isEqualTo("sqrt(x0) + exp(x1) * Abs(log(x2))");
            assertThat(Printer.java(e, null)).isEqualTo("Math.sqrt(x0) + Math.exp(x1) * Math.abs(Math.log(x2))");
            assertThat(Printer.latex(e, null))
                    .isEqualTo("\\sqrt{x_{0}} + e^{x_{1}} \\cdot \\left|\\log\\left(x_{2}\\right)\\right|");
            assertThat(Printer.latex(un(Op.SIN, Expr.variable(0)), List.of("theta"))).isEqualTo("\\sin\\left(\\theta\\right)");
            assertThat(Printer.latex(X0, List.of("v_max"))).isEqualTo("v_{\\mathrm{max}}");
            assertThat(Printer.latex(X0, List.of("omega_0"))).isEqualTo("\\omega_{0}");
            assertThat(Printer.latex(un(Op.INV, X0), null)).isEqualTo("\\frac{1}{x_{0}}");
            assertThat(Printer.java(un(Op.INV, X0), null)).isEqualTo("1 / x0");
        }

        @Test
        void userOperatorsUseTheirTemplates() {
            Op softplus = Op.unary("softplus", x -> Math.log1p(Math.exp(x))).build();
            Op hyp = Op.binary("hyp", Math::hypot).latex("\\mathrm{hyp}\\left({0}, {1}\\right)")
                    .java("Math.hypot({0}, {1})").build();
            Expr e = Expr.of(hyp, Expr.variable(1), un(softplus, X0));
            assertThat(Printer.plain(e, null)).isEqualTo("hyp(x1, softplus(x0))");
            assertThat(Printer.java(e, null)).isEqualTo("Math.hypot(x1, softplus(x0))");
            assertThat(Printer.sympy(e, null)).isEqualTo("hyp(x1, softplus(x0))");
            // The first argument's LaTeX contains "{1}" (x_{1}); it must not be taken for a placeholder.
            assertThat(Printer.latex(e, null)).isEqualTo(
                    "\\mathrm{hyp}\\left(x_{1}, \\operatorname{softplus}\\left(x_{0}\\right)\\right)");
            assertThat(Printer.latex(Expr.of(hyp, X0, Expr.variable(1)), null))
                    .isEqualTo("\\mathrm{hyp}\\left(x_{0}, x_{1}\\right)");
        }

        @Test
        void latexPowersOfTenAreGroupedUnderAnExponent() {
            // "1 \times 10^{-7}^{x_0}" would be a LaTeX double-superscript error.
            assertThat(Printer.latex(pow(c(1e-7), X0), null)).isEqualTo("\\left(1 \\times 10^{-7}\\right)^{x_{0}}");
            assertThat(Printer.latex(c(-2.5e8), null)).isEqualTo("-2.5 \\times 10^{8}");
            assertThat(Printer.latex(c(12345.678), null)).isEqualTo("12346");
        }

        @Test
        void nonFiniteConstants() {
            assertThat(Printer.plain(c(Double.NaN), null)).isEqualTo("nan");
            assertThat(Printer.java(c(Double.POSITIVE_INFINITY), null)).isEqualTo("Double.POSITIVE_INFINITY");
            assertThat(Printer.sympy(c(Double.NEGATIVE_INFINITY), null)).isEqualTo("-oo");
        }
    }
}
