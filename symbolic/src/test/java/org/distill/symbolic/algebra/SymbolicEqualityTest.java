package org.distill.symbolic.algebra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.distill.symbolic.algebra.AlgebraFixtures.TIMEOUT;
import static org.distill.symbolic.algebra.AlgebraFixtures.XY;
import static org.distill.symbolic.algebra.AlgebraFixtures.parse;
import static org.distill.symbolic.algebra.AlgebraFixtures.slowExpression;

import java.time.Duration;
import java.util.List;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SymbolicEqualityTest {
    @BeforeAll
    static void warmUp() throws InterruptedException {
        AlgebraFixtures.warmUp();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "x*(y+1); x*y+x; EQUAL",
        "x*y + 3.5; x*y; OFFSET",
        "0.0795774715459*x/y^2; x/(4*pi*y^2); EQUAL",
        "2*x*y/(1+x*y); x*y/(1+x*y); SCALE",
        "exp(-0.5*x^2)/2.50662827463; exp(-x^2/2)/sqrt(2*pi); EQUAL",
        "sqrt(x^2)*y; x*y; EQUAL",
        "log(x*y); log(x) + log(y); EQUAL",
        "sin(x)^2 + 1; 2 - cos(x)^2; EQUAL",
        "x*y; x+y; NONE",
        "cos(x + 1.5707963267948966)*y; -sin(x)*y; EQUAL",
        "sqrt(y*(y + x*(x/y - 2*cos(x - y)))); sqrt(x^2 + y^2 - 2*x*y*cos(x - y)); EQUAL",
        "0.0795774715459*x*y; x*y/(4*pi); EQUAL",
        "exp(-0.49*x^2); exp(-x^2/2); NONE",
        "x^2*y; x*y; NONE"
    })
    void relationUpToConstants(String a, String b, Relation expected) {
        assertThat(SymbolicEquality.relation(parse(a), parse(b), 2, true, Duration.ofSeconds(20))).isEqualTo(expected);
    }

    @Test
    void fittedConstantsGoToSymjaAsSymbols() {
        // A 12-digit constant becomes a symbol (Together's GCD cannot be stopped on such fractions);
        // small fractions, and such fractions of π, stay numbers; a repeated value is one symbol.
        java.util.List<Double> values = new java.util.ArrayList<>();
        Expr s = SymbolicEquality.symbolised(parse("x*(y + 0.348561072878) + 0.348561072878 + 3.625*y + 0.0795774715459*x"), 2, values);
        assertThat(values).containsExactly(0.348561072878);
        assertThat(s.constants()).containsExactly(3.625, 0.0795774715459);
        assertThat(s.maxVariable()).isEqualTo(2);
        // The relation still sees the values: equal, offset and scale as with numbers.
        assertThat(SymbolicEquality.relation(parse("x*(y + 0.348561072878)"), parse("x*y + 0.348561072878*x"), 2, true,
                Duration.ofSeconds(20))).isEqualTo(Relation.EQUAL);
        assertThat(SymbolicEquality.relation(parse("x*(y + 0.348561072878)"), parse("x*y + 0.348561072879*x"), 2, true,
                Duration.ofSeconds(20))).isEqualTo(Relation.NONE);
        assertThat(SymbolicEquality.relation(parse("x*y + 12345.678901"), parse("x*y"), 2, true,
                Duration.ofSeconds(20))).isEqualTo(Relation.OFFSET);
        // The same value is one symbol wherever it occurs, so c·x·y/(x + c·y) and x·y/(x/c + y) relate.
        assertThat(SymbolicEquality.relation(parse("12345.678901*x*y/(x + 12345.678901*y)"), parse("x*y/(x/12345.678901 + y)"), 2,
                true, Duration.ofSeconds(20))).isEqualTo(Relation.EQUAL);
    }

    @Test
    void relationChecksTheVariableCount() {
        assertThatThrownBy(() -> SymbolicEquality.relation(parse("x*y"), parse("x"), 1, true, TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("variables = 1");
    }

    @Test
    void symbolicEqualityIsFalseOnTimeout() {
        Expr slow = slowExpression(20);
        Expr same = Expr.of(Op.ADD, slow, Expr.constant(0));
        long t0 = System.nanoTime();
        assertThat(SymbolicEquality.symbolicallyEqual(slow, same, XY, Duration.ofMillis(100))).isFalse();
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3_000);
        assertThat(SymbolicEquality.symbolicallyEqual(parse("x*(y+1)"), parse("x*y+x"), XY)).isTrue();
    }

    @Test
    void symbolicEquality() {
        assertThat(SymbolicEquality.symbolicallyEqual(parse("x*(y+1)"), parse("x*y+x"), XY)).isTrue();
        assertThat(SymbolicEquality.symbolicallyEqual(parse("x+1"), parse("x"), XY)).isFalse();
        assertThat(SymbolicEquality.symbolicallyEqual(parse("(x+y)^2"), parse("x^2 + 2*x*y + y^2"), XY)).isTrue();
        assertThat(SymbolicEquality.symbolicallyEqual(parse("0.5*x"), parse("x/2"), XY)).isTrue();
        assertThat(SymbolicEquality.symbolicallyEqual(parse("sin(x)^2"), parse("1 - cos(x)^2"), XY)).isTrue();
        assertThatThrownBy(() -> SymbolicEquality.symbolicallyEqual(parse("x*y"), parse("x"), List.of("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expressions use 2 variables, vars has 1: [x]");
    }
}
