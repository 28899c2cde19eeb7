package org.distill.symbolic;

import org.distill.symbolic.eval.Loss;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The best equation per complexity, simplest first, each strictly more accurate than every simpler
 * one; with scores and the provenance of the search that made it.
 */
public record ParetoFront(List<Equation> equations, Provenance provenance) {
    public ParetoFront {
        equations = List.copyOf(equations);
        Objects.requireNonNull(provenance, "provenance");
        for (int i = 1; i < equations.size(); i++) {
            Equation a = equations.get(i - 1), b = equations.get(i);
            if (b.complexity() <= a.complexity() || !(b.loss() < a.loss())) {
                throw new IllegalArgumentException("not a Pareto front: " + a + " (complexity " + a.complexity()
                        + ", loss " + a.loss() + ") before " + b + " (complexity " + b.complexity() + ", loss " + b.loss() + ")");
            }
        }
    }

    /**
     * The non-dominated subset of {@code candidates} (lowest loss per complexity, then only those
     * more accurate than every simpler one by more than a relative 1e-9), sorted by complexity,
     * with scores.
     */
    public static ParetoFront of(List<Equation> candidates, Provenance provenance) {
        return of(candidates, provenance, 0);
    }

    /**
     * Like {@link #of(List, Provenance)}, where a more complex equation must also beat the simpler
     * ones by more than {@code absoluteTolerance} (losses that differ by rounding count as equal).
     */
    public static ParetoFront of(List<Equation> candidates, Provenance provenance, double absoluteTolerance) {
        if (!(absoluteTolerance >= 0)) throw new IllegalArgumentException("absoluteTolerance must be >= 0: " + absoluteTolerance);
        List<Equation> sorted = new ArrayList<>(candidates);
        sorted.removeIf(e -> !Double.isFinite(e.loss()));
        sorted.sort(Comparator.comparingInt(Equation::complexity).thenComparingDouble(Equation::loss)
                .thenComparingInt(e -> e.expression().size()));
        List<Equation> front = new ArrayList<>();
        double bestLoss = Double.POSITIVE_INFINITY;
        for (Equation e : sorted) {
            // A more complex equation must be better by more than rounding (1e-9 relative).
            if (e.loss() < bestLoss * (1 - 1e-9) - absoluteTolerance && (front.isEmpty() || front.getLast().complexity() < e.complexity())) {
                double score = 0;
                if (!front.isEmpty()) {
                    Equation prev = front.getLast();
                    score = -(Math.log(Math.max(e.loss(), 1e-300)) - Math.log(Math.max(prev.loss(), 1e-300)))
                            / (e.complexity() - prev.complexity());
                }
                front.add(e.withScore(score));
                bestLoss = e.loss();
            }
        }
        return new ParetoFront(front, provenance);
    }

    public int size() { return equations.size(); }

    public boolean isEmpty() { return equations.isEmpty(); }

    public Equation get(int i) { return equations.get(i); }

    /** Picks one equation; see {@link Selection}. */
    public Equation select(Selection selection) {
        if (equations.isEmpty()) throw new IllegalStateException("the front is empty: the search found no finite equation");
        Equation accurate = equations.getLast();
        return switch (selection) {
            case ACCURACY -> accurate;
            case SCORE -> equations.stream().max(Comparator.comparingDouble(Equation::score)).orElseThrow();
            case BEST -> equations.stream().allMatch(Equation::validated) ? validated() : select(Selection.IN_SAMPLE);
            case IN_SAMPLE -> equations.stream()
                    .filter(e -> e.loss() <= 1.5 * accurate.loss() || notSignificantlyWorse(e, accurate))
                    .max(Comparator.comparingDouble(Equation::score)).orElseThrow();
        };
    }

    /**
     * {@link Selection#BEST}: among the equations with at most one fitted constant per two rows,
     * the highest score among those that the best-validating one does not clearly beat: validation
     * loss above the lowest by at most one standard error of the difference ({@code hypot} of the
     * two) or by at most half, or (squared error) not significantly worse in sample by the F-test.
     */
    private Equation validated() {
        int rows = provenance.rows();
        List<Equation> candidates = equations.stream().filter(e -> 2 * parameters(e) <= rows).toList();
        if (candidates.isEmpty()) candidates = equations;
        // An infinite validation loss (a prediction that is not finite, or a bounded oscillation)
        // takes no part: its infinite standard error would otherwise pass the one-SE test.
        List<Equation> finite = candidates.stream().filter(e -> e.validationLoss() < Double.POSITIVE_INFINITY).toList();
        if (!finite.isEmpty()) candidates = finite;
        Equation min = candidates.stream().min(Comparator.comparingDouble(Equation::validationLoss)).orElseThrow();
        if (!(min.validationLoss() < Double.POSITIVE_INFINITY)) return select(Selection.IN_SAMPLE);
        double seMin = Double.isNaN(min.validationError()) ? 0 : min.validationError();
        return candidates.stream().filter(e -> e.validationLoss() <= 1.5 * min.validationLoss()
                        || e.validationLoss() - min.validationLoss()
                                <= Math.hypot(Double.isNaN(e.validationError()) ? 0 : e.validationError(), seMin)
                        || (e.complexity() < min.complexity() && notSignificantlyWorse(e, min)))
                .max(Comparator.comparingDouble(Equation::score)).orElseThrow();
    }

    /**
     * F-test of a simpler equation against the most accurate one, on the residual sums of squares
     * (squared-error loss only): true when the improvement is not significant at the 5 % level.
     */
    private boolean notSignificantlyWorse(Equation simpler, Equation accurate) {
        if (!provenance.loss().equals(Loss.MSE.name())) return false;
        int n = provenance.rows();
        int pRef = parameters(accurate);
        int df2 = n - pRef;
        if (df2 <= 0) return true; // the reference has as many constants as rows: it interpolates
        int df1 = Math.max(1, pRef - parameters(simpler));
        double rssRef = accurate.loss() * n, rss = simpler.loss() * n;
        if (!(rssRef > 0)) return false;
        double f = ((rss - rssRef) / df1) / (rssRef / df2);
        return new org.apache.commons.math3.distribution.FDistribution(null, df1, df2).cumulativeProbability(f) < 0.95;
    }

    /** Fitted parameters: constants other than exact short fractions such as 2, 1/2 or 3/2. */
    static int parameters(Equation e) {
        int p = 0;
        for (double c : e.expression().constants()) {
            boolean exact = false;
            for (int q = 1; q <= 12 && !exact; q++) {
                double num = c * q;
                exact = num == Math.rint(num) && Math.abs(num) <= 1000;
            }
            if (!exact) p++;
        }
        return p;
    }

    /** {@code select(Selection.BEST)}. */
    public Equation best() { return select(Selection.BEST); }

    /** A table: complexity, loss, validation loss (when measured), score, equation. */
    @Override public String toString() {
        boolean v = !equations.isEmpty() && equations.stream().allMatch(Equation::validated);
        StringBuilder sb = new StringBuilder(v
                ? String.format("%-10s %-12s %-12s %-10s %s%n", "complexity", "loss", "validation", "score", "equation")
                : String.format("%-10s %-12s %-10s %s%n", "complexity", "loss", "score", "equation"));
        for (Equation e : equations) {
            sb.append(v
                    ? String.format(java.util.Locale.ROOT, "%-10d %-12.4g %-12.4g %-10.4g %s%n", e.complexity(), e.loss(),
                            e.validationLoss(), e.score(), e)
                    : String.format(java.util.Locale.ROOT, "%-10d %-12.4g %-10.4g %s%n", e.complexity(), e.loss(), e.score(), e));
        }
        return sb.toString();
    }
}
