package org.distill.examples.halos;

import java.util.Objects;
import org.distill.neural.halos.HaloGraph;

/**
 * The target halos of a graph and their incoming edges as columns, what the formulas evaluate: per
 * halo M_i, |v_i| and the target y; per edge (grouped by halo: halo t owns edges
 * {@code [offsets[t], offsets[t+1])}) the distance r, M_i, M_j and |v_i − v_j|.
 */
public record HaloTable(double[] mi, double[] vi, double[] y, int[] offsets, double[] r, double[] edgeMi, double[] mj,
                        double[] dv) {
    public HaloTable {
        Objects.requireNonNull(mi, "mi");
        if (vi.length != mi.length || y.length != mi.length || offsets.length != mi.length + 1) {
            throw new IllegalArgumentException("per-halo columns differ in length");
        }
        int e = offsets[mi.length];
        if (r.length != e || edgeMi.length != e || mj.length != e || dv.length != e) throw new IllegalArgumentException("per-edge columns differ in length");
    }

    /** The table of {@code graph.targets()}, in that order. */
    public static HaloTable of(HaloGraph graph) {
        int[] t = graph.targets();
        HaloGraph.Incoming in = graph.incoming();
        int[] off = new int[t.length + 1];
        for (int k = 0; k < t.length; k++) off[k + 1] = off[k] + in.degree(t[k]);
        int e = off[t.length];
        double[] mi = new double[t.length], vi = new double[t.length], y = new double[t.length];
        double[] r = new double[e], emi = new double[e], mj = new double[e], dv = new double[e];
        for (int k = 0; k < t.length; k++) {
            int i = t[k];
            mi[k] = graph.mass()[i];
            vi[k] = graph.speed()[i];
            y[k] = graph.target()[i];
            int at = off[k];
            for (int q = in.offsets()[i]; q < in.offsets()[i + 1]; q++, at++) {
                int edge = in.edgesOf()[q];
                r[at] = graph.distance()[edge];
                emi[at] = mi[k];
                mj[at] = graph.mass()[graph.sender()[edge]];
                dv[at] = graph.relativeSpeed()[edge];
            }
        }
        return new HaloTable(mi, vi, y, off, r, emi, mj, dv);
    }

    /** At most {@code max} of the halos (with all their edges), drawn without replacement with {@code seed}, in table order. */
    public HaloTable sample(int max, long seed) {
        int n = size();
        if (n <= max) return this;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        var random = new java.util.SplittableRandom(seed);
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(n - i), t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] rows = java.util.Arrays.copyOf(idx, max);
        java.util.Arrays.sort(rows);
        int[] off = new int[max + 1];
        for (int k = 0; k < max; k++) off[k + 1] = off[k] + offsets[rows[k] + 1] - offsets[rows[k]];
        double[] a = new double[max], b = new double[max], c = new double[max];
        double[] er = new double[off[max]], emi = new double[off[max]], emj = new double[off[max]], edv = new double[off[max]];
        for (int k = 0; k < max; k++) {
            int h = rows[k];
            a[k] = mi[h];
            b[k] = vi[h];
            c[k] = y[h];
            int len = offsets[h + 1] - offsets[h];
            System.arraycopy(r, offsets[h], er, off[k], len);
            System.arraycopy(edgeMi, offsets[h], emi, off[k], len);
            System.arraycopy(mj, offsets[h], emj, off[k], len);
            System.arraycopy(dv, offsets[h], edv, off[k], len);
        }
        return new HaloTable(a, b, c, off, er, emi, emj, edv);
    }

    /** Number of halos. */
    public int size() { return mi.length; }

    /** Number of edges. */
    public int edges() { return r.length; }

    /** Per halo, the sum over its edges of {@code perEdge}. */
    public double[] sum(double[] perEdge) {
        double[] s = new double[size()];
        for (int t = 0; t < s.length; t++)
            for (int e = offsets[t]; e < offsets[t + 1]; e++) s[t] += perEdge[e];
        return s;
    }

    /** Mean |y − ŷ|. */
    public double error(double[] predicted) {
        if (predicted.length != size()) throw new IllegalArgumentException(predicted.length + " predictions for " + size() + " halos");
        double s = 0;
        for (int t = 0; t < size(); t++) s += Math.abs(y[t] - predicted[t]);
        return s / size();
    }
}
