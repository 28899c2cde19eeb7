package org.distill.physics.cosmo.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.distill.physics.cosmo.HaloCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our halo catalogues, CSV and HDF5: exact round trips and located errors. */
class HaloCatalogFilesTest {
    @TempDir Path dir;

    /** Random halos: any float positions and velocities, masses n·m_p with an awkward particle mass. */
    static HaloCatalog halos(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double box = 256;
        float[] p = new float[3 * n], v = new float[3 * n];
        double[] m = new double[n];
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                p[3 * i + k] = (float) (r.nextDouble() * box);
                v[3 * i + k] = (float) (r.nextGaussian() * 300);
            }
            c[i] = 20 + r.nextInt(5000);
            m[i] = c[i] * 6.5626e11 / 3;
        }
        p[0] = 0f;
        v[1] = -0.0f;
        v[2] = 1e-30f;
        return new HaloCatalog(box, 0.5, p, v, m, c);
    }

    static void assertSame(HaloCatalog read, HaloCatalog written) {
        assertThat(read.boxSize()).isEqualTo(written.boxSize());
        assertThat(read.redshift()).isEqualTo(written.redshift());
        assertThat(read.counts()).isEqualTo(written.counts());
        assertThat(read.masses()).isEqualTo(written.masses());
        GadgetHdf5Test.assertEqualFloats("positions", read.positions(), written.positions());
        GadgetHdf5Test.assertEqualFloats("velocities", read.velocities(), written.velocities());
    }

    @Test
    void csvRoundTripIsExact() throws IOException {
        HaloCatalog h = halos(2000, 1);
        Path file = dir.resolve("halos_004.csv");
        HaloCsv.write(file, h, false);
        assertSame(HaloCsv.read(file), h);
        var lines = Files.readAllLines(file);
        assertThat(lines.get(1)).isEqualTo("# box_size: 256.0");
        assertThat(lines.get(2)).isEqualTo("# redshift: 0.5");
        assertThat(lines.get(3)).isEqualTo("x,y,z,vx,vy,vz,mass,n");
        assertThat(lines).hasSize(4 + 2000);
        HaloCatalog empty = new HaloCatalog(100, 0, new float[0], new float[0], new double[0], new int[0]);
        HaloCsv.write(dir.resolve("empty.csv"), empty, false);
        assertSame(HaloCsv.read(dir.resolve("empty.csv")), empty);
    }

    @Test
    void hdf5RoundTripIsExact() throws IOException {
        HaloCatalog h = halos(2000, 2);
        Path file = dir.resolve("halos.hdf5");
        HaloHdf5.write(file, h, false);
        assertSame(HaloHdf5.read(file), h);
        try (HdfFile hdf = new HdfFile(file)) {                 // the columns, as another tool sees them
            assertThat(hdf.getDatasetByPath("mass").getDimensions()).containsExactly(2000);
            assertThat(hdf.getDatasetByPath("x").getAttribute("units").getData()).isEqualTo("Mpc/h");
            assertThat(hdf.getAttribute("BoxSize").getData()).isEqualTo(256.0);
        }
        HaloCatalog empty = new HaloCatalog(100, 0, new float[0], new float[0], new double[0], new int[0]);
        HaloHdf5.write(dir.resolve("empty.hdf5"), empty, false);
        assertSame(HaloHdf5.read(dir.resolve("empty.hdf5")), empty);
    }

    @Test
    void writersReplaceAFileOnlyWhenAsked() throws IOException {
        HaloCatalog a = halos(3, 3), b = halos(5, 4);
        Path csv = dir.resolve("h.csv"), hdf = dir.resolve("h.hdf5");
        HaloCsv.write(csv, a, false);
        HaloHdf5.write(hdf, a, false);
        assertThatThrownBy(() -> HaloCsv.write(csv, b, false)).isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> HaloHdf5.write(hdf, b, false)).isInstanceOf(FileAlreadyExistsException.class);
        assertSame(HaloCsv.read(csv), a);
        assertSame(HaloHdf5.read(hdf), a);
        HaloCsv.write(csv, b, true);
        HaloHdf5.write(hdf, b, true);
        assertSame(HaloCsv.read(csv), b);
        assertSame(HaloHdf5.read(hdf), b);
    }

    Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    static final String HEAD = "# box_size: 100\n# redshift: 0\nx,y,z,vx,vy,vz,mass,n\n";

    @Test
    void csvErrorsNameFileLineAndColumn() throws IOException {
        Path missing = dir.resolve("none.csv");
        assertThatThrownBy(() -> HaloCsv.read(missing)).isInstanceOf(FormatException.class).hasMessage(missing + ": no such file");

        Path bad = csv("bad.csv", HEAD + "1,2,3,4,5,6,1e14,100\n1,2,3,4,5,6,abc,100\n");
        assertThatThrownBy(() -> HaloCsv.read(bad)).isInstanceOf(FormatException.class)
                .hasMessage(bad + " line 5, column 'mass': not a number: 'abc'")
                .satisfies(e -> {
                    FormatException f = (FormatException) e;
                    assertThat(f.line()).isEqualTo(5);
                    assertThat(f.column()).isEqualTo("mass");
                    assertThat(f.file()).isEqualTo(bad);
                });

        Path shortRow = csv("short.csv", HEAD + "1,2,3,4,5,6,1e14\n");
        assertThatThrownBy(() -> HaloCsv.read(shortRow)).isInstanceOf(FormatException.class)
                .hasMessage(shortRow + " line 4: has 7 fields, expected 8 (x,y,z,vx,vy,vz,mass,n)");

        Path count = csv("count.csv", HEAD + "1,2,3,4,5,6,1e14,12.5\n");
        assertThatThrownBy(() -> HaloCsv.read(count)).isInstanceOf(FormatException.class)
                .hasMessage(count + " line 4, column 'n': not a whole number: '12.5'");

        Path nan = csv("nan.csv", HEAD + "1,NaN,3,4,5,6,1e14,12\n");
        assertThatThrownBy(() -> HaloCsv.read(nan)).isInstanceOf(FormatException.class)
                .hasMessage(nan + " line 4, column 'y': not a finite number: 'NaN'");

        Path header = csv("header.csv", "# box_size: 100\n# redshift: 0\nx,y,z,mass\n");
        assertThatThrownBy(() -> HaloCsv.read(header)).isInstanceOf(FormatException.class)
                .hasMessage(header + " line 3: expected the header x,y,z,vx,vy,vz,mass,n, found 'x,y,z,mass'");

        Path noBox = csv("nobox.csv", "# redshift: 0\nx,y,z,vx,vy,vz,mass,n\n");
        assertThatThrownBy(() -> HaloCsv.read(noBox)).isInstanceOf(FormatException.class)
                .hasMessage(noBox + " line 2: no '# box_size: <Mpc/h>' comment line before the header");

        Path badBox = csv("badbox.csv", "# box_size: big\n");
        assertThatThrownBy(() -> HaloCsv.read(badBox)).isInstanceOf(FormatException.class)
                .hasMessage(badBox + " line 1: 'box_size' is not a number: 'big'");

        Path negative = csv("negative.csv", "# box_size = -5 Mpc/h\n# redshift = 0\nx,y,z,vx,vy,vz,mass,n\n");
        assertThatThrownBy(() -> HaloCsv.read(negative)).isInstanceOf(FormatException.class)
                .hasMessage(negative + ": boxSize must be in (0, 1e6) Mpc/h: -5.0");
    }

    @Test
    void hdf5ErrorsNameTheFileAndWhatWasExpected() throws IOException {
        Path missing = dir.resolve("none.hdf5");
        assertThatThrownBy(() -> HaloHdf5.read(missing)).isInstanceOf(FormatException.class).hasMessage(missing + ": no such file");

        Path noMass = dir.resolve("nomass.hdf5");
        try (WritableHdfFile hdf = HdfFile.write(noMass)) {
            hdf.putAttribute("BoxSize", 100.0);
            hdf.putAttribute("Redshift", 0.0);
            for (String c : new String[] {"x", "y", "z", "vx", "vy", "vz"}) hdf.putDataset(c, new float[] {1});
            hdf.putDataset("n", new int[] {20});
            Hdf5.addTrailer(hdf);
        }
        assertThatThrownBy(() -> HaloHdf5.read(noMass)).isInstanceOf(FormatException.class)
                .hasMessage(noMass + ": no data set mass (expected a distill halo catalogue (BoxSize, Redshift; x,y,z,vx,vy,vz,mass,n))");

        Path ragged = dir.resolve("ragged.hdf5");
        try (WritableHdfFile hdf = HdfFile.write(ragged)) {
            hdf.putAttribute("BoxSize", 100.0);
            hdf.putAttribute("Redshift", 0.0);
            for (String c : new String[] {"x", "y", "z", "vx", "vy", "vz"}) hdf.putDataset(c, new float[] {1, 2});
            hdf.putDataset("mass", new double[] {1e14, 2e14});
            hdf.putDataset("n", new int[] {20});
            Hdf5.addTrailer(hdf);
        }
        assertThatThrownBy(() -> HaloHdf5.read(ragged)).isInstanceOf(FormatException.class)
                .hasMessage(ragged + ": columns differ in length: 1 (n) and 2 (mass)");
    }
}
