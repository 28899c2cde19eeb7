package org.distill.neural.gn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.distill.symbolic.Dataset;

/**
 * The messages of a trained graph network on every edge of a data set, beside the physical
 * quantities of the edge, as columns ready for distillation.
 *
 * <p>Edges are ordered graph by graph, receiver-major: edge {@code e} of graph {@code g} has
 * receiver {@link #receiver(int)} and sender {@link #sender(int)}. Index 1 is the receiver (the body
 * the message acts on), 2 the sender; {@code dx = x₁ − x₂}, {@code dv = v₁ − v₂},
 * {@code r = |dx|}. The arrays are copied in and out.
 *
 * @param dim      spatial dimension
 * @param bodies   nodes per graph
 * @param messages {@code messages[c][e]}: message component {@code c} on edge {@code e}
 * @param dx       {@code dx[d][e]}: separation component {@code d}
 * @param dv       {@code dv[d][e]}: relative velocity component {@code d}
 * @param r        distance
 * @param m1       receiver mass
 * @param m2       sender mass
 * @param q1       receiver charge
 * @param q2       sender charge
 */
public record EdgeMessages(int dim, int bodies, double[][] messages, double[][] dx, double[][] dv,
                           double[] r, double[] m1, double[] m2, double[] q1, double[] q2) {

    public EdgeMessages {
        if (dim < 1) throw new IllegalArgumentException("dim must be at least 1: " + dim);
        if (bodies < 2) throw new IllegalArgumentException("bodies must be at least 2: " + bodies);
        Objects.requireNonNull(messages, "messages");
        if (messages.length == 0) throw new IllegalArgumentException("messages has no components");
        if (dx.length != dim || dv.length != dim)
            throw new IllegalArgumentException("dx and dv need " + dim + " components: " + dx.length + ", " + dv.length);
        int edges = r.length;
        if (edges % (bodies * (bodies - 1)) != 0)
            throw new IllegalArgumentException(edges + " edges are not whole graphs of " + bodies + " bodies");
        for (double[][] columns : List.of(messages, dx, dv))
            for (double[] column : columns) sameLength(column, edges);
        for (double[] column : List.of(m1, m2, q1, q2)) sameLength(column, edges);
        messages = deepCopy(messages);
        dx = deepCopy(dx);
        dv = deepCopy(dv);
        r = r.clone(); m1 = m1.clone(); m2 = m2.clone(); q1 = q1.clone(); q2 = q2.clone();
    }

    private static void sameLength(double[] column, int edges) {
        if (column.length != edges)
            throw new IllegalArgumentException("a column has " + column.length + " values, r has " + edges);
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] copy = new double[a.length][];
        for (int i = 0; i < a.length; i++) copy[i] = a[i].clone();
        return copy;
    }

    /** Number of edges. */
    public int edges() { return r.length; }

    /** Number of message components. */
    public int messageDim() { return messages.length; }

    /** Graph of edge {@code e}. */
    public int graph(int e) { return e / (bodies * (bodies - 1)); }

    /** Receiver (node index within its graph) of edge {@code e}. */
    public int receiver(int e) { return e % (bodies * (bodies - 1)) / (bodies - 1); }

    /** Sender (node index within its graph) of edge {@code e}. */
    public int sender(int e) { return GraphPacker.sender(bodies, e % (bodies * (bodies - 1))); }

    /** A copy of message component {@code c}. */
    public double[] message(int c) {
        Objects.checkIndex(c, messages.length);
        return messages[c].clone();
    }

    /** Standard deviation of every message component over the edges. */
    public double[] standardDeviations() {
        double[] sd = new double[messages.length];
        for (int c = 0; c < sd.length; c++) sd[c] = standardDeviation(messages[c]);
        return sd;
    }

    static double standardDeviation(double[] x) {
        double mean = 0;
        for (double v : x) mean += v;
        mean /= x.length;
        double s = 0;
        for (double v : x) s += (v - mean) * (v - mean);
        return Math.sqrt(s / x.length);
    }

    /** Names of the edge variables in {@link #toDataset(int)} order: dx, dy[, dz], dvx, dvy[, dvz], r, m1, m2, q1, q2. */
    public List<String> variables() {
        var names = new ArrayList<String>();
        String axes = "xyz";
        for (int d = 0; d < dim; d++) names.add(dim <= 3 ? "d" + axes.charAt(d) : "dx" + d);
        for (int d = 0; d < dim; d++) names.add(dim <= 3 ? "dv" + axes.charAt(d) : "dv" + d);
        names.addAll(List.of("r", "m1", "m2", "q1", "q2"));
        return names;
    }

    /** The edge variables as features and message component {@code c} as target (named {@code message<c>}). */
    public Dataset toDataset(int component) {
        Objects.checkIndex(component, messages.length);
        double[][] columns = new double[2 * dim + 5][];
        for (int d = 0; d < dim; d++) {
            columns[d] = dx[d];
            columns[dim + d] = dv[d];
        }
        columns[2 * dim] = r;
        columns[2 * dim + 1] = m1;
        columns[2 * dim + 2] = m2;
        columns[2 * dim + 3] = q1;
        columns[2 * dim + 4] = q2;
        return Dataset.ofColumns(columns, messages[component]).withVariables(variables())
                .withTarget("message" + component);
    }

    @Override public double[][] messages() { return deepCopy(messages); }
    @Override public double[][] dx() { return deepCopy(dx); }
    @Override public double[][] dv() { return deepCopy(dv); }
    @Override public double[] r() { return r.clone(); }
    @Override public double[] m1() { return m1.clone(); }
    @Override public double[] m2() { return m2.clone(); }
    @Override public double[] q1() { return q1.clone(); }
    @Override public double[] q2() { return q2.clone(); }

    @Override public String toString() {
        return "EdgeMessages[edges=" + edges() + ", messageDim=" + messageDim() + ", dim=" + dim + ", bodies=" + bodies + "]";
    }
}
