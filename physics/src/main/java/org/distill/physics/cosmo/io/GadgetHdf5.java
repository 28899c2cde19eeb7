package org.distill.physics.cosmo.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distill.physics.cosmo.Cosmology;
import org.distill.physics.cosmo.Snapshot;

/**
 * Gadget HDF5 snapshots in the layout of the Quijote simulations, read into and written from
 * {@link Snapshot}s.
 *
 * <h2>Layout</h2>
 * Group {@code Header}, attributes: {@code BoxSize} (kpc/h), {@code Redshift}, {@code Time} (scale
 * factor a), {@code Omega0}, {@code OmegaLambda}, {@code HubbleParam}, {@code MassTable} (6 doubles,
 * 10¹⁰ M☉/h), {@code NumPart_ThisFile}, {@code NumPart_Total} (6 integers each),
 * {@code NumPart_Total_HighWord} (optional), {@code NumFilesPerSnapshot}. Group {@code PartType1}
 * (dark matter; {@code PartType2} holds the neutrinos of Quijote's Mν runs), data sets
 * {@code Coordinates} (float32 N×3, comoving kpc/h), {@code Velocities} (float32 N×3, Gadget's
 * convention u = v/√a, v the peculiar velocity in km/s) and {@code ParticleIDs} (any integer type);
 * an optional {@code Masses} data set where {@code MassTable} is 0.
 *
 * <h2>Units on reading</h2>
 * Positions kpc/h → Mpc/h (x/1000, wrapped into [0, box) where they fall outside), velocities
 * u·√a → peculiar km/s ({@code Time} is a), masses 10¹⁰ M☉/h → M☉/h. The arithmetic is done in double
 * and rounded once to float32, as Pylians does in float32 ({@code readgadget.read_block}).
 *
 * <h2>Cosmology</h2>
 * A header carries only Ω_m ({@code Omega0}) and h ({@code HubbleParam}); the snapshot's
 * {@link Cosmology} takes those two from the file and Ω_b, n_s, σ_8, Σm_ν and w from the cosmology the
 * caller passes ({@link Cosmology#QUIJOTE}, Quijote's fiducial, by default). For a Quijote run other
 * than the fiducial one, pass its parameters (e.g. {@code QUIJOTE.withMnu(0.1)} for {@code Mnu_p}).
 * {@code OmegaLambda} is written as 1 − Ω_m and not used on reading (the cosmology is flat).
 *
 * <h2>Files</h2>
 * A snapshot is named as Pylians' {@code readgadget} names it: a file ({@code DIR/snap_004.hdf5}), or a
 * prefix: {@code DIR/snap_004} finds {@code DIR/snap_004.hdf5}, else the multi-file snapshot
 * {@code DIR/snap_004.0.hdf5}, {@code DIR/snap_004.1.hdf5}, … ({@code NumFilesPerSnapshot} of them).
 * Naming one file of a multi-file snapshot ({@code DIR/snap_004.3.hdf5}) reads all of its files.
 *
 * <h2>Writing</h2>
 * jhdf writes signed integers only: the {@code NumPart_*} and {@code NumFilesPerSnapshot} attributes
 * are int32 (Gadget writes some as uint32), and {@code ParticleIDs} are int32 when every id is in
 * [0, 2³¹), int64 otherwise (Quijote's are uint32); every reader, ours and h5py's, reads them alike.
 * jhdf writes contiguous, uncompressed data sets and holds a file's data in memory until it is closed:
 * split a large snapshot into several files to bound that. Values are chosen so that reading gives
 * back exactly what was written wherever float32 allows it (a kpc/h float cannot always hold a Mpc/h
 * float; then the value read is within one unit in the last place).
 *
 * <h2>Errors</h2>
 * A missing file, group, attribute or data set, inconsistent counts, or a data set compressed with a
 * filter jhdf cannot decode (Quijote's files are read by Pylians with {@code hdf5plugin} loaded) is a
 * {@link FormatException} whose one-line message names the file and what was expected.
 */
public final class GadgetHdf5 {
    /** Gadget's particle type for cold dark matter. */
    public static final int DARK_MATTER = 1;
    /** Gadget's particle type for the neutrinos in Quijote's massive-neutrino runs. */
    public static final int NEUTRINOS = 2;

    private static final Pattern SPLIT_NAME = Pattern.compile("(.*)\\.(\\d+)\\.hdf5");
    private static final String LAYOUT = "a Gadget HDF5 snapshot";
    private static final int MAX_PARTICLES = (Integer.MAX_VALUE - 8) / 3;

    private GadgetHdf5() { }

    // ---------------------------------------------------------------- reading

    /**
     * The files of the snapshot {@code snapshot} names (see the class comment), in order.
     *
     * @throws FormatException if none of the candidate names exists or a file of a multi-file snapshot is missing
     */
    public static List<Path> files(Path snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        if (Files.isRegularFile(snapshot)) {
            Matcher m = SPLIT_NAME.matcher(snapshot.getFileName().toString());
            if (m.matches()) {
                int k = headerOf(snapshot).numFiles();
                if (k > 1) return numbered(snapshot.resolveSibling(m.group(1)), k, snapshot);
            }
            return List.of(snapshot);
        }
        Path single = sibling(snapshot, ".hdf5");
        if (Files.isRegularFile(single)) return List.of(single);
        Path first = sibling(snapshot, ".0.hdf5");
        if (Files.isRegularFile(first)) return numbered(snapshot, headerOf(first).numFiles(), first);
        throw FormatException.of(snapshot, "no such snapshot (looked for " + snapshot + ", " + single + " and " + first + ")");
    }

    private static List<Path> numbered(Path prefix, int k, Path named) {
        List<Path> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            Path p = sibling(prefix, "." + i + ".hdf5");
            if (!Files.isRegularFile(p)) {
                throw FormatException.of(p, "no such file (" + named + " says its snapshot has " + k + " files)");
            }
            out.add(p);
        }
        return out;
    }

    private static Path sibling(Path p, String suffix) {
        return p.resolveSibling(p.getFileName().toString() + suffix);
    }

    /**
     * The header of a file in the file's units, or, when {@code snapshot} is a prefix, of its snapshot's first
     * file ({@code numPartThisFile} is that file's).
     */
    public static GadgetHeader header(Path snapshot) {
        return headerOf(Files.isRegularFile(snapshot) ? snapshot : files(snapshot).getFirst());
    }

    /** The header of one file, opened and closed here. */
    private static GadgetHeader headerOf(Path file) {
        try (HdfFile hdf = Hdf5.open(file)) {
            return readHeader(hdf, file);
        } catch (HdfException e) {
            throw FormatException.of(file, "cannot read the Header: " + e.getMessage(), e);
        }
    }

    private static GadgetHeader readHeader(HdfFile hdf, Path file) {
        Group h = Hdf5.group(hdf, file, "Header", LAYOUT + " header with BoxSize, Redshift, Time, MassTable, NumPart_*");
        double box = Hdf5.scalar(Hdf5.attribute(h, file, "BoxSize", "the box side in kpc/h"), file);
        double z = Hdf5.scalar(Hdf5.attribute(h, file, "Redshift", "the redshift"), file);
        double time = Hdf5.scalar(Hdf5.attribute(h, file, "Time", "the scale factor"), file);
        double om = Hdf5.scalar(Hdf5.attribute(h, file, "Omega0", "Omega_m"), file);
        double ol = Hdf5.scalar(Hdf5.attribute(h, file, "OmegaLambda", "Omega_Lambda"), file);
        double hub = Hdf5.scalar(Hdf5.attribute(h, file, "HubbleParam", "h"), file);
        double[] mass = Hdf5.doubles(Hdf5.attribute(h, file, "MassTable", "6 particle masses in 1e10 Msun/h"), file, 6);
        long[] thisFile = Hdf5.longs(Hdf5.attribute(h, file, "NumPart_ThisFile", "6 particle counts"), file, 6);
        long[] total = Hdf5.longs(Hdf5.attribute(h, file, "NumPart_Total", "6 particle counts"), file, 6);
        Attribute high = h.getAttribute("NumPart_Total_HighWord");
        if (high != null) {
            long[] hw = Hdf5.longs(high, file, 6);
            for (int t = 0; t < 6; t++) total[t] = (total[t] & 0xFFFFFFFFL) + (hw[t] << 32);
        }
        long files = Hdf5.longs(Hdf5.attribute(h, file, "NumFilesPerSnapshot", "the number of files"), file, 1)[0];
        if (!(box > 0)) throw FormatException.of(file, "Header/BoxSize must be positive (kpc/h): " + box);
        if (!(time > 0 && time <= 1.5)) throw FormatException.of(file, "Header/Time must be a scale factor in (0, 1.5]: " + time);
        if (files < 1 || files > 1_000_000) throw FormatException.of(file, "Header/NumFilesPerSnapshot must be at least 1: " + files);
        for (int t = 0; t < 6; t++) {
            if (thisFile[t] < 0 || total[t] < thisFile[t]) {
                throw FormatException.of(file, "Header/NumPart_ThisFile[" + t + "] = " + thisFile[t]
                        + " must be in [0, NumPart_Total[" + t + "] = " + total[t] + "]");
            }
        }
        return new GadgetHeader(box, z, time, om, ol, hub, mass, thisFile, total, (int) files);
    }

    /** The dark matter ({@code PartType1}) of a snapshot, with Quijote's fiducial for the cosmology not in the header. */
    public static Snapshot read(Path snapshot) {
        return read(snapshot, Cosmology.QUIJOTE, DARK_MATTER);
    }

    /** The dark matter ({@code PartType1}) of a snapshot; {@code base} gives Ω_b, n_s, σ_8, Σm_ν and w. */
    public static Snapshot read(Path snapshot, Cosmology base) {
        return read(snapshot, base, DARK_MATTER);
    }

    /**
     * The particles of one Gadget type ({@link #DARK_MATTER}, or {@link #NEUTRINOS} in Quijote's Mν
     * runs) of a snapshot, converted to Mpc/h, peculiar km/s and M☉/h.
     *
     * @param snapshot a file or a prefix (see the class comment)
     * @param base     the cosmology the parameters the header lacks are taken from
     * @param partType Gadget particle type, 0–5
     * @throws FormatException if a file is missing or does not hold that type in Quijote's layout
     */
    public static Snapshot read(Path snapshot, Cosmology base, int partType) {
        Objects.requireNonNull(base, "base");
        if (partType < 0 || partType > 5) throw new IllegalArgumentException("partType must be in [0, 5]: " + partType);
        List<Path> files = files(snapshot);
        Path first = files.getFirst();
        GadgetHeader head = headerOf(first);
        long total = head.numPartTotal()[partType];
        if (total == 0) {
            throw FormatException.of(first, "holds no particles of type " + partType + " (NumPart_Total = "
                    + java.util.Arrays.toString(head.numPartTotal()) + ")");
        }
        if (total > MAX_PARTICLES) {
            throw FormatException.of(first, total + " particles of type " + partType
                    + " do not fit one Java array of x, y, z; at most " + MAX_PARTICLES + " can be read");
        }
        if (files.size() != head.numFiles()) {
            throw FormatException.of(first, "Header/NumFilesPerSnapshot is " + head.numFiles() + " but the snapshot was found as "
                    + files.size() + " file(s); name its prefix (DIR/snap_004 for DIR/snap_004.0.hdf5, ...)");
        }
        int n = (int) total;
        float[] pos = new float[3 * n];
        float[] vel = new float[3 * n];
        long[] ids = new long[n];
        double[] mass = {head.massTable()[partType] * 1e10, Double.NaN}; // [0] table mass, [1] from Masses
        double box = head.boxSize() / 1000;
        int offset = 0;
        for (Path file : files) {
            try (HdfFile hdf = Hdf5.open(file)) {
                GadgetHeader h = readHeader(hdf, file);
                if (h.boxSize() != head.boxSize() || h.redshift() != head.redshift() || h.numPartTotal()[partType] != total) {
                    throw FormatException.of(file, "its Header (BoxSize " + h.boxSize() + ", Redshift " + h.redshift()
                            + ", NumPart_Total " + h.numPartTotal()[partType] + ") differs from " + first.getFileName()
                            + "'s (" + head.boxSize() + ", " + head.redshift() + ", " + total + ")");
                }
                long count = h.numPartThisFile()[partType];
                if (offset + count > n) {
                    throw FormatException.of(file, "NumPart_ThisFile[" + partType + "] adds up to more than NumPart_Total = " + n);
                }
                if (count > 0) readParticles(hdf, file, partType, (int) count, offset, h, box, pos, vel, ids, mass);
                offset += (int) count;
            } catch (HdfException e) {
                throw Hdf5.readFailure(file, "PartType" + partType, e);
            }
        }
        if (offset != n) {
            throw FormatException.of(first, "the files hold " + offset + " particles of type " + partType
                    + ", NumPart_Total says " + n);
        }
        double particleMass = mass[0] > 0 ? mass[0] : mass[1];
        if (!(particleMass > 0)) {
            throw FormatException.of(first, "no particle mass for type " + partType + ": MassTable[" + partType
                    + "] is 0 and there is no Masses data set");
        }
        Cosmology cosmology;
        try {
            cosmology = new Cosmology(head.omega0(), base.omegaB(), head.hubbleParam(), base.ns(), base.sigma8(),
                    base.mnu(), base.w());
        } catch (IllegalArgumentException e) {
            throw FormatException.of(first, "Omega0 = " + head.omega0() + " and HubbleParam = " + head.hubbleParam()
                    + " with the other parameters of " + base + " are no valid cosmology: " + e.getMessage(), e);
        }
        return new Snapshot(box, head.redshift(), cosmology, pos, vel, ids, particleMass);
    }

    private static void readParticles(HdfFile hdf, Path file, int type, int count, int offset, GadgetHeader h,
                                      double box, float[] pos, float[] vel, long[] ids, double[] mass) {
        String groupName = "PartType" + type;
        Group g = Hdf5.group(hdf, file, groupName, "Coordinates, Velocities and ParticleIDs of "
                + count + " particles (NumPart_ThisFile[" + type + "])");
        String what = count + " particles";
        IntToDoubleFunction c = column(g, file, "Coordinates", 3 * count, "float32 " + count + "x3 positions in kpc/h");
        for (int i = 0; i < 3 * count; i++) pos[3 * offset + i] = wrap(Units.positionFromKpc(c.applyAsDouble(i)), box);
        IntToDoubleFunction v = column(g, file, "Velocities", 3 * count, "float32 " + count + "x3 velocities in km/s/sqrt(a)");
        double sqrtA = Math.sqrt(h.time());
        for (int i = 0; i < 3 * count; i++) vel[3 * offset + i] = Units.velocityFromGadget(v.applyAsDouble(i), sqrtA);
        Dataset idSet = Hdf5.dataset(g, file, "ParticleIDs", "integer ids of " + what);
        Object raw = Hdf5.flatData(idSet, file);
        int length = java.lang.reflect.Array.getLength(raw);
        if (length != count) throw FormatException.of(file, groupName + "/ParticleIDs has " + length + " values, expected " + count);
        switch (raw) {
            case int[] a -> { for (int i = 0; i < count; i++) ids[offset + i] = a[i]; }
            case long[] a -> System.arraycopy(a, 0, ids, offset, count);
            case short[] a -> { for (int i = 0; i < count; i++) ids[offset + i] = a[i]; }
            case BigInteger[] a -> {
                for (int i = 0; i < count; i++) {
                    if (a[i].bitLength() > 63) throw FormatException.of(file, groupName + "/ParticleIDs holds " + a[i] + ", above 2^63 - 1");
                    ids[offset + i] = a[i].longValue();
                }
            }
            default -> throw FormatException.of(file, groupName + "/ParticleIDs is not integer data: " + idSet.getJavaType());
        }
        if (!(h.massTable()[type] > 0)) {
            Node masses = g.getChild("Masses");
            if (masses == null) return;
            IntToDoubleFunction m = column(g, file, "Masses", count, "particle masses in 1e10 Msun/h");
            for (int i = 0; i < count; i++) {
                double msun = m.applyAsDouble(i) * 1e10;
                if (Double.isNaN(mass[1])) mass[1] = msun;
                else if (msun != mass[1]) {
                    throw FormatException.of(file, groupName + "/Masses vary (" + mass[1] + " and " + msun
                            + " Msun/h): only snapshots whose particles of a type share one mass can be read");
                }
            }
        }
    }

    /** A float or double data set of {@code length} values, read in place (a Quijote file holds gigabytes). */
    private static IntToDoubleFunction column(Group g, Path file, String name, int length, String expected) {
        Dataset d = Hdf5.dataset(g, file, name, expected);
        Object raw = Hdf5.flatData(d, file);
        int n = raw instanceof float[] f ? f.length : raw instanceof double[] a ? a.length : -1;
        if (n < 0) throw FormatException.of(file, d.getPath() + " is " + d.getJavaType() + " data, expected " + expected);
        if (n != length) {
            throw FormatException.of(file, d.getPath() + " has " + n + " values, expected " + length + " (" + expected + ")");
        }
        if (raw instanceof float[] f) return i -> f[i];
        double[] a = (double[]) raw;
        return i -> a[i];
    }

    private static float wrap(float x, double box) {
        if (x >= 0 && x < box) return x;
        double w = x - box * Math.floor(x / box);
        float f = (float) w;
        return f >= box ? 0f : f;
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes {@code snapshot} as one Gadget HDF5 file at {@code file} (e.g. {@code DIR/snap_004.hdf5}).
     *
     * @param overwrite whether an existing file may be replaced
     * @throws java.nio.file.FileAlreadyExistsException if the file exists and {@code overwrite} is false
     */
    public static Path write(Path file, Snapshot snapshot, boolean overwrite) throws IOException {
        return write(file, snapshot, 1, overwrite).getFirst();
    }

    /**
     * Writes {@code snapshot} split into {@code files} Gadget HDF5 files of (nearly) equal particle
     * counts. One file goes to {@code target} as given; several go to {@code PREFIX.0.hdf5}, …,
     * {@code PREFIX.(files-1).hdf5}, where PREFIX is {@code target} without a trailing {@code .hdf5}.
     * Each file is written atomically (temporary file, then rename); nothing is written unless every
     * target may be, and if a later file fails, the files this call wrote are removed.
     *
     * @param files     the number of files, 1 to 1024
     * @param overwrite whether existing files may be replaced
     * @return the files written, in order
     * @throws java.nio.file.FileAlreadyExistsException if a target exists and {@code overwrite} is false
     */
    public static List<Path> write(Path target, Snapshot snapshot, int files, boolean overwrite) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(snapshot, "snapshot");
        if (files < 1 || files > 1024) throw new IllegalArgumentException("files must be in [1, 1024]: " + files);
        List<Path> paths = new ArrayList<>(files);
        if (files == 1) {
            paths.add(target);
        } else {
            String name = target.getFileName().toString();
            if (name.endsWith(".hdf5")) name = name.substring(0, name.length() - 5);
            for (int i = 0; i < files; i++) paths.add(target.resolveSibling(name + "." + i + ".hdf5"));
        }
        for (Path p : paths) Targets.refuseExisting(p, overwrite);
        int n = snapshot.count();
        boolean smallIds = true;
        for (long id : snapshot.ids()) smallIds &= id >= 0 && id <= Integer.MAX_VALUE;
        List<Path> written = new ArrayList<>(files);
        try {
            for (int i = 0; i < files; i++) {
                int from = (int) ((long) n * i / files);
                int to = (int) ((long) n * (i + 1) / files);
                writeFile(paths.get(i), snapshot, from, to, files, smallIds, overwrite);
                written.add(paths.get(i));
            }
        } catch (IOException | RuntimeException e) {
            for (Path p : written) Files.deleteIfExists(p);
            throw e;
        }
        return List.copyOf(paths);
    }

    private static void writeFile(Path file, Snapshot s, int from, int to, int files, boolean smallIds,
                                  boolean overwrite) throws IOException {
        int count = to - from;
        double a = s.scaleFactor();
        double sqrtA = Math.sqrt(a);
        Cosmology c = s.cosmology();
        Hdf5.write(file, overwrite, hdf -> {
            WritableGroup h = hdf.putGroup("Header");
            h.putAttribute("BoxSize", Units.boxToKpc(s.boxSize()));
            h.putAttribute("Redshift", s.redshift());
            h.putAttribute("Time", a);
            h.putAttribute("Omega0", c.omegaM());
            h.putAttribute("OmegaLambda", c.omegaLambda());
            h.putAttribute("HubbleParam", c.h());
            double[] massTable = new double[6];
            massTable[DARK_MATTER] = Units.massTo1e10(s.particleMass());
            h.putAttribute("MassTable", massTable);
            h.putAttribute("NumPart_ThisFile", new int[] {0, count, 0, 0, 0, 0});
            h.putAttribute("NumPart_Total", new int[] {0, s.count(), 0, 0, 0, 0});
            h.putAttribute("NumPart_Total_HighWord", new int[6]);
            h.putAttribute("NumFilesPerSnapshot", files);
            for (String flag : new String[] {"Flag_Sfr", "Flag_Cooling", "Flag_StellarAge", "Flag_Metals", "Flag_Feedback",
                    "Flag_DoublePrecision"}) {
                h.putAttribute(flag, 0);
            }
            if (count == 0) return; // Gadget leaves out the group of a type a file has none of
            WritableGroup g = hdf.putGroup("PartType" + DARK_MATTER);
            float[] p = s.positions();
            float[] v = s.velocities();
            float[][] coordinates = new float[count][3];
            float[][] velocities = new float[count][3];
            for (int i = 0; i < count; i++) {
                for (int k = 0; k < 3; k++) {
                    coordinates[i][k] = Units.positionToKpc(p[3 * (from + i) + k]);
                    velocities[i][k] = Units.velocityToGadget(v[3 * (from + i) + k], sqrtA);
                }
            }
            g.putDataset("Coordinates", coordinates);
            g.putDataset("Velocities", velocities);
            long[] ids = s.ids();
            if (smallIds) {
                int[] small = new int[count];
                for (int i = 0; i < count; i++) small[i] = (int) ids[from + i];
                g.putDataset("ParticleIDs", small);
            } else {
                g.putDataset("ParticleIDs", java.util.Arrays.copyOfRange(ids, from, to));
            }
        });
    }
}
