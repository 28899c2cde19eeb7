package org.distill.physics.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MilkyWayPotentialTest {
    static final MilkyWayPotential MW = MilkyWayPotential.of();

    @Test
    void accelerationIsMinusTheGradientOfThePotential() {
        var rng = new SplittableRandom(3);
        double[] a = new double[3];
        for (int k = 0; k < 200; k++) {
            double scale = k < 20 ? 0.05 : k < 60 ? 1 : 30;         // near the nucleus, bulge, and out in the halo
            double x = scale * rng.nextGaussian(), y = scale * rng.nextGaussian(), z = scale * rng.nextGaussian();
            MW.acceleration(x, y, z, a);
            double r = Math.sqrt(x * x + y * y + z * z), h = 1e-5 * Math.max(r, 0.01);
            double gx = (MW.potential(x + h, y, z) - MW.potential(x - h, y, z)) / (2 * h);
            double gy = (MW.potential(x, y + h, z) - MW.potential(x, y - h, z)) / (2 * h);
            double gz = (MW.potential(x, y, z + h) - MW.potential(x, y, z - h)) / (2 * h);
            double norm = Math.sqrt(gx * gx + gy * gy + gz * gz);
            assertThat(a[0]).as("ax at (%s, %s, %s)", x, y, z).isCloseTo(-gx, within(1e-6 * norm));
            assertThat(a[1]).as("ay at (%s, %s, %s)", x, y, z).isCloseTo(-gy, within(1e-6 * norm));
            assertThat(a[2]).as("az at (%s, %s, %s)", x, y, z).isCloseTo(-gz, within(1e-6 * norm));
        }
    }

    @Test
    void eachComponentMatchesItsClosedForm() {
        double g = MilkyWayPotential.G;
        // Hernquist alone: Φ = −GM/(r + c)
        var hernquist = MilkyWayPotential.of(0, 0.1, 2e10, 1.5, 0, 0, 0.3, 0, 10);
        assertThat(hernquist.potential(3, 4, 0)).isCloseTo(-g * 2e10 / 6.5, within(1e-9));
        // Miyamoto–Nagai alone: Φ = −GM/√(R² + (a + √(z² + b²))²)
        var disk = MilkyWayPotential.of(0, 0.1, 0, 1, 5e10, 3, 0.4, 0, 10);
        assertThat(disk.potential(2, 1, 0.3)).isCloseTo(-g * 5e10 / Math.sqrt(5 + Math.pow(3.5, 2)), within(1e-9));
        // NFW alone: Φ = −GM ln(1 + r/rs)/r, finite at the centre (−GM/rs)
        var nfw = MilkyWayPotential.of(0, 0.1, 0, 1, 0, 0, 0.3, 1e12, 20);
        assertThat(nfw.potential(0, 0, 10)).isCloseTo(-g * 1e12 * Math.log(1.5) / 10, within(1e-9));
        assertThat(nfw.potential(0, 0, 0)).isCloseTo(-g * 1e12 / 20, within(1e-9));
        double[] a = new double[3];
        nfw.acceleration(1e-7, 0, 0, a);                       // the cusp's force tends to GM/(2 rs²)
        assertThat(a[0]).isCloseTo(-g * 1e12 / (2 * 400), within(1e-3));
    }

    @Test
    void circularVelocityIsMilkyWayLike() {
        // gala's MilkyWayPotential: ≈ 230 km/s at the Sun, a slowly falling curve outside
        assertThat(MW.circularVelocity(8.122)).isBetween(220.0, 240.0);
        assertThat(MW.circularVelocity(20)).isBetween(195.0, 230.0);
        assertThat(MW.circularVelocity(100)).isBetween(130.0, 190.0);
    }

    @Test
    void radialCurvatureMatchesSecondDifferenceOfThePotential() {
        for (double[] p : new double[][] {{8, 0, 1}, {-3, 12, 5}, {20, -20, -10}}) {
            double r = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]), h = 1e-3 * r;
            double s = (r + h) / r, t = (r - h) / r;
            double second = (MW.potential(p[0] * s, p[1] * s, p[2] * s) - 2 * MW.potential(p[0], p[1], p[2])
                    + MW.potential(p[0] * t, p[1] * t, p[2] * t)) / (h * h);
            assertThat(MW.radialCurvature(p[0], p[1], p[2])).isCloseTo(second, within(1e-4 * Math.abs(second) + 1e-6));
        }
    }

    @Test
    void badParametersAreNamed() {
        assertThatThrownBy(() -> MilkyWayPotential.of(1, 0, 1, 1, 1, 1, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("nucleus scale must be finite and positive: 0.0");
        assertThatThrownBy(() -> MilkyWayPotential.of(1, 1, 1, 1, -1, 1, 1, 1, 1))
                .hasMessage("disk mass must be finite and non-negative: -1.0");
    }
}
