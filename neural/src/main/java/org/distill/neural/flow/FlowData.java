package org.distill.neural.flow;

import java.util.Arrays;
import java.util.Objects;

/**
 * Training rows of a conditional flow p(x | c): observables x (rows × dimensions) with their box (x is mapped to
 * unbounded space per dimension, by a logit or the probit of a reference CDF estimated from these rows, its Jacobian
 * kept in the density; see {@link FlowConfig#referenceBins()}), and conditions c (rows × conditions).
 *
 * @param x     observables, every value strictly inside (lower, upper)
 * @param c     conditions, finite
 * @param lower lower edge of each observable's support
 * <p>Optionally ({@link #withRatios}) each row also carries a second condition {@code c'} and the exact
 * {@code log p(x | c') − log p(x | c)}, for training with {@link FlowConfig#ratioWeight()}.
 *
 * @param upper    upper edge of each observable's support, above {@code lower}
 * @param paired   per row a second condition c' (rows × conditions), or null
 * @param logRatio per row the exact log p(x | c') − log p(x | c), finite, or null (null exactly when {@code paired} is)
 */
public record FlowData(double[][] x, double[][] c, double[] lower, double[] upper, double[][] paired, double[] logRatio) {
    /** Rows without paired conditions. */
    public FlowData(double[][] x, double[][] c, double[] lower, double[] upper) {
        this(x, c, lower, upper, null, null);
    }

    public FlowData {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(c, "c");
        lower = Objects.requireNonNull(lower, "lower").clone();
        upper = Objects.requireNonNull(upper, "upper").clone();
        if (x.length != c.length) throw new IllegalArgumentException("x has " + x.length + " rows, c has " + c.length);
        if (x.length < 2) throw new IllegalArgumentException("need at least 2 rows: " + x.length);
        int d = lower.length;
        if (d < 2) throw new IllegalArgumentException("a flow needs at least 2 dimensions: " + d);
        if (upper.length != d) throw new IllegalArgumentException("lower has " + d + " edges, upper " + upper.length);
        for (int k = 0; k < d; k++)
            if (!(lower[k] < upper[k]) || !Double.isFinite(lower[k]) || !Double.isFinite(upper[k]))
                throw new IllegalArgumentException("dimension " + k + ": need finite lower < upper: " + lower[k] + ", " + upper[k]);
        int m = c[0].length;
        if (m < 1) throw new IllegalArgumentException("need at least one condition");
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != d) throw new IllegalArgumentException("row " + i + " has " + x[i].length + " observables, expected " + d);
            if (c[i].length != m) throw new IllegalArgumentException("row " + i + " has " + c[i].length + " conditions, expected " + m);
            for (int k = 0; k < d; k++)
                if (!(x[i][k] > lower[k] && x[i][k] < upper[k]))
                    throw new IllegalArgumentException("row " + i + ", observable " + k + ": " + x[i][k] + " not inside ("
                            + lower[k] + ", " + upper[k] + ")");
            for (double v : c[i]) if (!Double.isFinite(v)) throw new IllegalArgumentException("row " + i + ": condition " + v);
        }
        if ((paired == null) != (logRatio == null))
            throw new IllegalArgumentException("paired conditions and log-ratios come together: "
                    + (paired == null ? "no paired conditions" : "no log-ratios"));
        if (paired != null) {
            if (paired.length != x.length || logRatio.length != x.length)
                throw new IllegalArgumentException(x.length + " rows, " + paired.length + " paired conditions, "
                        + logRatio.length + " log-ratios");
            for (int i = 0; i < x.length; i++) {
                if (paired[i].length != m)
                    throw new IllegalArgumentException("row " + i + " has " + paired[i].length + " paired conditions, expected " + m);
                for (double v : paired[i])
                    if (!Double.isFinite(v)) throw new IllegalArgumentException("row " + i + ": paired condition " + v);
                if (!Double.isFinite(logRatio[i])) throw new IllegalArgumentException("row " + i + ": log-ratio " + logRatio[i]);
            }
        }
    }

    /**
     * These rows with a second condition per row and the exact log-density ratio {@code log p(x | c') − log p(x | c)}:
     * what {@link FlowConfig#ratioWeight()} trains on.
     *
     * @throws IllegalArgumentException if the lengths do not match the rows or a value is not finite
     */
    public FlowData withRatios(double[][] paired, double[] logRatio) {
        return new FlowData(x, c, lower, upper, Objects.requireNonNull(paired, "paired"), Objects.requireNonNull(logRatio, "logRatio"));
    }

    /** Whether the rows carry paired conditions and log-ratios. */
    public boolean hasRatios() { return paired != null; }

    public int rows() { return x.length; }

    public int dimensions() { return lower.length; }

    public int conditions() { return c[0].length; }

    @Override public String toString() {
        return "FlowData[" + rows() + " rows, " + dimensions() + " observables in " + Arrays.toString(lower) + "–"
                + Arrays.toString(upper) + ", " + conditions() + " conditions" + (hasRatios() ? ", with log-ratios" : "") + "]";
    }
}
