package org.distill.physics.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IsochroneTest {
    static double[] star(Isochrone iso, double m) {
        double[] out = new double[2];
        assertThat(iso.star(m, out)).isTrue();
        return out;
    }

    @Test
    void oldMetalPoorTurnOffLooksLikeM92() {
        var m92 = new Isochrone(12, -2.3);
        assertThat(m92.turnoffMagnitude()).isBetween(3.5, 4.2);
        assertThat(m92.turnoffColour()).isBetween(0.4, 0.7);
        assertThat(m92.turnoffMass()).isBetween(0.7, 0.9);
    }

    @Test
    void olderIsFainterAndRedderAtTheTurnOffAndMetalRichIsRedder() {
        var young = new Isochrone(8, -1.5);
        var old = new Isochrone(13, -1.5);
        var rich = new Isochrone(13, -0.5);
        assertThat(old.turnoffMagnitude()).isGreaterThan(young.turnoffMagnitude());
        assertThat(old.turnoffColour()).isGreaterThan(young.turnoffColour());
        assertThat(old.turnoffMass()).isLessThan(young.turnoffMass());
        assertThat(rich.turnoffColour()).isGreaterThan(old.turnoffColour());
        // half way up the giant branch, the metal-rich one is much redder
        double[] poorGiant = star(old, old.turnoffMass() * 1.05), richGiant = star(rich, rich.turnoffMass() * 1.05);
        assertThat(richGiant[1] - poorGiant[1]).isGreaterThan(0.3);
    }

    @Test
    void mainSequenceIsMonotoneAndInvertible() {
        var iso = new Isochrone(10, -1.0);
        double prevMag = Double.POSITIVE_INFINITY, prevColour = Double.POSITIVE_INFINITY;
        for (double m = 0.1; m <= iso.turnoffMass(); m += 0.01) {
            double[] s = star(iso, m);
            assertThat(s[0]).isLessThan(prevMag);                    // heavier: brighter
            assertThat(s[1]).isLessThan(prevColour);                 // and bluer
            prevMag = s[0];
            prevColour = s[1];
            assertThat(iso.minMassBrighterThan(s[0])).isCloseTo(m, within(1e-9));
        }
        assertThat(iso.minMassBrighterThan(iso.turnoffMagnitude() - 1)).isEqualTo(iso.turnoffMass());
        assertThat(iso.minMassBrighterThan(30)).isEqualTo(Isochrone.MIN_MASS);
    }

    @Test
    void giantsHorizontalBranchAndRemnants() {
        var poor = new Isochrone(12, -2.0);
        double mTo = poor.turnoffMass();
        double[] tip = star(poor, mTo * Isochrone.GIANT_END);
        assertThat(tip[0]).isCloseTo(poor.tipMagnitude(), within(1e-9));
        double[] hb = star(poor, mTo * 1.07);
        assertThat(hb[0]).isBetween(0.0, 2.0);
        assertThat(hb[1]).isLessThan(0.5);                           // metal-poor: blue horizontal branch
        double[] clump = star(new Isochrone(10, -0.3), new Isochrone(10, -0.3).turnoffMass() * 1.065);
        assertThat(clump[1]).isGreaterThan(0.9);                      // metal-rich: red clump
        assertThat(poor.star(mTo * 1.2, new double[2])).isFalse();
    }

    @Test
    void kroupaSamplesStayInRangeAndFollowTheSlopes() {
        int n = 200_000, above = 0;
        for (int i = 0; i < n; i++) {
            double m = Isochrone.sampleMass(0.08, 1.0, (i + 0.5) / n);
            assertThat(m).isBetween(0.08, 1.0);
            if (m > 0.5) above++;
        }
        // ∫_{0.5}^{1} 0.5 m^-2.3 / (∫_{0.08}^{0.5} m^-1.3 + ∫_{0.5}^{1} 0.5 m^-2.3)
        double low = (Math.pow(0.5, -0.3) - Math.pow(0.08, -0.3)) / -0.3;
        double high = 0.5 * (Math.pow(1.0, -1.3) - Math.pow(0.5, -1.3)) / -1.3;
        assertThat((double) above / n).isCloseTo(high / (low + high), within(1e-4));
        assertThat(Isochrone.sampleMass(0.3, 0.3, 0.7)).isEqualTo(0.3);
        assertThatThrownBy(() -> Isochrone.sampleMass(0.01, 1, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Isochrone(20, 0)).hasMessage("age must be in [0.5, 14] Gyr: 20.0");
    }

    @Test
    void gaiaErrorsGrowWithMagnitudeLikeEdr3() {
        assertThat(GaiaErrors.parallax(15)).isBetween(0.02, 0.04);
        assertThat(GaiaErrors.parallax(17)).isBetween(0.06, 0.10);
        assertThat(GaiaErrors.parallax(20)).isBetween(0.45, 0.75);
        assertThat(GaiaErrors.parallax(10)).isEqualTo(GaiaErrors.parallax(13));   // bright stars: a floor
        double prev = 0;
        for (double g = 13; g <= 21; g += 0.5) {
            assertThat(GaiaErrors.properMotion(g)).isGreaterThan(prev);
            assertThat(GaiaErrors.colour(g)).isGreaterThan(GaiaErrors.g(g));
            prev = GaiaErrors.properMotion(g);
        }
    }
}
