package org.distill.physics.nbody;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Fully connected particle graphs with their true accelerations: the training data of a graph network.
 *
 * <p>Each graph holds {@code bodies} nodes; a node's features are {@code [x (dim), v (dim), q, m]}, so
 * {@link #featureCount()} is {@code 2·dim + 2}. Arrays are flat, row-major and float (the network trains in
 * float32): node feature {@code f} of node {@code i} in graph {@code g} is
 * {@code nodes[(g·bodies + i)·featureCount + f]}, acceleration component {@code d} is
 * {@code accelerations[(g·bodies + i)·dim + d]}.
 *
 * @param dim           spatial dimension, 2 or 3
 * @param bodies        nodes per graph, at least 2
 * @param nodes         node features, {@code graphs·bodies·(2·dim + 2)} values
 * @param accelerations true accelerations, {@code graphs·bodies·dim} values
 */
public record GraphDataset(int dim, int bodies, float[] nodes, float[] accelerations) {

    public GraphDataset {
        if (dim != 2 && dim != 3) throw new IllegalArgumentException("dim must be 2 or 3: " + dim);
        if (bodies < 2) throw new IllegalArgumentException("bodies must be at least 2: " + bodies);
        int features = 2 * dim + 2;
        if (nodes.length % (bodies * features) != 0)
            throw new IllegalArgumentException("nodes has " + nodes.length + " values, not a multiple of bodies·features = "
                    + bodies * features);
        int graphs = nodes.length / (bodies * features);
        if (accelerations.length != graphs * bodies * dim)
            throw new IllegalArgumentException("accelerations has " + accelerations.length + " values, expected graphs·bodies·dim = "
                    + graphs * bodies * dim);
        for (int k = 0; k < nodes.length; k++)
            if (!Float.isFinite(nodes[k]))
                throw new IllegalArgumentException("node value " + k + " is not finite: " + nodes[k]);
        for (int k = 0; k < accelerations.length; k++)
            if (!Float.isFinite(accelerations[k]))
                throw new IllegalArgumentException("acceleration value " + k + " is not finite: " + accelerations[k]);
        nodes = nodes.clone();
        accelerations = accelerations.clone();
    }

    /** Features per node: position, velocity, charge, mass. */
    public int featureCount() { return 2 * dim + 2; }

    /** Number of graphs. */
    public int graphs() { return nodes.length / (bodies * featureCount()); }

    /** A copy of the node features (the record's array is never handed out). */
    @Override public float[] nodes() { return nodes.clone(); }

    /** A copy of the accelerations. */
    @Override public float[] accelerations() { return accelerations.clone(); }

    /** Node feature {@code f} of node {@code i} in graph {@code g}. */
    public float node(int g, int i, int f) { return nodes[(g * bodies + i) * featureCount() + f]; }

    /** Acceleration component {@code d} of node {@code i} in graph {@code g}. */
    public float acceleration(int g, int i, int d) { return accelerations[(g * bodies + i) * dim + d]; }

    /** The graphs {@code [from, to)} as a new data set. */
    public GraphDataset slice(int from, int to) {
        if (from < 0 || to > graphs() || from > to)
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") outside [0, " + graphs() + "]");
        int nf = bodies * featureCount(), na = bodies * dim;
        return new GraphDataset(dim, bodies, Arrays.copyOfRange(nodes, from * nf, to * nf),
                Arrays.copyOfRange(accelerations, from * na, to * na));
    }

    /**
     * Writes these graphs to {@code file} in the binary format of {@link NBodyFile}, with no metadata (use
     * {@link NBodyFile#save} to record how they were made).
     */
    public void save(Path file) throws IOException { GraphFiles.write(file, Map.of(), this); }

    /**
     * Reads the graphs of a file written by {@link #save} or {@link NBodyFile#save}, ignoring its metadata.
     *
     * @throws IOException naming the file when it is not a graph file, is truncated, or holds invalid values
     */
    public static GraphDataset load(Path file) throws IOException { return GraphFiles.read(file).data(); }

    @Override public boolean equals(Object o) {
        return o instanceof GraphDataset g && g.dim == dim && g.bodies == bodies
                && Arrays.equals(g.nodes, nodes) && Arrays.equals(g.accelerations, accelerations);
    }

    @Override public int hashCode() { return 31 * (31 * dim + bodies) + Arrays.hashCode(nodes) * 7 + Arrays.hashCode(accelerations); }

    @Override public String toString() {
        return "GraphDataset[dim=" + dim + ", bodies=" + bodies + ", graphs=" + graphs() + "]";
    }
}
