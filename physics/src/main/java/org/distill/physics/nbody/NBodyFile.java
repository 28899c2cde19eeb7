package org.distill.physics.nbody;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link GraphDataset} with a small text header of metadata (for generated data, {@link NBodyData#metadata()}),
 * as stored in a binary graph file.
 *
 * <p>The format, big-endian throughout: the 8 bytes {@code DSTLGRPH}; int version (1); int dim; int bodies; int
 * graphs; int metadata entry count, then each key and value as {@link java.io.DataOutput#writeUTF modified UTF-8};
 * the node features as {@code graphs·bodies·(2·dim + 2)} floats; the accelerations as {@code graphs·bodies·dim}
 * floats; nothing after. {@link GraphDataset#save} writes the same format with no metadata.
 *
 * @param metadata text header, in insertion order; keys non-empty
 * @param data     the graphs
 */
public record NBodyFile(Map<String, String> metadata, GraphDataset data) {

    public NBodyFile {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(data, "data");
        var copy = new LinkedHashMap<String, String>();
        metadata.forEach((k, v) -> {
            if (k == null || k.isEmpty()) throw new IllegalArgumentException("metadata key must be non-empty: '" + k + "'");
            copy.put(k, Objects.requireNonNull(v, () -> "metadata value of '" + k + "'"));
        });
        metadata = Collections.unmodifiableMap(copy);
    }

    /** Data generated from {@code config}, with its {@link NBodyData#metadata()}. */
    public static NBodyFile of(NBodyData config, GraphDataset data) {
        return new NBodyFile(config.metadata(), data);
    }

    /**
     * The generation settings recorded in the header.
     *
     * @throws IllegalArgumentException if the header does not hold them (e.g. the file came from
     *                                  {@link GraphDataset#save})
     */
    public NBodyData config() { return NBodyData.fromMetadata(metadata); }

    /** Writes the file (through a temporary file in the same folder, then a rename). */
    public void save(Path file) throws IOException { GraphFiles.write(file, metadata, data); }

    /**
     * Reads a file written by {@link #save} or {@link GraphDataset#save}.
     *
     * @throws IOException naming the file when it is not a graph file, has an unsupported version, is truncated or
     *                     has trailing bytes, or holds invalid values
     */
    public static NBodyFile load(Path file) throws IOException { return GraphFiles.read(file); }

    @Override public String toString() { return "NBodyFile[metadata=" + metadata + ", data=" + data + "]"; }
}
