package org.distill.neural.classify;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Decision thresholds chosen on labelled tasks (validation tasks, never the tasks a method is tested on). */
public final class Thresholds {
    private Thresholds() { }

    /**
     * The candidate threshold that maximises the mean MCC over the tasks, calling a star positive when its
     * score is at least the threshold; ties go to the smallest such candidate.
     *
     * @param scores     per task, a score per star
     * @param truth      per task, the true label per star
     * @param excluded   per task, indices left out of the count (the support stars), or null for none
     * @param candidates thresholds to try, at least one, finite
     */
    public static double bestMeanMcc(List<double[]> scores, List<boolean[]> truth, List<int[]> excluded,
                                     double[] candidates) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(candidates, "candidates");
        if (scores.isEmpty()) throw new IllegalArgumentException("no tasks to choose a threshold on");
        if (scores.size() != truth.size())
            throw new IllegalArgumentException("scores has " + scores.size() + " tasks, truth " + truth.size());
        if (excluded != null && excluded.size() != scores.size())
            throw new IllegalArgumentException("scores has " + scores.size() + " tasks, excluded " + excluded.size());
        if (candidates.length == 0) throw new IllegalArgumentException("no candidate thresholds");
        for (double c : candidates) if (!Double.isFinite(c)) throw new IllegalArgumentException("candidate threshold not finite: " + c);
        double[] sum = new double[candidates.length];
        for (int t = 0; t < scores.size(); t++) {
            double[] s = scores.get(t);
            boolean[] y = truth.get(t);
            if (s.length != y.length)
                throw new IllegalArgumentException("task " + t + ": scores has " + s.length + " stars, truth " + y.length);
            boolean[] skip = new boolean[s.length];
            if (excluded != null && excluded.get(t) != null) for (int i : excluded.get(t)) skip[i] = true;
            int n = 0, positives = 0;
            for (int i = 0; i < s.length; i++) if (!skip[i]) { n++; if (y[i]) positives++; }
            double[] pos = new double[positives], neg = new double[n - positives];
            for (int i = 0, a = 0, b = 0; i < s.length; i++) {
                if (skip[i]) continue;
                if (y[i]) pos[a++] = s[i];
                else neg[b++] = s[i];
            }
            Arrays.sort(pos);
            Arrays.sort(neg);
            for (int c = 0; c < candidates.length; c++) {
                long tp = pos.length - lowerBound(pos, candidates[c]), fp = neg.length - lowerBound(neg, candidates[c]);
                sum[c] += new BinaryMetrics(tp, fp, neg.length - fp, pos.length - tp).mcc();
            }
        }
        int best = 0;
        for (int c = 1; c < candidates.length; c++)
            if (sum[c] > sum[best] || sum[c] == sum[best] && candidates[c] < candidates[best]) best = c;
        return candidates[best];
    }

    /** The mean MCC over the tasks at one threshold (same arguments as {@link #bestMeanMcc}). */
    public static double meanMcc(List<double[]> scores, List<boolean[]> truth, List<int[]> excluded, double threshold) {
        double sum = 0;
        for (int t = 0; t < scores.size(); t++) {
            double[] s = scores.get(t);
            boolean[] predicted = new boolean[s.length];
            for (int i = 0; i < s.length; i++) predicted[i] = s[i] >= threshold;
            sum += BinaryMetrics.of(truth.get(t), predicted, excluded == null ? null : excluded.get(t)).mcc();
        }
        return sum / scores.size();
    }

    /** Probabilities {@code 1/(1+e^−z)} for logits z from {@code from} to {@code to} in steps of {@code step}. */
    public static double[] logisticGrid(double from, double to, double step) {
        if (!(step > 0) || !(to >= from)) throw new IllegalArgumentException("need from <= to and step > 0: " + from + ", " + to + ", " + step);
        int n = (int) Math.floor((to - from) / step + 1e-9) + 1;
        double[] g = new double[n];
        for (int k = 0; k < n; k++) g[k] = 1 / (1 + Math.exp(-(from + k * step)));
        return g;
    }

    /** Index of the first element ≥ x in sorted a. */
    private static int lowerBound(double[] a, double x) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
