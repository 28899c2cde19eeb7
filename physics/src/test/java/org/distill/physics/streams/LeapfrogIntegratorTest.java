package org.distill.physics.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LeapfrogIntegratorTest {
    static final LeapfrogIntegrator LEAPFROG = LeapfrogIntegrator.of(MilkyWayPotential.of());
    // an inclined, eccentric halo orbit (pericentre ≈ 6 kpc, apocentre ≈ 20 kpc)
    static final double[] START = {15, 2, 6, -40, 120, 90};

    @Test
    void energyAndAngularMomentumAreConservedOverFourGyr() {
        double[] orbit = LEAPFROG.integrate(START, 1.0, 4000);
        double e0 = LEAPFROG.energy(orbit, 0), lz0 = START[0] * START[4] - START[1] * START[3];
        double maxDe = 0, maxDlz = 0, minR = 1e9, maxR = 0;
        for (int s = 0; s <= 4000; s++) {
            int o = 6 * s;
            maxDe = Math.max(maxDe, Math.abs(LEAPFROG.energy(orbit, o) - e0));
            maxDlz = Math.max(maxDlz, Math.abs(orbit[o] * orbit[o + 4] - orbit[o + 1] * orbit[o + 3] - lz0));
            double r = Math.sqrt(orbit[o] * orbit[o] + orbit[o + 1] * orbit[o + 1] + orbit[o + 2] * orbit[o + 2]);
            minR = Math.min(minR, r);
            maxR = Math.max(maxR, r);
        }
        assertThat(minR).isLessThan(10);                       // the orbit is eccentric: a real test
        assertThat(maxR).isGreaterThan(14);
        assertThat(maxDe / Math.abs(e0)).as("relative energy error").isLessThan(3e-4);
        assertThat(maxDlz / Math.abs(lz0)).as("relative Lz error (axisymmetric potential)").isLessThan(1e-12);
    }

    @Test
    void errorShrinksAsTheSquareOfTheStep() {
        double e0 = LEAPFROG.energy(START, 0);
        double coarse = 0, fine = 0;
        double[] a = LEAPFROG.integrate(START, 4.0, 500), b = LEAPFROG.integrate(START, 2.0, 1000);
        for (int s = 0; s <= 500; s++) coarse = Math.max(coarse, Math.abs(LEAPFROG.energy(a, 6 * s) - e0));
        for (int s = 0; s <= 1000; s++) fine = Math.max(fine, Math.abs(LEAPFROG.energy(b, 6 * s) - e0));
        assertThat(coarse / fine).isBetween(3.0, 5.0);
    }

    @Test
    void backwardsThenForwardsReturnsToTheStart() {
        double[] back = LEAPFROG.integrate(START, -1.0, 2000);
        double[] past = java.util.Arrays.copyOfRange(back, 6 * 2000, 6 * 2001);
        double[] forth = LEAPFROG.integrate(past, 1.0, 2000);
        for (int k = 0; k < 6; k++) assertThat(forth[6 * 2000 + k]).isCloseTo(START[k], within(1e-8));
    }

    @Test
    void circularOrbitStaysCircular() {
        double r = 8.122, v = MilkyWayPotential.of().circularVelocity(r);
        double[] orbit = LEAPFROG.integrate(new double[] {r, 0, 0, 0, v, 0}, 0.5, 2000);
        for (int s = 0; s <= 2000; s += 50)
            assertThat(Math.hypot(orbit[6 * s], orbit[6 * s + 1])).isCloseTo(r, within(1e-3));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> LEAPFROG.integrate(new double[5], 1, 10)).hasMessage("state must hold 6 values: 5");
        assertThatThrownBy(() -> LEAPFROG.integrate(START, 0, 10)).hasMessage("dtMyr must be finite and non-zero: 0.0");
        assertThatThrownBy(() -> LEAPFROG.integrate(START, 1, -1)).hasMessage("steps must be non-negative: -1");
    }
}
