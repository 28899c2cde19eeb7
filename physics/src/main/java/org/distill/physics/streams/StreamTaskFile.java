package org.distill.physics.streams;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.distill.physics.io.AtomicFile;

/**
 * A compact binary file of {@link StreamTask}s. Big-endian: the 8 bytes {@code DSTLSTRM}; int version (1); int
 * number of parameters per task ({@link StreamParameters#NAMES}, 18); int task count; then per task: int id; the
 * parameters as doubles; int star count n; the 7 star columns ({@link StarCatalog#COLUMNS} order) as n floats each;
 * the member flags packed 8 to a byte, lowest bit first. Star values are stored at float precision, which is how
 * {@link StreamTaskGenerator} makes them, so generated tasks load back equal.
 */
public final class StreamTaskFile {
    static final byte[] MAGIC = "DSTLSTRM".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;

    private StreamTaskFile() { }

    /** Writes the tasks (through a temporary file in the same folder, then a rename). */
    public static void save(Path file, List<StreamTask> tasks) throws IOException {
        Objects.requireNonNull(tasks, "tasks");
        AtomicFile.write(file, 1 << 16, out -> {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(StreamParameters.NAMES.size());
            out.writeInt(tasks.size());
            for (StreamTask t : tasks) {
                out.writeInt(t.id());
                for (double v : t.parameters().toArray()) out.writeDouble(v);
                int n = t.size();
                out.writeInt(n);
                for (int c = 0; c < 7; c++) for (double v : t.stars().column(c)) out.writeFloat((float) v);
                byte[] bits = new byte[(n + 7) / 8];
                boolean[] member = t.member();
                for (int i = 0; i < n; i++) if (member[i]) bits[i >> 3] |= (byte) (1 << (i & 7));
                out.write(bits);
            }
        });
    }

    /**
     * Reads a file written by {@link #save}.
     *
     * @throws IOException naming the file when it is not a stream-task file, has another version, is truncated or has
     *                     trailing bytes, or holds invalid values
     */
    public static List<StreamTask> load(Path file) throws IOException {
        long size = Files.size(file);
        try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC))
                throw new IOException(file + ": not a Distill stream-task file (the first 8 bytes are not 'DSTLSTRM')");
            int version = in.readInt();
            if (version != VERSION)
                throw new IOException(file + ": unsupported stream-task file version " + version + ", this reader knows "
                        + VERSION);
            int names = in.readInt();
            if (names != StreamParameters.NAMES.size())
                throw new IOException(file + ": " + names + " parameters per task, expected " + StreamParameters.NAMES.size());
            int count = in.readInt();
            if (count < 0) throw new IOException(file + ": negative task count " + count);
            List<StreamTask> tasks = new ArrayList<>(Math.min(count, 1 << 16));
            for (int k = 0; k < count; k++) {
                int id = in.readInt();
                double[] p = new double[names];
                for (int i = 0; i < names; i++) p[i] = in.readDouble();
                int n = in.readInt();
                if (n < 0 || 28L * n > size)
                    throw new IOException(file + ": task " + k + " claims " + n + " stars, more than the file holds");
                double[][] cols = new double[7][n];
                for (int c = 0; c < 7; c++) for (int i = 0; i < n; i++) cols[c][i] = in.readFloat();
                byte[] bits = in.readNBytes((n + 7) / 8);
                if (bits.length < (n + 7) / 8) throw new EOFException();
                boolean[] member = new boolean[n];
                for (int i = 0; i < n; i++) member[i] = (bits[i >> 3] >> (i & 7) & 1) != 0;
                try {
                    tasks.add(new StreamTask(id, StreamParameters.fromArray(p),
                            new StarCatalog(cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6]), member));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ": task " + k + ": invalid contents: " + e.getMessage(), e);
                }
            }
            if (in.read() != -1) throw new IOException(file + ": trailing bytes after " + count + " tasks");
            return tasks;
        } catch (EOFException e) {
            EOFException named = new EOFException(file + ": truncated (" + size + " bytes)");
            named.initCause(e);
            throw named;
        }
    }
}
