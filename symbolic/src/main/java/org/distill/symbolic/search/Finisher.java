package org.distill.symbolic.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.Equation;
import org.distill.symbolic.Op;
import org.distill.symbolic.SymbolicRegressor;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.eval.Evaluator;
import org.distill.symbolic.eval.Program;
import org.distill.symbolic.export.Symja;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.optimize.ConstantFitter;

/**
 * Turns the hall of fame into final equations: refits constants on all rows (up to
 * {@value #FIT_ROWS}), simplifies each with Symja (kept only if no more complex and no worse),
 * and snaps constants to short rationals or multiples of π when that does not worsen the loss.
 */
final class Finisher {
    static final int FIT_ROWS = 5000;
    /** Relative loss increase tolerated by simplification and snapping. */
    static final double TOLERANCE = 1e-6;

    private final SymbolicRegressor.Options options;
    private final Dataset data;
    private final Set<Op.Kind> allowed;
    private final Columns full;
    private final Evaluator evaluator = new Evaluator();
    private final ConstantFitter fitter = new ConstantFitter(evaluator, 100);
    private final double absoluteTolerance;
    private final Canonicalizer canonicalizer;
    /** Operators simplification may use: the search's, plus powers (a·√a reads better as a^1.5). */
    private final Set<Op.Kind> presentation;
    private Columns fitRows;

    Finisher(SymbolicRegressor.Options options, Dataset data, Set<Op.Kind> allowed) {
        this.options = options;
        this.data = data;
        this.allowed = allowed;
        this.full = data.columns();
        this.canonicalizer = new Canonicalizer(allowed);
        this.presentation = java.util.EnumSet.copyOf(allowed);
        presentation.add(Op.Kind.POW);
        double[] y = data.y();
        double mean = 0;
        for (double v : y) mean += v;
        mean /= y.length;
        double var = 0;
        for (double v : y) var += (v - mean) * (v - mean);
        var /= y.length;
        this.absoluteTolerance = 1e-14 * Math.max(var, mean * mean);
    }

    /** Starts Symja's cold start (about 2 s) on a background daemon thread. */
    void warmUp() {
        Thread t = new Thread(Symja::warmUp, "distill-symja-warmup");
        t.setDaemon(true);
        t.start();
    }

    List<Equation> finish(List<Expr> candidates) {
        List<Equation> out = new ArrayList<>();
        for (Expr e : candidates) {
            Expr refit = refit(e);
            double loss = loss(refit);
            out.add(new Equation(refit, data.variables(), loss, 0));
            if (options.simplify()) {
                Optional<Expr> s = simplify(refit);
                if (s.isPresent() && !s.get().equals(refit) && s.get().maxVariable() < data.features()) {
                    // Powers that only simplification introduced keep their exact exponents.
                    Expr simple = !allowed.contains(Op.Kind.POW) && hasPower(s.get()) ? s.get() : refit(s.get());
                    double sl = loss(simple);
                    if (simple.complexity() <= refit.complexity() && acceptable(sl, loss)) {
                        refit = simple;
                        loss = sl;
                        out.add(new Equation(refit, data.variables(), loss, 0));
                    }
                }
                Expr snapped = snap(refit, loss);
                if (snapped != refit) out.add(new Equation(snapped, data.variables(), loss(snapped), 0));
            }
        }
        return out;
    }

    /**
     * Symja simplification with the fitted constants as symbols: floating-point constants make
     * Symja's polynomial algebra slow or endless, and symbols let it merge structure (a·√a → a^(3/2))
     * without touching values. Small integers and halves stay numbers so that powers can combine.
     */
    private Optional<Expr> simplify(Expr e) {
        double[] values = e.constants();
        int base = data.features();
        int[] next = {0};
        Expr symbolic = symbolize(e, base, values, next);
        Optional<Expr> s = Symja.simplify(symbolic, presentation, options.simplifyTimeout());
        if (s.isEmpty() || (!allowed.contains(Op.Kind.POW) && hasFittedPower(s.get()))) return Optional.empty();
        return Optional.of(canonicalizer.apply(substitute(s.get(), base, values)));
    }

    private static boolean hasPower(Expr e) {
        if (e.isLeaf()) return false;
        if (e.op().kind() == Op.Kind.POW) return true;
        for (int i = 0; i < e.arity(); i++) if (hasPower(e.arg(i))) return true;
        return false;
    }

    /** A power whose exponent is not a plain number: only allowed if the user allowed {@code ^}. */
    private static boolean hasFittedPower(Expr e) {
        if (e.isLeaf()) return false;
        if (e.op().kind() == Op.Kind.POW && !e.arg(1).isConstant()) return true;
        for (int i = 0; i < e.arity(); i++) if (hasFittedPower(e.arg(i))) return true;
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

    private double loss(Expr e) {
        return evaluator.loss(Program.compile(e), full, options.loss());
    }

    private Expr refit(Expr e) {
        if (e.constantCount() == 0) return e;
        if (fitRows == null) {
            if (full.rows() <= FIT_ROWS) {
                fitRows = full;
            } else {
                int[] idx = new int[FIT_ROWS];
                for (int i = 0; i < FIT_ROWS; i++) idx[i] = (int) ((long) i * full.rows() / FIT_ROWS);
                fitRows = full.subset(idx);
            }
        }
        Expr fitted = e.withConstants(fitter.fit(e, fitRows, false).constants());
        return loss(fitted) < loss(e) ? fitted : e;
    }

    /** Snaps each constant in turn to a short closed form when the loss stays within tolerance. */
    private Expr snap(Expr e, double loss) {
        double[] c = e.constants();
        Expr current = e;
        for (int k = 0; k < c.length; k++) {
            OptionalDouble s = Symja.snap(c[k]);
            if (s.isEmpty() || s.getAsDouble() == c[k]) continue;
            double old = c[k];
            c[k] = s.getAsDouble();
            Expr trial = e.withConstants(c);
            if (acceptable(loss(trial), loss)) {
                current = trial;
            } else {
                c[k] = old;
            }
        }
        return current;
    }
}
