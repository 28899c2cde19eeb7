package org.distill.neural.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.distill.physics.nbody.PairLaw;
import org.distill.symbolic.expr.Parser;
import org.junit.jupiter.api.Test;

class ExactFormTest {
    private static final List<String> VARS = Distillation.variables(2);

    private static ExactForm check(String formula, PairLaw law) {
        return ExactForm.check(Parser.parse(formula, VARS), VARS, law);
    }

    @Test
    void halfTheInverseSquareForceIsExact() {
        ExactForm f = check("0.5*m1*m2*dx/(r*r*r)", PairLaw.R2);
        assertThat(f.exact()).isTrue();
        assertThat(f.basis()).isEqualTo(ForceBasis.FORCE);
        assertThat(f.softened()).isFalse();
        assertThat(f.coefficients()).containsExactly(-0.5, 0.0);
        assertThat(f.intercept()).isZero();
    }

    @Test
    void wrongPowerOfTheDistanceIsNotExactThoughItsR2IsHigh() {
        // dx/r² against the r⁻² force m1·m2·dx/r³: a good linear fit over the same points, but another law
        double[][] points = ExactForm.points(VARS, 2);
        double[] values = new double[points.length];
        double[][] forces = new double[2][points.length];
        for (int e = 0; e < points.length; e++) {
            double dx = points[e][0], dy = points[e][1], r = points[e][2];
            values[e] = dx / (r * r);
            forces[0][e] = dx / (r * r * r);
            forces[1][e] = dy / (r * r * r);
        }
        assertThat(FormCheck.of(values, forces).r2()).isGreaterThan(0.5);
        assertThat(check("dx/(r*r)", PairLaw.R2).exact()).isFalse();
        assertThat(check("m1*m2*dx/(r*r)", PairLaw.R2).exact()).isFalse();
    }

    @Test
    void constantOffsetAndAccelerationBasisPass() {
        ExactForm f = check("0.25 - 3*m2*dx/(r*r*r)", PairLaw.R2);
        assertThat(f.exact()).isTrue();
        assertThat(f.basis()).isEqualTo(ForceBasis.ACCELERATION);
        assertThat(f.intercept()).isCloseTo(0.25, within(1e-12));
        assertThat(f.coefficients()[0]).isCloseTo(3, within(1e-12));
    }

    @Test
    void fittedConstantsThatDoNotSnapStillPass() {
        // a trained formula's scale is an arbitrary number, and a rotation mixes the components
        ExactForm f = check("0.0331*m2*(dx - 0.4173*dy)/(r*r*r)", PairLaw.R2);
        assertThat(f.exact()).isTrue();
        assertThat(f.coefficients()[1]).isCloseTo(0.0331 * 0.4173, within(1e-12));
    }

    @Test
    void springOfTheRightRestLengthIsExactAndOfAnotherIsNot() {
        assertThat(check("1.7*(r - 1)*dx/r", PairLaw.SPRING).exact()).isTrue();
        assertThat(check("dy - dy/r", PairLaw.SPRING).exact()).isTrue();
        ExactForm softened = check("(r - 0.99)*dx/r", PairLaw.SPRING);
        assertThat(softened.exact()).isTrue();
        assertThat(softened.softened()).isTrue();
        assertThat(check("(r - 1.5)*dx/r", PairLaw.SPRING).exact()).isFalse();
        assertThat(check("(r - 1)*dx", PairLaw.SPRING).exact()).isFalse();
    }

    @Test
    void formulaConstantsWithinTheSnapToleranceAreSnapped() {
        assertThat(check("0.3*(r - 0.9999999)*dx/r", PairLaw.SPRING).exact()).isTrue();
        assertThat(check("0.3*(r - 0.999)*dx/r", PairLaw.SPRING).exact()).isFalse();
        assertThat(ExactForm.snapConstants(Parser.parse("m2*dx/(r*r*r + 0.5000001)", VARS)))
                .isEqualTo(Parser.parse("m2*dx/(r*r*r + 0.5)", VARS));
    }

    @Test
    void otherLaws() {
        assertThat(check("m1*m2*dy/(r*r)", PairLaw.R1).exact()).isTrue();
        assertThat(check("m1*m2*dy/(r*r*r)", PairLaw.R1).exact()).isFalse();
        assertThat(check("2*q1*q2*dx/(r*r*r)", PairLaw.CHARGE).exact()).isTrue();
        assertThat(check("2*m1*m2*dx/(r*r*r)", PairLaw.CHARGE).exact()).isFalse();
        assertThat(check("m1*m2*dx/((r + 0.01)*(r + 0.01)*r)", PairLaw.R2).softened()).isTrue();
        assertThat(check("(r - 1)*dx/r", PairLaw.DISC).exact()).isFalse();
    }

    @Test
    void aFormulaUndefinedWhereTheForceIsIsNotExact() {
        assertThat(check("sqrt(dx)*m1*m2*dx/(r*r*r)", PairLaw.R2).exact()).isFalse();
        assertThat(check("0.0", PairLaw.R2).exact()).isFalse();
    }

    @Test
    void aConstantIsNoForceLaw() {
        // a·Fx + b·Fy + c with a = b = 0: once counted exact (a collapsed message formula, −0.2)
        for (String constant : List.of("-0.2", "0.2", "1"))
            for (PairLaw law : List.of(PairLaw.R2, PairLaw.SPRING, PairLaw.CHARGE)) {
                assertThat(check(constant, law).exact()).as("%s under %s", constant, law).isFalse();
                assertThat(ExactForm.checkUpToReceiver(Parser.parse(constant, VARS), VARS, law).exact()).isFalse();
            }
    }

    @Test
    void rejectsVariablesWithoutTheForceVariables() {
        assertThatThrownBy(() -> ExactForm.check(Parser.parse("x", List.of("x")), List.of("x"), PairLaw.R2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("variables must contain dx");
    }
}
