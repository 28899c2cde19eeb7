package org.distill.examples.halos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.distill.neural.halos.HaloGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Graph construction: periodic distances, translation invariance, the split by region, the overdensity, the cache. */
class HaloGraphsTest {
    @TempDir Path dir;

    static HaloBox randomBox(int n, double box, long seed) {
        var random = new SplittableRandom(seed);
        float[] x = new float[3 * n], v = new float[3 * n];
        double[] m = new double[n], d = new double[n];
        for (int i = 0; i < 3 * n; i++) {
            x[i] = (float) (box * random.nextDouble());
            v[i] = (float) (300 * random.nextGaussian());
        }
        for (int i = 0; i < n; i++) {
            m[i] = 10 + 500 * random.nextDouble();
            d[i] = random.nextGaussian();
        }
        return new HaloBox("random", box, x, v, m, d);
    }

    private static final HaloGraphs.Standardisation IDENTITY = new HaloGraphs.Standardisation(0, 1);

    @Test
    void distancesArePeriodicMinimumImages() {
        // two halos 2 Mpc/h apart across the x = 0 face of a 100 Mpc/h box, a third 30 Mpc/h away
        float[] x = {1, 50, 50, 99, 50, 50, 31, 50, 50};
        float[] v = {100, 0, 0, -100, 0, 0, 0, 0, 0};
        var box = new HaloBox("edge", 100, x, v, new double[] {10, 20, 30}, new double[] {0, 1, 2});
        HaloGraph g = HaloGraphs.build(List.of(box), 25, IDENTITY);
        assertThat(g.edges()).isEqualTo(2); // 0<->1 only: 31 - 1 = 30 > 25, 99 - 31 = 68
        for (int e = 0; e < 2; e++) {
            assertThat(g.distance()[e]).isCloseTo(2, within(1e-5));
            assertThat(g.relativeSpeed()[e]).isCloseTo(200, within(1e-9));
        }
        assertThat(g.mass()).containsExactly(10, 20, 30);
        assertThat(g.speed()).containsExactly(100, 100, 0);
        assertThat(CellList.minimumImage(98, 100)).isEqualTo(-2);
    }

    @Test
    void aTranslatedBoxGivesTheSameGraph() {
        HaloBox box = randomBox(300, 200, 5);
        float[] shifted = box.positions().clone();
        double[] shift = {77.3, 150.9, 12.25};
        for (int i = 0; i < shifted.length; i++) shifted[i] = (float) ((shifted[i] + shift[i % 3]) % 200);
        HaloBox moved = new HaloBox("moved", 200, shifted, box.velocities(), box.mass(), box.delta());
        HaloGraph a = HaloGraphs.build(List.of(box), 30, IDENTITY), b = HaloGraphs.build(List.of(moved), 30, IDENTITY);
        assertThat(a.edges()).isGreaterThan(100);
        assertThat(edgeSet(b)).hasSameSizeAs(edgeSet(a));
        var ea = edgeSet(a);
        var eb = edgeSet(b);
        for (int k = 0; k < ea.size(); k++) {
            assertThat(eb.get(k)[0]).isEqualTo(ea.get(k)[0]);
            assertThat(eb.get(k)[1]).isEqualTo(ea.get(k)[1]);
            assertThat(eb.get(k)[2]).isCloseTo(ea.get(k)[2], within(1e-3)); // float positions
            assertThat(eb.get(k)[3]).isCloseTo(ea.get(k)[3], within(1e-9));
        }
        // every pair closer than the radius is an edge, in both directions
        for (int e = 0; e < a.edges(); e++) assertThat(a.distance()[e]).isLessThanOrEqualTo(30);
        long pairs = 0;
        for (int i = 0; i < 300; i++)
            for (int j = 0; j < 300; j++)
                if (i != j && Math.sqrt(CellList.distance2(box.positions(), i, box.positions(), j, 200)) <= 30) pairs++;
        assertThat((long) a.edges()).isEqualTo(pairs);
    }

    private static List<double[]> edgeSet(HaloGraph g) {
        var list = new ArrayList<double[]>();
        for (int e = 0; e < g.edges(); e++) list.add(new double[] {g.receiver()[e], g.sender()[e], g.distance()[e], g.relativeSpeed()[e]});
        list.sort((p, q) -> p[0] != q[0] ? Double.compare(p[0], q[0]) : Double.compare(p[1], q[1]));
        return list;
    }

    @Test
    void theSplitIsByRegionAndCoversEveryHalo() {
        HaloBox a = randomBox(200, 100, 1), b = randomBox(150, 100, 2);
        int[][] split = HaloGraphs.split(List.of(a, b), 0.7, 0.8);
        assertThat(split[0].length + split[1].length + split[2].length).isEqualTo(350);
        for (int i : split[2]) {
            HaloBox box = i < 200 ? a : b;
            assertThat(box.positions()[3 * (i < 200 ? i : i - 200)]).isGreaterThanOrEqualTo(80f);
        }
        for (int i : split[0]) {
            HaloBox box = i < 200 ? a : b;
            assertThat(box.positions()[3 * (i < 200 ? i : i - 200)]).isLessThan(70f);
        }
        assertThatThrownBy(() -> HaloGraphs.split(List.of(a), 0.8, 0.7)).hasMessage("need 0 < validationFrom <= testFrom < 1: 0.8, 0.7");
        assertThatThrownBy(() -> HaloGraphs.build(List.of(a), 60, IDENTITY)).hasMessage("edge radius 60.0 must be below half the box (50.0 Mpc/h)");
    }

    @Test
    void overdensityCountsOtherParticlesInTheSphere() {
        // a uniform lattice of 20^3 particles in a 20 Mpc/h box: the density around a lattice point is the mean
        int n = 20;
        float[] p = new float[3 * n * n * n];
        for (int i = 0, k = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int l = 0; l < n; l++, k++) {
                    p[3 * k] = i + 0.5f;
                    p[3 * k + 1] = j + 0.5f;
                    p[3 * k + 2] = l + 0.5f;
                }
        int[] owner = new int[n * n * n];
        java.util.Arrays.fill(owner, -1);
        float[] centre = {10.25f, 10.25f, 10.25f};
        double[] d = HaloBoxes.overdensity(p, 20, owner, centre, 5);
        assertThat(d[0]).isCloseTo(0, within(0.05)); // lattice points in a sphere of 523.6 cells: 515 or so
        // give the centre the 8 particles nearest to it: they no longer count
        double[] before = HaloBoxes.overdensity(p, 20, owner, centre, 1);
        for (int k = 0; k < owner.length; k++)
            if (CellList.distance2(p, k, centre, 0, 20) <= 1) owner[k] = 0;
        double[] after = HaloBoxes.overdensity(p, 20, owner, centre, 1);
        assertThat(before[0]).isGreaterThan(-1);
        assertThat(after[0]).isEqualTo(-1);
        assertThatThrownBy(() -> HaloBoxes.overdensity(p, 20, owner, centre, 10)).hasMessage("radius must be in (0, box/2 = 10.0): 10.0");
    }

    @Test
    void theCacheReturnsTheTableOnlyForTheSameSettings() throws IOException {
        HaloBox box = randomBox(50, 100, 9);
        Path file = dir.resolve("halos.txt");
        HaloBoxes.write(file, "settings A", box);
        HaloBox back = HaloBoxes.read(file, "settings A", "again");
        assertThat(back).isNotNull();
        assertThat(back.mass()).containsExactly(box.mass());
        assertThat(back.delta()).containsExactly(box.delta());
        assertThat(back.positions()).containsExactly(box.positions());
        assertThat(back.boxSize()).isEqualTo(100);
        assertThat(HaloBoxes.read(file, "settings B", "other")).isNull();
    }
}
