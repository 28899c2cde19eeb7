package org.distill.symbolic;

/** How {@link ParetoFront#select} picks one equation from the front. */
public enum Selection {
    /** The lowest loss. */
    ACCURACY,
    /** The highest score (−Δ log loss / Δ complexity against the next simpler equation). */
    SCORE,
    /**
     * The highest score among the equations that predict rows they were not fitted on about as well
     * as the best-validating one: validation loss at most the lowest plus one standard error of their
     * difference (the one-standard-error rule), or at most 1.5 × the lowest (PySR's margin, for
     * losses at round-off level), or, with the squared error, a simpler equation that the
     * best-validating one does not beat significantly in sample (F-test at 5 %, fitted constants as
     * parameters; on the eight planets, structured residuals of the outer planets let two or three
     * extra constants validate better than {@code c·a^1.5} without being significant). The validation loss refits each equation's constants on part of the rows and
     * measures the loss on the others ({@link Equation#validationLoss()}): a noise fit (a
     * high-frequency sine, a constant per outlier) lowers the training loss but not this one. Only
     * equations with at most one fitted constant per two rows take part: the structure was chosen
     * on all rows, so an equation that can nearly interpolate validates too well. On a
     * front without validation losses (progress reports), {@link #IN_SAMPLE}.
     */
    BEST,
    /**
     * The rule before validation, on the training loss: the highest score among equations with loss
     * ≤ 1.5 × the lowest loss (PySR's "best"); with the squared-error loss, an equation is also
     * eligible when the most accurate one is not significantly better than it (F-test on the
     * residual sums of squares at the 5 % level, with the fitted constants as parameters).
     */
    IN_SAMPLE
}
