package org.distill.physics.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GalactocentricTest {
    static final Galactocentric.Converter FRAME = Galactocentric.ASTROPY.converter();

    /** Reference values from astropy 8.0.1, {@code SkyCoord(...).transform_to(Galactocentric())} with its defaults. */
    @ParameterizedTest
    @CsvSource({
            "266.4051, -28.936175, 8.122, 0, 0, 0, 0, 0, 0, 12.9, 245.6, 7.78",
            "10.0, 41.0, 12.5, 1.5, -2.25, -80.0, -14.04230829919621, 9.987656265972413, -4.610221117745708, "
                    + "5.546622961544317, 95.75884424685613, -90.04453840809256",
            "200.0, -60.0, 3.0, -5.0, 3.0, 120.0, -6.339133887224888, -2.408973906634879, 0.1561813489262592, "
                    + "29.936591304969653, 111.90182603014351, 63.55636829174913",
            "150.0, 20.0, 25.0, 0.3, -0.1, 10.0, -21.352852695158127, -8.890609984107131, 19.279587248707717, "
                    + "39.335935017218034, 236.00172072566585, 34.49176029793465"})
    void matchesAstropy(double ra, double dec, double d, double pmra, double pmdec, double rv, double x, double y,
                        double z, double vx, double vy, double vz) {
        double[] out = new double[6];
        FRAME.toGalactocentric(ra, dec, d, pmra, pmdec, rv, out);
        double[] expected = {x, y, z, vx, vy, vz};
        for (int k = 0; k < 6; k++) assertThat(out[k]).as("component %d", k).isCloseTo(expected[k], within(1e-9));
    }

    @Test
    void theSunAndTheGalacticCentre() {
        double[] icrs = new double[6];
        // a star at rest at the Galactic centre shows the reflex of the Sun's motion (astropy: pmra −3.15038,
        // pmdec −5.55034 mas/yr, rv −12.88 km/s; |μ| = 6.38 mas/yr as measured for Sgr A* by Reid & Brunthaler)
        FRAME.toIcrs(new double[6], 0, icrs);
        assertThat(icrs[0]).isCloseTo(266.4051, within(1e-9));
        assertThat(icrs[1]).isCloseTo(-28.936175, within(1e-9));
        assertThat(icrs[2]).isCloseTo(8.122, within(1e-12));
        assertThat(icrs[3]).isCloseTo(-3.1503804426139292, within(1e-9));
        assertThat(icrs[4]).isCloseTo(-5.5503421253119685, within(1e-9));
        assertThat(icrs[5]).isCloseTo(-12.880033541366373, within(1e-9));
        assertThat(Math.hypot(icrs[3], icrs[4])).isCloseTo(6.38, within(0.01));
        // the Sun sits at (−R₀ cos θ, 0, z☉)
        double[] gc = new double[6];
        FRAME.toGalactocentric(123, 45, 1e-12, 0, 0, 0, gc);
        assertThat(gc[0]).isCloseTo(-Math.sqrt(8.122 * 8.122 - 0.0208 * 0.0208), within(1e-9));
        assertThat(gc[1]).isCloseTo(0, within(1e-9));
        assertThat(gc[2]).isCloseTo(0.0208, within(1e-9));
    }

    @Test
    void roundTripsArbitraryObservables() {
        var rng = new SplittableRandom(5);
        double[] gc = new double[6], back = new double[6];
        for (int k = 0; k < 1000; k++) {
            double ra = 360 * rng.nextDouble(), dec = Math.toDegrees(Math.asin(2 * rng.nextDouble() - 1));
            double d = 0.01 + 50 * rng.nextDouble(), pmra = 20 * rng.nextGaussian(), pmdec = 20 * rng.nextGaussian();
            double rv = 200 * rng.nextGaussian();
            FRAME.toGalactocentric(ra, dec, d, pmra, pmdec, rv, gc);
            FRAME.toIcrs(gc, 0, back);
            double dra = Math.abs(back[0] - ra);
            assertThat(Math.min(dra, 360 - dra) * Math.cos(Math.toRadians(dec))).isLessThan(1e-9);
            assertThat(back[1]).isCloseTo(dec, within(1e-9));
            assertThat(back[2]).isCloseTo(d, within(1e-10 * d));
            assertThat(back[3]).isCloseTo(pmra, within(1e-8));
            assertThat(back[4]).isCloseTo(pmdec, within(1e-8));
            assertThat(back[5]).isCloseTo(rv, within(1e-8));
            assertThat(back[0]).isGreaterThanOrEqualTo(0).isLessThan(360);
        }
    }

    @Test
    void galacticCoordinates() {
        // astropy: ICRS (10°, 41°) is Galactic (120.60763°, −21.82012°); the north Galactic pole is at b = 90°
        assertThat(Galactocentric.galacticLongitude(10, 41)).isCloseTo(120.60763, within(1e-4));
        assertThat(Galactocentric.galacticLatitude(10, 41)).isCloseTo(-21.82012, within(1e-4));
        assertThat(Galactocentric.galacticLatitude(192.85948, 27.12825)).isCloseTo(90, within(1e-4));
        // the frame's Galactic centre lies at (l, b) ≈ (0, 0)
        assertThat(Galactocentric.galacticLatitude(266.4051, -28.936175)).isCloseTo(0, within(0.01));
        double l = Galactocentric.galacticLongitude(266.4051, -28.936175);
        assertThat(Math.min(l, 360 - l)).isLessThan(0.01);
    }

    @Test
    void badFramesAreRejected() {
        assertThatThrownBy(() -> new Galactocentric(0, 0, -1, 0, new double[3], 0))
                .hasMessage("galcenDistance must be finite and positive: -1.0");
        assertThatThrownBy(() -> new Galactocentric(0, 95, 8, 0, new double[3], 0))
                .hasMessage("galcenDec must be in [-90, 90]: 95.0");
        assertThatThrownBy(() -> new Galactocentric(0, 0, 8, 0, new double[2], 0)).hasMessage("vSun must hold 3 values");
    }
}
