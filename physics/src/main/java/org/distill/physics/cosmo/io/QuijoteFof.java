package org.distill.physics.cosmo.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.distill.physics.cosmo.HaloCatalog;

/**
 * Quijote's friends-of-friends halo catalogues: the {@code groups_XXX} folder of Gadget FoF binary
 * files {@code group_tab_XXX.N} (and {@code group_ids_XXX.N}) that Pylians' {@code readfof.FoF_catalog}
 * reads, read into a {@link HaloCatalog}.
 *
 * <h2>Layout (as Pylians reads it)</h2>
 * Each {@code group_tab_XXX.N}: a 24-byte header — int32 {@code Ngroups} (in this file), int32
 * {@code TotNgroups}, int32 {@code Nids}, uint64 {@code TotNids}, uint32 {@code Nfiles} — then, for the
 * file's Ngroups halos, one block after the other: int32 {@code GroupLen}, int32 {@code GroupOffset},
 * float32 {@code GroupMass} (10¹⁰ M☉/h), float32×3 {@code GroupPos} (comoving kpc/h), float32×3
 * {@code GroupVel}, float32×6 {@code GroupTLen} and float32×6 {@code GroupTMass} (per particle type),
 * and optionally float32 {@code GroupSFR} and uint32 {@code GroupType} (read past, not used): 84, 88
 * or 92 bytes per halo, nothing after. Each {@code group_ids_XXX.N}: a 28-byte header (uint32 Ngroups,
 * TotNgroups, Nids, uint64 TotNids, uint32 Nfiles, uint32 Send_offset), then Nids particle ids, uint32
 * or uint64. There is no padding and no Fortran record marker. Byte order is the writing machine's;
 * Pylians asks the caller ({@code swap}), this reader tries little-endian, then big-endian, and keeps the
 * order in which the header and the file size agree. Sub-halo (SUBFIND) catalogues are other files and
 * are not read here.
 *
 * <h2>Units</h2>
 * Positions kpc/h → Mpc/h (wrapped into [0, box)), masses 10¹⁰ M☉/h → M☉/h, counts = GroupLen.
 * Velocities: Gadget's FoF stores the mean of its internal velocities divided by a, not the √a
 * convention of the snapshots; Pylians' documentation turns them into peculiar velocities with
 * {@code GroupVel·(1+z)}, and so does this reader (km/s).
 *
 * <h2>Redshift and box</h2>
 * The files hold neither. The redshift comes from the snapshot number by Quijote's mapping (000 → z = 3,
 * 001 → 2, 002 → 1, 003 → 0.5, 004 → 0; {@link #redshiftOf}) or from the caller; the box is Quijote's
 * 1000 Mpc/h unless the caller says otherwise.
 */
public final class QuijoteFof {
    /** The side of Quijote's standard boxes, Mpc/h. */
    public static final double QUIJOTE_BOX = 1000;

    private static final double[] QUIJOTE_REDSHIFTS = {3, 2, 1, 0.5, 0};
    private static final Pattern FOLDER = Pattern.compile("groups_(\\d{3})");
    private static final Pattern TAB = Pattern.compile("group_tab_(\\d{3})\\.0");
    private static final int TAB_HEADER = 24;
    private static final int IDS_HEADER = 28;
    private static final int RECORD = 84;

    private QuijoteFof() { }

    /** Quijote's redshift of snapshot {@code snapnum}: 0 → 3, 1 → 2, 2 → 1, 3 → 0.5, 4 → 0. */
    public static double redshiftOf(int snapnum) {
        if (snapnum < 0 || snapnum >= QUIJOTE_REDSHIFTS.length) {
            throw new IllegalArgumentException("Quijote's snapshot numbers are 0 to 4 (z = 3, 2, 1, 0.5, 0): " + snapnum
                    + "; pass the redshift instead");
        }
        return QUIJOTE_REDSHIFTS[snapnum];
    }

    /** The catalogue folder of snapshot {@code snapnum} under {@code basedir}: {@code basedir/groups_XXX}. */
    public static Path folder(Path basedir, int snapnum) {
        if (snapnum < 0 || snapnum > 999) throw new IllegalArgumentException("snapnum must be in [0, 999]: " + snapnum);
        return basedir.resolve("groups_%03d".formatted(snapnum));
    }

    /**
     * The halos of snapshot {@code snapnum} under {@code basedir} (Pylians' {@code readfof.FoF_catalog(basedir,
     * snapnum)}), at Quijote's redshift for that number, in a box of 1000 Mpc/h.
     */
    public static HaloCatalog read(Path basedir, int snapnum) {
        return read(folder(basedir, snapnum), QUIJOTE_BOX, redshiftOf(snapnum));
    }

    /**
     * The halos in a {@code groups_XXX} folder, at Quijote's redshift for XXX, in a box of 1000 Mpc/h.
     *
     * @throws FormatException if the folder's name is not {@code groups_XXX} with XXX in 000–004
     */
    public static HaloCatalog read(Path groupsFolder) {
        Matcher m = FOLDER.matcher(String.valueOf(groupsFolder.getFileName()));
        if (!m.matches() || Integer.parseInt(m.group(1)) >= QUIJOTE_REDSHIFTS.length) {
            throw FormatException.of(groupsFolder, "expected a Quijote folder groups_000 to groups_004 (whose number gives"
                    + " the redshift); for another folder pass the box size and redshift");
        }
        return read(groupsFolder, QUIJOTE_BOX, redshiftOf(Integer.parseInt(m.group(1))));
    }

    /**
     * The halos in the FoF folder {@code groupsFolder}, in a box of {@code boxSize} Mpc/h at {@code redshift}.
     *
     * @throws FormatException if a file is missing or does not have the layout above
     */
    public static HaloCatalog read(Path groupsFolder, double boxSize, double redshift) {
        if (!(redshift > -1 && redshift < 1e4)) throw new IllegalArgumentException("redshift must be in (-1, 1e4): " + redshift);
        if (!(boxSize > 0 && boxSize < 1e6)) throw new IllegalArgumentException("boxSize must be in (0, 1e6) Mpc/h: " + boxSize);
        List<Path> tabs = files(groupsFolder, "group_tab_");
        Tab first = tab(tabs.getFirst());
        int total = first.totNgroups;
        float[] pos = new float[3 * total];
        float[] vel = new float[3 * total];
        double[] mass = new double[total];
        int[] counts = new int[total];
        int done = 0;
        double velocityFactor = 1 + redshift;
        for (Path file : tabs) {
            Tab t = file == tabs.getFirst() ? first : tab(file);
            if (t.totNgroups != total) {
                throw FormatException.of(file, "TotNgroups is " + t.totNgroups + ", " + tabs.getFirst().getFileName() + " says " + total);
            }
            if (done + t.ngroups > total) throw FormatException.of(file, "the files hold more halos than TotNgroups = " + total);
            ByteBuffer b = t.data;
            int ng = t.ngroups;
            int base = TAB_HEADER;
            for (int i = 0; i < ng; i++) {
                int len = b.getInt(base + 4 * i);
                if (len <= 0) throw FormatException.of(file, "halo " + i + " has GroupLen " + len + ", expected a positive count");
                counts[done + i] = len;
                mass[done + i] = b.getFloat(base + 8 * ng + 4 * i) * 1e10;
            }
            int posAt = base + 12 * ng;
            int velAt = posAt + 12 * ng;
            for (int i = 0; i < 3 * ng; i++) {
                pos[3 * done + i] = wrap((float) (b.getFloat(posAt + 4 * i) / 1000.0), boxSize);
                vel[3 * done + i] = (float) (b.getFloat(velAt + 4 * i) * velocityFactor);
            }
            done += ng;
        }
        if (done != total) {
            throw FormatException.of(tabs.getFirst(), "the " + tabs.size() + " files hold " + done + " halos, TotNgroups says " + total);
        }
        return new HaloCatalog(boxSize, redshift, pos, vel, mass, counts);
    }

    /**
     * The member particle ids of every halo, from the {@code group_ids_XXX.N} files, in catalogue order:
     * halo i's members are the {@code counts()[i]} ids after those of halos 0 … i−1.
     *
     * @throws FormatException if a file is missing or does not have the layout above
     */
    public static long[] memberIds(Path groupsFolder) {
        List<Path> files = files(groupsFolder, "group_ids_");
        long[] ids = null;
        int done = 0;
        for (Path file : files) {
            ByteBuffer b = bytes(file);
            ByteBuffer ordered = idsOrder(file, b, b.capacity());
            int nids = ordered.getInt(8);
            long totNids = ordered.getLong(12);
            if (ids == null) {
                if (totNids > Integer.MAX_VALUE - 8) throw FormatException.of(file, "TotNids = " + totNids + " ids do not fit one Java array");
                ids = new long[(int) totNids];
            }
            if (totNids != ids.length) throw FormatException.of(file, "TotNids is " + totNids + ", the first file says " + ids.length);
            if (done + (long) nids > ids.length) throw FormatException.of(file, "the files hold more ids than TotNids = " + ids.length);
            int width = nids == 0 ? 4 : (b.capacity() - IDS_HEADER) / nids;
            for (int i = 0; i < nids; i++) {
                ids[done + i] = width == 4 ? Integer.toUnsignedLong(ordered.getInt(IDS_HEADER + 4 * i))
                        : ordered.getLong(IDS_HEADER + 8 * i);
            }
            done += nids;
        }
        if (ids == null || done != ids.length) {
            throw FormatException.of(files.getFirst(), "the files hold " + done + " ids, TotNids says " + (ids == null ? 0 : ids.length));
        }
        return ids;
    }

    /** The files {@code stem}XXX.0 … .(Nfiles−1) of a folder, Nfiles from the first file's header. */
    private static List<Path> files(Path folder, String stem) {
        Objects.requireNonNull(folder, "groupsFolder");
        if (!Files.isDirectory(folder)) {
            throw FormatException.of(folder, "no such folder (expected a FoF folder groups_XXX holding group_tab_XXX.0, ...)");
        }
        String number = number(folder);
        Path first = folder.resolve(stem + number + ".0");
        if (!Files.isRegularFile(first)) throw FormatException.of(first, "no such file (expected a Gadget FoF " + stem + "XXX.N file)");
        ByteBuffer head = head(first, IDS_HEADER);
        long size = size(first);
        ByteBuffer ordered = stem.equals("group_tab_") ? tabOrder(first, head, size) : idsOrder(first, head, size);
        int nfiles = ordered.getInt(20);
        List<Path> out = new ArrayList<>(nfiles);
        for (int i = 0; i < nfiles; i++) {
            Path p = folder.resolve(stem + number + "." + i);
            if (!Files.isRegularFile(p)) throw FormatException.of(p, "no such file (" + first.getFileName() + " says Nfiles = " + nfiles + ")");
            out.add(p);
        }
        return out;
    }

    /** XXX of the folder: from its name groups_XXX, else from its only group_tab_XXX.0 file. */
    private static String number(Path folder) {
        Matcher m = FOLDER.matcher(String.valueOf(folder.getFileName()));
        if (m.matches()) return m.group(1);
        try (Stream<Path> list = Files.list(folder)) {
            List<String> found = list.map(p -> TAB.matcher(p.getFileName().toString())).filter(Matcher::matches)
                    .map(x -> x.group(1)).toList();
            if (found.size() == 1) return found.getFirst();
            throw FormatException.of(folder, found.isEmpty() ? "holds no group_tab_XXX.0 file"
                    : "holds several catalogues (" + found + "); name the groups_XXX folder");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Tab(int ngroups, int totNgroups, ByteBuffer data) {}

    private static Tab tab(Path file) {
        ByteBuffer b = bytes(file);
        tabOrder(file, b, b.capacity());
        return new Tab(b.getInt(0), b.getInt(4), b);
    }

    /** The file's bytes in the byte order in which its group_tab header agrees with its size. */
    private static ByteBuffer tabOrder(Path file, ByteBuffer b, long size) {
        if (size < TAB_HEADER) throw FormatException.of(file, "has " + size + " bytes, less than a FoF group_tab header (24)");
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            b.order(order);
            int ng = b.getInt(0), tot = b.getInt(4), nfiles = b.getInt(20);
            if (ng < 0 || tot < ng || nfiles < 1 || nfiles > 100_000) continue;
            long rest = size - TAB_HEADER;
            if (ng == 0 ? rest == 0 : rest % ng == 0 && (rest / ng == RECORD || rest / ng == RECORD + 4 || rest / ng == RECORD + 8)) {
                return b;
            }
        }
        b.order(ByteOrder.LITTLE_ENDIAN);
        throw FormatException.of(file, "not a Gadget FoF group_tab file: its header says Ngroups = " + b.getInt(0)
                + ", Nfiles = " + b.getInt(20) + " (little-endian), the file has " + size
                + " bytes; expected 24 + 84·Ngroups bytes (88 or 92 with GroupSFR/GroupType), in either byte order");
    }

    /** The file's bytes in the byte order in which its group_ids header agrees with its size. */
    private static ByteBuffer idsOrder(Path file, ByteBuffer b, long size) {
        if (size < IDS_HEADER) throw FormatException.of(file, "has " + size + " bytes, less than a FoF group_ids header (28)");
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            b.order(order);
            int nids = b.getInt(8), nfiles = b.getInt(20);
            if (nids < 0 || nfiles < 1 || nfiles > 100_000) continue;
            long rest = size - IDS_HEADER;
            if (nids == 0 ? rest == 0 : rest == 4L * nids || rest == 8L * nids) return b;
        }
        b.order(ByteOrder.LITTLE_ENDIAN);
        throw FormatException.of(file, "not a Gadget FoF group_ids file: its header says Nids = " + b.getInt(8)
                + ", Nfiles = " + b.getInt(20) + " (little-endian), the file has " + size
                + " bytes; expected 28 + 4·Nids (uint32 ids) or 28 + 8·Nids (uint64) bytes, in either byte order");
    }

    /** The first {@code n} bytes of a file (fewer if it is shorter). */
    private static ByteBuffer head(Path file, int n) {
        try (var in = Files.newInputStream(file)) {
            return ByteBuffer.wrap(in.readNBytes(n));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ByteBuffer bytes(Path file) {
        try {
            long size = Files.size(file);
            if (size > Integer.MAX_VALUE - 8) throw FormatException.of(file, "is " + size + " bytes, more than one buffer holds");
            return ByteBuffer.wrap(Files.readAllBytes(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw FormatException.of(file, "no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float wrap(float x, double box) {
        if (x >= 0 && x < box) return x;
        float f = (float) (x - box * Math.floor(x / box));
        return f >= box ? 0f : f;
    }
}
