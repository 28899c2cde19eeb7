package org.distill.neural.classify;

import java.util.Objects;

/**
 * The confusion counts of a binary classification and the usual scores made from them.
 *
 * <p>Conventions where a denominator is zero (as scikit-learn's {@code zero_division=0}): precision is 0
 * when nothing is predicted positive, recall 0 when nothing is positive, F1 0 when precision + recall is
 * 0, MCC 0 when any of its four marginal sums is 0; balanced accuracy averages the rates of the classes
 * that occur (the one rate when only one does).
 *
 * <pre>{@code
 * BinaryMetrics m = BinaryMetrics.of(truth, predicted);
 * double mcc = m.mcc();
 * }</pre>
 *
 * @param truePositives  positives predicted positive
 * @param falsePositives negatives predicted positive
 * @param trueNegatives  negatives predicted negative
 * @param falseNegatives positives predicted negative
 */
public record BinaryMetrics(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {
    public BinaryMetrics {
        if (truePositives < 0 || falsePositives < 0 || trueNegatives < 0 || falseNegatives < 0)
            throw new IllegalArgumentException("confusion counts must be >= 0: tp=" + truePositives + ", fp="
                    + falsePositives + ", tn=" + trueNegatives + ", fn=" + falseNegatives);
    }

    /** The counts of {@code predicted} against {@code truth}, element by element. */
    public static BinaryMetrics of(boolean[] truth, boolean[] predicted) {
        return of(truth, predicted, null);
    }

    /**
     * The counts of {@code predicted} against {@code truth} over the elements not in {@code excluded}
     * (indices, for example the support stars a method was given; null or empty for none).
     */
    public static BinaryMetrics of(boolean[] truth, boolean[] predicted, int[] excluded) {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(predicted, "predicted");
        if (truth.length != predicted.length)
            throw new IllegalArgumentException("truth has " + truth.length + " elements, predicted " + predicted.length);
        boolean[] skip = new boolean[truth.length];
        if (excluded != null)
            for (int i : excluded) {
                if (i < 0 || i >= truth.length)
                    throw new IllegalArgumentException("excluded index must be in [0, " + truth.length + "): " + i);
                skip[i] = true;
            }
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < truth.length; i++) {
            if (skip[i]) continue;
            if (truth[i]) {
                if (predicted[i]) tp++;
                else fn++;
            } else if (predicted[i]) {
                fp++;
            } else {
                tn++;
            }
        }
        return new BinaryMetrics(tp, fp, tn, fn);
    }

    /** Elements counted. */
    public long total() { return truePositives + falsePositives + trueNegatives + falseNegatives; }

    /** tp / (tp + fp). */
    public double precision() { return ratio(truePositives, truePositives + falsePositives); }

    /** tp / (tp + fn), the true-positive rate. */
    public double recall() { return ratio(truePositives, truePositives + falseNegatives); }

    /** tn / (tn + fp), the true-negative rate. */
    public double specificity() { return ratio(trueNegatives, trueNegatives + falsePositives); }

    /** 2 tp / (2 tp + fp + fn), the harmonic mean of precision and recall. */
    public double f1() { return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives); }

    /** The mean of recall and specificity (of the one that exists when a class is absent). */
    public double balancedAccuracy() {
        long p = truePositives + falseNegatives, n = trueNegatives + falsePositives;
        if (p == 0 && n == 0) return 0;
        if (p == 0) return specificity();
        if (n == 0) return recall();
        return 0.5 * (recall() + specificity());
    }

    /** Matthews correlation coefficient, in [−1, 1]. */
    public double mcc() {
        double tp = truePositives, fp = falsePositives, tn = trueNegatives, fn = falseNegatives;
        double d = (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn);
        return d == 0 ? 0 : (tp * tn - fp * fn) / Math.sqrt(d);
    }

    /** The value of {@code metric}. */
    public double get(Metric metric) {
        return switch (Objects.requireNonNull(metric, "metric")) {
            case PRECISION -> precision();
            case RECALL -> recall();
            case F1 -> f1();
            case BALANCED_ACCURACY -> balancedAccuracy();
            case MCC -> mcc();
        };
    }

    private static double ratio(long a, long b) { return b == 0 ? 0 : (double) a / b; }
}
