package org.distill.physics.cosmo.io;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.distill.physics.cosmo.HaloCatalog;
import org.distill.physics.io.AtomicFile;

/**
 * Halo catalogues as CSV, the format {@code distill cosmo sim} and {@code distill cosmo halos} write:
 * {@code #} comment lines first, two of which give the box and the redshift, then the header and one
 * row per halo.
 *
 * <pre>
 * # distill halo catalogue: x,y,z Mpc/h (comoving), vx,vy,vz km/s (peculiar), mass Msun/h, n particles
 * # box_size: 1000.0
 * # redshift: 0.0
 * x,y,z,vx,vy,vz,mass,n
 * 12.5,401.25,77.0,-310.5,12.0,95.25,1.3125E14,200
 * </pre>
 *
 * Floats are written in Java's shortest form that reads back to the same float32 (masses to the same
 * double), so a catalogue read back equals the one written. On reading, comment lines (any {@code #}
 * line, anywhere) and blank lines are skipped except for {@code box_size} (Mpc/h) and {@code redshift},
 * which must come before the header ({@code key: value} or {@code key = value}). Every problem is a
 * {@link FormatException} naming the file, the line and the column, e.g.
 * {@code halos.csv line 7, column 'mass': not a number: 'abc'}.
 */
public final class HaloCsv {
    /** The header row, and the columns in order. */
    public static final String HEADER = "x,y,z,vx,vy,vz,mass,n";

    private static final String[] COLUMNS = HEADER.split(",");

    private HaloCsv() { }

    /**
     * Writes {@code halos} to {@code file} (atomically: temporary file, then rename).
     *
     * @param overwrite whether an existing file may be replaced
     * @throws java.nio.file.FileAlreadyExistsException if the file exists and {@code overwrite} is false
     */
    public static void write(Path file, HaloCatalog halos, boolean overwrite) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(halos, "halos");
        Targets.refuseExisting(file, overwrite);
        AtomicFile.write(file, 1 << 16, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            w.write("# distill halo catalogue: x,y,z Mpc/h (comoving), vx,vy,vz km/s (peculiar), mass Msun/h, n particles\n");
            w.write("# box_size: " + halos.boxSize() + "\n");
            w.write("# redshift: " + halos.redshift() + "\n");
            w.write(HEADER + "\n");
            float[] p = halos.positions();
            float[] v = halos.velocities();
            double[] m = halos.masses();
            int[] n = halos.counts();
            StringBuilder line = new StringBuilder(160);
            for (int i = 0; i < halos.size(); i++) {
                line.setLength(0);
                for (int k = 0; k < 3; k++) line.append(p[3 * i + k]).append(',');
                for (int k = 0; k < 3; k++) line.append(v[3 * i + k]).append(',');
                line.append(m[i]).append(',').append(n[i]).append('\n');
                w.append(line);
            }
            w.flush();
        });
    }

    /**
     * Reads a catalogue written by {@link #write} (or by hand in the same format).
     *
     * @throws FormatException if the file is missing, lacks the box size, redshift or header, or a row is malformed
     * @throws IOException     if the file cannot be read
     */
    public static HaloCatalog read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (Files.isDirectory(file)) throw FormatException.of(file, "is a folder, not a halo catalogue");
        if (!Files.isRegularFile(file)) throw FormatException.of(file, "no such file");
        double box = Double.NaN, z = Double.NaN;
        boolean header = false;
        int n = 0;
        float[] pos = new float[3 * 64], vel = new float[3 * 64];
        double[] mass = new double[64];
        int[] counts = new int[64];
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            long line = 0;
            while ((text = in.readLine()) != null) {
                line++;
                if (line == 1 && text.startsWith("\uFEFF")) text = text.substring(1);
                String t = text.strip();
                if (t.isEmpty()) continue;
                if (t.startsWith("#")) {
                    if (!header) {
                        double[] kv = keyValue(file, line, t.substring(1).strip());
                        if (kv != null && kv[0] == 0) box = kv[1];
                        if (kv != null && kv[0] == 1) z = kv[1];
                    }
                    continue;
                }
                if (!header) {
                    if (!t.replace(" ", "").equals(HEADER)) {
                        throw FormatException.at(file, line, null, "expected the header " + HEADER + ", found '" + t + "'");
                    }
                    if (Double.isNaN(box)) throw FormatException.at(file, line, null, "no '# box_size: <Mpc/h>' comment line before the header");
                    if (Double.isNaN(z)) throw FormatException.at(file, line, null, "no '# redshift: <z>' comment line before the header");
                    header = true;
                    continue;
                }
                String[] cells = t.split(",", -1);
                if (cells.length != COLUMNS.length) {
                    throw FormatException.at(file, line, null, "has " + cells.length + " field" + (cells.length == 1 ? "" : "s")
                            + ", expected " + COLUMNS.length + " (" + HEADER + ")");
                }
                if (n == mass.length) {
                    pos = Arrays.copyOf(pos, 6 * n);
                    vel = Arrays.copyOf(vel, 6 * n);
                    mass = Arrays.copyOf(mass, 2 * n);
                    counts = Arrays.copyOf(counts, 2 * n);
                }
                for (int k = 0; k < 3; k++) {
                    pos[3 * n + k] = (float) number(file, line, k, cells[k], true);
                    vel[3 * n + k] = (float) number(file, line, 3 + k, cells[3 + k], true);
                }
                mass[n] = number(file, line, 6, cells[6], false);
                if (!(mass[n] > 0)) throw FormatException.at(file, line, "mass", "must be positive (Msun/h): " + cells[6].strip());
                String cell = cells[7].strip();
                try {
                    counts[n] = Integer.parseInt(cell);
                } catch (NumberFormatException e) {
                    throw FormatException.at(file, line, "n", "not a whole number: '" + cell + "'");
                }
                if (counts[n] < 1) throw FormatException.at(file, line, "n", "must be at least 1: " + counts[n]);
                n++;
            }
        }
        if (!header) throw FormatException.of(file, "no header line " + HEADER + " (is it a halo catalogue?)");
        try {
            return new HaloCatalog(box, z, Arrays.copyOf(pos, 3 * n), Arrays.copyOf(vel, 3 * n), Arrays.copyOf(mass, n),
                    Arrays.copyOf(counts, n));
        } catch (IllegalArgumentException e) {
            throw FormatException.of(file, e.getMessage(), e);
        }
    }

    /** {0, value} for box_size, {1, value} for redshift, null for any other comment. */
    private static double[] keyValue(Path file, long line, String comment) {
        int at = comment.indexOf(':');
        int eq = comment.indexOf('=');
        int split = at < 0 ? eq : eq < 0 ? at : Math.min(at, eq);
        if (split < 0) return null;
        String key = comment.substring(0, split).strip().toLowerCase(Locale.ROOT);
        int which = key.equals("box_size") ? 0 : key.equals("redshift") ? 1 : -1;
        if (which < 0) return null;
        String rest = comment.substring(split + 1).strip();
        String value = rest.split("\\s+", 2)[0];
        try {
            double v = Double.parseDouble(value);
            if (Double.isFinite(v)) return new double[] {which, v};
        } catch (NumberFormatException e) {
            // reported below
        }
        throw FormatException.at(file, line, null, "'" + key + "' is not a number: '" + value + "'");
    }

    private static double number(Path file, long line, int column, String cell, boolean asFloat) {
        String c = cell.strip();
        double v;
        try {
            v = asFloat ? Float.parseFloat(c) : Double.parseDouble(c);
        } catch (NumberFormatException e) {
            throw FormatException.at(file, line, COLUMNS[column], "not a number: '" + c + "'");
        }
        if (!Double.isFinite(v) || c.isEmpty()) throw FormatException.at(file, line, COLUMNS[column], "not a finite number: '" + c + "'");
        return v;
    }
}
