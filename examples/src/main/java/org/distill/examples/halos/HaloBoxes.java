package org.distill.examples.halos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.distill.physics.cosmo.Cosmology;
import org.distill.physics.cosmo.HaloCatalog;
import org.distill.physics.cosmo.Snapshot;
import org.distill.physics.cosmo.halos.FriendsOfFriends;
import org.distill.physics.cosmo.io.GadgetHdf5;
import org.distill.physics.cosmo.io.QuijoteFof;
import org.distill.physics.cosmo.sim.Simulation;
import org.distill.physics.cosmo.sim.SimulationListener;
import org.distill.physics.cosmo.sim.SimulationSettings;
import org.distill.physics.io.AtomicFile;

/**
 * Where the halo boxes come from: a particle-mesh simulation of the toolkit (cached on disk, so a
 * second run with the same settings skips it), or a Quijote realisation (FoF catalogue and snapshot).
 * Both end in {@link #measure}: FoF halos above the mass cut, and the matter overdensity around each.
 */
public final class HaloBoxes {
    /** First line of a cache file; the second holds the key (all settings the table depends on). */
    static final String CACHE_FORMAT = "# distill halo box 1";

    private HaloBoxes() { }

    /**
     * The halos of {@code snapshot} whose FoF groups have at least {@code minMembers} particles, with the
     * overdensity within {@code radius} of each centre counted from the particles that are not its own.
     */
    public static HaloBox measure(String label, Snapshot snapshot, FriendsOfFriends.Result fof, int minMembers, double radius) {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(fof, "fof");
        HaloCatalog all = fof.catalog();
        int kept = 0;
        while (kept < all.size() && all.counts()[kept] >= minMembers) kept++; // FoF orders by decreasing count
        int[] rowOf = new int[all.size()];
        for (int h = 0; h < all.size(); h++) rowOf[h] = h < kept ? h : -1;
        int[] owner = fof.haloOf().clone();
        for (int p = 0; p < owner.length; p++) owner[p] = owner[p] < 0 ? -1 : rowOf[owner[p]];
        return table(label, snapshot, all, kept, owner, radius);
    }

    private static HaloBox table(String label, Snapshot s, HaloCatalog halos, int kept, int[] owner, double radius) {
        float[] pos = java.util.Arrays.copyOf(halos.positions(), 3 * kept);
        float[] vel = java.util.Arrays.copyOf(halos.velocities(), 3 * kept);
        double[] mass = new double[kept];
        for (int h = 0; h < kept; h++) mass[h] = halos.masses()[h] / 1e12;
        double[] delta = overdensity(s.positions(), s.boxSize(), owner, pos, radius);
        return new HaloBox(label, s.boxSize(), pos, vel, mass, delta);
    }

    /**
     * ρ/ρ̄ − 1 within {@code radius} (Mpc/h, periodic) of each centre, from the particles (all of equal
     * mass) whose owner is not that centre's row; ρ̄ is the mean number density of all particles.
     *
     * @param owner per particle, the centre it belongs to (its own mass, left out), or −1
     */
    public static double[] overdensity(float[] particles, double boxSize, int[] owner, float[] centres, double radius) {
        int np = particles.length / 3, nh = centres.length / 3;
        if (owner.length != np) throw new IllegalArgumentException("owner has " + owner.length + " entries for " + np + " particles");
        if (!(radius > 0 && radius < boxSize / 2)) throw new IllegalArgumentException("radius must be in (0, box/2 = " + boxSize / 2 + "): " + radius);
        CellList cells = CellList.of(particles, boxSize, radius);
        double expected = np / (boxSize * boxSize * boxSize) * 4 / 3.0 * Math.PI * radius * radius * radius;
        double[] delta = new double[nh];
        double r2 = radius * radius;
        for (int h = 0; h < nh; h++) {
            final int row = h;
            int[] count = {0};
            cells.forNear(centres[3 * h], centres[3 * h + 1], centres[3 * h + 2], p -> {
                if (owner[p] == row) return;
                double d2 = CellList.distance2(particles, p, centres, row, boxSize);
                if (d2 <= r2) count[0]++;
            });
            delta[h] = count[0] / expected - 1;
        }
        return delta;
    }

    /**
     * The halo box of a particle-mesh run: read from {@code cache} when a file there holds the same
     * settings, else simulated, measured and written there (null {@code cache}: never cached).
     */
    public static HaloBox simulate(SimulationSettings sim, double linkingFraction, int minMembers, double radius, Path cache,
                                   String label, Consumer<String> log, AtomicBoolean cancel) throws IOException {
        String key = sim + " b=" + linkingFraction + " minMembers=" + minMembers + " radius=" + radius;
        Path file = cache == null ? null : cache.resolve(String.format(Locale.ROOT, "halos-%016x.txt", fingerprint(key)));
        if (file != null && Files.isRegularFile(file)) {
            HaloBox cached = read(file, key, label);
            if (cached != null) {
                log.accept("reusing " + label + " from " + file);
                return cached;
            }
        }
        long t0 = System.nanoTime();
        var result = Simulation.run(sim, SimulationListener.NONE, cancel);
        if (result.cancelled()) throw new java.util.concurrent.CancellationException("simulation cancelled");
        Snapshot last = result.last();
        FriendsOfFriends.Result fof = FriendsOfFriends.of(linkingFraction, Math.min(20, minMembers)).run(last);
        HaloBox box = measure(label, last, fof, minMembers, radius);
        log.accept(String.format(Locale.ROOT, "%s: %d^3 particles in %.0f Mpc/h, %d halos of >= %d particles (%.0f s)",
                label, sim.particles(), sim.boxSize(), box.size(), minMembers, (System.nanoTime() - t0) / 1e9));
        if (file != null) write(file, key, box);
        return box;
    }

    /**
     * A Quijote realisation: the FoF catalogue {@code dir/groups_004} and the snapshot {@code dir/snapdir_004/snap_004}
     * at z = 0 (or {@code dir/snap_004}); halos of at least {@code minMembers} particles.
     */
    public static HaloBox quijote(Path dir, Cosmology cosmology, int minMembers, double radius) {
        Path groups = QuijoteFof.folder(dir, 4);
        HaloCatalog halos = QuijoteFof.read(groups);
        long[] members = QuijoteFof.memberIds(groups);
        Path snap = Files.isDirectory(dir.resolve("snapdir_004")) ? dir.resolve("snapdir_004").resolve("snap_004") : dir.resolve("snap_004");
        Snapshot s = GadgetHdf5.read(snap, cosmology);
        // Quijote's catalogue is not sorted by size: keep the halos above the cut, in their order.
        int[] rowOf = new int[halos.size()];
        List<Integer> keep = new ArrayList<>();
        for (int h = 0; h < halos.size(); h++) {
            rowOf[h] = halos.counts()[h] >= minMembers ? keep.size() : -1;
            if (rowOf[h] >= 0) keep.add(h);
        }
        Map<Long, Integer> ownerOfId = new HashMap<>();
        int at = 0;
        for (int h = 0; h < halos.size(); h++) {
            for (int m = 0; m < halos.counts()[h]; m++, at++) if (rowOf[h] >= 0) ownerOfId.put(members[at], rowOf[h]);
        }
        int[] owner = new int[s.count()];
        for (int p = 0; p < owner.length; p++) owner[p] = ownerOfId.getOrDefault(s.ids()[p], -1);
        int n = keep.size();
        float[] pos = new float[3 * n], vel = new float[3 * n];
        double[] mass = new double[n];
        int[] counts = new int[n];
        for (int r = 0; r < n; r++) {
            int h = keep.get(r);
            System.arraycopy(halos.positions(), 3 * h, pos, 3 * r, 3);
            System.arraycopy(halos.velocities(), 3 * h, vel, 3 * r, 3);
            mass[r] = halos.masses()[h];
            counts[r] = halos.counts()[h];
        }
        HaloCatalog kept = new HaloCatalog(halos.boxSize(), halos.redshift(), pos, vel, mass, counts);
        return table("Quijote " + dir.getFileName(), s, kept, n, owner, radius);
    }

    // ---------------------------------------------------------------- cache

    static long fingerprint(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    static void write(Path file, String key, HaloBox box) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        StringBuilder sb = new StringBuilder();
        sb.append(CACHE_FORMAT).append('\n').append("# ").append(key).append('\n');
        sb.append(String.format(Locale.ROOT, "# box %s%n", Double.toString(box.boxSize())));
        sb.append("# x y z (Mpc/h) vx vy vz (km/s) mass (1e12 M_sun/h) delta\n");
        for (int h = 0; h < box.size(); h++) {
            for (int d = 0; d < 3; d++) sb.append(Float.toString(box.positions()[3 * h + d])).append(' ');
            for (int d = 0; d < 3; d++) sb.append(Float.toString(box.velocities()[3 * h + d])).append(' ');
            sb.append(Double.toString(box.mass()[h])).append(' ').append(Double.toString(box.delta()[h])).append('\n');
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, 1 << 16, out -> out.write(bytes));
    }

    /** The table cached in {@code file}, or null when it holds other settings or cannot be read. */
    static HaloBox read(Path file, String key, String label) {
        try (BufferedReader in = new BufferedReader(new StringReader(Files.readString(file)))) {
            if (!CACHE_FORMAT.equals(in.readLine()) || !("# " + key).equals(in.readLine())) return null;
            double box = Double.parseDouble(in.readLine().substring("# box ".length()).strip());
            in.readLine();
            List<double[]> rows = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) continue;
                String[] f = line.strip().split(" ");
                if (f.length != 8) return null;
                double[] row = new double[8];
                for (int i = 0; i < 8; i++) row[i] = Double.parseDouble(f[i]);
                rows.add(row);
            }
            int n = rows.size();
            float[] pos = new float[3 * n], vel = new float[3 * n];
            double[] mass = new double[n], delta = new double[n];
            for (int h = 0; h < n; h++) {
                double[] r = rows.get(h);
                for (int d = 0; d < 3; d++) {
                    pos[3 * h + d] = (float) r[d];
                    vel[3 * h + d] = (float) r[3 + d];
                }
                mass[h] = r[6];
                delta[h] = r[7];
            }
            return new HaloBox(label, box, pos, vel, mass, delta);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
