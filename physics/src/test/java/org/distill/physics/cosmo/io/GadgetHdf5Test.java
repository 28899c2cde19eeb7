package org.distill.physics.cosmo.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.jhdf.exceptions.HdfFilterException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.distill.physics.cosmo.Cosmology;
import org.distill.physics.cosmo.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GadgetHdf5Test {
    @TempDir Path dir;

    static final Cosmology COSMOLOGY = new Cosmology(0.3, 0.05, 0.7, 0.96, 0.8, 0, -1);

    /**
     * n particles: positions on a 1/1024 Mpc/h grid (k/1024 Mpc/h = 125k/128 kpc/h is exact in float32 for boxes up
     * to 128 Mpc/h), any float velocity, ids from idBase.
     */
    static Snapshot gridSnapshot(int n, double box, double z, long idBase, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] p = new float[3 * n], v = new float[3 * n];
        long[] ids = new long[n];
        for (int i = 0; i < 3 * n; i++) {
            p[i] = (float) (r.nextInt((int) (box * 1024)) / 1024.0);
            v[i] = (float) (r.nextGaussian() * 400);
        }
        for (int i = 0; i < n; i++) ids[i] = idBase + 7L * i;
        return new Snapshot(box, z, COSMOLOGY, p, v, ids, 6.5626e11 * (1 + r.nextDouble()));
    }

    static void assertSame(Snapshot read, Snapshot written) {
        assertThat(read.boxSize()).isEqualTo(written.boxSize());
        assertThat(read.redshift()).isEqualTo(written.redshift());
        assertThat(read.cosmology()).isEqualTo(written.cosmology());
        assertThat(read.particleMass()).isEqualTo(written.particleMass());
        assertThat(read.ids()).isEqualTo(written.ids());
        assertEqualFloats("positions", read.positions(), written.positions());
        assertEqualFloats("velocities", read.velocities(), written.velocities());
    }

    /** Exact equality, reporting the first difference instead of both arrays. */
    static void assertEqualFloats(String what, float[] actual, float[] expected) {
        assertThat(actual.length).as(what + " length").isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            if (Float.compare(actual[i], expected[i]) != 0) {
                throw new AssertionError(what + "[" + i + "]: expected " + expected[i] + ", read " + actual[i]);
            }
        }
    }

    @Test
    void singleFileRoundTripIsExactAtZ0AndZ3() throws IOException {
        for (double z : new double[] {0, 3}) { // √a = 1 and 1/2: u = v/√a is exact for every float
            Snapshot s = gridSnapshot(500, 128, z, 1, 11);
            Path file = dir.resolve("snap_z" + z + ".hdf5");
            assertThat(GadgetHdf5.write(file, s, false)).isEqualTo(file);
            assertSame(GadgetHdf5.read(file, COSMOLOGY), s);
            assertSame(GadgetHdf5.read(dir.resolve("snap_z" + z), COSMOLOGY), s); // prefix finds PREFIX.hdf5
        }
    }

    @Test
    void anyFloatsRoundTripWithinOneUlpAndMostlyExactly() throws IOException {
        SplittableRandom r = new SplittableRandom(3);
        int n = 20_000;
        double box = 1000;
        float[] p = new float[3 * n], v = new float[3 * n];
        for (int i = 0; i < 3 * n; i++) {
            p[i] = (float) (r.nextDouble() * box);
            v[i] = (float) (r.nextGaussian() * 500);
        }
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) ids[i] = (1L << 40) + i; // do not fit int32: written as int64
        Snapshot s = new Snapshot(box, 0.5, COSMOLOGY, p, v, ids, 8.0e11 / 3);
        Path file = dir.resolve("any.hdf5");
        GadgetHdf5.write(file, s, false);
        Snapshot back = GadgetHdf5.read(file, COSMOLOGY);
        assertThat(back.ids()).isEqualTo(ids);
        assertThat(back.particleMass()).isEqualTo(s.particleMass());
        int inexactPositions = 0, inexactVelocities = 0;
        for (int i = 0; i < 3 * n; i++) {
            assertThat(Math.abs(back.positions()[i] - p[i])).isLessThanOrEqualTo(Math.ulp(p[i]));
            assertThat(Math.abs(back.velocities()[i] - v[i])).isLessThanOrEqualTo(Math.ulp(v[i]));
            if (back.positions()[i] != p[i]) inexactPositions++;
            if (back.velocities()[i] != v[i]) inexactVelocities++;
        }
        // Floats y in kpc/h map to y/1000 in steps of 1.024 ulp(x) where x's mantissa is >= 1.024, so 1 - 1/1.024 = 2.3 %
        // of those x have no float y at all; the writer finds y wherever one exists. Velocities at z = 0.5 (√a = 0.816):
        // steps of 1.63 ulp for mantissas >= 1.63, about 11 % unreachable.
        assertThat(inexactPositions).isLessThan(3 * n * 3 / 100);
        assertThat(inexactVelocities).isLessThan(3 * n * 14 / 100);
    }

    @Test
    void multiFileRoundTripIsExactWhicheverNameIsGiven() throws IOException {
        Snapshot s = gridSnapshot(1001, 100, 3, 0, 5);
        List<Path> files = GadgetHdf5.write(dir.resolve("snap_000.hdf5"), s, 3, false);
        assertThat(files).containsExactly(dir.resolve("snap_000.0.hdf5"), dir.resolve("snap_000.1.hdf5"),
                dir.resolve("snap_000.2.hdf5"));
        assertThat(GadgetHdf5.files(dir.resolve("snap_000"))).isEqualTo(files);
        assertThat(GadgetHdf5.files(dir.resolve("snap_000.2.hdf5"))).isEqualTo(files);
        long sum = 0;
        for (Path f : files) {
            GadgetHeader h = GadgetHdf5.header(f);
            assertThat(h.numFiles()).isEqualTo(3);
            assertThat(h.numPartTotal()).containsExactly(0, 1001, 0, 0, 0, 0);
            assertThat(h.boxSize()).isEqualTo(100_000);
            assertThat(h.time()).isEqualTo(0.25);
            sum += h.numPartThisFile()[1];
        }
        assertThat(sum).isEqualTo(1001);
        assertSame(GadgetHdf5.read(dir.resolve("snap_000"), COSMOLOGY), s);
        assertSame(GadgetHdf5.read(dir.resolve("snap_000.1.hdf5"), COSMOLOGY), s);
        assertThat(Files.list(dir).filter(p -> p.getFileName().toString().startsWith(".")).toList()).isEmpty(); // no temporary files
    }

    @Test
    void writingNeverReplacesAFileUnlessAsked() throws IOException {
        Snapshot a = gridSnapshot(10, 10, 0, 0, 1), b = gridSnapshot(20, 10, 0, 0, 2);
        Path file = dir.resolve("snap.hdf5");
        GadgetHdf5.write(file, a, false);
        assertThatThrownBy(() -> GadgetHdf5.write(file, b, false)).isInstanceOf(FileAlreadyExistsException.class);
        assertSame(GadgetHdf5.read(file, COSMOLOGY), a);
        // a split write checks every target first: snap.1.hdf5 is taken, so snap.0.hdf5 is not written either
        Files.writeString(dir.resolve("snap.1.hdf5"), "taken");
        assertThatThrownBy(() -> GadgetHdf5.write(file, b, 2, false)).isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("snap.1.hdf5");
        assertThat(dir.resolve("snap.0.hdf5")).doesNotExist();
        GadgetHdf5.write(file, b, true);
        assertSame(GadgetHdf5.read(file, COSMOLOGY), b);
    }

    /** Writes a file in Quijote's exact layout with jhdf, the Header in Gadget's own units. */
    static void quijoteFile(Path file, int thisFile, int total, float[][] kpc, float[][] gadgetVel, int[] ids,
                            Consumer<WritableGroup> extraHeader) throws IOException {
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            WritableGroup h = hdf.putGroup("Header");
            h.putAttribute("BoxSize", 1000.0);                 // kpc/h: a 1 Mpc/h box
            h.putAttribute("Redshift", 1.0);
            h.putAttribute("Time", 0.5);
            h.putAttribute("Omega0", 0.3175);
            h.putAttribute("OmegaLambda", 0.6825);
            h.putAttribute("HubbleParam", 0.6711);
            h.putAttribute("MassTable", new double[] {0, 65.62, 0, 0, 0, 0}); // 1e10 Msun/h
            h.putAttribute("NumPart_ThisFile", new int[] {0, thisFile, 0, 0, 0, 0});
            h.putAttribute("NumPart_Total", new int[] {0, total, 0, 0, 0, 0});
            h.putAttribute("NumPart_Total_HighWord", new int[] {0, 0, 0, 0, 0, 0});
            h.putAttribute("NumFilesPerSnapshot", 2);
            extraHeader.accept(h);
            WritableGroup g = hdf.putGroup("PartType1");
            g.putDataset("Coordinates", kpc);
            g.putDataset("Velocities", gadgetVel);
            g.putDataset("ParticleIDs", ids);
            Hdf5.addTrailer(hdf); // jhdf 0.9.4 needs a data set written last (see Hdf5.addTrailer)
        }
    }

    @Test
    void aQuijoteLayoutFileSplitInTwoIsReadInOurUnits() throws IOException {
        float[][] kpc0 = {{0, 250, 999.5f}, {500, 500.25f, 1}};
        float[][] vel0 = {{100, -200, 0}, {1, 2, 3}};
        float[][] kpc1 = {{10, 20, 30}, {999.999f, 0.001f, 123.456f}, {1000, 0, -1}}; // 1000 and -1 wrap into the box
        float[][] vel1 = {{-50, 60, 70}, {0.5f, -0.5f, 1e4f}, {0, 0, 0}};
        int[] ids0 = {1, 2};
        int[] ids1 = {3, (int) 4_000_000_000L, -1}; // as uint32: 4e9 and 2^32 - 1
        quijoteFile(dir.resolve("snap_002.0.hdf5"), 2, 5, kpc0, vel0, ids0, h -> { });
        quijoteFile(dir.resolve("snap_002.1.hdf5"), 3, 5, kpc1, vel1, ids1, h -> { });
        for (int i = 0; i < 2; i++) { // Gadget's ParticleIDs are uint32; jhdf writes only signed types
            assertThat(Hdf5Patch.int32DataSetsToUnsigned(dir.resolve("snap_002." + i + ".hdf5"))).isEqualTo(1);
        }

        Snapshot s = GadgetHdf5.read(dir.resolve("snap_002"));
        assertThat(s.count()).isEqualTo(5);
        assertThat(s.boxSize()).isEqualTo(1.0);
        assertThat(s.redshift()).isEqualTo(1.0);
        assertThat(s.particleMass()).isEqualTo(65.62 * 1e10);
        assertThat(s.cosmology()).isEqualTo(Cosmology.QUIJOTE); // Omega0 and h from the file, the rest Quijote's fiducial
        assertThat(s.ids()).containsExactly(1, 2, 3, 4_000_000_000L, 4_294_967_295L);
        float[][] kpc = {kpc0[0], kpc0[1], kpc1[0], kpc1[1], kpc1[2]};
        float[][] vel = {vel0[0], vel0[1], vel1[0], vel1[1], vel1[2]};
        double sqrtA = Math.sqrt(0.5);
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < 3; k++) {
                float x = (float) (kpc[i][k] / 1000.0);
                if (x >= 1) x -= 1;
                if (x < 0) x += 1;
                assertThat(s.positions()[3 * i + k]).as("x[%d][%d]", i, k).isEqualTo(x);
                assertThat(s.velocities()[3 * i + k]).as("v[%d][%d]", i, k).isEqualTo((float) (vel[i][k] * sqrtA));
            }
        }
        assertThat(s.positions()[2]).isEqualTo(0.9995f);
        assertThat(s.positions()[12]).isEqualTo(0f);             // 1000 kpc/h = the box side → 0
        assertThat(s.positions()[14]).isEqualTo(0.999f);         // -1 kpc/h → 0.999 Mpc/h
        assertThat(s.velocities()[0]).isEqualTo(70.71068f);      // 100·√0.5 km/s

        // a Quijote Mν run: the caller's cosmology supplies what the header lacks
        Snapshot nu = GadgetHdf5.read(dir.resolve("snap_002.0.hdf5"), Cosmology.QUIJOTE.withMnu(0.1));
        assertThat(nu.cosmology().mnu()).isEqualTo(0.1);
        assertThat(nu.count()).isEqualTo(5);
    }

    @Test
    void neutrinosArePartType2() throws IOException {
        Path file = dir.resolve("nu.hdf5");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            WritableGroup h = hdf.putGroup("Header");
            h.putAttribute("BoxSize", 2000.0);
            h.putAttribute("Redshift", 0.0);
            h.putAttribute("Time", 1.0);
            h.putAttribute("Omega0", 0.3175);
            h.putAttribute("OmegaLambda", 0.6825);
            h.putAttribute("HubbleParam", 0.6711);
            h.putAttribute("MassTable", new double[] {0, 60, 0.5, 0, 0, 0});
            h.putAttribute("NumPart_ThisFile", new long[] {0, 1, 2, 0, 0, 0});
            h.putAttribute("NumPart_Total", new long[] {0, 1, 2, 0, 0, 0});
            h.putAttribute("NumFilesPerSnapshot", 1L);
            WritableGroup cdm = hdf.putGroup("PartType1");
            cdm.putDataset("Coordinates", new float[][] {{1, 2, 3}});
            cdm.putDataset("Velocities", new float[][] {{4, 5, 6}});
            cdm.putDataset("ParticleIDs", new long[] {10});
            WritableGroup nu = hdf.putGroup("PartType2");
            nu.putDataset("Coordinates", new float[][] {{1500, 0, 10}, {20, 30, 40}});
            nu.putDataset("Velocities", new float[][] {{3000, -3000, 1}, {0, 0, 0}});
            nu.putDataset("ParticleIDs", new long[] {11, 12});
            Hdf5.addTrailer(hdf);
        }
        Cosmology mnu = Cosmology.QUIJOTE.withMnu(0.1);
        Snapshot n = GadgetHdf5.read(file, mnu, GadgetHdf5.NEUTRINOS);
        assertThat(n.ids()).containsExactly(11, 12);
        assertThat(n.particleMass()).isEqualTo(0.5e10);
        assertThat(n.positions()).containsExactly(1.5f, 0f, 0.01f, 0.02f, 0.03f, 0.04f);
        assertThat(n.velocities()).containsExactly(3000f, -3000f, 1f, 0f, 0f, 0f);
        assertThat(GadgetHdf5.read(file, mnu).ids()).containsExactly(10);
        assertThatThrownBy(() -> GadgetHdf5.read(file, mnu, 0)).isInstanceOf(FormatException.class)
                .hasMessage(file + ": holds no particles of type 0 (NumPart_Total = [0, 1, 2, 0, 0, 0])");
    }

    /** A file whose MassTable entry is 0 and whose particles carry a Masses data set. */
    Path massesFile(String name, double[] masses) throws IOException {
        Path file = dir.resolve(name);
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            WritableGroup h = hdf.putGroup("Header");
            h.putAttribute("BoxSize", 1000.0);
            h.putAttribute("Redshift", 0.0);
            h.putAttribute("Time", 1.0);
            h.putAttribute("Omega0", 0.3);
            h.putAttribute("OmegaLambda", 0.7);
            h.putAttribute("HubbleParam", 0.7);
            h.putAttribute("MassTable", new double[6]);
            h.putAttribute("NumPart_ThisFile", new int[] {0, 2, 0, 0, 0, 0});
            h.putAttribute("NumPart_Total", new int[] {0, 2, 0, 0, 0, 0});
            h.putAttribute("NumFilesPerSnapshot", 1);
            WritableGroup g = hdf.putGroup("PartType1");
            g.putDataset("Coordinates", new float[][] {{1, 2, 3}, {4, 5, 6}});
            g.putDataset("Velocities", new float[][] {{1, 2, 3}, {4, 5, 6}});
            g.putDataset("ParticleIDs", new int[] {1, 2});
            g.putDataset("Masses", masses);
            Hdf5.addTrailer(hdf);
        }
        return file;
    }

    @Test
    void equalMassesMayComeFromAMassesDataSet() throws IOException {
        assertThat(GadgetHdf5.read(massesFile("equal.hdf5", new double[] {2.5, 2.5}), COSMOLOGY).particleMass()).isEqualTo(2.5e10);
        Path varying = massesFile("varying.hdf5", new double[] {2.5, 3});
        assertThatThrownBy(() -> GadgetHdf5.read(varying, COSMOLOGY)).isInstanceOf(FormatException.class)
                .hasMessage(varying + ": PartType1/Masses vary (2.5E10 and 3.0E10 Msun/h): only snapshots whose particles of a"
                        + " type share one mass can be read");
    }

    @Test
    void errorsNameTheFileAndWhatWasExpected() throws IOException {
        Path missing = dir.resolve("snap_004");
        assertThatThrownBy(() -> GadgetHdf5.read(missing)).isInstanceOf(FormatException.class)
                .hasMessage(missing + ": no such snapshot (looked for " + missing + ", " + missing + ".hdf5 and "
                        + missing + ".0.hdf5)");

        Path text = dir.resolve("text.hdf5");
        Files.writeString(text, "not hdf5");
        assertThatThrownBy(() -> GadgetHdf5.read(text)).isInstanceOf(FormatException.class)
                .hasMessageStartingWith(text + ": not an HDF5 file");

        Path noHeader = dir.resolve("noheader.hdf5");
        try (WritableHdfFile hdf = HdfFile.write(noHeader)) {
            hdf.putGroup("PartType1").putDataset("ParticleIDs", new int[] {1});
            Hdf5.addTrailer(hdf);
        }
        assertThatThrownBy(() -> GadgetHdf5.read(noHeader)).isInstanceOf(FormatException.class)
                .hasMessage(noHeader + ": no group Header (expected a Gadget HDF5 snapshot header with BoxSize, Redshift,"
                        + " Time, MassTable, NumPart_*)");

        Path noBox = dir.resolve("nobox.hdf5");
        try (WritableHdfFile hdf = HdfFile.write(noBox)) {
            hdf.putGroup("Header").putAttribute("Redshift", 0.0);
            Hdf5.addTrailer(hdf);
        }
        assertThatThrownBy(() -> GadgetHdf5.read(noBox)).isInstanceOf(FormatException.class)
                .hasMessage(noBox + ": no attribute Header/BoxSize (expected the box side in kpc/h)");

        Path noVel = dir.resolve("novel.hdf5");
        try (WritableHdfFile hdf = HdfFile.write(noVel)) {
            WritableGroup h = hdf.putGroup("Header");
            for (String a : new String[] {"BoxSize", "Redshift", "Time", "Omega0", "OmegaLambda", "HubbleParam"}) {
                h.putAttribute(a, a.equals("Redshift") ? 0.0 : a.equals("BoxSize") ? 1000.0 : a.equals("Time") ? 1.0 : 0.3);
            }
            h.putAttribute("HubbleParam", 0.7);
            h.putAttribute("MassTable", new double[] {0, 1, 0, 0, 0, 0});
            h.putAttribute("NumPart_ThisFile", new int[] {0, 1, 0, 0, 0, 0});
            h.putAttribute("NumPart_Total", new int[] {0, 1, 0, 0, 0, 0});
            h.putAttribute("NumFilesPerSnapshot", 1);
            WritableGroup g = hdf.putGroup("PartType1");
            g.putDataset("Coordinates", new float[][] {{1, 2, 3}});
            g.putDataset("ParticleIDs", new int[] {1});
            Hdf5.addTrailer(hdf);
        }
        assertThatThrownBy(() -> GadgetHdf5.read(noVel)).isInstanceOf(FormatException.class)
                .hasMessage(noVel + ": no data set PartType1/Velocities (expected float32 1x3 velocities in km/s/sqrt(a))");

        // a multi-file snapshot with a file missing
        Snapshot s = gridSnapshot(10, 10, 0, 0, 1);
        GadgetHdf5.write(dir.resolve("split"), s, 3, false);
        Files.delete(dir.resolve("split.2.hdf5"));
        assertThatThrownBy(() -> GadgetHdf5.read(dir.resolve("split"))).isInstanceOf(FormatException.class)
                .hasMessage(dir.resolve("split.2.hdf5") + ": no such file (" + dir.resolve("split.0.hdf5")
                        + " says its snapshot has 3 files)");
    }

    @Test
    void aFilterJhdfLacksIsNamed() {
        var e = new HdfFilterException("A required filter is not available: name='blosc' id=32001");
        FormatException f = Hdf5.filterFailure(Path.of("snap_004.0.hdf5"), "/PartType1/Coordinates", e);
        assertThat(f).hasMessage("snap_004.0.hdf5: data set /PartType1/Coordinates is compressed with filter 'blosc'"
                + " (HDF5 filter id 32001), which jhdf cannot decode (it reads deflate, shuffle, fletcher32, lzf, lz4 and"
                + " bitshuffle); write an uncompressed copy first, e.g. h5repack -f NONE IN OUT");
        assertThat(f.getMessage()).doesNotContain("\n");
        // jhdf may wrap it (a lazy initialiser, a parallel chunk read): the cause chain is searched
        var wrapped = new io.jhdf.exceptions.HdfException("Failed to read chunk", e);
        assertThat(Hdf5.readFailure(Path.of("snap_004.0.hdf5"), "/PartType1/Coordinates", wrapped)).hasMessage(f.getMessage());
        assertThat(Hdf5.readFailure(Path.of("s.hdf5"), "/PartType1/Velocities", new io.jhdf.exceptions.HdfException("bad heap")))
                .hasMessage("s.hdf5: cannot read data set /PartType1/Velocities: bad heap");
    }
}
