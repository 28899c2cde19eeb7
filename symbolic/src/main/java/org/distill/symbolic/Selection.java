package org.distill.symbolic;

/** How {@link ParetoFront#select} picks one equation from the front. */
public enum Selection {
    /** The lowest loss. */
    ACCURACY,
    /** The highest score (−Δ log loss / Δ complexity against the next simpler equation). */
    SCORE,
    /**
     * The highest score among equations with loss ≤ 1.5 × the lowest loss (PySR's "best"). With the
     * squared-error loss, an equation is also eligible when the most accurate one is not
     * significantly better than it (F-test on the residual sums of squares at the 5 % level, with
     * the fitted constants as parameters): on small noisy data sets, such as the eight planets, a
     * few extra constants can halve the loss by fitting noise.
     */
    BEST
}
