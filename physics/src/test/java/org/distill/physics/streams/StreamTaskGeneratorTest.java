package org.distill.physics.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamTaskGeneratorTest {
    static final StreamTaskGenerator SMALL = StreamTaskGenerator.builder().seed(11).members(40, 80).fieldRatio(20)
            .build();
    static final List<StreamTask> TASKS = SMALL.generate(0, 4);

    @Test
    void sameSeedGivesIdenticalTasks() {
        var again = StreamTaskGenerator.builder().seed(11).members(40, 80).fieldRatio(20).build();
        assertThat(again.generate(0, 4)).isEqualTo(TASKS);
        assertThat(SMALL.generate(2)).isEqualTo(TASKS.get(2));              // any task alone, any order
        assertThat(SMALL.toBuilder().build().generate(3)).isEqualTo(TASKS.get(3));
        var other = SMALL.toBuilder().seed(12).build().generate(0);
        assertThat(other).isNotEqualTo(TASKS.get(0));
        assertThat(other.parameters()).isNotEqualTo(TASKS.get(0).parameters());
        for (int i = 0; i < TASKS.size(); i++) assertThat(TASKS.get(i).id()).isEqualTo(i);
    }

    @Test
    void tasksHaveTheRequestedShape() {
        for (StreamTask t : TASKS) {
            var p = t.parameters();
            assertThat(t.members()).isBetween(40, 80);
            assertThat(t.size()).isEqualTo(t.members() + Math.round(20.0 * t.members()));
            assertThat(p.distance()).isBetween(5.0, 20.0);
            assertThat(p.mass()).isBetween(1e4, 5e5);
            assertThat(p.pericenter()).isGreaterThanOrEqualTo(4.0);
            assertThat(p.apocenter()).isLessThanOrEqualTo(80.0);
            var s = t.stars();
            for (int i = 0; i < t.size(); i++) {
                assertThat(p.separation(s.ra()[i], s.dec()[i])).isLessThanOrEqualTo(5.0 + 1e-4);
                assertThat(s.g()[i]).isLessThan(20.0);
                for (double v : s.row(i)) assertThat(v).isFinite().isEqualTo((double) (float) v);
            }
            // members are spread through the table, not listed first
            int[] m = t.memberIndices();
            assertThat(m[m.length - 1]).isGreaterThan(m.length);
        }
    }

    @Test
    void streamStarsLieAlongTheProgenitorOrbit() {
        // without errors the parallaxes give true distances, so stars can be put back in 3-D
        var exact = StreamTaskGenerator.builder().seed(5).members(60).fieldRatio(10).mass(1e4, 3e4).errors(false).build();
        for (int i = 0; i < 3; i++) {
            StreamTask t = exact.generate(i);
            var p = t.parameters();
            double span = Math.max(0.3, p.disruptionTime() / 4);     // the orbit's stretch that the stream traces
            double[] orbit = exact.progenitorOrbit(p, span, span);
            double[] members = distancesFromOrbit(t, t.memberIndices(), orbit);
            double[] field = distancesFromOrbit(t, t.fieldIndices(), orbit);
            assertThat(median(members)).as("task %d: median distance of members from the orbit, kpc", i)
                    .isLessThan(0.4).isLessThan(median(field) / 4);
            assertThat(median(skyDistancesFromOrbit(t, orbit))).as("task %d: on the sky, degrees", i)
                    .isLessThan(0.2 * p.windowRadius());
        }
    }

    /** Galactocentric distance (kpc) from each star to the nearest point of the orbit. */
    private static double[] distancesFromOrbit(StreamTask t, int[] rows, double[] orbit) {
        var frame = Galactocentric.ASTROPY.converter();
        var s = t.stars();
        double[] out = new double[rows.length], gc = new double[6];
        for (int j = 0; j < rows.length; j++) {
            int i = rows[j];
            frame.toGalactocentric(s.ra()[i], s.dec()[i], 1 / s.parallax()[i], 0, 0, 0, gc);
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < orbit.length; k += 6) {
                double dx = orbit[k] - gc[0], dy = orbit[k + 1] - gc[1], dz = orbit[k + 2] - gc[2];
                best = Math.min(best, dx * dx + dy * dy + dz * dz);
            }
            out[j] = Math.sqrt(best);
        }
        return out;
    }

    /** Angle (degrees) from each member to the nearest point of the orbit on the sky. */
    private static double[] skyDistancesFromOrbit(StreamTask t, double[] orbit) {
        var frame = Galactocentric.ASTROPY.converter();
        int n = orbit.length / 6;
        double[] ra = new double[n], dec = new double[n], icrs = new double[6];
        for (int k = 0; k < n; k++) {
            frame.toIcrs(orbit, 6 * k, icrs);
            ra[k] = icrs[0];
            dec[k] = icrs[1];
        }
        int[] rows = t.memberIndices();
        double[] out = new double[rows.length];
        for (int j = 0; j < rows.length; j++) {
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < n; k++)
                best = Math.min(best, Sky.separation(ra[k], dec[k], t.stars().ra()[rows[j]], t.stars().dec()[rows[j]]));
            out[j] = best;
        }
        return out;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    @Test
    void membersAreKinematicallyColdAndCloseTogetherInDistance() {
        for (StreamTask t : TASKS) {
            var s = t.stars();
            double memberPm = spread(s.pmra(), t.memberIndices()) + spread(s.pmdec(), t.memberIndices());
            double fieldPm = spread(s.pmra(), t.fieldIndices()) + spread(s.pmdec(), t.fieldIndices());
            assertThat(memberPm).as("%s: proper-motion spread, members vs field", t).isLessThan(fieldPm / 3);
        }
    }

    // median absolute deviation
    private static double spread(double[] column, int[] rows) {
        double[] v = new double[rows.length];
        for (int i = 0; i < rows.length; i++) v[i] = column[rows[i]];
        double m = median(v);
        for (int i = 0; i < v.length; i++) v[i] = Math.abs(v[i] - m);
        return median(v);
    }

    @Test
    void fieldRatioZeroGivesOnlyMembers() {
        var t = StreamTaskGenerator.builder().seed(3).members(30).fieldRatio(0).build().generate(0);
        assertThat(t.members()).isEqualTo(30);
        assertThat(t.size()).isEqualTo(30);
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> StreamTaskGenerator.builder().fieldRatio(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("fieldRatio must be in [0.0, 10000.0]: -1.0");
        assertThatThrownBy(() -> StreamTaskGenerator.builder().members(50, 10).build())
                .hasMessage("members range must satisfy 1.0 <= min <= max <= 100000.0: [50.0, 10.0]");
        assertThatThrownBy(() -> StreamTaskGenerator.builder().windowRadius(0).build())
                .hasMessage("windowRadius must be in (0, 60] degrees: 0.0");
        assertThatThrownBy(() -> StreamTaskGenerator.builder().timeStep(100).build())
                .hasMessage("timeStep must be in [0.01, 10.0]: 100.0");
        assertThatThrownBy(() -> SMALL.generate(-1)).hasMessage("index must be non-negative: -1");
    }
}
