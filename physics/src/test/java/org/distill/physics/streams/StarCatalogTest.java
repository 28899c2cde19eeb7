package org.distill.physics.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StarCatalogTest {
    static final StarCatalog STARS = StarCatalog.fromRows(new double[][] {
            {10, 20, 1, 2, 0.5, 15, 0.8}, {11, 21, -1, -2, 0.1, 19, 1.2}, {12, 22, 0, 0, 0.0, 17, 0.6}});

    @Test
    void rowsColumnsAndFeaturesAgree() {
        assertThat(STARS.size()).isEqualTo(3);
        assertThat(STARS.row(1)).containsExactly(11, 21, -1, -2, 0.1, 19, 1.2);
        assertThat(STARS.g()).containsExactly(15, 19, 17);
        float[][] f = STARS.features();
        assertThat(f).hasNumberOfRows(3);
        assertThat(f[2]).containsExactly(12f, 22f, 0f, 0f, 0f, 17f, 0.6f);
        assertThat(StarCatalog.COLUMNS).hasSize(7).startsWith("ra", "dec").endsWith("bp_rp");
    }

    @Test
    void selectPicksRowsInOrder() {
        StarCatalog s = STARS.select(new int[] {2, 0, 0});
        assertThat(s.ra()).containsExactly(12, 10, 10);
        assertThat(s.bpRp()).containsExactly(0.6, 0.8, 0.8);
        assertThat(STARS.select(new int[] {0, 1, 2})).isEqualTo(STARS).hasSameHashCodeAs(STARS);
        assertThat(STARS.select(new int[0]).size()).isZero();
        assertThatThrownBy(() -> STARS.select(new int[] {3})).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void tangentPlaneIsContinuousAcrossRaZeroAndMatchesSmallOffsets() {
        var s = StarCatalog.fromRows(new double[][] {
                {359.5, 10, 0, 0, 0, 0, 0}, {0.5, 10, 0, 0, 0, 0, 0}, {0, 10.2, 0, 0, 0, 0, 0}, {0, 10, 0, 0, 0, 0, 0},
                {180, 10, 0, 0, 0, 0, 0}});
        double[][] t = s.tangentPlane(0, 10);
        double cos10 = Math.cos(Math.toRadians(10));
        assertThat(t[0][0]).isCloseTo(-0.5 * cos10, within(1e-4));
        assertThat(t[0][1]).isCloseTo(0.5 * cos10, within(1e-4));
        assertThat(t[1][0]).isCloseTo(t[1][1], within(1e-12)).isGreaterThan(0);   // great circles bow towards the pole
        assertThat(t[0][2]).isCloseTo(0, within(1e-12));
        assertThat(t[1][2]).isCloseTo(0.2, within(1e-4));
        assertThat(t[0][3]).isZero();
        assertThat(t[1][3]).isCloseTo(0, within(1e-12));
        assertThat(t[0][4]).isNaN();                                   // the far side of the sky
        float[][] f = s.localFeatures(0, 10);
        assertThat(f[2][1]).isCloseTo(0.2f, within(1e-4f));
        assertThat(f[2][5]).isZero();
    }

    @Test
    void arraysAreCopiedInAndLengthsChecked() {
        double[] ra = {1, 2};
        var s = new StarCatalog(ra, new double[2], new double[2], new double[2], new double[2], new double[2], new double[2]);
        ra[0] = 99;
        assertThat(s.ra()[0]).isEqualTo(1);
        assertThatThrownBy(() -> new StarCatalog(ra, new double[2], new double[2], new double[1], new double[2],
                new double[2], new double[2])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column pmdec has 1 rows, ra has 2");
        assertThatThrownBy(() -> StarCatalog.fromRows(new double[][] {{1, 2}})).hasMessage("row 0 must hold 7 values: 2");
    }

    @Test
    void streamTaskCountsMembers() {
        var p = new StreamParameters(1, 2, 3, 4, 5, 6, 10, 1e5, 2, 5, 20, 12, -1.5, 0.1, 150, 20, 5, 20);
        var t = new StreamTask(7, p, STARS, new boolean[] {false, true, true});
        assertThat(t.members()).isEqualTo(2);
        assertThat(t.memberIndices()).containsExactly(1, 2);
        assertThat(t.fieldIndices()).containsExactly(0);
        assertThat(StreamParameters.fromArray(p.toArray())).isEqualTo(p);
        assertThatThrownBy(() -> new StreamTask(0, p, STARS, new boolean[2]))
                .hasMessage("member has 2 rows, stars has 3");
        assertThatThrownBy(() -> new StreamParameters(1, 2, 3, 4, 5, 6, 10, -1, 2, 5, 20, 12, -1.5, 0.1, 150, 20, 5, 20))
                .hasMessage("mass must be positive: -1.0");
    }
}
