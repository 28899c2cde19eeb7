package org.distill.physics.nbody;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.distill.physics.io.AtomicFile;

/** The binary graph file format described in {@link NBodyFile}. */
final class GraphFiles {
    static final byte[] MAGIC = "DSTLGRPH".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    private static final int MAX_METADATA = 1 << 16;
    private static final int CHUNK = 1 << 16;                  // bytes per bulk float transfer

    private GraphFiles() { }

    static void write(Path file, Map<String, String> metadata, GraphDataset data) throws IOException {
        AtomicFile.write(file, CHUNK, out -> {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(data.dim());
            out.writeInt(data.bodies());
            out.writeInt(data.graphs());
            out.writeInt(metadata.size());
            for (var e : metadata.entrySet()) {
                try {
                    out.writeUTF(e.getKey());
                    out.writeUTF(e.getValue());
                } catch (UTFDataFormatException tooLong) {
                    throw new IllegalArgumentException(file + ": metadata '" + e.getKey()
                            + "' is longer than 65535 bytes in modified UTF-8", tooLong);
                }
            }
            writeFloats(out, data.nodes());
            writeFloats(out, data.accelerations());
        });
    }

    static NBodyFile read(Path file) throws IOException {
        long size = Files.size(file);
        try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), CHUNK))) {
            byte[] magic = new byte[MAGIC.length];
            int got = in.readNBytes(magic, 0, magic.length);
            if (got < magic.length || !Arrays.equals(magic, MAGIC))
                throw new IOException(file + ": not a Distill graph file (the first 8 bytes are not 'DSTLGRPH')");
            int version = in.readInt();
            if (version != VERSION)
                throw new IOException(file + ": unsupported graph file version " + version + ", this reader knows " + VERSION);
            int dim = in.readInt(), bodies = in.readInt(), graphs = in.readInt(), entries = in.readInt();
            if (dim != 2 && dim != 3) throw new IOException(file + ": dim must be 2 or 3: " + dim);
            if (bodies < 2) throw new IOException(file + ": bodies must be at least 2: " + bodies);
            if (graphs < 0) throw new IOException(file + ": graph count is negative: " + graphs);
            if (entries < 0 || entries > MAX_METADATA)
                throw new IOException(file + ": metadata entry count must be in [0, " + MAX_METADATA + "]: " + entries);
            long nodeCount = (long) graphs * bodies * (2 * dim + 2), accelerationCount = (long) graphs * bodies * dim;
            long payload = 4 * (nodeCount + accelerationCount);
            if (nodeCount > Integer.MAX_VALUE - 8 || payload > size)
                throw new IOException(file + ": truncated: the header promises " + graphs + " graphs of " + bodies
                        + " bodies in " + dim + "-D (" + payload + " bytes of floats), the file has " + size + " bytes");
            Map<String, String> metadata = new LinkedHashMap<>();
            for (int k = 0; k < entries; k++) metadata.put(in.readUTF(), in.readUTF());
            float[] nodes = readFloats(in, (int) nodeCount);
            float[] accelerations = readFloats(in, (int) accelerationCount);
            if (in.read() != -1) throw new IOException(file + ": trailing bytes after " + graphs + " graphs");
            try {
                return new NBodyFile(metadata, new GraphDataset(dim, bodies, nodes, accelerations));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": invalid contents: " + e.getMessage(), e);
            }
        } catch (EOFException e) {
            EOFException named = new EOFException(file + ": truncated (" + size + " bytes)");
            named.initCause(e);
            throw named;
        } catch (UTFDataFormatException e) {
            throw new IOException(file + ": malformed metadata text", e);
        }
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        byte[] bytes = new byte[CHUNK];
        var floats = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).asFloatBuffer();
        for (int from = 0; from < values.length; ) {
            int count = Math.min(CHUNK / 4, values.length - from);
            floats.clear();
            floats.put(values, from, count);
            out.write(bytes, 0, 4 * count);
            from += count;
        }
    }

    private static float[] readFloats(DataInputStream in, int count) throws IOException {
        float[] values = new float[count];
        byte[] bytes = new byte[CHUNK];
        var floats = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).asFloatBuffer();
        for (int from = 0; from < count; ) {
            int n = Math.min(CHUNK / 4, count - from);
            in.readFully(bytes, 0, 4 * n);
            floats.clear();
            floats.get(values, from, n);
            from += n;
        }
        return values;
    }
}
