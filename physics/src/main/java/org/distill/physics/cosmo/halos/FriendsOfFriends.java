package org.distill.physics.cosmo.halos;

import java.util.Arrays;
import java.util.Objects;
import org.distill.physics.cosmo.HaloCatalog;
import org.distill.physics.cosmo.Snapshot;

/**
 * Friends-of-friends halo finder (Davis et al. 1985) in a periodic box: two particles are friends
 * when their minimum-image distance is at most the linking length ℓ = b·L/N^{1/3} (b = 0.2 of the
 * mean interparticle distance by default), and a halo is a connected set of friends with at least
 * {@code minMembers} (default 20) particles.
 *
 * <p>Method: particles are sorted into cubic cells of side ≥ ℓ (at most 1024 per side); each pair of
 * neighbouring cells (27 per cell, each pair once) is searched, and friends are merged with a
 * union–find whose root is always the lowest particle index — O(N) for a uniform field, and the same
 * answer on every run.
 *
 * <p>Per halo: centre of mass x̄ = x_r + ⟨[x_i − x_r]⟩ with [·] the minimum image and x_r the
 * member of lowest index (right across the periodic boundary for halos smaller than L/2), wrapped
 * into [0, L); mean velocity; mass = members × particle mass; count. Halos are ordered by
 * decreasing count, ties by their lowest particle index.
 */
public final class FriendsOfFriends {
    private final double linkingFraction;
    private final int minMembers;

    private FriendsOfFriends(double linkingFraction, int minMembers) {
        this.linkingFraction = linkingFraction;
        this.minMembers = minMembers;
    }

    /** b = 0.2, at least 20 members. */
    public static FriendsOfFriends standard() { return of(0.2, 20); }

    /**
     * @param linkingFraction b, the linking length in units of the mean interparticle distance, in (0, 1)
     * @param minMembers      smallest halo kept, at least 2
     */
    public static FriendsOfFriends of(double linkingFraction, int minMembers) {
        if (!(linkingFraction > 0 && linkingFraction < 1)) {
            throw new IllegalArgumentException("linking fraction b must be in (0, 1): " + linkingFraction);
        }
        if (minMembers < 2) throw new IllegalArgumentException("minMembers must be at least 2: " + minMembers);
        return new FriendsOfFriends(linkingFraction, minMembers);
    }

    public double linkingFraction() { return linkingFraction; }

    public int minMembers() { return minMembers; }

    /** The halo catalogue of a snapshot. */
    public HaloCatalog find(Snapshot s) { return run(s).catalog(); }

    /**
     * The catalogue and each particle's halo.
     *
     * @param catalog halos, largest first
     * @param haloOf  per particle, its row in the catalogue, or −1 (in no halo or in a group below minMembers)
     */
    public record Result(HaloCatalog catalog, int[] haloOf) {}

    /** Runs the finder on a snapshot. */
    public Result run(Snapshot s) {
        Objects.requireNonNull(s, "snapshot");
        double ll = linkingFraction * s.boxSize() / Math.cbrt(s.count());
        return run(s.positions(), s.velocities(), s.boxSize(), ll, s.particleMass(), s.redshift());
    }

    /**
     * Runs the finder with an explicit linking length (Mpc/h).
     *
     * @param positions  3·N coordinates in [0, L) (others are wrapped)
     * @param velocities 3·N velocities, km/s
     */
    public Result run(float[] positions, float[] velocities, double boxSize, double linkingLength, double particleMass,
                      double redshift) {
        Objects.requireNonNull(positions, "positions");
        Objects.requireNonNull(velocities, "velocities");
        if (positions.length % 3 != 0 || velocities.length != positions.length) {
            throw new IllegalArgumentException("positions and velocities must both hold 3 values per particle: "
                    + positions.length + ", " + velocities.length);
        }
        if (!(linkingLength > 0 && linkingLength < boxSize / 2)) {
            throw new IllegalArgumentException("linking length must be in (0, L/2 = " + boxSize / 2 + "): " + linkingLength);
        }
        int n = positions.length / 3;
        int[] parent = link(positions, n, boxSize, linkingLength);
        // group sizes by root
        int[] size = new int[n];
        for (int i = 0; i < n; i++) size[find(parent, i)]++;
        int halos = 0;
        for (int i = 0; i < n; i++) if (parent[i] == i && size[i] >= minMembers) halos++;
        long[] order = new long[halos];
        int h = 0;
        for (int i = 0; i < n; i++) {
            if (parent[i] == i && size[i] >= minMembers) order[h++] = ((long) (Integer.MAX_VALUE - size[i]) << 32) | i;
        }
        Arrays.sort(order);
        int[] rowOfRoot = new int[n];
        Arrays.fill(rowOfRoot, -1);
        for (int r = 0; r < halos; r++) rowOfRoot[(int) order[r]] = r;
        int[] haloOf = new int[n];
        double[] sx = new double[3 * halos], sv = new double[3 * halos];
        int[] counts = new int[halos];
        double half = boxSize / 2;
        for (int i = 0; i < n; i++) {
            int root = parent[i];
            int r = rowOfRoot[root];
            haloOf[i] = r;
            if (r < 0) continue;
            counts[r]++;
            for (int d = 0; d < 3; d++) {
                double dx = positions[3 * i + d] - positions[3 * root + d];
                dx -= boxSize * Math.rint(dx / boxSize);
                if (dx >= half) dx -= boxSize;
                sx[3 * r + d] += dx;
                sv[3 * r + d] += velocities[3 * i + d];
            }
        }
        float[] pos = new float[3 * halos], vel = new float[3 * halos];
        double[] mass = new double[halos];
        for (int r = 0; r < halos; r++) {
            int root = (int) order[r];
            for (int d = 0; d < 3; d++) {
                double x = positions[3 * root + d] + sx[3 * r + d] / counts[r];
                x -= boxSize * Math.floor(x / boxSize);
                float f = (float) x;
                pos[3 * r + d] = f >= boxSize ? 0f : f;
                vel[3 * r + d] = (float) (sv[3 * r + d] / counts[r]);
            }
            mass[r] = counts[r] * particleMass;
        }
        return new Result(new HaloCatalog(boxSize, redshift, pos, vel, mass, counts), haloOf);
    }

    /** Union–find over friends; on return parent[i] is the lowest index of i's group. */
    private static int[] link(float[] x, int n, double box, double ll) {
        int cells = (int) Math.max(1, Math.min(1024, Math.floor(box / ll)));
        double inv = cells / box;
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) {
            int cx = cell(x[3 * i], inv, cells), cy = cell(x[3 * i + 1], inv, cells), cz = cell(x[3 * i + 2], inv, cells);
            long key = ((long) cx * cells + cy) * cells + cz;
            keyed[i] = (key << 31) | i;
        }
        Arrays.sort(keyed);
        int[] sorted = new int[n];
        // unique cell keys and the start of each in `sorted`
        long[] keys = new long[n];
        int[] start = new int[n + 1];
        int m = 0;
        for (int p = 0; p < n; p++) {
            long key = keyed[p] >>> 31;
            sorted[p] = (int) (keyed[p] & 0x7fffffffL);
            if (m == 0 || keys[m - 1] != key) {
                keys[m] = key;
                start[m] = p;
                m++;
            }
        }
        start[m] = n;
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        double ll2 = ll * ll, half = box / 2;
        long[] nb = new long[27];
        for (int c = 0; c < m; c++) {
            long key = keys[c];
            int cz = (int) (key % cells), cy = (int) (key / cells % cells), cx = (int) (key / cells / cells);
            int count = 0;
            for (int dx = -1; dx <= 1; dx++) {
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dz = -1; dz <= 1; dz++) {
                        long k2 = ((long) Math.floorMod(cx + dx, cells) * cells + Math.floorMod(cy + dy, cells)) * cells
                                + Math.floorMod(cz + dz, cells);
                        if (k2 < key) continue;
                        boolean seen = false;
                        for (int q = 0; q < count; q++) seen |= nb[q] == k2;
                        if (!seen) nb[count++] = k2;
                    }
                }
            }
            for (int q = 0; q < count; q++) {
                int d = nb[q] == key ? c : Arrays.binarySearch(keys, c + 1, m, nb[q]);
                if (d < 0) continue;
                boolean same = d == c;
                for (int a = start[c]; a < start[c + 1]; a++) {
                    int i = sorted[a];
                    float xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
                    for (int b = same ? a + 1 : start[d]; b < start[d + 1]; b++) {
                        int j = sorted[b];
                        double ex = Math.abs(x[3 * j] - xi);
                        if (ex > half) ex = box - ex;
                        if (ex > ll) continue;
                        double ey = Math.abs(x[3 * j + 1] - yi);
                        if (ey > half) ey = box - ey;
                        if (ey > ll) continue;
                        double ez = Math.abs(x[3 * j + 2] - zi);
                        if (ez > half) ez = box - ez;
                        if (ex * ex + ey * ey + ez * ez > ll2) continue;
                        union(parent, i, j);
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) parent[i] = find(parent, i);
        return parent;
    }

    private static int cell(float v, double inv, int cells) {
        return Math.floorMod((int) Math.floor(v * inv), cells);
    }

    private static int find(int[] parent, int i) {
        int r = i;
        while (parent[r] != r) r = parent[r];
        while (parent[i] != r) {
            int next = parent[i];
            parent[i] = r;
            i = next;
        }
        return r;
    }

    private static void union(int[] parent, int i, int j) {
        int a = find(parent, i), b = find(parent, j);
        if (a == b) return;
        if (a < b) parent[b] = a;
        else parent[a] = b;
    }
}
