package org.distill.symbolic.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.eval.Evaluator;
import org.distill.symbolic.eval.Program;
import org.distill.symbolic.algebra.ClosedForms;
import org.distill.symbolic.algebra.Simplifier;
import org.distill.symbolic.algebra.SymjaEngine;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.optimize.ConstantFitter;

/**
 * Turns the hall of fame into final equations: refits constants on all rows (up to
 * {@value #FIT_ROWS}), simplifies each with Symja (kept only if no more complex and no worse),
 * and snaps constants to zero, short rationals or multiples of π when that does not worsen the loss
 * beyond what noise explains (an increase up to 4/n of the loss, n rows, for all snaps together),
 * refitting the constants not yet snapped.
 */
final class Finisher {
    static final int FIT_ROWS = 5000;
    /** The fewest rows on which {@link #snap} tries plain fractions within 1 % (otherwise within 0.1 % only). */
    static final int WIDE_SNAP_ROWS = 100;
    /** Relative loss increase tolerated by simplification and snapping. */
    static final double TOLERANCE = 1e-6;

    private final SearchConfig options;
    private final int features;
    private final Set<Op.Kind> allowed;
    private final Columns full;
    private final Evaluator evaluator = new Evaluator();
    private final ConstantFitter fitter = new ConstantFitter(evaluator, 100);
    private final double absoluteTolerance;
    private final Canonicalizer canonicalizer;
    /** Operators simplification may use: the search's, plus powers (a·√a reads better as a^1.5). */
    private final Set<Op.Kind> presentation;
    private Columns fitRows;
    /** The search template, or null; see {@link #template}. */
    private Template template;
    /** Symja's background start, or null when not started. */
    private Thread warmUp;

    Finisher(SearchConfig options, Columns full, Set<Op.Kind> allowed, Canonicalizer canonicalizer) {
        this.options = options;
        this.features = full.features();
        this.allowed = allowed;
        this.full = full;
        this.canonicalizer = canonicalizer;
        this.presentation = java.util.EnumSet.copyOf(allowed);
        presentation.add(Op.Kind.POW);
        // The scale of the losses: the target's (weighted) mean square. Weighted as the losses are,
        // so that with relative weights 1/y² it is that of the small rows, not of the largest.
        double mean = full.mean();
        this.absoluteTolerance = 1e-14 * Math.max(full.variance(), mean * mean);
    }

    /**
     * Finishes the equations of a template search: refits keep a function's constants tied across
     * its calls, and when a function is called more than once, equations of the template's form
     * are neither simplified nor snapped (both would untie them), so that the shared function
     * stays visible.
     */
    void template(Template t) { this.template = t; }

    /** Starts Symja's cold start (about 2 s) on a background daemon thread. */
    void warmUp() {
        warmUp = SymjaEngine.warmUpInBackground();
    }

    /**
     * Whether Symja's start is over, waiting for it until {@code deadlineNanos} at most when there is
     * a deadline (without one, the first simplification waits for it as long as it takes).
     */
    private boolean symjaReady(long deadlineNanos) {
        if (deadlineNanos == Long.MAX_VALUE || warmUp == null) return true;
        try {
            long wait = deadlineNanos - System.nanoTime();
            if (wait > 0) warmUp.join(Duration.ofNanos(wait));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !warmUp.isAlive();
    }

    /** Losses closer than this (about 1e-14 of the target's scale squared) count as equal. */
    double absoluteTolerance() { return absoluteTolerance; }

    /**
     * One final equation per candidate, with its loss on all rows: refitted, then replaced by its
     * simplified and then its snapped form where those are accepted. Work stops at
     * {@code deadlineNanos} ({@link System#nanoTime()}; {@link Long#MAX_VALUE} for none): each Symja
     * call gets at most the time left, and the candidates reached after it stay as they are (only
     * their loss is computed).
     */
    List<Search.Found> finish(List<Expr> candidates, long deadlineNanos) {
        List<Search.Found> out = new ArrayList<>();
        boolean symja = options.simplify() && symjaReady(deadlineNanos);
        for (Expr e : candidates) {
            Expr best = System.nanoTime() < deadlineNanos ? refit(e) : e;
            double loss = loss(best);
            boolean keepForm = template != null && template.shared() && template.parameters(best) != null;
            if (options.simplify() && !keepForm && System.nanoTime() < deadlineNanos) {
                Optional<Expr> s = symja ? simplify(best, deadlineNanos) : Optional.empty();
                if (s.isPresent() && !s.get().equals(best) && s.get().maxVariable() < features) {
                    // Powers that only simplification introduced keep their exact exponents.
                    Expr simple = !allowed.contains(Op.Kind.POW) && hasPower(s.get()) ? s.get() : refit(s.get());
                    double sl = loss(simple);
                    if (simple.complexity() <= best.complexity() && acceptable(sl, loss)) {
                        best = simple;
                        loss = sl;
                    }
                }
                Expr snapped = snap(best, loss, deadlineNanos);
                if (snapped != best) {
                    // A snap that dropped a term is a simpler equation beside this one, not instead of it: the
                    // front keeps both if neither dominates (on a few rows noise allows a large loss increase).
                    if (snapped.complexity() < best.complexity()) out.add(new Search.Found(best, loss));
                    best = snapped;
                    loss = loss(snapped);
                }
            }
            out.add(new Search.Found(best, loss));
        }
        // Validation loss of every finished equation (k-fold or a held-out part), for the selection.
        // With the standard error of its mean over the held-out rows.
        Validation validation = new Validation(full, options.loss(), options.seed(), options.boundOscillation());
        List<Search.Found> validated = new ArrayList<>(out.size());
        for (Search.Found f : out) {
            // Past the deadline (a time limit covers the finish) the constants are not refitted per fold.
            Validation.Score v = validation.score(f.expr(), System.nanoTime() < deadlineNanos);
            validated.add(new Search.Found(f.expr(), f.loss(), v.loss(), v.standardError()));
        }
        return validated;
    }

    /**
     * Symja simplification with the fitted constants as symbols: floating-point constants make
     * Symja's polynomial algebra slow or endless, and symbols let it merge structure (a·√a → a^(3/2))
     * without touching values. Small integers and halves stay numbers so that powers can combine.
     */
    private Optional<Expr> simplify(Expr e, long deadlineNanos) {
        double[] values = e.constants();
        int base = features;
        int[] next = {0};
        Expr symbolic = symbolize(e, base, values, next);
        Duration timeout = options.simplifyTimeout();
        if (deadlineNanos != Long.MAX_VALUE) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) return Optional.empty();
            if (left < timeout.toNanos()) timeout = Duration.ofNanos(left);
        }
        Optional<Expr> s = Simplifier.simplify(symbolic, presentation, timeout);
        if (s.isEmpty() || !presentable(s.get())) return Optional.empty();
        return Optional.of(canonicalizer.apply(canonicalizer.remap(substitute(s.get(), base, values))));
    }

    private static boolean hasPower(Expr e) {
        if (e.isLeaf()) return false;
        if (e.op().kind() == Op.Kind.POW) return true;
        for (int i = 0; i < e.arity(); i++) if (hasPower(e.arg(i))) return true;
        return false;
    }

    /**
     * Uses only the search's operators, plus powers with a plain-number exponent (a·√a → a^1.5)
     * when {@code ^} itself is not among them.
     */
    private boolean presentable(Expr e) {
        if (e.isLeaf()) return true;
        boolean ok = allowed.contains(e.op().kind())
                || (e.op().kind() == Op.Kind.POW && e.arg(1).isConstant());
        if (!ok) return false;
        for (int i = 0; i < e.arity(); i++) if (!presentable(e.arg(i))) return false;
        return true;
    }

    /** Whether {@code v} is {@code p/q} with {@code |p| ≤ 100} and {@code q ≤ 12}. */
    private static boolean simpleFraction(double v) {
        return fraction(v, 12, 100);
    }

    /** Whether {@code v} is {@code p/q} with {@code |p| ≤ maxP} and {@code q ≤ maxQ}. */
    private static boolean fraction(double v, int maxQ, int maxP) {
        for (int q = 1; q <= maxQ; q++) {
            double p = v * q;
            if (Math.abs(p - Math.rint(p)) < 1e-9 * Math.max(1, Math.abs(p)) && Math.abs(p) <= maxP) return true;
        }
        return false;
    }

    private static boolean nice(double v) {
        return v == Math.rint(v * 2) / 2 && Math.abs(v) <= 16;
    }

    /** Replaces each constant that is not a small integer or half by variable {@code base + k}. */
    private static Expr symbolize(Expr e, int base, double[] values, int[] next) {
        if (e.isConstant()) {
            int k = next[0]++;
            return nice(values[k]) ? e : Expr.variable(base + k);
        }
        if (e.isLeaf()) return e;
        Expr[] args = new Expr[e.arity()];
        for (int i = 0; i < args.length; i++) args[i] = symbolize(e.arg(i), base, values, next);
        return Expr.of(e.op(), args);
    }

    /** Puts the constant values back for variables at or above {@code base}. */
    private static Expr substitute(Expr e, int base, double[] values) {
        if (e.isVariable()) return e.variable() >= base ? Expr.constant(values[e.variable() - base]) : e;
        if (e.isLeaf()) return e;
        Expr[] args = new Expr[e.arity()];
        for (int i = 0; i < args.length; i++) args[i] = substitute(e.arg(i), base, values);
        return Expr.of(e.op(), args);
    }

    private boolean acceptable(double candidate, double reference) {
        return candidate <= reference * (1 + TOLERANCE) + absoluteTolerance;
    }

    double loss(Expr e) {
        return evaluator.loss(Program.compile(e), full, options.loss());
    }

    private Expr refit(Expr e) {
        if (e.constantCount() == 0) return e;
        if (fitRows == null) fitRows = full.evenlySpaced(FIT_ROWS);
        int[] tied = template == null ? null : template.parameters(e); // null: each constant free
        Expr fitted = e.withConstants(fitter.fit(e, fitRows, false, tied).constants());
        return loss(fitted) < loss(e) ? fitted : e;
    }

    /**
     * Snaps constants to simpler values while the loss stays within what noise explains, greedily: each round tries
     * every constant not yet snapped (the simplest of its values that passes) and keeps the snap that costs least;
     * the constants not yet snapped are refitted where the snap alone does not pass (without a template; a template's
     * tied constants are only snapped). Constants that are closed forms already stay as they are. The values tried
     * are those of {@link #snapCandidates}: a closed form within 1e-6, else {@code 0} (a term dropped), a simple
     * fraction within 0.1 % and, on at least {@value #WIDE_SNAP_ROWS} rows, a plain one within 1 %; last, where the
     * others are refitted, 1 (a scale the other constants absorb: numerator and denominator of a quotient). On noisy data a
     * fitted constant lies a noise-width off the true one ({@code 0.5002·Y/(σ + 1.0010)} at 1 % noise), and the
     * cheapest snap first ({@code a^1.50001} before {@code 365.07}) leaves the others free to absorb it. The loss
     * increase allowed over the start, for all snaps together, is 4/n of the loss (n rows: an F statistic up to 4), so
     * on noise-free data only values the data cannot tell from the fit are taken.
     */
    Expr snap(Expr e, double loss, long deadlineNanos) {
        e = dropRoundOff(e, loss);
        double limit = loss * (1 + 4.0 / full.rows()) + absoluteTolerance;
        boolean refit = template == null;
        double[] c = e.constants();
        boolean[] free = new boolean[c.length];
        // Constants that are closed forms already (the 1.5 of a^1.5 that simplification wrote) are neither snapped
        // nor refitted.
        for (int k = 0; k < c.length; k++) free[k] = ClosedForms.snap(c[k]).orElse(Double.NaN) != c[k];
        boolean zeroed = false;
        Expr current = e;
        while (System.nanoTime() < deadlineNanos) {
            int bestK = -1;
            Expr bestExpr = null;
            double bestLoss = Double.POSITIVE_INFINITY;
            for (int k = 0; k < c.length; k++) {
                if (!free[k]) continue;
                free[k] = false;
                List<Double> values = snapCandidates(c[k], e.maxVariable() >= 0, full.rows() >= WIDE_SNAP_ROWS);
                // A constant the others absorb: the 25.41 of 228.73/(25.41·x − 76.24), whose other constants become
                // 9 and 3 when it is 1 (a quotient is unchanged by scaling its numerator and denominator alike).
                // Tried last, from the other free constants divided by it (that scaling, exact for such a quotient).
                int absorbed = refit && anyTrue(free) && Math.abs(c[k]) != 1 && c[k] != 0 && !values.contains(1.0)
                        ? values.size() : -1;
                if (absorbed >= 0) values.add(1.0);
                for (int i = 0; i < values.size(); i++) {
                    double v = values.get(i);
                    double[] trial = c.clone();
                    if (i == absorbed) for (int j = 0; j < c.length; j++) if (free[j]) trial[j] = c[j] / c[k];
                    trial[k] = v;
                    Expr t = e.withConstants(trial);
                    double tl = loss(t);
                    if (refit && tl > limit && anyTrue(free)) {
                        if (fitRows == null) fitRows = full.evenlySpaced(FIT_ROWS);
                        Expr r = t.withConstants(fitter.fit(t, fitRows, false, free).constants());
                        double rl = loss(r);
                        if (rl < tl) {
                            t = r;
                            tl = rl;
                        }
                    }
                    if (tl <= limit) {
                        if (tl < bestLoss) {
                            bestK = k;
                            bestExpr = t;
                            bestLoss = tl;
                        }
                        break;
                    }
                }
                free[k] = true;
            }
            if (bestK < 0) break;
            zeroed |= bestExpr.constants()[bestK] == 0;
            free[bestK] = false;
            c = bestExpr.constants();
            current = bestExpr;
        }
        if (!zeroed) return current;
        Expr folded = canonicalizer.apply(current);
        return loss(folded) <= limit ? folded : current;
    }

    /**
     * The simpler values {@link #snap} tries for {@code c}, simplest first, none equal to {@code c}: its closed form
     * within 1e-6 if it has one; otherwise {@code 0} when {@code zero} (not in a formula without variables, which would
     * become the constant 0: on a few rows a mean may not differ significantly from zero, yet 0 is no model), then a
     * simple fraction ({@code |p| ≤ 100, q ≤ 12}) within 0.1 %, or when {@code wide} a plain one ({@code |p| ≤ 12,
     * q ≤ 4}: 3, 1/2, 3/4) within 1 %. Nearly every number lies within 1 % of some {@code p/q} with {@code q ≤ 12}, so
     * the wide window is kept to the plainest values and to data of at least {@value #WIDE_SNAP_ROWS} rows, where the
     * loss can tell a wrong one: on 30 rows with 10 % noise the ideal gas's fitted 8.81 became 35/4.
     */
    private static List<Double> snapCandidates(double c, boolean zero, boolean wide) {
        List<Double> out = new ArrayList<>(3);
        OptionalDouble close = ClosedForms.snap(c);
        if (close.isPresent()) {
            if (close.getAsDouble() != c) out.add(close.getAsDouble());
            return out;
        }
        if (zero) out.add(0.0);
        OptionalDouble near = ClosedForms.snap(c, 1e-3);
        if (near.isPresent() && simpleFraction(near.getAsDouble())) out.add(near.getAsDouble());
        if (wide) {
            OptionalDouble plain = ClosedForms.snap(c, 1e-2);
            if (plain.isPresent() && fraction(plain.getAsDouble(), 4, 12) && !out.contains(plain.getAsDouble())) {
                out.add(plain.getAsDouble());
            }
        }
        return out;
    }

    private static boolean anyTrue(boolean[] flags) {
        for (boolean f : flags) if (f) return true;
        return false;
    }

    /**
     * Sets constants below 1e-9 in magnitude to zero where the loss allows (the search leaves
     * round-off such as {@code x - 1.1e-16} behind) and folds the zeros away.
     */
    private Expr dropRoundOff(Expr e, double loss) {
        double[] c = e.constants();
        boolean changed = false;
        for (int k = 0; k < c.length; k++) {
            if (c[k] == 0 || Math.abs(c[k]) >= 1e-9) continue;
            double old = c[k];
            c[k] = 0;
            if (loss(e.withConstants(c)) <= loss * (1 + 4.0 / full.rows()) + absoluteTolerance) {
                changed = true;
            } else {
                c[k] = old;
            }
        }
        if (!changed) return e;
        Expr folded = canonicalizer.apply(e.withConstants(c));
        return loss(folded) <= loss * (1 + 4.0 / full.rows()) + absoluteTolerance ? folded : e.withConstants(c);
    }
}
