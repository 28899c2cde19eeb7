package org.distill.neural.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.distill.physics.nbody.PairLaw;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Parser;
import org.distill.symbolic.expr.Printer;
import org.junit.jupiter.api.Test;

class ReceiverGaugeTest {
    private static final List<String> VARS = Distillation.variables(2);

    private static Expr parse(String s) { return Parser.parse(s, VARS); }

    @Test void splitsAFactorOfTheReceiversMassAndCharge() {
        ReceiverGauge g = ReceiverGauge.of(parse("(m1 + 0.69)/(m1 + 0.24)*(r - 1)*(2*dx - dy)/r"), VARS);
        assertThat(g.separable()).isTrue();
        double[] p = {0.3, -1.2, Math.hypot(0.3, 1.2), 1.7, 0.8, -0.6, 1.1};
        double[] atOne = p.clone();
        atOne[3] = 1;
        atOne[5] = 1;
        assertThat(g.law().evaluate(p)).isEqualTo(parse("(1.69/1.24)*(r - 1)*(2*dx - dy)/r").evaluate(p));
        assertThat(g.factor().evaluate(p)).isCloseTo((1.7 + 0.69) / (1.7 + 0.24) * 1.24 / 1.69, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(Printer.plain(g.law(), VARS)).doesNotContain("m1").doesNotContain("q1");

        assertThat(ReceiverGauge.of(parse("q1*q2*dx/r^3"), VARS).separable()).isTrue();
        assertThat(ReceiverGauge.of(parse("m2*dx/r^3"), VARS).separable()).isTrue();
    }

    @Test void aReceiverTermThatIsNotAFactorIsNotSeparable() {
        assertThat(ReceiverGauge.of(parse("(r - 1 + 0.1*m1)*dx/r"), VARS).separable()).isFalse();
        assertThat(ReceiverGauge.of(parse("m1*m2*dx/r^3 + q1*dy"), VARS).separable()).isFalse();
        ReceiverGauge none = ReceiverGauge.of(parse("m1*dx*0"), VARS);
        assertThat(none.separable()).isFalse();
        assertThat(none.law()).isNull();
    }

    @Test void aFactorThatVanishesAtTheUnitReceiverIsSplitAtAnotherOne() {
        // q2·Δx·(q1 − 1)/r³ is 0 at q1 = 1: h is taken at (m1, q1) = (1, −1), where the factor is −2
        ReceiverGauge g = ReceiverGauge.of(parse("q2*(0.0124*dx - 0.0552*dy)*(q1 - 1)/r^3"), VARS);
        assertThat(g.separable()).isTrue();
        assertThat(g.mass()).isEqualTo(1);
        assertThat(g.charge()).isEqualTo(-1);
        double[] p = {0.3, -1.2, Math.hypot(0.3, 1.2), 1.7, 0.8, 0.6, 1.1};
        assertThat(g.factor().evaluate(p)).isCloseTo((0.6 - 1) / -2, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(ExactForm.checkUpToReceiver(parse("q2*(0.0124*dx - 0.0552*dy)*(q1 - 1)/r^3"), VARS, PairLaw.CHARGE).exact())
                .isTrue();
        assertThat(ExactForm.checkUpToReceiver(parse("q2*(0.0124*dx - 0.0552*dy)*(q1 - 1)/r^2"), VARS, PairLaw.CHARGE).exact())
                .isFalse();
        // a mass factor that vanishes at m1 = 1: h at (2, 1)
        ReceiverGauge m = ReceiverGauge.of(parse("(m1 - 1)*dx"), VARS);
        assertThat(m.separable()).isTrue();
        assertThat(m.mass()).isEqualTo(2);
        assertThat(m.charge()).isEqualTo(1);
    }

    @Test void theLawUpToTheReceiverIsCheckedExactly() {
        String spring = "(m1 + 0.69)/(m1 + 0.24)*(r - 1)*(2*dx - dy)/r";
        assertThat(ExactForm.check(parse(spring), VARS, PairLaw.SPRING).exact()).isFalse();
        ExactForm up = ExactForm.checkUpToReceiver(parse(spring), VARS, PairLaw.SPRING);
        assertThat(up.exact()).isTrue();
        assertThat(up.basis()).isEqualTo(ForceBasis.FORCE);
        // the strict check passing implies this one passes, with the same match
        ExactForm strict = ExactForm.check(parse("m1*m2*(dx - dy)/r^3"), VARS, PairLaw.R2);
        assertThat(strict.exact()).isTrue();
        assertThat(ExactForm.checkUpToReceiver(parse("m1*m2*(dx - dy)/r^3"), VARS, PairLaw.R2))
                .usingRecursiveComparison().isEqualTo(strict);
        // a receiver factor times the wrong law is not exact; nor is the right law with a non-separable receiver term
        assertThat(ExactForm.checkUpToReceiver(parse("(m1 + 2)*m2*dx/r^2"), VARS, PairLaw.R2).exact()).isFalse();
        assertThat(ExactForm.checkUpToReceiver(parse("(r - 1 + 0.1*m1)*dx/r"), VARS, PairLaw.SPRING).exact()).isFalse();
        // charge: the receiver's charge may sit in the node model; the sender's may not
        assertThat(ExactForm.checkUpToReceiver(parse("q2*dx/(m1*r^3)"), VARS, PairLaw.CHARGE).exact()).isTrue();
        assertThat(ExactForm.checkUpToReceiver(parse("q1*dx/r^3"), VARS, PairLaw.CHARGE).exact()).isFalse();
    }

    @Test void rejectsVariablesWithoutTheReceiver() {
        assertThatThrownBy(() -> ReceiverGauge.of(parse("dx"), List.of("dx", "dy", "r")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m1");
    }
}
