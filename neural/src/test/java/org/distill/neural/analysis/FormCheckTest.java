package org.distill.neural.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.distill.physics.nbody.GraphDataset;
import org.distill.physics.nbody.PairLaw;
import org.junit.jupiter.api.Test;

class FormCheckTest {
    private static final GraphDataset SPRINGS = EdgeForcesTest.data(PairLaw.SPRING, 2, 4);
    private static final double[][] FORCES = EdgeForces.of(PairLaw.SPRING, SPRINGS);

    @Test void exactCombinationOfTheForceIsOfItsForm() {
        int edges = FORCES[0].length;
        double[] formula = new double[edges], scaled = new double[edges];
        for (int e = 0; e < edges; e++) {
            formula[e] = 2 * FORCES[0][e] - FORCES[1][e];
            scaled[e] = 5 - 0.03 * formula[e];
        }
        FormCheck check = FormCheck.of(formula, FORCES);
        assertThat(check.r2()).isCloseTo(1, within(1e-12));
        assertThat(check.coefficients()).containsExactly(new double[] {2, -1}, within(1e-9));
        assertThat(check.intercept()).isCloseTo(0, within(1e-9));
        assertThat(check.matches()).isTrue();
        assertThat(check.edges()).isEqualTo(edges);
        assertThat(FormCheck.of(scaled, FORCES).r2()).isCloseTo(1, within(1e-12));
    }

    @Test void unrelatedFormulasAreNot() {
        int edges = FORCES[0].length;
        var random = new SplittableRandom(3);
        double[] scalar = new double[edges], otherLaw = new double[edges], noise = new double[edges];
        double[][] charge = EdgeForces.of(PairLaw.CHARGE, SPRINGS);  // the same edges under another law
        for (int e = 0; e < edges; e++) {
            scalar[e] = Math.hypot(FORCES[0][e], FORCES[1][e]);        // the magnitude: no direction
            otherLaw[e] = charge[0][e];
            noise[e] = random.nextGaussian();
        }
        for (double[] formula : new double[][] {scalar, otherLaw, noise}) {
            FormCheck check = FormCheck.of(formula, FORCES);
            assertThat(check.r2()).isLessThan(0.5);
            assertThat(check.matches()).isFalse();
        }
    }

    @Test void nonFiniteValuesAreCountedAndFail() {
        int edges = FORCES[0].length;
        double[] formula = new double[edges];
        for (int e = 0; e < edges; e++) formula[e] = e % 10 == 0 ? Double.NaN : FORCES[0][e];
        FormCheck check = FormCheck.of(formula, FORCES);
        assertThat(check.nonFinite()).isEqualTo((edges + 9) / 10);
        assertThat(check.r2()).isCloseTo(1, within(1e-12));
        assertThat(check.matches()).isFalse();
        assertThat(FormCheck.of(new double[edges], FORCES).r2()).as("a constant").isNaN();
    }
}
