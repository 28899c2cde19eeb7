package org.distill.neural.sets;

import java.util.Arrays;
import java.util.Objects;

/**
 * Per-window feature scaling: each column shifted by its median and divided by its robust spread
 * (interquartile range / 1.349, the standard deviation for a Gaussian), both taken over all stars of the
 * window, labelled or not.
 *
 * <p>Why per window and from all its stars: the support set is too small for statistics (five stars say
 * little about the scale of anything), while the window's thousands of unlabelled field stars are
 * available at prediction time too and fix a stable frame: position relative to the window's centre,
 * proper motions and parallax relative to the local field, magnitudes and colours relative to the
 * field's. The model then learns "a member resembles the support and differs from the field" in units
 * that mean the same in every window. Robust statistics keep the heavy proper-motion tails of the field
 * from setting the scale, and scaled values are clipped to ±{@value #CLIP} so that a few extreme field
 * stars cannot saturate the network. A column with no spread (IQR 0) falls back to its standard
 * deviation, then 1.
 *
 * @param center per-column median
 * @param scale  per-column robust spread, &gt; 0
 */
public record Standardization(float[] center, float[] scale) {
    /** Scaled values are clipped to [−CLIP, CLIP]. */
    public static final float CLIP = 10f;

    public Standardization {
        Objects.requireNonNull(center, "center");
        Objects.requireNonNull(scale, "scale");
        if (center.length != scale.length)
            throw new IllegalArgumentException("center has " + center.length + " columns, scale " + scale.length);
        for (int j = 0; j < scale.length; j++)
            if (!(scale[j] > 0) || !Float.isFinite(scale[j]) || !Float.isFinite(center[j]))
                throw new IllegalArgumentException("column " + j + ": center must be finite and scale finite and > 0: "
                        + center[j] + ", " + scale[j]);
        center = center.clone();
        scale = scale.clone();
    }

    /** The scaling of a window from all its stars (n rows of equal width). */
    public static Standardization of(float[][] stars) {
        Objects.requireNonNull(stars, "stars");
        if (stars.length == 0) throw new IllegalArgumentException("stars has no rows");
        int n = stars.length, d = stars[0].length;
        float[] center = new float[d], scale = new float[d];
        float[] column = new float[n];
        for (int j = 0; j < d; j++) {
            double sum = 0, ss = 0;
            for (int i = 0; i < n; i++) {
                if (stars[i].length != d)
                    throw new IllegalArgumentException("stars row " + i + " has " + stars[i].length + " columns, row 0 has " + d);
                column[i] = stars[i][j];
                sum += column[i];
            }
            Arrays.sort(column);
            center[j] = quantile(column, 0.5);
            double iqr = quantile(column, 0.75) - quantile(column, 0.25);
            double mean = sum / n;
            for (int i = 0; i < n; i++) ss += (column[i] - mean) * (column[i] - mean);
            double sd = Math.sqrt(ss / n);
            double s = iqr > 0 ? iqr / 1.349 : sd > 0 ? sd : 1;
            scale[j] = (float) s;
        }
        return new Standardization(center, scale);
    }

    /** Linear interpolation between order statistics (type 7, as NumPy's default). */
    static float quantile(float[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h), hi = Math.min(lo + 1, sorted.length - 1);
        return (float) (sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]));
    }

    /** Columns. */
    public int width() { return center.length; }

    @Override public float[] center() { return center.clone(); }
    @Override public float[] scale() { return scale.clone(); }

    /** The scaled rows, clipped to ±{@value #CLIP}, flat row-major ({@code n × width}). */
    public float[] apply(float[][] stars) {
        int d = center.length;
        float[] out = new float[stars.length * d];
        for (int i = 0; i < stars.length; i++) {
            if (stars[i].length != d)
                throw new IllegalArgumentException("stars row " + i + " has " + stars[i].length + " columns, expected " + d);
            for (int j = 0; j < d; j++) out[i * d + j] = Math.max(-CLIP, Math.min(CLIP, (stars[i][j] - center[j]) / scale[j]));
        }
        return out;
    }
}
