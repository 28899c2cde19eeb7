package org.distill.physics.nbody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParticlesTest {

    /** Total accelerations against central differences of the total potential, divided by the mass. */
    @ParameterizedTest
    @EnumSource(PairLaw.class)
    void accelerationsAreMinusTheGradientOfThePotentialOverMass(PairLaw law) {
        for (int dim = 2; dim <= 3; dim++)
            for (int bodies : new int[]{2, 4, 8}) {
                Particles p = awayFromDiscontinuity(law, dim, bodies, 100L * dim + bodies);
                double[] x = p.positions(), zero = new double[x.length], q = p.charges(), m = p.masses();
                double[] a = Particles.of(dim, x, zero, q, m).accelerations(law);   // no drag at rest
                double h = 1e-6;
                for (int k = 0; k < x.length; k++) {
                    double keep = x[k];
                    x[k] = keep + h;
                    double up = Particles.of(dim, x, zero, q, m).potentialEnergy(law);
                    x[k] = keep - h;
                    double down = Particles.of(dim, x, zero, q, m).potentialEnergy(law);
                    x[k] = keep;
                    double numeric = -(up - down) / (2 * h) / m[k / dim];
                    assertThat(a[k]).as("%s %d-D, %d bodies, value %d", law, dim, bodies, k)
                            .isCloseTo(numeric, within(1e-6 * (1 + Math.abs(numeric))));
                }
            }
    }

    /** Random bodies whose pairs are not within 1e-3 of the disc law's jump nor closer than 0.05. */
    static Particles awayFromDiscontinuity(PairLaw law, int dim, int bodies, long seed) {
        var random = new SplittableRandom(seed);
        while (true) {
            Particles p = Particles.random(law, dim, bodies, random);
            boolean ok = true;
            for (int i = 0; i < bodies; i++)
                for (int j = i + 1; j < bodies; j++) {
                    double s = 0;
                    for (int d = 0; d < dim; d++) s += Math.pow(p.position(i, d) - p.position(j, d), 2);
                    double r = Math.sqrt(s);
                    ok &= r > 0.05 && Math.abs(r + PairLaw.SOFTENING - PairLaw.DISC_RADIUS) > 1e-3;
                }
            if (ok) return p;
        }
    }

    @Test
    void dampedDragIsHalfTheVelocityOverTheMass() {
        Particles p = Particles.random(PairLaw.DAMPED, 3, 4, 5);
        double[] damped = p.accelerations(PairLaw.DAMPED), spring = p.accelerations(PairLaw.SPRING);
        for (int i = 0; i < 4; i++)
            for (int d = 0; d < 3; d++)
                assertThat(damped[i * 3 + d]).isCloseTo(spring[i * 3 + d] - 0.5 * p.velocity(i, d) / p.mass(i), within(1e-12));
    }

    @Test
    void energyAndMomentumOfTwoBodiesInClosedForm() {
        Particles p = Particles.of(2, new double[]{0, 0, 0.99, 0}, new double[]{1, 0, 0, -2}, new double[]{1, -1},
                new double[]{2, 3});
        assertThat(p.kineticEnergy()).isCloseTo(0.5 * 2 * 1 + 0.5 * 3 * 4, within(1e-12));
        assertThat(p.potentialEnergy(PairLaw.R2)).isCloseTo(-6, within(1e-12));          // r' = 1
        assertThat(p.potentialEnergy(PairLaw.CHARGE)).isCloseTo(-1, within(1e-12));
        assertThat(p.energy(PairLaw.SPRING)).isCloseTo(7, within(1e-12));
        assertThat(p.momentum()).containsExactly(2, -6);
    }

    @Test
    void randomIsReproducibleAndDependsOnTheSeed() {
        assertThat(Particles.random(PairLaw.R2, 3, 8, 7)).isEqualTo(Particles.random(PairLaw.R2, 3, 8, 7));
        assertThat(Particles.random(PairLaw.R2, 3, 8, 7)).isNotEqualTo(Particles.random(PairLaw.R2, 3, 8, 8));
        // the charge law changes only the charges
        Particles r2 = Particles.random(PairLaw.R2, 2, 4, 3), charge = Particles.random(PairLaw.CHARGE, 2, 4, 3);
        assertThat(charge.positions()).containsExactly(r2.positions());
        assertThat(charge.masses()).containsExactly(r2.masses());
    }

    @Test
    void randomDrawsFollowThePaper() {
        var random = new SplittableRandom(1);
        int draws = 4000;
        double sum = 0, squares = 0, logMass = 0, logMassSquares = 0;
        int unitCharges = 0;
        for (int k = 0; k < draws / 4; k++) {
            Particles p = Particles.random(PairLaw.SPRING, 2, 4, random);
            for (int i = 0; i < 4; i++) {
                double x = p.position(i, 1);
                sum += x;
                squares += x * x;
                assertThat(p.mass(i)).isPositive();
                logMass += Math.log(p.mass(i));
                logMassSquares += Math.log(p.mass(i)) * Math.log(p.mass(i));
                if (Math.abs(p.charge(i)) == 1) unitCharges++;
            }
        }
        assertThat(sum / draws).isCloseTo(0, within(0.06));
        assertThat(squares / draws).isCloseTo(1, within(0.08));
        assertThat(logMass / draws).isCloseTo(0, within(0.06));
        assertThat(logMassSquares / draws).isCloseTo(1, within(0.08));
        assertThat(unitCharges).isZero();                           // N(0, 1) charges for laws other than charge
        Particles charged = Particles.random(PairLaw.CHARGE, 3, 64, 2);
        assertThat(charged.charges()).containsOnly(-1.0, 1.0).contains(-1.0, 1.0);
    }

    @Test
    void validationNamesTheBadValue() {
        double[] x = new double[4], q = {1, 1}, m = {1, 1};
        assertThatThrownBy(() -> Particles.of(4, new double[8], new double[8], q, m))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("dim must be 2 or 3: 4");
        assertThatThrownBy(() -> Particles.of(2, new double[2], new double[2], new double[]{1}, new double[]{1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("bodies must be at least 2: 1");
        assertThatThrownBy(() -> Particles.of(2, new double[5], x, q, m))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positions has 5 values");
        assertThatThrownBy(() -> Particles.of(2, x, x, q, new double[]{1, -2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("mass 1 must be finite and positive: -2.0");
        assertThatThrownBy(() -> Particles.of(2, new double[]{0, Double.NaN, 0, 0}, x, q, m))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("positions value 1 is not finite: NaN");
        assertThatThrownBy(() -> Particles.random(PairLaw.R2, 2, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("bodies must be at least 2: 1");
    }

    @Test
    void arraysAreCopiedInAndOut() {
        double[] x = {0, 0, 1, 1};
        Particles p = Particles.of(2, x, new double[4], new double[2], new double[]{1, 1});
        x[0] = 5;
        p.positions()[1] = 5;
        assertThat(p.positions()).containsExactly(0, 0, 1, 1);
    }
}
