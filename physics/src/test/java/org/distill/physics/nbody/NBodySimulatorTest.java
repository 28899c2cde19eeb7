package org.distill.physics.nbody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class NBodySimulatorTest {
    static final NBodySimulator SIMULATOR = NBodySimulator.of();

    static Stream<Arguments> conservativeCases() {
        return Stream.of(PairLaw.R2, PairLaw.R1, PairLaw.SPRING, PairLaw.CHARGE)
                .flatMap(law -> IntStream.rangeClosed(2, 3).boxed()
                        .flatMap(dim -> IntStream.range(0, 3).mapToObj(seed -> Arguments.of(law, dim, seed))));
    }

    /** Relative energy drift below 1e-6 over 300 steps (about 1e-8 is typical at the default tolerance). */
    @ParameterizedTest(name = "{0} {1}-D seed {2}")
    @MethodSource("conservativeCases")
    void energyIsConserved(PairLaw law, int dim, int seed) {
        Trajectory t = SIMULATOR.simulate(law, Particles.random(law, dim, 4, seed), 300);
        double e0 = t.energy(0);
        for (int s = 1; s < t.steps(); s++)
            assertThat(Math.abs(t.energy(s) - e0) / Math.abs(e0)).as("step %d", s).isLessThan(1e-6);
    }

    @ParameterizedTest
    @EnumSource(value = PairLaw.class, names = "DAMPED", mode = EnumSource.Mode.EXCLUDE)
    void momentumIsConserved(PairLaw law) {
        for (int dim = 2; dim <= 3; dim++) {
            Trajectory t = SIMULATOR.simulate(law, Particles.random(law, dim, 8, 3), 200);
            double scale = 0;
            for (int i = 0; i < t.bodies(); i++)
                for (int d = 0; d < dim; d++) scale += t.mass(i) * Math.abs(t.velocity(0, i, d));
            double[] p0 = t.momentum(0);
            for (int s = 1; s < t.steps(); s++) {
                double[] p = t.momentum(s);
                for (int d = 0; d < dim; d++) assertThat(p[d]).isCloseTo(p0[d], within(1e-8 * scale));
            }
        }
    }

    @Test
    void dampedLosesEnergyMonotonically() {
        for (int dim = 2; dim <= 3; dim++) {
            Trajectory t = SIMULATOR.simulate(PairLaw.DAMPED, Particles.random(PairLaw.DAMPED, dim, 4, 9), 200);
            for (int s = 1; s < t.steps(); s++) assertThat(t.energy(s)).isLessThan(t.energy(s - 1));
            assertThat(t.energy(t.steps() - 1)).isLessThan(0.5 * t.energy(0));
        }
    }

    /**
     * The disc law's energy jumps by exactly ±1 when a pair crosses r' = 2 (U goes between 1 and 0, kinetic energy is
     * continuous), so E(t) − E(0) is an integer; located crossings agree with plain step-size control.
     */
    @Test
    void discEnergyChangesByWholeUnitsAndCrossingsAreLocatedAccurately() {
        Particles initial = Particles.random(PairLaw.DISC, 2, 4, 2);
        Trajectory t = SIMULATOR.simulate(PairLaw.DISC, initial, 300);
        boolean jumped = false;
        for (int s = 1; s < t.steps(); s++) {
            double change = t.energy(s) - t.energy(0);
            assertThat(change).isCloseTo(Math.rint(change), within(1e-6));
            jumped |= Math.rint(change) != 0;
        }
        assertThat(jumped).as("some pair crossed r' = 2").isTrue();
        Trajectory plain = NBodySimulator.builder().locateCrossings(false).build().simulate(PairLaw.DISC, initial, 300);
        double[] a = t.positions(), b = plain.positions();
        for (int k = 0; k < a.length; k++) assertThat(a[k]).isCloseTo(b[k], within(1e-6));
    }

    /** Two equal masses on a spring, at rest: the separation oscillates as (1 − ε) + A·cos(ωt) with ω² = 4/m. */
    @Test
    void twoBodySpringMatchesTheClosedForm() {
        double m = 2, rest = 1 - PairLaw.SOFTENING, start = 1.5;
        Particles p = Particles.of(3, new double[]{0, 0, 0, start, 0, 0}, new double[6], new double[]{1, 1},
                new double[]{m, m});
        Trajectory t = SIMULATOR.simulate(PairLaw.SPRING, p, 400);
        double omega = Math.sqrt(4 / m);
        for (int s = 0; s < t.steps(); s++) {
            double separation = t.position(s, 1, 0) - t.position(s, 0, 0);
            assertThat(separation).isCloseTo(rest + (start - rest) * Math.cos(omega * t.time(s)), within(1e-8));
            assertThat(t.position(s, 0, 0) + t.position(s, 1, 0)).isCloseTo(start, within(1e-9));   // centre of mass
        }
    }

    @Test
    void samplesHoldTheStateAndItsAccelerations() {
        Particles initial = Particles.random(PairLaw.CHARGE, 3, 4, 1);
        Trajectory t = SIMULATOR.simulate(PairLaw.CHARGE, initial, 50);
        assertThat(t.steps()).isEqualTo(50);
        assertThat(t.timeStep()).isEqualTo(1e-3);
        assertThat(t.state(0)).isEqualTo(initial);
        for (int s : new int[]{0, 17, 49})
            assertThat(t.state(s).accelerations(PairLaw.CHARGE)).containsExactly(
                    java.util.Arrays.copyOfRange(t.accelerations(), s * 12, (s + 1) * 12));
        assertThat(SIMULATOR.simulate(PairLaw.CHARGE, initial, 50)).isEqualTo(t);     // deterministic
        assertThat(SIMULATOR.simulate(PairLaw.CHARGE, initial, 1).steps()).isEqualTo(1);
    }

    @Test
    void validationNamesTheBadValue() {
        Particles p = Particles.random(PairLaw.R2, 2, 4, 0);
        assertThatThrownBy(() -> SIMULATOR.simulate(PairLaw.R2, p, -5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("steps must be at least 1: -5");
        assertThatThrownBy(() -> SIMULATOR.simulate(PairLaw.R2, p, 5, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("dt must be finite and positive: 0.0");
        assertThatThrownBy(() -> NBodySimulator.builder().tolerance(2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("absoluteTolerance must be in (0, 1): 2.0");
        assertThatThrownBy(() -> NBodySimulator.builder().maxEvaluations(5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxEvaluations must be at least 100: 5");
        NBodySimulator stingy = NBodySimulator.builder().maxEvaluations(100).build();
        assertThatThrownBy(() -> stingy.simulate(PairLaw.R2, p, 500))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("more than 100 evaluations");
    }
}
