package org.distill.symbolic.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DimensionCheckTest {
    // m (kg), a (m/s^2), L (m), lambda (m), v (m/s), g (m/s^2), t (s), theta (1)
    private static final List<String> NAMES = List.of("m", "a", "L", "lambda", "v", "g", "t", "theta");
    private static final List<Dimension> DIMS = List.of(Dimension.parse("kg"), Dimension.parse("m/s^2"),
            Dimension.parse("m"), Dimension.parse("m"), Dimension.parse("m/s"), Dimension.parse("m/s^2"),
            Dimension.parse("s"), Dimension.NONE);

    private static int violations(String formula, String target, boolean dimensionless) {
        Expr e = Parser.parse(formula, NAMES);
        return DimensionCheck.of(DIMS, target == null ? null : Dimension.parse(target), dimensionless).violations(e);
    }

    @ParameterizedTest(name = "{0} as {1}: {2} violations (free constants), {3} (dimensionless)")
    @CsvSource(delimiter = ';', value = {
            "m*a; N; 0; 0",                   // F = m·a
            "m + a; N; 1; 1",                 // m + a adds kg to m/s^2 (counted once: the sum is then free)
            "m + a; ; 1; 1",
            "sin(L); 1; 1; 1",                // sin of a length
            "sin(L/lambda); 1; 0; 0",         // sin of a ratio of lengths
            "sin(2*pi*L/lambda); 1; 0; 0",
            "2*pi*sqrt(L/g); s; 0; 0",        // pendulum period
            "sqrt(L/g); s; 0; 0",
            "L/g; s; 1; 1",                   // s^2 is not s
            "3*L/g; s; 0; 1",                 // a free constant absorbs s; a dimensionless one cannot
            "0.5*m*v^2; J; 0; 0",             // kinetic energy
            "m*v^2 + m*g*L; J; 0; 0",
            "m*v^2 + m*g; J; 1; 1",           // adds an energy to a force
            "exp(-t); 1; 1; 1",               // exp of a time
            "exp(t*1.5); 1; 0; 1",            // the free constant makes t·c dimensionless
            "L + 1.5; m; 0; 1",               // the constant takes metres when free
            "L^1.5; m^(3/2); 0; 0",
            "L^theta; m; 1; 1",               // a dimensional base to a variable power
            "theta^2 + cos(theta); 1; 0; 0",
            "v*t - L; m; 0; 0",
            "asin(v/(g*t)); 1; 0; 0",
            "tanh(v); 1; 1; 1"})
    void countsViolationsOfKnownFormulas(String formula, String target, int free, int dimensionless) {
        assertThat(violations(formula, target, false)).as("free constants").isEqualTo(free);
        assertThat(violations(formula, target, true)).as("dimensionless constants").isEqualTo(dimensionless);
    }

    @Test
    void infersDimensions() {
        DimensionCheck c = DimensionCheck.of(DIMS, null, true);
        assertThat(c.dimension(Parser.parse("m*a", NAMES))).isEqualTo(Dimension.parse("N"));
        assertThat(c.dimension(Parser.parse("sqrt(L/g)", NAMES))).isEqualTo(Dimension.parse("s"));
        assertThat(c.dimension(Parser.parse("L^1.5", NAMES))).isEqualTo(Dimension.parse("m^(3/2)"));
        assertThat(c.dimension(Parser.parse("L^1.503", NAMES))).isEqualTo(Dimension.parse("m^(3/2)"));
        assertThat(c.consistent(Parser.parse("L^1.53", NAMES))).isFalse(); // no fraction p/q, q <= 6, within 0.01
        assertThat(DimensionCheck.of(DIMS, null, false).dimension(Parser.parse("2*m", NAMES))).isNull(); // free
    }

    @Test
    void linearScalingCarriesTheOffsetAndAFreeFactor() {
        Expr e = Parser.parse("L/g", NAMES); // period² ∝ L/g: with a free factor b, b·L/g may be seconds
        assertThat(DimensionCheck.of(DIMS, Dimension.parse("s"), false).violations(e, true)).isZero();
        assertThat(DimensionCheck.of(DIMS, Dimension.parse("s"), true).violations(e, true)).isEqualTo(1);
        Expr offset = Parser.parse("sqrt(L/g) + 0.25", NAMES); // the explicit offset of a + b·f
        assertThat(DimensionCheck.of(DIMS, Dimension.parse("s"), true).violations(offset, true)).isZero();
        assertThat(DimensionCheck.of(DIMS, Dimension.parse("s"), true).violations(offset, false)).isEqualTo(1);
    }
}
