package org.distill.symbolic.search;

import io.jenetics.Genotype;
import io.jenetics.Phenotype;
import io.jenetics.engine.Evaluator;
import io.jenetics.util.ISeq;
import io.jenetics.util.Seq;
import java.util.LinkedHashMap;
import java.util.Map;
import org.distill.symbolic.eval.Loss;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.eval.Program;
import org.distill.symbolic.expr.Expr;

/**
 * The fitness of an island, as a Jenetics {@link Evaluator}: the loss of each expression (after
 * linear scaling, relative to the loss of the best constant), plus a parsimony penalty per unit of
 * complexity, times an adaptive penalty on complexities that crowd the population. Raw losses are
 * cached per expression; fitness is recomputed each generation as the crowding changes. Offers
 * every new expression to the island's hall of fame (with its scaling made explicit).
 */
final class Scorer implements Evaluator<ExprGene, Double> {
    private final org.distill.symbolic.eval.Evaluator evaluator = new org.distill.symbolic.eval.Evaluator();
    private final Loss loss;
    private final boolean linearScaling;
    private final double parsimony;
    private final double adaptive;
    private final Canonicalizer canonicalizer;
    private final HallOfFame hallOfFame;
    /**
     * Raw losses of recently scored expressions, least recently used first out. Bounded: an
     * unbounded (or 200 000-entry) cache per island held most of the heap of long runs (1.2 M
     * entries, 340 MB of trees after 30 s on 8 rows) and killed a 384 MB heap.
     */
    private final Map<Expr, Double> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<Expr, Double> eldest) {
            return size() > CACHE_SIZE;
        }
    };
    /** Entries of {@link #cache}: about 8 generations of offspring of the default population. */
    static final int CACHE_SIZE = 8192;
    private long lookups;
    private long hits;
    private final double[] frequency;
    private final double[] ab = new double[2];
    private Columns rows;
    private double baseline = 1;
    private long evaluations;
    private org.distill.symbolic.units.Units.DimensionPenalty units = org.distill.symbolic.units.Units.DimensionPenalty.NONE;
    /** The search template, or null (see {@link Template}). */
    private Template template;
    private org.distill.symbolic.optimize.ConstantFitter templateFitter;
    private Columns templateRows;
    /** The linear-combination step, or null (see {@link LinearTerms}). */
    private LinearTerms linearTerms;
    /** Rows on which sines' and cosines' arguments must move ({@link Validation#flatArgument}), or null for no bound. */
    private Columns argumentRows;
    private boolean boundArguments;
    /** Rows of {@link #argumentRows} at most. */
    static final int ARGUMENT_ROWS = 64;
    /** Rows of the per-evaluation fit of a template's free constants. */
    static final int TEMPLATE_FIT_ROWS = 64;
    /** Levenberg–Marquardt iterations of that fit. */
    static final int TEMPLATE_FIT_ITERATIONS = 12;

    Scorer(Loss loss, boolean linearScaling, double parsimony, double adaptive, int maxComplexity,
           Canonicalizer canonicalizer) {
        this.loss = loss;
        this.linearScaling = linearScaling;
        this.parsimony = parsimony;
        this.adaptive = adaptive;
        this.canonicalizer = canonicalizer;
        this.hallOfFame = new HallOfFame(maxComplexity);
        this.frequency = new double[maxComplexity + 1];
        java.util.Arrays.fill(frequency, 1.0 / (maxComplexity + 1));
    }

    /** Sets the rows to score on (a new mini-batch empties the cache and the hall of fame). */
    void rows(Columns rows) {
        this.rows = rows;
        this.templateRows = template == null ? null : rows.evenlySpaced(TEMPLATE_FIT_ROWS);
        this.argumentRows = boundArguments ? rows.evenlySpaced(ARGUMENT_ROWS) : null;
        cache.clear();
        hallOfFame.clear();
        double[] constant = new double[rows.rows()];
        double mean = 0, wsum = 0;
        for (int i = 0; i < rows.rows(); i++) {
            double w = rows.w() == null ? 1 : rows.w()[i];
            mean += w * rows.y()[i];
            wsum += w;
        }
        java.util.Arrays.fill(constant, mean / wsum);
        double b = loss.value(constant, rows.y(), rows.w(), rows.rows());
        baseline = b > 0 && Double.isFinite(b) ? b : 1;
    }

    /**
     * Gives an infinite loss to expressions with a sine or cosine whose argument hardly moves over the rows
     * ({@link Validation#flatArgument}): Taylor polynomials in disguise, which crowd out the law.
     */
    void boundArguments(boolean on) {
        this.boundArguments = on;
        this.argumentRows = on && rows != null ? rows.evenlySpaced(ARGUMENT_ROWS) : null;
    }

    /** Sets the dimensional penalty applied to every raw loss (units package). */
    void units(org.distill.symbolic.units.Units.DimensionPenalty penalty) { this.units = penalty; }

    /**
     * Scores composed expressions of this template: every individual's genotype holds one tree per
     * searched function, and its free constants are fitted at each evaluation (no linear scaling).
     */
    void template(Template t) {
        this.template = t;
        if (rows != null) this.templateRows = rows.evenlySpaced(TEMPLATE_FIT_ROWS);
        this.templateFitter = new org.distill.symbolic.optimize.ConstantFitter(evaluator, TEMPLATE_FIT_ITERATIONS);
    }

    /** Scores a top-level sum by the least-squares combination of its terms (with linear scaling). */
    void linearTerms(boolean on) { this.linearTerms = on ? new LinearTerms(evaluator) : null; }

    Template template() { return template; }

    /** The expression an individual stands for: its tree, or the template composed with its trees. */
    Expr express(Genotype<ExprGene> g) {
        if (template == null) return g.gene().allele();
        Expr[] parts = new Expr[g.length()];
        for (int k = 0; k < parts.length; k++) parts[k] = g.get(k).gene().allele();
        return template.compose(parts);
    }

    Columns rows() { return rows; }
    HallOfFame hallOfFame() { return hallOfFame; }
    long evaluations() { return evaluations; }
    /** Loss look-ups and how many the cache answered (its hit rate, for the benchmarks). */
    long lookups() { return lookups; }
    long hits() { return hits; }
    void addEvaluations(long n) { evaluations += n; }
    org.distill.symbolic.eval.Evaluator evaluator() { return evaluator; }

    @Override
    public ISeq<Phenotype<ExprGene, Double>> eval(Seq<Phenotype<ExprGene, Double>> population) {
        // Crowding: a running average of the population's complexity histogram.
        double[] hist = new double[frequency.length];
        for (Phenotype<ExprGene, Double> p : population) {
            int c = Math.min(express(p.genotype()).complexity(), frequency.length - 1);
            hist[c] += 1.0 / population.size();
        }
        for (int c = 0; c < frequency.length; c++) frequency[c] = 0.9 * frequency[c] + 0.1 * hist[c];
        return population.map(p -> p.withFitness(fitness(express(p.genotype())))).asISeq();
    }

    double fitness(Expr e) {
        double raw = rawLoss(e);
        if (!(raw < Double.POSITIVE_INFINITY)) return Double.POSITIVE_INFINITY;
        int c = Math.min(e.complexity(), frequency.length - 1);
        return (raw / baseline + parsimony * e.complexity()) * Math.exp(adaptive * frequency[c]);
    }

    /** The loss on the current rows (after linear scaling), cached. */
    double rawLoss(Expr e) {
        lookups++;
        Double cached = cache.get(e);
        if (cached != null) {
            hits++;
            return cached;
        }
        evaluations++;
        if (argumentRows != null && template == null && Validation.flatArgument(e, evaluator, argumentRows)) {
            cache.put(e, Double.POSITIVE_INFINITY);
            return Double.POSITIVE_INFINITY;
        }
        if (template != null) return templateLoss(e);
        if (linearScaling && linearTerms != null) {
            double l = linearTermsLoss(e);
            if (!Double.isNaN(l)) return l;
        }
        Program p = Program.compile(e);
        double l = linearScaling ? evaluator.scaledLoss(p, rows, loss, ab) : evaluator.loss(p, rows, loss);
        l = units.apply(e, l, baseline); // dimensional penalty (units package)
        cache.put(e, l);
        if (l < Double.POSITIVE_INFINITY && mayEnter(e.complexity(), l) && units.admits(e)) { // units: forbid mode
            if (linearScaling) {
                double a = ab[0], b = ab[1];
                Expr explicit = scaled(e, a, b);
                hallOfFame.offer(explicit, l);
                if (explicit != e) offerSimpler(e, p, l);
            } else {
                hallOfFame.offer(e, l);
            }
        }
        return l;
    }

    /**
     * A composed template expression: its free constants fitted on a few rows, then its loss on
     * the scoring rows; the fitted expression is offered to the hall of fame.
     */
    private double templateLoss(Expr e) {
        boolean[] free = template.freeConstants(e);
        Expr fitted = e;
        if (free != null) {
            org.distill.symbolic.optimize.ConstantFitter.Fit fit = templateFitter.fit(e, templateRows, false, free);
            evaluations += fit.evaluations();
            fitted = e.withConstants(fit.constants());
        }
        double l = evaluator.loss(Program.compile(fitted), rows, loss);
        l = units.apply(fitted, l, baseline);
        cache.put(e, l);
        if (l < Double.POSITIVE_INFINITY && hallOfFame.wouldAccept(fitted.complexity(), l) && units.admits(fitted)) {
            hallOfFame.offer(fitted, l);
        }
        return l;
    }

    /**
     * The loss of the least-squares combination of {@code e}'s top-level terms, its explicit form
     * offered to the hall of fame; NaN when {@code e} has fewer than two terms (or too many), for
     * plain linear scaling.
     */
    private double linearTermsLoss(Expr e) {
        java.util.List<Expr> terms = LinearTerms.terms(e);
        if (terms.size() < 2 || terms.size() > LinearTerms.MAX_TERMS) return Double.NaN;
        LinearTerms.Fit fit = linearTerms.fit(terms, rows, loss);
        double l = fit == null ? Double.POSITIVE_INFINITY : fit.loss();
        l = units.apply(e, l, baseline);
        cache.put(e, l);
        if (fit != null && l < Double.POSITIVE_INFINITY && units.admits(e)) {
            Expr explicit = fit.explicit(canonicalizer);
            double le = units.apply(explicit, fit.loss(), baseline);
            if (hallOfFame.wouldAccept(explicit.complexity(), le)) hallOfFame.offer(explicit, le);
        }
        return l;
    }

    /** Could an expression of this complexity, once its scaling is explicit (up to +4), enter? */
    private boolean mayEnter(int complexity, double l) {
        for (int c = complexity; c <= complexity + 4; c++) if (hallOfFame.wouldAccept(c, l)) return true;
        return false;
    }

    /**
     * With linear scaling the explicit form {@code a + b·e} may be longer than needed: also offer
     * {@code b·e} and {@code e} themselves when they could enter the hall of fame.
     */
    private void offerSimpler(Expr e, Program p, double scaledLoss) {
        if (hallOfFame.wouldAccept(e.complexity(), scaledLoss)) {
            double l0 = evaluator.loss(p, rows, loss);
            evaluations++;
            if (l0 < Double.POSITIVE_INFINITY) hallOfFame.offer(e, units.apply(e, l0, baseline));
        }
        if (hallOfFame.wouldAccept(e.complexity(), scaledLoss) || hallOfFame.wouldAccept(e.complexity() + 2, scaledLoss)) {
            double lb = evaluator.scaledLoss(p, rows, loss, ab, false);
            evaluations++;
            if (lb < Double.POSITIVE_INFINITY) {
                Expr s = scaled(e, 0, ab[1]);
                hallOfFame.offer(s, units.apply(s, lb, baseline));
            }
        }
    }

    /** {@code a + b·e}, folded and without needless terms. */
    Expr scaled(Expr e, double a, double b) {
        Expr out = e;
        if (Math.abs(b - 1) > 1e-12) out = Expr.of(canonicalizer.op(Op.Kind.MUL), out, Expr.constant(b));
        if (Math.abs(a) > 1e-13 * Math.max(1, Math.abs(b))) out = Expr.of(canonicalizer.op(Op.Kind.ADD), out, Expr.constant(a));
        if (b == 0) out = Expr.constant(a);
        return out == e ? e : canonicalizer.apply(out);
    }

    // For IslandCodec (an island sent to another process): the state beyond the rows.
    /** The running complexity histogram (live). */
    double[] frequency() { return frequency; }
    /** The loss cache, least recently used first (live). */
    Map<Expr, Double> cache() { return cache; }
    /** Restores the counters. */
    void counts(long evaluations, long lookups, long hits) {
        this.evaluations = evaluations;
        this.lookups = lookups;
        this.hits = hits;
    }
}
