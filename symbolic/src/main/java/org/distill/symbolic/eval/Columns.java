package org.distill.symbolic.eval;

/**
 * Column-major data as the evaluator reads it: {@code x[feature][row]}, target {@code y}, optional
 * weights {@code w} (null for uniform). The arrays are shared, not copied: treat them as read-only.
 */
public record Columns(double[][] x, double[] y, double[] w, int rows) {
    public Columns {
        if (rows < 1) throw new IllegalArgumentException("rows must be >= 1: " + rows);
        for (double[] c : x) {
            if (c.length < rows) throw new IllegalArgumentException("column shorter than " + rows + " rows");
        }
        if (y != null && y.length < rows) throw new IllegalArgumentException("y shorter than " + rows + " rows");
        if (w != null && w.length < rows) throw new IllegalArgumentException("w shorter than " + rows + " rows");
    }

    public int features() { return x.length; }

    /** The mean of {@code y} over the rows, weighted by {@code w} as the evaluator weighs a loss. */
    public double mean() {
        double mean = 0, total = 0;
        for (int i = 0; i < rows; i++) {
            double wi = w == null ? 1 : w[i];
            mean += wi * y[i];
            total += wi;
        }
        return mean / total;
    }

    /** The variance of {@code y} over the rows, weighted by {@code w} as the evaluator weighs a loss. */
    public double variance() {
        double mean = mean(), s = 0, total = 0;
        for (int i = 0; i < rows; i++) {
            double wi = w == null ? 1 : w[i];
            s += wi * (y[i] - mean) * (y[i] - mean);
            total += wi;
        }
        return s / total;
    }

    /** At most {@code max} evenly spaced rows (this view itself when it has no more). */
    public Columns evenlySpaced(int max) {
        if (max < 1) throw new IllegalArgumentException("max must be >= 1: " + max);
        if (rows <= max) return this;
        int[] idx = new int[max];
        for (int i = 0; i < max; i++) idx[i] = (int) ((long) i * rows / max);
        return subset(idx);
    }

    /** The rows at the given indices, copied into new arrays. */
    public Columns subset(int[] index) {
        double[][] xs = new double[x.length][index.length];
        double[] ys = y == null ? null : new double[index.length];
        double[] ws = w == null ? null : new double[index.length];
        for (int i = 0; i < index.length; i++) {
            int r = index[i];
            for (int j = 0; j < x.length; j++) xs[j][i] = x[j][r];
            if (ys != null) ys[i] = y[r];
            if (ws != null) ws[i] = w[r];
        }
        return new Columns(xs, ys, ws, index.length);
    }
}
