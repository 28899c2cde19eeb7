package org.distill.neural.halos;

import java.util.Arrays;
import java.util.Objects;

/**
 * Halos and the edges between them, as a halo graph network reads them: per node its mass (10¹² M☉/h),
 * its speed |v| (km/s) and its target (for example the standardised overdensity; NaN where unknown);
 * per directed edge its receiver i, sender j, periodic distance |r_i − r_j| (Mpc/h) and relative speed
 * |v_i − v_j| (km/s). Several boxes are one graph with no edge between them. {@link #targets()} names the
 * nodes a network is trained or evaluated on ({@link #withTargets}); their neighbours may be any node.
 * {@link #of} copies the arrays; the accessors return them uncopied: treat them as read-only.
 *
 * @param mass           per node, 10¹² M☉/h, positive
 * @param speed          per node, km/s, ≥ 0
 * @param target         per node, the quantity to predict (NaN where unknown)
 * @param receiver       per edge, the node whose prediction it feeds
 * @param sender         per edge, the neighbour
 * @param distance       per edge, periodic distance, Mpc/h, positive
 * @param relativeSpeed  per edge, |v_i − v_j|, km/s, ≥ 0
 * @param targets        the nodes to train or evaluate on, ascending, distinct
 */
public record HaloGraph(double[] mass, double[] speed, double[] target, int[] receiver, int[] sender,
                        double[] distance, double[] relativeSpeed, int[] targets) {
    public HaloGraph {
        Objects.requireNonNull(mass, "mass");
        Objects.requireNonNull(speed, "speed");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(distance, "distance");
        Objects.requireNonNull(relativeSpeed, "relativeSpeed");
        Objects.requireNonNull(targets, "targets");
        int n = mass.length, e = receiver.length;
        if (speed.length != n || target.length != n) {
            throw new IllegalArgumentException("per-node arrays differ in length: mass " + n + ", speed " + speed.length
                    + ", target " + target.length);
        }
        if (sender.length != e || distance.length != e || relativeSpeed.length != e) {
            throw new IllegalArgumentException("per-edge arrays differ in length: receiver " + e + ", sender " + sender.length
                    + ", distance " + distance.length + ", relativeSpeed " + relativeSpeed.length);
        }
        for (int i = 0; i < n; i++) {
            if (!(mass[i] > 0) || Double.isInfinite(mass[i])) throw new IllegalArgumentException("mass of node " + i + " must be positive and finite: " + mass[i]);
            if (!(speed[i] >= 0) || Double.isInfinite(speed[i])) throw new IllegalArgumentException("speed of node " + i + " must be finite and >= 0: " + speed[i]);
        }
        for (int k = 0; k < e; k++) {
            if (receiver[k] < 0 || receiver[k] >= n || sender[k] < 0 || sender[k] >= n) {
                throw new IllegalArgumentException("edge " + k + " joins nodes " + receiver[k] + " and " + sender[k] + ", expected both in [0, " + n + ")");
            }
            if (receiver[k] == sender[k]) throw new IllegalArgumentException("edge " + k + " is a loop on node " + receiver[k]);
            if (!(distance[k] > 0) || Double.isInfinite(distance[k])) throw new IllegalArgumentException("distance of edge " + k + " must be positive and finite: " + distance[k]);
            if (!(relativeSpeed[k] >= 0) || Double.isInfinite(relativeSpeed[k])) throw new IllegalArgumentException("relativeSpeed of edge " + k + " must be finite and >= 0: " + relativeSpeed[k]);
        }
        for (int t = 0; t < targets.length; t++) {
            if (targets[t] < 0 || targets[t] >= n) throw new IllegalArgumentException("target node " + targets[t] + " is not in [0, " + n + ")");
            if (t > 0 && targets[t] <= targets[t - 1]) throw new IllegalArgumentException("targets must be ascending and distinct: " + targets[t - 1] + " then " + targets[t]);
        }
    }

    /** A graph whose targets are every node with a finite target; arrays are copied. */
    public static HaloGraph of(double[] mass, double[] speed, double[] target, int[] receiver, int[] sender,
                               double[] distance, double[] relativeSpeed) {
        int[] all = java.util.stream.IntStream.range(0, target.length).filter(i -> Double.isFinite(target[i])).toArray();
        return new HaloGraph(mass.clone(), speed.clone(), target.clone(), receiver.clone(), sender.clone(), distance.clone(),
                relativeSpeed.clone(), all);
    }

    /** The same graph, trained or evaluated on {@code nodes} (sorted; each must have a finite target). */
    public HaloGraph withTargets(int[] nodes) {
        int[] sorted = nodes.clone();
        Arrays.sort(sorted);
        for (int i : sorted) {
            if (i < 0 || i >= nodes()) throw new IllegalArgumentException("target node " + i + " is not in [0, " + nodes() + ")");
            if (!Double.isFinite(target[i])) throw new IllegalArgumentException("node " + i + " has no finite target: " + target[i]);
        }
        return new HaloGraph(mass, speed, target, receiver, sender, distance, relativeSpeed, sorted);
    }

    /** Number of nodes. */
    public int nodes() { return mass.length; }

    /** Number of directed edges. */
    public int edges() { return receiver.length; }

    /** The target values of {@link #targets()}, in that order. */
    public double[] targetValues() {
        double[] y = new double[targets.length];
        for (int t = 0; t < y.length; t++) y[t] = target[targets[t]];
        return y;
    }

    /**
     * The incoming edges of every node: {@code edgesOf[offsets[i] .. offsets[i+1])} are the edges whose
     * receiver is node i, in edge order.
     */
    public Incoming incoming() {
        int n = nodes();
        int[] offsets = new int[n + 1];
        for (int r : receiver) offsets[r + 1]++;
        for (int i = 0; i < n; i++) offsets[i + 1] += offsets[i];
        int[] fill = Arrays.copyOf(offsets, n);
        int[] edgesOf = new int[edges()];
        for (int k = 0; k < edges(); k++) edgesOf[fill[receiver[k]]++] = k;
        return new Incoming(offsets, edgesOf);
    }

    /** Incoming edges per node (compressed rows). */
    public record Incoming(int[] offsets, int[] edgesOf) {
        /** In-degree of node i. */
        public int degree(int i) { return offsets[i + 1] - offsets[i]; }
    }

    @Override public boolean equals(Object o) { return this == o; }

    @Override public int hashCode() { return System.identityHashCode(this); }

    @Override public String toString() {
        return "HaloGraph[" + nodes() + " nodes, " + edges() + " edges, " + targets.length + " targets]";
    }
}
