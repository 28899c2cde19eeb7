package org.distill.symbolic.algebra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Parser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@link SymbolicEquality#numericRelation}: identities Symja cannot prove, checked with 50 digits (no Symja). */
class NumericRelationTest {
    /** Feynman I.30.3's variables and ranges: Int_0, theta, n in [1, 5]. */
    static final List<String> VARS = List.of("I0", "theta", "n");
    static final String TRUTH = "I0*sin(n*theta/2)^2/sin(theta/2)^2";

    static double[][] points(int count) {
        Random r = new Random(30);
        double[][] p = new double[count][3];
        for (double[] row : p) for (int j = 0; j < 3; j++) row[j] = 1 + 4 * r.nextDouble();
        return p;
    }

    static Expr parse(String s) {
        return Parser.parse(s, VARS);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = ';', value = {
        // the half-angle form of I.30.3 as the search finds it (benchmark table): 1 - cos x = 2 sin^2(x/2)
        "I0*(cos(theta*n) - 1)/(cos(theta) - 1); EQUAL",
        "2.5*I0*(1 - cos(n*theta))/(1 - cos(theta)); SCALE",
        "I0*(cos(theta*n) - 1)/(cos(theta) - 1) + 0.75; OFFSET",
        // near-identities: the denominator's angle 1e-6 relative off, or a 1e-6 relative term in theta
        "I0*(cos(theta*n) - 1)/(cos(1.000001*theta) - 1); NONE",
        "I0*(cos(theta*n) - 1)/(cos(theta) - 1)*(1 + 0.000001*theta); NONE",
        // scale and offset together, and a model undefined where the truth is defined
        "2*I0*(cos(theta*n) - 1)/(cos(theta) - 1) + 1; NONE",
        "sqrt(theta - 3)*I0*(cos(theta*n) - 1)/(cos(theta) - 1); NONE",
    })
    void halfAngleFormsAreRecognisedAndNearIdentitiesAreNot(String model, Relation expected) {
        assertThat(SymbolicEquality.numericRelation(parse(model), parse(TRUTH), points(16))).isEqualTo(expected);
        // A relation found is no refutation; no relation on 16 points is one (Symja is then not asked).
        assertThat(SymbolicEquality.numericallyRefuted(parse(model), parse(TRUTH), points(16)))
                .isEqualTo(expected == Relation.NONE);
    }

    @Test
    void tooFewPointsRefuteNothing() {
        Expr nearIdentity = parse("I0*(cos(theta*n) - 1)/(cos(1.000001*theta) - 1)");
        assertThat(SymbolicEquality.numericallyRefuted(nearIdentity, parse(TRUTH), points(SymbolicEquality.MIN_POINTS))).isTrue();
        assertThat(SymbolicEquality.numericallyRefuted(nearIdentity, parse(TRUTH), points(SymbolicEquality.MIN_POINTS - 1)))
                .isFalse();
    }

    @Test
    void tooFewPointsDecideNothingAndShortPointsAreRefused() {
        Expr model = parse("I0*(cos(theta*n) - 1)/(cos(theta) - 1)");
        assertThat(SymbolicEquality.numericRelation(model, parse(TRUTH), points(SymbolicEquality.MIN_POINTS - 1)))
                .isEqualTo(Relation.NONE);
        double[][] shortPoints = new double[10][2];
        assertThatThrownBy(() -> SymbolicEquality.numericRelation(model, parse(TRUTH), shortPoints))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("point 0 has 2 coordinates, the expressions use 3 variables");
    }
}
