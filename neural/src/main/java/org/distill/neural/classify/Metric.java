package org.distill.neural.classify;

import java.util.Locale;

/** The scores of a binary classification reported per task; see {@link BinaryMetrics}. */
public enum Metric {
    PRECISION, RECALL, F1, BALANCED_ACCURACY, MCC;

    /** Lower-case name with underscores, as in JSON: {@code balanced_accuracy}. */
    public String label() { return name().toLowerCase(Locale.ROOT); }
}
