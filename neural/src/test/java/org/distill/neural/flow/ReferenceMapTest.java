package org.distill.neural.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The reference map z = Φ⁻¹(F(x)) of one bounded observable: a power law on (5, 100) whose density is largest at the
 * lower edge (as the primary mass), and a linear density on (−1, 1), finite and non-zero at both edges (as the tilt).
 */
class ReferenceMapTest {
    /** Draws of x ∝ x^−2.5 on (5, 100): inverse CDF. */
    static double[] powerLaw(int n, long seed) {
        var r = new SplittableRandom(seed);
        double a = 1 - 2.5, lo = Math.pow(5, a), hi = Math.pow(100, a);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = Math.pow(lo + r.nextDouble() * (hi - lo), 1 / a);
        return v;
    }

    /** Draws of x with density (1 + x/2)/2 on (−1, 1): inverse CDF of (x + 1)/2 + (x² − 1)/8. */
    static double[] tilt(int n, long seed) {
        var r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            // x²/8 + x/2 + 3/8 − u = 0
            v[i] = -2 + Math.sqrt(1 + 8 * r.nextDouble());
        }
        return v;
    }

    static final ReferenceMap POWER = ReferenceMap.of(powerLaw(50_000, 1), 5, 100, 48);
    static final ReferenceMap TILT = ReferenceMap.of(tilt(50_000, 2), -1, 1, 32);

    @Test void probitInvertsTheNormalCdf() {
        assertEquals(1.959963984540054, ReferenceMap.probit(0.975), 1e-13);
        assertEquals(-1.959963984540054, ReferenceMap.probit(0.025), 1e-13);
        assertEquals(0, ReferenceMap.probit(0.5), 1e-15);
        // the lower tail, where the map uses it (the upper tail goes through the survival function)
        for (double z = -37; z <= 0; z += 0.37)
            assertEquals(z, ReferenceMap.probit(ReferenceMap.cdfNormal(z)), 1e-12 * Math.max(1, Math.abs(z)), "z = " + z);
        assertEquals(-ReferenceMap.probit(0.3), ReferenceMap.probit(0.7), 1e-15);
        assertEquals(Double.NEGATIVE_INFINITY, ReferenceMap.probit(0));
        assertThrows(IllegalArgumentException.class, () -> ReferenceMap.probit(1.5));
    }

    @Test void knotsSpanTheBoxAndDensityIsPositiveAtTheEdges() {
        for (ReferenceMap m : new ReferenceMap[] {POWER, TILT}) {
            assertEquals(0, m.cdf(m.lower()), 0);
            assertEquals(1, m.cdf(m.upper()), 1e-15);
            assertEquals(0, m.survival(m.upper()), 1e-18);
            for (int j = 0; j < m.x().length; j++) assertEquals(m.u()[j], m.cdf(m.x()[j]), 1e-14);
            assertTrue(Double.isFinite(m.logDensity(m.lower())) && Double.isFinite(m.logDensity(m.upper())));
        }
        // the densities at the edges, extrapolated from edge bins of ~200 rows (noise ~10 %), near the true ones:
        // the power law's at 5, 1.5/5 · (1 − 20^−1.5)^−1 = 0.3034; the tilt's at −1 and 1, 1/4 and 3/4
        assertEquals(0.3034, Math.exp(POWER.logDensity(5)), 0.2 * 0.3034);
        assertEquals(0.25, Math.exp(TILT.logDensity(-1)), 0.2 * 0.25);
        assertEquals(0.75, Math.exp(TILT.logDensity(1)), 0.2 * 0.75);
    }

    @Test void cdfAndSurvivalAddToOne() {
        for (double t = 5; t <= 100; t += 0.173) assertEquals(1, POWER.cdf(t) + POWER.survival(t), 1e-14);
    }

    /** x → z → x, across the box and within 1e-10 of its edges, where z reaches about ±6.5. */
    @Test void inverseRoundTrip() {
        for (ReferenceMap m : new ReferenceMap[] {POWER, TILT}) {
            double w = m.upper() - m.lower();
            double[] near = {1e-10, 1e-7, 1e-4, 0.01};
            for (double e : near) {
                for (double t : new double[] {m.lower() + e * w, m.upper() - e * w}) {
                    double z = m.toNormal(t);
                    assertTrue(Double.isFinite(z), "z(" + t + ") = " + z);
                    assertEquals(t, m.fromNormal(z), 1e-12 * w + 1e-6 * e * w, "round trip at " + t + ", z = " + z);
                }
            }
            for (int i = 1; i < 1000; i++) {
                double t = m.lower() + w * i / 1000.0;
                assertEquals(t, m.fromNormal(m.toNormal(t)), 1e-11 * w, "round trip at " + t);
            }
            // z → x → z
            for (double z = -6; z <= 6; z += 0.25) assertEquals(z, m.toNormal(m.fromNormal(z)), 1e-7, "z = " + z);
        }
        // z far beyond the knots stays in the box
        assertEquals(5, POWER.fromNormal(-40), 1e-12);
        assertEquals(100, POWER.fromNormal(40), 1e-12);
    }

    /** Composite Simpson, 200 panels in each bin (the density is smooth inside a bin): ∫ f = 1. */
    @Test void densityIntegratesToOne() {
        for (ReferenceMap m : new ReferenceMap[] {POWER, TILT}) {
            double total = 0;
            for (int j = 0; j + 1 < m.x().length; j++) {
                double a = m.x()[j], b = m.x()[j + 1];
                int n = 200;
                double h = (b - a) / n, s = 0;
                for (int i = 0; i <= n; i++) {
                    double t = Math.min(b, a + i * h), f = Math.exp(m.logDensity(i == n ? Math.nextDown(b) : t));
                    s += f * (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2);
                }
                total += s * h / 3;
            }
            assertEquals(1, total, 1e-8);
        }
    }

    /** log|dz/dx| against central differences of z, and the density against differences of the CDF. */
    @Test void jacobianMatchesFiniteDifferences() {
        for (ReferenceMap m : new ReferenceMap[] {POWER, TILT}) {
            double w = m.upper() - m.lower();
            for (int i = 1; i < 200; i++) {
                double t = m.lower() + w * (i + 0.37) / 200.5, h = 1e-6 * w;
                double z = m.toNormal(t);
                double fd = (m.toNormal(t + h) - m.toNormal(t - h)) / (2 * h);
                assertEquals(Math.log(fd), m.logJacobian(t, z), 1e-5, "at " + t);
                double fdCdf = (m.cdf(t + h) - m.cdf(t - h)) / (2 * h);
                assertEquals(Math.log(fdCdf), m.logDensity(t), 1e-5, "density at " + t);
            }
        }
    }

    /** The reference follows its sample: Kolmogorov–Smirnov distance to fresh draws within the 0.1 % critical value. */
    @Test void referenceFollowsTheSample() {
        double[] fresh = powerLaw(20_000, 9);
        Arrays.sort(fresh);
        double d = 0;
        for (int i = 0; i < fresh.length; i++) {
            double f = POWER.cdf(fresh[i]);
            d = Math.max(d, Math.max(Math.abs(f - i / (double) fresh.length), Math.abs(f - (i + 1.0) / fresh.length)));
        }
        // two samples of 50 000 and 20 000: c(0.001) · sqrt((n + m) / (n m))
        assertTrue(d < 1.95 * Math.sqrt(70_000.0 / (50_000.0 * 20_000)), "KS distance " + d);
    }

    @Test void badInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ReferenceMap.of(new double[] {0.5, 1.5}, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ReferenceMap.of(tilt(100, 3), -1, 1, 64));
        assertThrows(IllegalArgumentException.class, () -> ReferenceMap.of(tilt(1000, 3), 0, 1, 8));
        assertThrows(IllegalArgumentException.class,
                () -> new ReferenceMap(new double[] {0, 1}, new double[] {0, 1}, new double[] {1, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> new ReferenceMap(new double[] {0, 1}, new double[] {0, 0.9}, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> new ReferenceMap(new double[] {0, 0, 1}, new double[] {0, 0.5, 1}, new double[] {1, 1, 1}));
    }
}
