package org.distill.neural.hgn;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.neural.analysis.FormCheck;
import org.distill.physics.nbody.GraphDataset;
import org.distill.physics.nbody.PairLaw;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.Equation;
import org.distill.symbolic.Op;
import org.distill.symbolic.ParetoFront;
import org.distill.symbolic.ProgressListener;
import org.distill.symbolic.SymbolicRegressor;

/**
 * Distils the pair term φ of a Hamiltonian ({@link PairTerm}, e.g. a trained {@link HamiltonianGraphNetwork}) into a
 * formula in {@code r, m1, m2} and compares it with the law's true pair potential U.
 *
 * <p><b>Gauge.</b> A Hamiltonian is fixed only up to terms constant in time; here any function of the masses
 * {@code c(m_i, m_j)}, which the pair and self terms can trade, so the raw values of φ carry mass-dependent offsets
 * that no formula in r alone explains (under r⁻² they dominate: φ ≈ a·U + b fitted with R² 0.5 and the wrong sign on a
 * network whose force is right). The distillation removes that freedom before fitting or searching: every sampled pair
 * is compared with the same pair (same direction, same masses) moved to a reference separation {@code r₀} (the
 * median separation of the sample), {@code φ̃(r) = φ(r) − φ(r₀)}, and likewise {@code Ũ(r) = U(r) − U(r₀)}. For
 * r⁻² {@code Ũ = m1·m2·(1/r₀' − 1/r')}: the form −m1·m2/r' up to scale plus an offset that depends on the masses
 * only, which is exactly the freedom of H.
 *
 * <p><b>Scoring.</b> Four fits, each least trimmed squares (the fraction {@code trim} of pairs fitted worst ignored,
 * as the graph-network distillation and the authors' own analysis) with the plain R² beside it: {@code φ̃ ≈ a·Ũ + b},
 * {@code ∂φ/∂r ≈ a·U' + b} (the force, the physical content), and the same two for the formula (its r-derivative by
 * central differences). Close encounters of singular laws carry forces hundreds of times their typical value that no
 * network of finite size follows; the search leaves out the fraction {@code closest} of pairs with the smallest
 * separation. A formula {@linkplain Result#matches() matches} the law when both of its fits reach R² ≥
 * {@value #THRESHOLD}: its r-dependence is the force's (derivative) and its gauge-fixed values are U's (form).
 */
public final class PairDistillation {
    /** The trimmed R² from which a formula counts as having the true potential's form. */
    public static final double THRESHOLD = 0.9;

    private final Duration timeLimit;
    private final long generations;
    private final int maxPairs, maxComplexity, threads;
    private final double trim, closest;
    private final long seed;
    private final ProgressListener listener;

    private PairDistillation(Builder b) {
        timeLimit = b.timeLimit;
        generations = b.generations;
        maxPairs = b.maxPairs;
        maxComplexity = b.maxComplexity;
        threads = b.threads;
        trim = b.trim;
        closest = b.closest;
        seed = b.seed;
        listener = b.listener;
    }

    /** Settings with defaults: 30 s of search, at most 2 000 pairs, trim 0.1, closest 0.1, + − × ÷, complexity ≤ 20. */
    public static Builder builder() { return new Builder(); }

    /**
     * A fit {@code y ≈ a·x + b} of a learned quantity y to a true one x.
     *
     * @param a       scale, from the trimmed fit
     * @param b       offset, from the trimmed fit
     * @param r2      R² of the trimmed fit over the pairs it kept (NaN if y is constant there)
     * @param plainR2 R² of the plain least-squares fit over all pairs
     */
    public record Fit(double a, double b, double r2, double plainR2) {
        /**
         * Fits {@code y ≈ a·x + b} over the pairs where y is finite, plain and ignoring the fraction {@code trim} fitted
         * worst; NaN throughout if x is constant or too few y are finite.
         */
        public static Fit of(double[] x, double[] y, double trim) {
            Objects.requireNonNull(x, "x");
            Objects.requireNonNull(y, "y");
            if (x.length != y.length) throw new IllegalArgumentException("x has " + x.length + " values, y " + y.length);
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (double v : x) { min = Math.min(min, v); max = Math.max(max, v); }
            if (!(max > min)) return new Fit(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            FormCheck trimmed = FormCheck.of(y, new double[][] {x}, trim), plain = FormCheck.of(y, new double[][] {x}, 0);
            return new Fit(trimmed.coefficients()[0], trimmed.intercept(), trimmed.r2(), plain.r2());
        }
    }

    /**
     * What the distillation found.
     *
     * @param reference    the reference separation r₀ of the gauge (φ̃ = φ − φ at r₀)
     * @param valueFit     φ̃ ≈ a·Ũ + b over the sampled pairs
     * @param forceFit     ∂φ/∂r ≈ a·U'(r) + b over the sampled pairs
     * @param equation     the chosen formula for φ̃ (best of the front), or null if none had a finite loss
     * @param formFit      the formula's values ≈ a·Ũ + b; null without a formula
     * @param formForceFit the formula's ∂/∂r ≈ a·U'(r) + b; null without a formula
     * @param r            the sampled pairs' separations
     * @param phi          φ̃ on them
     * @param potential    Ũ on them
     * @param searchRows   pairs the search fitted (those not among the closest)
     * @param front        the search's Pareto front
     */
    public record Result(double reference, Fit valueFit, Fit forceFit, Equation equation, Fit formFit, Fit formForceFit,
                         double[] r, double[] phi, double[] potential, int searchRows, ParetoFront front) {
        public Result {
            Objects.requireNonNull(valueFit, "valueFit");
            Objects.requireNonNull(forceFit, "forceFit");
            Objects.requireNonNull(front, "front");
            if ((equation == null) != (formFit == null) || (equation == null) != (formForceFit == null))
                throw new IllegalArgumentException("formFit and formForceFit must be given exactly when there is an equation");
            if (r.length != phi.length || r.length != potential.length)
                throw new IllegalArgumentException("r has " + r.length + " values, phi " + phi.length + ", potential " + potential.length);
            r = r.clone();
            phi = phi.clone();
            potential = potential.clone();
        }

        @Override public double[] r() { return r.clone(); }
        @Override public double[] phi() { return phi.clone(); }
        @Override public double[] potential() { return potential.clone(); }

        public String formula() { return equation == null ? null : equation.toString(); }

        public String latex() { return equation == null ? null : equation.latex(); }

        /**
         * Whether the formula has the true potential's form up to scale and a mass-only offset: its r-derivative fits
         * a·U' + b and its values fit a·Ũ + b, both with trimmed R² ≥ {@value #THRESHOLD}.
         */
        public boolean matches() {
            return equation != null && formForceFit.r2() >= THRESHOLD && formFit.r2() >= THRESHOLD;
        }
    }

    /** Distils {@code term} on pairs of the test graphs {@code test}, which follow {@code law}. */
    public Result run(PairTerm term, GraphDataset test, PairLaw law) { return run(term, test, law, new AtomicBoolean()); }

    /**
     * As {@link #run(PairTerm, GraphDataset, PairLaw)}; the search stops early, keeping its front, when {@code cancel}
     * becomes true.
     *
     * @throws IllegalArgumentException if the data and the term differ in dimension, or the test graphs have fewer
     *                                  than 10 pairs
     */
    public Result run(PairTerm term, GraphDataset test, PairLaw law, AtomicBoolean cancel) {
        Objects.requireNonNull(term, "term");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(law, "law");
        Objects.requireNonNull(cancel, "cancel");
        int n = test.bodies(), dim = test.dim(), width = dim + 3, perGraph = n * (n - 1) / 2;
        if (term.dim() != dim) throw new IllegalArgumentException("the data are " + dim + "-D, the pair term " + term.dim() + "-D");
        long total = (long) test.graphs() * perGraph;
        if (total < 10) throw new IllegalArgumentException("need at least 10 test pairs, got " + total);
        int rows = (int) Math.min(maxPairs, total);
        int[] picks = sample(total, rows, seed);
        double[] inputs = new double[rows * width], r = new double[rows], m1 = new double[rows], m2 = new double[rows],
                q1 = new double[rows], q2 = new double[rows];
        for (int k = 0; k < rows; k++) {
            int g = picks[k] / perGraph, e = picks[k] % perGraph, i = 0;
            while (e >= n - 1 - i) { e -= n - 1 - i; i++; }
            int j = i + 1 + e;
            double rr = 0;
            for (int d = 0; d < dim; d++) {
                double dx = test.node(g, i, d) - test.node(g, j, d);
                inputs[k * width + d] = dx;
                rr += dx * dx;
            }
            r[k] = Math.sqrt(rr);
            q1[k] = test.node(g, i, 2 * dim);
            q2[k] = test.node(g, j, 2 * dim);
            m1[k] = test.node(g, i, 2 * dim + 1);
            m2[k] = test.node(g, j, 2 * dim + 1);
            inputs[k * width + dim] = r[k];
            inputs[k * width + dim + 1] = m1[k];
            inputs[k * width + dim + 2] = m2[k];
        }
        double reference = quantile(r, 0.5);
        double[] atReference = inputs.clone();
        for (int k = 0; k < rows; k++) {
            double s = r[k] > 0 ? reference / r[k] : 0;
            for (int d = 0; d < dim; d++) atReference[k * width + d] *= s;
            if (r[k] == 0) atReference[k * width] = reference;          // coincident bodies: any direction
            atReference[k * width + dim] = reference;
        }
        double[] phi = term.pairValues(inputs, rows), phi0 = term.pairValues(atReference, rows);
        double[] dPhi = term.pairRadialDerivative(inputs, rows);
        double[] u = new double[rows], du = new double[rows];
        for (int k = 0; k < rows; k++) {
            phi[k] -= phi0[k];
            u[k] = law.potential(r[k], q1[k], q2[k], m1[k], m2[k]) - law.potential(reference, q1[k], q2[k], m1[k], m2[k]);
            du[k] = law.derivative(r[k], q1[k], q2[k], m1[k], m2[k]);
        }
        Fit valueFit = Fit.of(u, phi, trim), forceFit = Fit.of(du, dPhi, trim);

        double cut = closest == 0 ? Double.NEGATIVE_INFINITY : quantile(r, closest);
        int kept = 0;
        for (double v : r) if (v > cut) kept++;
        double[][] columns = new double[3][kept];
        double[] target = new double[kept];
        for (int k = 0, at = 0; k < rows; k++) {
            if (!(r[k] > cut)) continue;
            columns[0][at] = r[k];
            columns[1][at] = m1[k];
            columns[2][at] = m2[k];
            target[at++] = phi[k];
        }
        Dataset data = Dataset.ofColumns(columns, target).withVariables(List.of("r", "m1", "m2")).withTarget("phi");
        var search = SymbolicRegressor.builder().operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV).maxComplexity(maxComplexity)
                .threads(threads).seed(seed).listener(listener);
        if (timeLimit != null) search.timeLimit(timeLimit);
        if (generations > 0) search.generations(generations);
        ParetoFront front = search.build().fit(data, cancel);
        Equation best = front.isEmpty() ? null : front.best();
        Fit formFit = null, formForceFit = null;
        if (best != null) {
            double[][] x = new double[rows][], xp = new double[rows][], xm = new double[rows][];
            for (int k = 0; k < rows; k++) {
                double h = 1e-5 * Math.max(1, r[k]);
                x[k] = new double[] {r[k], m1[k], m2[k]};
                xp[k] = new double[] {r[k] + h, m1[k], m2[k]};
                xm[k] = new double[] {r[k] - h, m1[k], m2[k]};
            }
            double[] fp = best.predict(xp), fm = best.predict(xm), slope = new double[rows];
            for (int k = 0; k < rows; k++) slope[k] = (fp[k] - fm[k]) / (xp[k][0] - xm[k][0]);
            formFit = Fit.of(u, best.predict(x), trim);
            formForceFit = Fit.of(du, slope, trim);
        }
        return new Result(reference, valueFit, forceFit, best, formFit, formForceFit, r, phi, u, kept, front);
    }

    /** {@code rows} distinct indices of {@code [0, total)}, drawn with {@code seed}, in ascending order. */
    static int[] sample(long total, int rows, long seed) {
        if (rows == total) {
            int[] all = new int[rows];
            for (int i = 0; i < rows; i++) all[i] = i;
            return all;
        }
        var random = new SplittableRandom(seed);
        int[] picks = random.ints(0, (int) Math.min(total, Integer.MAX_VALUE)).distinct().limit(rows).toArray();
        Arrays.sort(picks);
        return picks;
    }

    /** The {@code p}-quantile of {@code x} (the value at index ⌊p·n⌋ of the sorted values, clamped). */
    static double quantile(double[] x, double p) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    /** Settings of a {@link PairDistillation}; every one has a default. */
    public static final class Builder {
        private Duration timeLimit = Duration.ofSeconds(30);
        private long generations = 0;
        private int maxPairs = 2000, maxComplexity = 20;
        private int threads = Runtime.getRuntime().availableProcessors();
        private double trim = 0.1, closest = 0.1;
        private long seed = 0;
        private ProgressListener listener = ProgressListener.NONE;

        private Builder() { }

        /** Wall-time budget of the search, or null for none (then set {@link #generations}). Default 30 s. */
        public Builder timeLimit(Duration v) { timeLimit = v; return this; }
        /** Also stop after this many generations; 0 for no such limit (the default). */
        public Builder generations(long v) { generations = v; return this; }
        /** Test pairs sampled (without repetition, with the seed) at most. Default 2 000. */
        public Builder maxPairs(int v) { maxPairs = v; return this; }
        /** Largest formula complexity. Default 20. */
        public Builder maxComplexity(int v) { maxComplexity = v; return this; }
        /** Search threads. Default: all cores. */
        public Builder threads(int v) { threads = v; return this; }
        /** Fraction of pairs each fit ignores, those fitted worst; in [0, 0.5). Default 0.1. */
        public Builder trim(double v) { trim = v; return this; }
        /** Fraction of pairs, the closest, that the search leaves out; in [0, 0.5). Default 0.1. */
        public Builder closest(double v) { closest = v; return this; }
        /** Seeds the sample and the search. Default 0. */
        public Builder seed(long v) { seed = v; return this; }
        /** Receives the search's progress. Default none. */
        public Builder listener(ProgressListener v) { listener = Objects.requireNonNull(v, "listener"); return this; }

        /** The distillation; throws {@link IllegalArgumentException} naming a value out of range. */
        public PairDistillation build() {
            if (timeLimit != null && (timeLimit.isNegative() || timeLimit.isZero()))
                throw new IllegalArgumentException("timeLimit must be positive: " + timeLimit);
            if (generations < 0) throw new IllegalArgumentException("generations must be >= 0: " + generations);
            if (timeLimit == null && generations == 0) throw new IllegalArgumentException("no budget: set timeLimit or generations");
            if (maxPairs < 10) throw new IllegalArgumentException("maxPairs must be at least 10: " + maxPairs);
            if (!(trim >= 0 && trim < 0.5)) throw new IllegalArgumentException("trim must be in [0, 0.5): " + trim);
            if (!(closest >= 0 && closest < 0.5)) throw new IllegalArgumentException("closest must be in [0, 0.5): " + closest);
            var probe = SymbolicRegressor.builder().operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV).maxComplexity(maxComplexity)
                    .threads(threads);
            if (timeLimit != null) probe.timeLimit(timeLimit);
            if (generations > 0) probe.generations(generations);
            probe.build();                                // validates complexity and threads
            return new PairDistillation(this);
        }
    }
}
