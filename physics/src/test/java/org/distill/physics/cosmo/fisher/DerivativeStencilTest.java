package org.distill.physics.cosmo.fisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The finite-difference rules on polynomials, where their exactness and error are known. */
class DerivativeStencilTest {
    private static double apply(DerivativeStencil s, DoubleUnaryOperator f, double x0) {
        double[] o = s.offsets(), v = new double[o.length];
        for (int j = 0; j < o.length; j++) v[j] = f.applyAsDouble(x0 + o[j]);
        return s.apply(v);
    }

    @Test void centralDifferenceIsExactForQuadraticsAndHasTheTaylorErrorForCubics() {
        DerivativeStencil c = DerivativeStencil.central(0.01);
        // f = 3 + 2x − 5x²: f'(0.3) = 2 − 3 = −1
        assertThat(apply(c, x -> 3 + 2 * x - 5 * x * x, 0.3)).isCloseTo(-1, within(1e-10));
        // f = x³: the central difference gives 3x² + h², error h² = 1e-4 (f'''h²/6)
        assertThat(apply(c, x -> x * x * x, 0.5)).isCloseTo(0.75 + 1e-4, within(1e-10));
    }

    @Test void quijoteNeutrinoRuleIsExactForCubicsAtZero() {
        DerivativeStencil q = DerivativeStencil.quijoteNeutrino();
        assertThat(q.offsets()).containsExactly(0, 0.1, 0.2, 0.4);
        assertThat(q.weights()).containsExactly(new double[] {-21 / 1.2, 32 / 1.2, -12 / 1.2, 1 / 1.2}, within(1e-12));
        // f = 1 − 4x + 7x² − 11x³: f'(0) = −4
        assertThat(apply(q, x -> 1 - 4 * x + 7 * x * x - 11 * x * x * x, 0)).isCloseTo(-4, within(1e-9));
        // f = x⁴: not exact; x⁴ minus its interpolant is x(x − 0.1)(x − 0.2)(x − 0.4), whose slope at 0 is
        // −0.1·0.2·0.4 = −0.008, so the rule gives f'(0) + 0.008 = 0.008
        assertThat(apply(q, x -> x * x * x * x, 0)).isCloseTo(0.008, within(1e-12));
    }

    @Test void lagrangeReproducesBothRules() {
        assertThat(DerivativeStencil.lagrange(0, 0.1, 0.2, 0.4).weights())
                .containsExactly(DerivativeStencil.quijoteNeutrino().weights(), within(1e-9));
        assertThat(DerivativeStencil.lagrange(0.02, -0.02).weights()).containsExactly(DerivativeStencil.central(0.02).weights(), within(1e-9));
        // one-sided two-point rule: [S(h) − S(0)]/h
        assertThat(DerivativeStencil.lagrange(0, 0.1).weights()).containsExactly(new double[] {-10, 10}, within(1e-12));
    }

    @Test void appliesToEveryElementOfADataVector() {
        DerivativeStencil c = DerivativeStencil.central(0.5);
        assertThat(c.apply(new double[][] {{3, 5}, {1, 7}})).containsExactly(2, -2);
    }

    @Test void badStencilsAreRefused() {
        assertThatThrownBy(() -> DerivativeStencil.central(0)).hasMessageContaining("step must be positive");
        assertThatThrownBy(() -> DerivativeStencil.lagrange(0.1, 0.1)).hasMessageContaining("distinct");
        assertThatThrownBy(() -> new DerivativeStencil(new double[] {1, 2}, new double[] {1})).hasMessageContaining("2 offsets and 1 weights");
    }
}
