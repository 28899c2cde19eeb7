package org.distill.symbolic.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.expr.Parser;
import org.distill.symbolic.expr.Printer;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private static final List<String> VARS = List.of("x", "y", "z", "e", "M");

    private static Expr parse(String s) {
        return Parser.parse(s, VARS);
    }

    @Test
    void composesFunctionsOverTheirArgumentsAndFreeConstants() {
        Template t = Template.parse("c1 + f(e)/(c2 + c3*M)", VARS, Op.DEFAULTS);
        assertThat(t.functions()).containsExactly("f");
        assertThat(t.arity(0)).isEqualTo(1);
        assertThat(t.constants()).containsExactly("c1", "c2", "c3");
        // f's tree is over its argument: variable 0 is e.
        Expr f = Parser.parse("a*a", List.of("a"));
        Expr composed = t.compose(f);
        assertThat(Printer.plain(composed, VARS)).isEqualTo("1 + e*e/(1 + 1*M)");
        assertThat(t.freeConstants(composed)).containsExactly(true, true, true);
        assertThat(t.minimumComplexity()).isEqualTo(9);
    }

    @Test
    void aFunctionCalledTwiceIsOneTree() {
        Template t = Template.parse("f(x, y) + f(z, x) + g(e)*2", VARS, Op.DEFAULTS);
        assertThat(t.functions()).containsExactly("f", "g");
        Expr f = Parser.parse("a - b*1.5", List.of("a", "b"));
        Expr g = Parser.parse("sin(a)", List.of("a"));
        Expr composed = t.compose(f, g);
        assertThat(composed).isEqualTo(parse("x - y*1.5 + (z - x*1.5) + sin(e)*2"));
        // Only the searched trees' constants and the literal 2: none free.
        assertThat(t.freeConstants(composed)).containsExactly(false, false, false);
        Expr[] parts = t.decompose(composed.withConstants(new double[] {0.5, 0.7, 3}));
        assertThat(parts).containsExactly(Parser.parse("a - b*0.5", List.of("a", "b")), g);
    }

    @Test
    void parametersTieAFunctionsConstantsAcrossItsCalls() {
        Template t = Template.parse("c1 + f(x, y/2)*f(z, x)", VARS, Op.DEFAULTS);
        assertThat(t.shared()).isTrue();
        Expr f = Parser.parse("a*0.5 + b*3", List.of("a", "b"));
        Expr composed = t.compose(f);
        // Pre-order constants: c1; x*0.5, (y/2)*3 -> 0.5 (param 1), the argument's 2 (fixed), 3 (param 2); again 0.5, 3.
        assertThat(t.parameters(composed)).containsExactly(0, 1, -1, 2, 1, 2);
        assertThat(t.parameters(parse("1 + (x*0.5 + y/2*3)*(z*0.5 + x*sin(3))"))).isNull(); // the calls differ
        assertThat(Template.parse("c1 + f(x)", VARS, Op.DEFAULTS).shared()).isFalse();
    }

    @Test
    void decomposeRejectsOtherShapes() {
        Template t = Template.parse("c1*exp(f(x)) + c2", VARS, Op.DEFAULTS);
        assertThat(t.decompose(parse("2*exp(x*y) + 3"))).isNull(); // y is not f's argument
        assertThat(t.decompose(parse("2*sin(x) + 3"))).isNull();
        assertThat(t.decompose(parse("2*exp(x*x) + 3"))).containsExactly(Parser.parse("a*a", List.of("a")));
        assertThat(t.freeConstants(parse("2*sin(x) + 3"))).isNull();
    }

    @Test
    void argumentsMayBeExpressionsOfTheVariables() {
        Template t = Template.parse("f(x/y)", VARS, Op.DEFAULTS);
        Expr composed = t.compose(Parser.parse("a*a + a", List.of("a")));
        assertThat(composed).isEqualTo(parse("x/y*(x/y) + x/y"));
        assertThat(t.decompose(composed)).containsExactly(Parser.parse("a*a + a", List.of("a")));
    }

    @Test
    void badTemplatesGetOneLineErrors() {
        assertThatThrownBy(() -> Template.parse("f(x) + q", VARS, Op.DEFAULTS))
                .hasMessage("template: unknown variable 'q' at column 8 of 'f(x) + q': expected one of [x, y, z, e, M]");
        assertThatThrownBy(() -> Template.parse("c1 + f()", VARS, Op.DEFAULTS))
                .hasMessage("template: searched function 'f' needs at least one argument (the variables it may use)"
                        + " at column 6 of 'c1 + f()'");
        assertThatThrownBy(() -> Template.parse("f(x) + f(x, y)", VARS, Op.DEFAULTS))
                .hasMessageContaining("searched function 'f' takes 1 argument where first called, got 2 at column 8");
        assertThatThrownBy(() -> Template.parse("f(g(x))", VARS, Op.DEFAULTS))
                .hasMessageContaining("the arguments of 'f' must be expressions of the data's variables");
        assertThatThrownBy(() -> Template.parse("f(c1)", VARS, Op.DEFAULTS))
                .hasMessageContaining("the arguments of 'f' must be expressions");
        assertThatThrownBy(() -> Template.parse("c1*x + c2", VARS, Op.DEFAULTS))
                .hasMessage("template 'c1*x + c2' has no searched function: write one as a call of a new name, e.g. f(x) or g(x, y)");
        assertThatThrownBy(() -> Template.parse("c1*f(x) + c1", VARS, Op.DEFAULTS))
                .hasMessageStartingWith("template: free constant 'c1' appears twice");
        assertThatThrownBy(() -> Template.parse("f(x) +", VARS, Op.DEFAULTS))
                .hasMessage("template: unexpected end at column 7 of 'f(x) +': expected a number, a variable, a function or '('");
        assertThatThrownBy(() -> Template.parse("f(x", VARS, Op.DEFAULTS))
                .hasMessageStartingWith("template: unbalanced parenthesis");
        assertThatThrownBy(() -> Template.parse("c2(x)", VARS, Op.DEFAULTS))
                .hasMessageContaining("'c2' is a free constant, not a function");
        for (String bad : List.of("f(x) + q", "c1 + f()", "f(x", "c1*x")) {
            assertThatThrownBy(() -> Template.parse(bad, VARS, Op.DEFAULTS)).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void checkAcceptsAnyVariableName() {
        assertThat(Template.check("c1 + f(e)/(c2 + c3*M)", Op.DEFAULTS).minimumComplexity()).isEqualTo(9);
        assertThatThrownBy(() -> Template.check("f(x) +* g", Op.DEFAULTS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void knownFunctionsAndVariablesWinOverSearchedOnes() {
        Template t = Template.parse("sin(f(x)) + M", VARS, Op.DEFAULTS);
        assertThat(t.functions()).containsExactly("f");
        assertThat(t.compose(Expr.variable(0))).isEqualTo(parse("sin(x) + M"));
        // A column named c1 is a variable, not a free constant.
        Template u = Template.parse("c1*f(x)", List.of("x", "c1"), Op.DEFAULTS);
        assertThat(u.constants()).isEmpty();
    }
}
