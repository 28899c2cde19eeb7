package org.distill.physics.nbody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PairLawTest {

    @Test
    void parseAcceptsEveryLabelIgnoringCaseAndBlanks() {
        for (PairLaw law : PairLaw.values()) {
            assertThat(PairLaw.parse(law.label())).isEqualTo(law);
            assertThat(PairLaw.parse(" " + law.label().toUpperCase() + "\t")).isEqualTo(law);
        }
        assertThat(PairLaw.parse("discontinuous")).isEqualTo(PairLaw.DISC);
        assertThat(PairLaw.values()).extracting(PairLaw::label)
                .containsExactly("r2", "r1", "spring", "damped", "charge", "disc");
    }

    @Test
    void parseNamesTheValidLaws() {
        assertThatThrownBy(() -> PairLaw.parse("r3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown pair law 'r3'; expected one of r2, r1, spring, damped, charge, disc");
    }

    @Test
    void timeStepsAndConservationFollowThePaper() {
        assertThat(PairLaw.R1.timeStep()).isEqualTo(5e-3);
        assertThat(PairLaw.R2.timeStep()).isEqualTo(1e-3);
        assertThat(PairLaw.SPRING.timeStep()).isEqualTo(1e-2);
        assertThat(PairLaw.CHARGE.timeStep()).isEqualTo(1e-3);
        assertThat(PairLaw.DAMPED.timeStep()).isEqualTo(2e-2);
        assertThat(PairLaw.DISC.timeStep()).isEqualTo(1e-2);
        assertThat(PairLaw.values()).filteredOn(PairLaw::conservative)
                .containsExactly(PairLaw.R2, PairLaw.R1, PairLaw.SPRING, PairLaw.CHARGE);
        assertThat(PairLaw.DAMPED.drag()).isEqualTo(0.5);
        assertThat(PairLaw.SPRING.drag()).isZero();
    }

    @Test
    void potentialsAtUnitSoftenedDistance() {
        double r = 1 - PairLaw.SOFTENING;               // r' = 1
        assertThat(PairLaw.R2.potential(r, 3, 5, 2, 7)).isCloseTo(-14, within(1e-12));
        assertThat(PairLaw.R1.potential(r, 3, 5, 2, 7)).isCloseTo(0, within(1e-12));
        assertThat(PairLaw.SPRING.potential(r, 3, 5, 2, 7)).isCloseTo(0, within(1e-12));
        assertThat(PairLaw.CHARGE.potential(r, -1, 1, 2, 7)).isCloseTo(-1, within(1e-12));
        assertThat(PairLaw.DISC.potential(r, 3, 5, 2, 7)).isZero();
        assertThat(PairLaw.DISC.potential(2.99, 3, 5, 2, 7)).isCloseTo(4, within(1e-12));      // r' = 3
        assertThat(PairLaw.SPRING.potential(2.99, 3, 5, 2, 7)).isCloseTo(4, within(1e-12));
        assertThat(PairLaw.R2.potential(0, 1, 1, 1, 1)).isCloseTo(-100, within(1e-9));       // softened, finite
    }

    /** The analytic pair force against central differences of the pair potential, in 2-D and 3-D. */
    @ParameterizedTest
    @EnumSource(PairLaw.class)
    void forceIsMinusTheGradientOfThePotential(PairLaw law) {
        var random = new SplittableRandom(11 + law.ordinal());
        for (int dim = 2; dim <= 3; dim++) {
            double[] xi = new double[dim], xj = new double[dim], f = new double[dim];
            for (int trial = 0; trial < 200; trial++) {
                for (int d = 0; d < dim; d++) {
                    xi[d] = 3 * Particles.gaussian(random);
                    xj[d] = 3 * Particles.gaussian(random);
                }
                double r = distance(xi, xj);
                if (r < 0.05 || Math.abs(r + PairLaw.SOFTENING - PairLaw.DISC_RADIUS) < 1e-3) continue;
                double qi = Particles.gaussian(random), qj = Particles.gaussian(random);
                double mi = Math.exp(Particles.gaussian(random)), mj = Math.exp(Particles.gaussian(random));
                law.force(xi, xj, qi, qj, mi, mj, f);
                double h = 1e-6;
                for (int d = 0; d < dim; d++) {
                    double keep = xi[d];
                    xi[d] = keep + h;
                    double up = law.potential(distance(xi, xj), qi, qj, mi, mj);
                    xi[d] = keep - h;
                    double down = law.potential(distance(xi, xj), qi, qj, mi, mj);
                    xi[d] = keep;
                    double numeric = -(up - down) / (2 * h);
                    assertThat(f[d]).as("%s %d-D trial %d component %d", law, dim, trial, d)
                            .isCloseTo(numeric, within(1e-6 * (1 + Math.abs(numeric))));
                }
            }
        }
    }

    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) s += (a[d] - b[d]) * (a[d] - b[d]);
        return Math.sqrt(s);
    }

    @Property(tries = 300, seed = "42", edgeCases = EdgeCasesMode.NONE)
    void pairForcesAreEqualAndOpposite(@ForAll @IntRange(min = 0, max = 5) int lawIndex,
                                       @ForAll @DoubleRange(min = -5, max = 5) double x0,
                                       @ForAll @DoubleRange(min = -5, max = 5) double x1,
                                       @ForAll @DoubleRange(min = -5, max = 5) double x2,
                                       @ForAll @DoubleRange(min = -1, max = 1) double q,
                                       @ForAll @DoubleRange(min = 0.1, max = 10) double m) {
        PairLaw law = PairLaw.values()[lawIndex];
        double[] a = {x0, x1, x2}, b = {x2, x0, -x1}, fab = new double[3], fba = new double[3];
        law.force(a, b, q, -q / 2, m, 1 / m, fab);
        law.force(b, a, -q / 2, q, 1 / m, m, fba);
        for (int d = 0; d < 3; d++) assertThat(fab[d]).isEqualTo(-fba[d], within(1e-12 * (1 + Math.abs(fab[d]))));
    }

    @Test
    void forceAtZeroDistanceIsZeroAndShortArraysAreRejected() {
        double[] f = {9, 9};
        PairLaw.R2.force(new double[]{1, 2}, new double[]{1, 2}, 1, 1, 1, 1, f);
        assertThat(f).containsExactly(0, 0);
        assertThatThrownBy(() -> PairLaw.R2.force(new double[3], new double[3], 1, 1, 1, 1, new double[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out 2");
    }

    @Test
    void attractionAndRepulsionHaveTheRightSign() {
        double[] f = new double[2], xi = {0, 0}, xj = {3, 0};
        PairLaw.R2.force(xi, xj, 1, 1, 1, 1, f);
        assertThat(f[0]).isPositive();                          // pulled towards j
        PairLaw.CHARGE.force(xi, xj, 1, 1, 1, 1, f);
        assertThat(f[0]).isNegative();                          // like charges repel
        PairLaw.CHARGE.force(xi, xj, 1, -1, 1, 1, f);
        assertThat(f[0]).isPositive();
        PairLaw.DISC.force(xi, new double[]{1.5, 0}, 1, 1, 1, 1, f);
        assertThat(f[0]).isZero();                              // inside r' < 2: no interaction
    }
}
