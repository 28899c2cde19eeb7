package org.distill.symbolic.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.distill.symbolic.SymbolicRegressor;
import org.distill.symbolic.expr.Parser;
import org.junit.jupiter.api.Test;

class ConstraintsTest {
    private static final List<String> VARS = List.of("n", "theta", "x", "v", "c");
    private final Constraints defaults = new Constraints(30, 10, SymbolicRegressor.builder().build().options().forbiddenNesting());

    private boolean admits(String text) { return defaults.test(Parser.parse(text, VARS)); }

    @Test
    void theDefaultNestingKeepsSnellsLawAndTheRelativisticFactorButNotTriangleWaves() {
        assertThat(admits("asin(n*sin(theta))")).isTrue();          // Snell's law, I.26.2
        assertThat(admits("x/cos(asin(v/c))")).isTrue();            // x/√(1 − v²/c²)
        assertThat(admits("sqrt(x)*(x - 0.003*asin(cos(sqrt(x))))")).isFalse(); // a triangle wave (Kepler, seed 3)
        assertThat(admits("exp(0.96*asin(v/c + 0.19))")).isFalse();
        assertThat(admits("asin(exp(-x))")).isFalse();
        assertThat(admits("asin(asin(x))")).isFalse();
        assertThat(admits("sin(x + cos(theta))")).isFalse();        // the transcendental rule as before
        assertThat(admits("sin(x)*cos(theta)")).isTrue();
    }

    @Test
    void sizeAndDepthAreBounded() {
        Constraints small = new Constraints(5, 3, java.util.Set.of());
        assertThat(small.test(Parser.parse("x*v + c", VARS))).isTrue();
        assertThat(small.test(Parser.parse("x*v + c*n", VARS))).isFalse();
        assertThat(small.test(Parser.parse("sin(sin(sin(sin(sin(x)))))", VARS))).isFalse();
    }
}
