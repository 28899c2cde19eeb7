package org.distill.symbolic;

import java.util.Locale;
import java.util.Objects;
import org.distill.symbolic.eval.Loss;

/**
 * Per-row weights the search adds to a data set ({@link SymbolicRegressor.Builder#weighting}): none,
 * or weights that make the loss a relative error, for targets whose noise is relative and whose
 * values span many decades (forces from 1e15 to 1e22 N), where the plain mean squared error is
 * decided by the two or three largest rows.
 *
 * <p>{@link #RELATIVE} weighs row {@code i} by {@code 1/y_i²} ({@code 1/|y_i|} with the
 * {@link Loss#MAE mae} loss), so that the weighted mean squared error is
 * {@code Σ (r_i/y_i)² / Σ 1/y_i²}: the mean relative squared error, times a constant of the data
 * (losses stay in the target's units squared). The weights are normalised so that the largest is 1
 * (a weighted mean does not depend on their scale). Weights already on the data set multiply
 * them: give {@code RELATIVE} only when those do not already account for the target's magnitude.
 * {@link #AUTO} is {@code RELATIVE} when the target {@linkplain #spansDecades spans decades}
 * (the criterion under which the {@code denoise} setting smooths {@code log|y|}), {@code NONE}
 * otherwise.
 */
public enum Weighting {
    /** The data set as given (the default). */
    NONE,
    /** Weights {@code 1/y²} ({@code 1/|y|} for mae): a relative error. Needs a target without zeros. */
    RELATIVE,
    /** {@link #RELATIVE} when the target is of one sign, without zeros, and spans more than a factor 100. */
    AUTO;

    /** {@code AUTO} picks {@link #RELATIVE} when the target's largest magnitude exceeds this factor times its smallest. */
    public static final double SPAN = 100;

    /** {@code none}, {@code relative} or {@code auto} (any case). */
    public static Weighting named(String name) {
        Objects.requireNonNull(name, "name");
        for (Weighting w : values()) if (w.name().equalsIgnoreCase(name.strip())) return w;
        throw new IllegalArgumentException("unknown weighting '" + name + "': expected none, relative or auto");
    }

    /**
     * Whether the target is of one sign, has no zero and its largest magnitude is more than
     * {@value #SPAN} times its smallest: {@link #AUTO}'s criterion (and the one under which the
     * Gaussian-process smoother works on {@code log|y|}).
     */
    public static boolean spansDecades(double[] y) {
        Objects.requireNonNull(y, "y");
        if (y.length == 0) return false;
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        boolean positive = y[0] > 0;
        for (double v : y) {
            if (!(v != 0) || (v > 0) != positive) return false; // a zero, a NaN or a sign change
            double a = Math.abs(v);
            lo = Math.min(lo, a);
            hi = Math.max(hi, a);
        }
        return hi > SPAN * lo;
    }

    /** What this weighting does on target {@code y}: {@link #NONE} or {@link #RELATIVE} ({@link #AUTO} decided). */
    public Weighting resolve(double[] y) {
        Objects.requireNonNull(y, "y");
        return this == AUTO ? (spansDecades(y) ? RELATIVE : NONE) : this;
    }

    /**
     * The data set the search fits: {@code data} itself when this weighting
     * {@linkplain #resolve resolves} to {@link #NONE}, else a copy whose weights are the relative
     * ones times the data set's own (if any).
     *
     * @throws IllegalArgumentException when a relative weighting meets a target of 0, naming the row
     */
    public Dataset apply(Dataset data, Loss loss) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(loss, "loss");
        double[] y = data.y();
        if (resolve(y) == NONE) return data;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < y.length; i++) {
            if (y[i] == 0) {
                throw new IllegalArgumentException("target row " + i + " is 0: relative weights 1/y² need a nonzero "
                        + "target on every row (use weighting none, or leave the row out)");
            }
            min = Math.min(min, Math.abs(y[i]));
        }
        double power = loss == Loss.MAE ? 1 : 2;
        double[] given = data.weights();
        double[] w = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double ratio = min / Math.abs(y[i]); // in (0, 1]: the largest weight is 1
            w[i] = (power == 1 ? ratio : ratio * ratio) * (given == null ? 1 : given[i]);
        }
        return data.withWeights(w);
    }

    @Override public String toString() { return name().toLowerCase(Locale.ROOT); }
}
