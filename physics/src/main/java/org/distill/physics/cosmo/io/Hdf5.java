package org.distill.physics.cosmo.io;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.jhdf.exceptions.HdfFilterException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distill.physics.io.AtomicFile;

/**
 * What the HDF5 readers and writers share: opening a file with located errors, typed access to
 * attributes whatever integer or float width the writer chose, the filter failure jhdf reports
 * turned into a one-line message, and atomic writing through {@link AtomicFile}.
 */
final class Hdf5 {
    private static final Pattern MISSING_FILTER = Pattern.compile("name='([^']*)' id=(\\d+)");

    private Hdf5() { }

    /** Work done on a file jhdf is writing. */
    @FunctionalInterface
    interface Body {
        void write(WritableHdfFile file) throws IOException;
    }

    /** Opens an HDF5 file for reading; a missing file or one that is not HDF5 is a {@link FormatException}. */
    static HdfFile open(Path file) {
        if (Files.isDirectory(file)) throw FormatException.of(file, "is a folder, not an HDF5 file");
        if (!Files.isRegularFile(file)) throw FormatException.of(file, "no such file");
        try {
            return new HdfFile(file);
        } catch (HdfException e) {
            throw FormatException.of(file, "not an HDF5 file (" + e.getMessage() + ")", e);
        }
    }

    /** The group at {@code path}, or a {@link FormatException} saying what it should hold. */
    static Group group(HdfFile hdf, Path file, String path, String expected) {
        Node node = hdf.getChild(path);
        if (node == null) throw FormatException.of(file, "no group " + path + " (expected " + expected + ")");
        if (!(node instanceof Group g)) throw FormatException.of(file, path + " is not a group (expected " + expected + ")");
        return g;
    }

    /** The data set {@code name} of {@code group}, or a {@link FormatException}. */
    static Dataset dataset(Group group, Path file, String name, String expected) {
        Node node = group.getChild(name);
        String path = path(group, name);
        if (node == null) throw FormatException.of(file, "no data set " + path + " (expected " + expected + ")");
        if (!(node instanceof Dataset d)) throw FormatException.of(file, path + " is not a data set (expected " + expected + ")");
        return d;
    }

    /** The attribute {@code name} of {@code node}, or a {@link FormatException}. */
    static Attribute attribute(Node node, Path file, String name, String expected) {
        Attribute a = node.getAttribute(name);
        if (a == null) throw FormatException.of(file, "no attribute " + path(node, name) + " (expected " + expected + ")");
        return a;
    }

    private static String path(Node node, String name) {
        String parent = node.getPath();
        if (parent.startsWith("/")) parent = parent.substring(1);
        if (parent.endsWith("/")) parent = parent.substring(0, parent.length() - 1);
        return parent.isEmpty() ? name : parent + "/" + name;
    }

    /** A number held by an attribute: a scalar, or an array of one element. */
    static double scalar(Attribute a, Path file) {
        double[] v = doubles(a.getData(), file, a.getNode(), a.getName());
        if (v.length != 1) {
            throw FormatException.of(file, "attribute " + path(a.getNode(), a.getName()) + " holds " + v.length
                    + " values, expected one number");
        }
        return v[0];
    }

    /** The numbers an attribute holds (scalar or one-dimensional), as doubles. */
    static double[] doubles(Attribute a, Path file, int expectedLength) {
        double[] v = doubles(a.getData(), file, a.getNode(), a.getName());
        if (v.length != expectedLength) {
            throw FormatException.of(file, "attribute " + path(a.getNode(), a.getName()) + " holds " + v.length
                    + " values, expected " + expectedLength);
        }
        return v;
    }

    /** The integers an attribute holds (scalar or one-dimensional, any integer width, unsigned read as such). */
    static long[] longs(Attribute a, Path file, int expectedLength) {
        Object data = a.getData();
        String where = path(a.getNode(), a.getName());
        Object flat = data != null && data.getClass().isArray() ? data : new Object[] {data};
        int n = Array.getLength(flat);
        if (n != expectedLength) {
            throw FormatException.of(file, "attribute " + where + " holds " + n + " values, expected " + expectedLength);
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            Object v = Array.get(flat, i);
            if (v instanceof BigInteger b && b.bitLength() < 64) out[i] = b.longValue();
            else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) out[i] = ((Number) v).longValue();
            else if (v instanceof Number d && d.doubleValue() == Math.rint(d.doubleValue()) && Math.abs(d.doubleValue()) < 0x1p62) {
                out[i] = (long) d.doubleValue();
            } else {
                throw FormatException.of(file, "attribute " + where + " holds " + v + ", expected integers");
            }
        }
        return out;
    }

    private static double[] doubles(Object data, Path file, Node node, String name) {
        Object flat = data != null && data.getClass().isArray() ? data : new Object[] {data};
        int n = Array.getLength(flat);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            Object v = Array.get(flat, i);
            if (!(v instanceof Number number)) {
                throw FormatException.of(file, "attribute " + path(node, name) + " holds " + v + ", expected numbers");
            }
            out[i] = number.doubleValue();
        }
        return out;
    }

    /**
     * The data of {@code dataset} as one flat array in row-major order ({@code float[]} for float32,
     * {@code int[]}, {@code long[]} or {@code BigInteger[]} for integers as jhdf maps them). A
     * compression filter jhdf cannot decode becomes a {@link FormatException} naming the filter.
     */
    static Object flatData(Dataset dataset, Path file) {
        try {
            return dataset.getDataFlat();
        } catch (HdfException e) {
            throw readFailure(file, dataset.getPath(), e);
        }
    }

    /**
     * The one-line error for a failed read of {@code dataset}: the missing-filter message when a
     * {@link HdfFilterException} is the failure or its cause (jhdf may wrap it), else jhdf's message.
     */
    static FormatException readFailure(Path file, String dataset, HdfException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HdfFilterException f) return filterFailure(file, dataset, f);
        }
        return FormatException.of(file, "cannot read data set " + dataset + ": " + e.getMessage(), e);
    }

    /**
     * The one-line error for a data set compressed with a filter jhdf lacks. jhdf reports it as
     * {@code A required filter is not available: name='blosc' id=32001}; the message keeps the name and
     * id and says how to get a readable copy.
     */
    static FormatException filterFailure(Path file, String dataset, HdfFilterException e) {
        Matcher m = MISSING_FILTER.matcher(String.valueOf(e.getMessage()));
        String filter = m.find() ? "'" + m.group(1) + "' (HDF5 filter id " + m.group(2) + ")" : "(" + e.getMessage() + ")";
        return FormatException.of(file, "data set " + dataset + " is compressed with filter " + filter
                + ", which jhdf cannot decode (it reads deflate, shuffle, fletcher32, lzf, lz4 and bitshuffle);"
                + " write an uncompressed copy first, e.g. h5repack -f NONE IN OUT", e);
    }

    /**
     * Writes an HDF5 file with jhdf, all or nothing. jhdf writes only to a path and only when the file is
     * closed, so the file is built in a temporary file beside the target and then copied through
     * {@link AtomicFile} (temporary file, then rename). An existing target is replaced only when
     * {@code overwrite}; otherwise a {@link java.nio.file.FileAlreadyExistsException}.
     */
    static void write(Path target, boolean overwrite, Body body) throws IOException {
        Targets.refuseExisting(target, overwrite);
        Path absolute = target.toAbsolutePath();
        Path scratch = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".jhdf");
        try {
            try (WritableHdfFile hdf = HdfFile.write(scratch)) {
                body.write(hdf);
                addTrailer(hdf);
            } catch (HdfException e) {
                throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
            }
            AtomicFile.write(target, 1 << 16, out -> Files.copy(scratch, out));
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    /** The name of the data set {@link #addTrailer} adds. */
    static final String TRAILER = "distill";

    /**
     * Works around a jhdf 0.9.4 bug: on closing, {@code WritableHdfFile} writes its version string at the
     * file channel's current position, which is the end of the last data set's data. Children are written
     * in the order of the root group's {@code ConcurrentHashMap}; when the object written last is a group
     * (Gadget's {@code Header} comes after {@code PartType1}) or an empty data set, that string lands on
     * its object header and the file cannot be read. A small data set written last keeps the channel at
     * the end of the file. Its name is {@code distill}, or with as many {@code _} appended as it takes to
     * come last in that map's order; readers that look for {@code Header} and {@code PartTypeN} never see it.
     */
    static void addTrailer(WritableHdfFile hdf) throws IOException {
        String name = TRAILER;
        while (!lastIn(hdf.getChildren().keySet(), name)) name += "_";
        var d = hdf.putDataset(name, new long[] {1});
        d.putAttribute("about", "distill file format 1; this data set only makes jhdf 0.9.4 write a readable file");
        String last = null;
        for (String k : hdf.getChildren().keySet()) last = k;
        if (!name.equals(last)) {
            throw new IOException("jhdf would not write data set " + name + " last; the file would be unreadable");
        }
    }

    /** Whether {@code name} comes last when added to a map like jhdf's holding {@code keys}. */
    private static boolean lastIn(java.util.Set<String> keys, String name) {
        var simulated = new java.util.concurrent.ConcurrentHashMap<String, Boolean>();
        for (String k : keys) simulated.put(k, true);
        simulated.put(name, true);
        String last = null;
        for (String k : simulated.keySet()) last = k;
        return name.equals(last);
    }
}
