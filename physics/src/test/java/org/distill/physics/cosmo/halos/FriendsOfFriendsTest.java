package org.distill.physics.cosmo.halos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.distill.physics.cosmo.Cosmology;
import org.distill.physics.cosmo.HaloCatalog;
import org.distill.physics.cosmo.Snapshot;
import org.junit.jupiter.api.Test;

class FriendsOfFriendsTest {
    private static final double BOX = 100, SPACING = 6.25;

    /**
     * A jittered background lattice (16³, spacing 6.25 ≫ linking length) plus tight clusters at
     * lattice corners, one at the origin so that it straddles the boundary in x, y and z.
     */
    private record Planted(Snapshot snapshot, int[][] members, double[][] centres, double[][] velocities) {}

    private static Planted planted() {
        Random r = new Random(4);
        List<float[]> pos = new ArrayList<>(), vel = new ArrayList<>();
        for (int i = 0; i < 16; i++)
            for (int j = 0; j < 16; j++)
                for (int l = 0; l < 16; l++) {
                    pos.add(new float[] {(float) ((i + 0.5) * SPACING + r.nextDouble() - 0.5),
                            (float) ((j + 0.5) * SPACING + r.nextDouble() - 0.5), (float) ((l + 0.5) * SPACING + r.nextDouble() - 0.5)});
                    vel.add(new float[] {(float) r.nextGaussian(), (float) r.nextGaussian(), (float) r.nextGaussian()});
                }
        int[] sizes = {50, 20, 80, 50, 35, 19};
        int[][] corners = {{0, 0, 0}, {3, 5, 7}, {10, 2, 15}, {8, 8, 8}, {15, 0, 4}, {5, 12, 1}};
        int[][] members = new int[sizes.length][];
        double[][] centres = new double[sizes.length][3], vels = new double[sizes.length][3];
        for (int c = 0; c < sizes.length; c++) {
            members[c] = new int[sizes[c]];
            double[] bulk = {100 * c - 200, 50, -30 * c};
            for (int m = 0; m < sizes[c]; m++) {
                members[c][m] = pos.size();
                float[] x = new float[3], v = new float[3];
                for (int d = 0; d < 3; d++) {
                    double off = (r.nextDouble() - 0.5) * 0.6; // within ±0.3 Mpc/h: all members are friends
                    double xx = corners[c][d] * SPACING + off;
                    xx -= BOX * Math.floor(xx / BOX);
                    x[d] = (float) xx;
                    v[d] = (float) (bulk[d] + 20 * r.nextGaussian());
                    centres[c][d] += corners[c][d] * SPACING + off;
                    vels[c][d] += v[d];
                }
                pos.add(x);
                vel.add(v);
            }
            for (int d = 0; d < 3; d++) {
                centres[c][d] /= sizes[c];
                centres[c][d] -= BOX * Math.floor(centres[c][d] / BOX);
                vels[c][d] /= sizes[c];
            }
        }
        int n = pos.size();
        float[] x = new float[3 * n], v = new float[3 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(pos.get(i), 0, x, 3 * i, 3);
            System.arraycopy(vel.get(i), 0, v, 3 * i, 3);
        }
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) ids[i] = i;
        return new Planted(new Snapshot(BOX, 0, Cosmology.QUIJOTE, x, v, ids, 1e11), members, centres, vels);
    }

    @Test
    void recoversPlantedClustersExactly() {
        Planted p = planted();
        // mean spacing L/N^(1/3) = 6.13 Mpc/h, linking length 1.23: background points are ≥ 5.25 apart
        FriendsOfFriends.Result res = FriendsOfFriends.standard().run(p.snapshot());
        HaloCatalog cat = res.catalog();
        // expected order: 80 (cluster 2), 50 (cluster 0, lower index), 50 (cluster 3), 35, 20; 19 is too small
        int[] expected = {2, 0, 3, 4, 1};
        assertEquals(expected.length, cat.size());
        for (int h = 0; h < expected.length; h++) {
            int c = expected[h];
            assertEquals(p.members()[c].length, cat.counts()[h]);
            assertEquals(p.members()[c].length * 1e11, cat.masses()[h], 1e-3);
            for (int d = 0; d < 3; d++) {
                assertEquals(p.centres()[c][d], cat.positions()[3 * h + d], 1e-4, "halo " + h + " centre " + d);
                assertEquals(p.velocities()[c][d], cat.velocities()[3 * h + d], 1e-3, "halo " + h + " velocity " + d);
            }
            for (int m : p.members()[c]) assertEquals(h, res.haloOf()[m]);
        }
        int inHalos = 0;
        for (int h : res.haloOf()) if (h >= 0) inHalos++;
        assertEquals(80 + 50 + 50 + 35 + 20, inHalos, "no background particle and not the group of 19");
        for (int m : p.members()[5]) assertEquals(-1, res.haloOf()[m]);
        for (int d = 0; d < 3; d++) {
            double c = cat.positions()[3 + d]; // halo 1 is the cluster at the corner
            assertEquals(0, Math.min(c, BOX - c), 0.3, "the boundary cluster is centred at the corner, not mid-box: " + c);
        }
    }

    @Test
    void sparseUniformFieldHasNoHalos() {
        Random r = new Random(8);
        int n = 20000;
        float[] x = new float[3 * n];
        for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextDouble() * BOX);
        Snapshot s = new Snapshot(BOX, 0, Cosmology.QUIJOTE, x, new float[3 * n], new long[n], 1e10);
        assertEquals(0, FriendsOfFriends.standard().find(s).size());
    }

    @Test
    void matchesBruteForceGroupsOnAClusteredSet() {
        Random r = new Random(12);
        int n = 3000;
        double box = 50;
        float[] x = new float[3 * n];
        for (int i = 0; i < n; i++) {
            // 30 Gaussian blobs of σ = 0.6 Mpc/h around random centres (some across the boundary)
            int blob = i % 30;
            Random c = new Random(blob * 7919L);
            for (int d = 0; d < 3; d++) {
                double v = c.nextDouble() * box + 0.6 * r.nextGaussian();
                x[3 * i + d] = (float) (v - box * Math.floor(v / box));
                if (x[3 * i + d] >= box) x[3 * i + d] = 0;
            }
        }
        double ll = 0.35;
        FriendsOfFriends fof = FriendsOfFriends.of(0.2, 2);
        int[] haloOf = fof.run(x, new float[3 * n], box, ll, 1, 0).haloOf();
        // brute force O(N²)
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int d = 0; d < 3; d++) {
                    double e = Math.abs(x[3 * i + d] - x[3 * j + d]);
                    e = Math.min(e, box - e);
                    s += e * e;
                }
                if (s <= ll * ll) {
                    int a = root(parent, i), b = root(parent, j);
                    if (a != b) parent[Math.max(a, b)] = Math.min(a, b);
                }
            }
        int[] size = new int[n];
        for (int i = 0; i < n; i++) size[root(parent, i)]++;
        // same partition: two particles share a halo iff they share a brute-force group of ≥ 2
        int[] rootOfHalo = new int[n];
        Arrays.fill(rootOfHalo, -1);
        for (int i = 0; i < n; i++) {
            int g = root(parent, i);
            if (size[g] < 2) {
                assertEquals(-1, haloOf[i], "particle " + i);
                continue;
            }
            if (rootOfHalo[haloOf[i]] < 0) rootOfHalo[haloOf[i]] = g;
            assertEquals(rootOfHalo[haloOf[i]], g, "particle " + i);
        }
    }

    private static int root(int[] p, int i) {
        while (p[i] != i) i = p[i];
        return i;
    }

    @Test
    void resultIsDeterministic() {
        Planted p = planted();
        HaloCatalog a = FriendsOfFriends.standard().find(p.snapshot()), b = FriendsOfFriends.standard().find(p.snapshot());
        assertArrayEquals(a.positions(), b.positions());
        assertArrayEquals(a.counts(), b.counts());
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> FriendsOfFriends.of(0, 20));
        assertThrows(IllegalArgumentException.class, () -> FriendsOfFriends.of(0.2, 1));
        assertThrows(IllegalArgumentException.class,
                () -> FriendsOfFriends.standard().run(new float[3], new float[3], 10, 6, 1, 0));
    }
}
