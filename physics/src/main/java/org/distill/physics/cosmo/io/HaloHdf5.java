package org.distill.physics.cosmo.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.WritableDataset;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.distill.physics.cosmo.HaloCatalog;

/**
 * Halo catalogues as HDF5 with the columns of {@link HaloCsv}: root attributes {@code BoxSize} (Mpc/h)
 * and {@code Redshift}; one-dimensional data sets {@code x}, {@code y}, {@code z} (float32, comoving
 * Mpc/h), {@code vx}, {@code vy}, {@code vz} (float32, peculiar km/s), {@code mass} (float64, M☉/h) and
 * {@code n} (int32, particles), each with a {@code units} string attribute; a root attribute
 * {@code Count} gives the number of halos. An empty catalogue has {@code Count} 0 and no data sets (jhdf
 * 0.9.4 cannot write a data set of length 0). Read back, a catalogue equals the one written. Problems are {@link FormatException}s naming the file and what was expected.
 */
public final class HaloHdf5 {
    private static final String[] AXES = {"x", "y", "z"};
    private static final String LAYOUT = "a distill halo catalogue (BoxSize, Redshift; x,y,z,vx,vy,vz,mass,n)";

    private HaloHdf5() { }

    /**
     * Writes {@code halos} to {@code file} (atomically: temporary file, then rename).
     *
     * @param overwrite whether an existing file may be replaced
     * @throws java.nio.file.FileAlreadyExistsException if the file exists and {@code overwrite} is false
     */
    public static void write(Path file, HaloCatalog halos, boolean overwrite) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(halos, "halos");
        int n = halos.size();
        Hdf5.write(file, overwrite, hdf -> {
            hdf.putAttribute("BoxSize", halos.boxSize());
            hdf.putAttribute("Redshift", halos.redshift());
            hdf.putAttribute("Format", "distill halo catalogue");
            hdf.putAttribute("Count", (long) n);
            if (n == 0) return; // jhdf 0.9.4 cannot write a data set of length 0 (it takes the type from element 0)
            for (int k = 0; k < 3; k++) {
                float[] p = new float[n];
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    p[i] = halos.positions()[3 * i + k];
                    v[i] = halos.velocities()[3 * i + k];
                }
                put(hdf, AXES[k], p, "Mpc/h");
                put(hdf, "v" + AXES[k], v, "km/s");
            }
            put(hdf, "mass", halos.masses(), "Msun/h");
            put(hdf, "n", halos.counts(), "particles");
        });
    }

    private static void put(io.jhdf.api.WritableGroup g, String name, Object data, String units) {
        WritableDataset d = g.putDataset(name, data);
        d.putAttribute("units", units);
    }

    /**
     * Reads a catalogue written by {@link #write}.
     *
     * @throws FormatException if the file is missing or lacks an attribute or column, or the columns differ in length
     */
    public static HaloCatalog read(Path file) {
        Objects.requireNonNull(file, "file");
        try (HdfFile hdf = Hdf5.open(file)) {
            double box = Hdf5.scalar(Hdf5.attribute(hdf, file, "BoxSize", LAYOUT), file);
            double z = Hdf5.scalar(Hdf5.attribute(hdf, file, "Redshift", LAYOUT), file);
            io.jhdf.api.Attribute count = hdf.getAttribute("Count");
            long declared = count == null ? -1 : Hdf5.longs(count, file, 1)[0];
            if (declared == 0) return new HaloCatalog(box, z, new float[0], new float[0], new double[0], new int[0]);
            float[][] p = new float[3][];
            float[][] v = new float[3][];
            for (int k = 0; k < 3; k++) {
                p[k] = floats(hdf, file, AXES[k]);
                v[k] = floats(hdf, file, "v" + AXES[k]);
            }
            Object m = Hdf5.flatData(Hdf5.dataset(hdf, file, "mass", LAYOUT), file);
            Object c = Hdf5.flatData(Hdf5.dataset(hdf, file, "n", LAYOUT), file);
            if (!(m instanceof double[] mass)) throw FormatException.of(file, "data set mass is not float64 (expected " + LAYOUT + ")");
            if (!(c instanceof int[] counts)) throw FormatException.of(file, "data set n is not int32 (expected " + LAYOUT + ")");
            int n = mass.length;
            for (float[] col : new float[][] {p[0], p[1], p[2], v[0], v[1], v[2]}) {
                if (col.length != n) throw FormatException.of(file, "columns differ in length: " + col.length + " and " + n + " (mass)");
            }
            if (counts.length != n) throw FormatException.of(file, "columns differ in length: " + counts.length + " (n) and " + n + " (mass)");
            if (declared >= 0 && declared != n) throw FormatException.of(file, "attribute Count is " + declared + ", the columns hold " + n + " halos");
            float[] pos = new float[3 * n];
            float[] vel = new float[3 * n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 3; k++) {
                    pos[3 * i + k] = p[k][i];
                    vel[3 * i + k] = v[k][i];
                }
            }
            return new HaloCatalog(box, z, pos, vel, mass, counts);
        } catch (HdfException e) {
            throw FormatException.of(file, "cannot read " + LAYOUT + ": " + e.getMessage(), e);
        } catch (FormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw FormatException.of(file, e.getMessage(), e);
        }
    }

    private static float[] floats(HdfFile hdf, Path file, String name) {
        Dataset d = Hdf5.dataset(hdf, file, name, LAYOUT);
        if (!(Hdf5.flatData(d, file) instanceof float[] f)) {
            throw FormatException.of(file, "data set " + name + " is not float32 (expected " + LAYOUT + ")");
        }
        return f;
    }
}
