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
    private Columns fitRows;

    Finisher(SymbolicRegressor.Options options, Dataset data, Set<Op.Kind> allowed) {
        this.options = options;
        this.data = data;
        this.allowed = allowed;
        this.full = data.columns();
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
                Optional<Expr> s = Symja.simplify(refit, allowed, options.simplifyTimeout());
                if (s.isPresent() && !s.get().equals(refit) && s.get().maxVariable() < data.features()) {
                    Expr simple = refit(s.get());
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
