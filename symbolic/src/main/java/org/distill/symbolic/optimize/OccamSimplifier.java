package org.distill.symbolic.optimize;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import org.distill.symbolic.algebra.ClosedForms;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.eval.Evaluator;
import org.distill.symbolic.eval.Loss;
import org.distill.symbolic.eval.Program;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;

/**
 * Occam's razor for a fitted formula: sets constants to simpler values and replaces sub-expressions by fitted
 * constants while the formula loses at most a given share of the target's variance (an R² budget). Meant for targets
 * whose error is systematic rather than random (the messages of a trained network): there a search keeps whatever
 * small distortion the network carries ({@code r − 0.988}, a weak {@code r²/m1} term, a mild factor of one
 * variable), and its own snapping, which tolerates only what random noise explains, keeps it too.
 *
 * <p>The rule, greedy. The free constants are refitted first (Levenberg–Marquardt); constants that are already
 * simple (an exact {@code p/q}, {@code q ≤ 12}, {@code |p| ≤ 1000}: the {@code 3} of {@code r^3}) stay as they are.
 * Then, as long as a step is accepted, every one of these trials is made, with the free constants refitted:
 * <ul>
 *   <li>a constant set to a simpler value ({@link #candidates}: {@code 0}, the nearest integer, the nearest half,
 *       {@link ClosedForms#snap(double, double)} at 1 %, or rounded to one or two significant digits, whichever is
 *       simpler than its value by {@link #rank}); it is then fixed, and may later be set simpler still;</li>
 *   <li>a sub-expression (other than the whole, a constant, or a protected variable) replaced by a free constant
 *       (started at its mean over the data).</li>
 * </ul>
 * The trial with the lowest mean squared error is kept if that error exceeds the starting one by at most
 * {@code budget × Var(y)}: the budget bounds the total loss of R², not each step's (on weighted data, the weighted
 * error and the weighted variance). Constants that multiply a
 * protected variable directly (the {@code c1} of {@code c1·dx}) are refitted but never snapped, and no trial may
 * remove the last occurrence of a protected variable or leave a formula constant on the rows (a factor set to 0): a
 * formula that fits the data badly (a singular law whose
 * network saturates) would otherwise lose less than the budget by becoming a constant.
 *
 * <p>Zeros and constant sub-expressions are left in the result: fold them with the algebra backend. Pure numerics, no
 * Symja; not thread-safe per call, but holds no state between calls.
 */
public final class OccamSimplifier {
    /** Rounds at most (each accepts one step). */
    static final int MAX_STEPS = 64;

    private OccamSimplifier() { }

    /**
     * What a simplification did.
     *
     * @param expression the simplified expression, constants refitted
     * @param startLoss  the mean squared error of the input with its free constants refitted
     * @param loss       the mean squared error of {@code expression}
     * @param steps      steps accepted (constants snapped plus sub-expressions replaced)
     */
    public record Result(Expr expression, double startLoss, double loss, int steps) {
        public Result {
            Objects.requireNonNull(expression, "expression");
        }
    }

    /**
     * Simplifies {@code e} on {@code data}.
     *
     * @param budget             share of the target's variance the formula may lose, in [0, 1]
     * @param protectedVariables variable indices that are never replaced, and whose direct coefficients are not snapped
     * @throws IllegalArgumentException when {@code budget} is out of range or {@code data} has no target
     */
    public static Result simplify(Expr e, Columns data, double budget, Set<Integer> protectedVariables) {
        Objects.requireNonNull(e, "e");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(protectedVariables, "protectedVariables");
        if (!(budget >= 0 && budget <= 1)) throw new IllegalArgumentException("budget must be in [0, 1]: " + budget);
        if (data.y() == null) throw new IllegalArgumentException("data has no target");
        var state = new State(data);
        boolean[] fixed = new boolean[e.constantCount()];
        double[] c0 = e.constants();
        for (int i = 0; i < c0.length; i++) fixed[i] = simple(c0[i]);
        Expr current = state.refit(e, fixed);
        double startLoss = state.loss(current);
        if (!Double.isFinite(startLoss)) return new Result(current, startLoss, startLoss, 0);
        double limit = startLoss + budget * data.variance();
        double currentLoss = startLoss;
        Set<Integer> kept = new java.util.HashSet<>();
        for (int v : protectedVariables) if (uses(e, v)) kept.add(v);
        int steps = 0;
        while (steps < MAX_STEPS) {
            Expr best = null;
            boolean[] bestFixed = null;
            double bestLoss = Double.POSITIVE_INFINITY;
            // 1. a free constant set to a simpler value
            double[] c = current.constants();
            boolean[] coefficient = coefficients(current, protectedVariables);
            for (int i = 0; i < c.length; i++) {
                if (coefficient[i]) continue;
                for (double value : candidates(c[i])) {
                    double[] trial = c.clone();
                    trial[i] = value;
                    boolean[] f = fixed.clone();
                    f[i] = true;
                    Expr t = state.refit(current.withConstants(trial), f);
                    if (!usesAll(t, kept) || (!kept.isEmpty() && !state.varies(t))) continue;
                    double l = state.loss(t);
                    if (l < bestLoss) { bestLoss = l; best = t; bestFixed = f; }
                }
            }
            // 2. a sub-expression replaced by a fitted constant
            for (int k = 1; k < current.size(); k++) {
                Expr node = current.node(k);
                if (node.isConstant() || (node.isVariable() && protectedVariables.contains(node.variable()))) continue;
                double mean = state.mean(node);
                if (!Double.isFinite(mean)) continue;
                Expr replaced = current.replace(k, Expr.constant(mean));
                if (!usesAll(replaced, kept)) continue;
                boolean[] f = fixedAfterReplacing(current, k, fixed);
                Expr t = state.refit(replaced, f);
                if (!kept.isEmpty() && !state.varies(t)) continue;
                double l = state.loss(t);
                if (l < bestLoss) { bestLoss = l; best = t; bestFixed = f; }
            }
            if (best == null || !(bestLoss <= limit)) break;
            current = best;
            fixed = bestFixed;
            currentLoss = bestLoss;
            steps++;
        }
        return new Result(current, startLoss, currentLoss, steps);
    }

    /** Whether {@code e} has every variable of {@code variables} in it. */
    private static boolean usesAll(Expr e, Set<Integer> variables) {
        for (int v : variables) if (!uses(e, v)) return false;
        return true;
    }

    private static boolean uses(Expr e, int variable) {
        for (int k = 0; k < e.size(); k++) {
            Expr node = e.node(k);
            if (node.isVariable() && node.variable() == variable) return true;
        }
        return false;
    }

    /** Whether {@code c} is already simple: an exact {@code p/q} with {@code q ≤ 12} and {@code |p| ≤ 1000}. */
    static boolean simple(double c) {
        for (int q = 1; q <= 12; q++) {
            double p = c * q;
            if (p == Math.rint(p) && Math.abs(p) <= 1000) return true;
        }
        return false;
    }

    /**
     * How simple a value is, lower simpler: 0 for zero, 1 an integer, 2 a half-integer, 3 another {@code p/q}
     * ({@link #simple}) or a closed form ({@link ClosedForms#snap(double)} at full precision), 4 and 5 one and two
     * significant digits, 6 anything else.
     */
    static int rank(double c) {
        if (c == 0) return 0;
        if (!Double.isFinite(c)) return 6;
        if (c == Math.rint(c) && Math.abs(c) <= 1e4) return 1;
        if (2 * c == Math.rint(2 * c) && Math.abs(c) <= 1e4) return 2;
        if (simple(c)) return 3;
        OptionalDouble closed = ClosedForms.snap(c);
        if (closed.isPresent() && closed.getAsDouble() == c) return 3;
        for (int digits = 1; digits <= 2; digits++)
            if (new BigDecimal(c).round(new MathContext(digits)).doubleValue() == c) return 3 + digits;
        return 6;
    }

    /**
     * The simpler values tried for {@code c}, without repeats: those of lower {@link #rank} among {@code 0}, the nearest
     * integer and half, a closed form at 1 % and {@code c} to one or two significant digits (so a constant set to
     * {@code 0.99} may later become {@code 1}).
     */
    static double[] candidates(double c) {
        List<Double> out = new ArrayList<>();
        out.add(0.0);
        if (Math.abs(c) <= 1e4) {
            out.add((double) Math.round(c));
            out.add(Math.round(2 * c) / 2.0);
        }
        OptionalDouble closed = ClosedForms.snap(c, 1e-2);
        if (closed.isPresent()) out.add(closed.getAsDouble());
        if (c != 0 && Double.isFinite(c))
            for (int digits = 1; digits <= 2; digits++)
                out.add(new BigDecimal(c).round(new MathContext(digits)).doubleValue());
        int rank = rank(c);
        return out.stream().filter(v -> rank(v) < rank).distinct().mapToDouble(Double::doubleValue).toArray();
    }

    /** Per constant (pre-order): whether it multiplies a protected variable directly. */
    static boolean[] coefficients(Expr e, Set<Integer> protectedVariables) {
        boolean[] out = new boolean[e.constantCount()];
        mark(e, protectedVariables, out, new int[1]);
        return out;
    }

    private static void mark(Expr e, Set<Integer> protectedVariables, boolean[] out, int[] next) {
        if (e.isConstant()) {
            next[0]++;
            return;
        }
        if (e.isLeaf()) return;
        boolean product = e.op() == Op.MUL && e.arity() == 2;
        for (int a = 0; a < e.arity(); a++) {
            Expr arg = e.arg(a);
            if (product && arg.isConstant()) {
                Expr other = e.arg(1 - a);
                if (other.isVariable() && protectedVariables.contains(other.variable())) out[next[0]] = true;
            }
            mark(arg, protectedVariables, out, next);
        }
    }

    /** The fixed flags after the sub-expression at node {@code k} is replaced by one free constant. */
    static boolean[] fixedAfterReplacing(Expr e, int k, boolean[] fixed) {
        int before = 0;
        for (int j = 1; j < k; j++) if (e.node(j).isConstant()) before++;
        if (e.isConstant()) before = 0;
        int inside = e.node(k).constantCount();
        boolean[] out = new boolean[fixed.length - inside + 1];
        System.arraycopy(fixed, 0, out, 0, before);
        out[before] = false;
        System.arraycopy(fixed, before + inside, out, before + 1, fixed.length - before - inside);
        return out;
    }


    /** The evaluator and fitter of one call. */
    private static final class State {
        final Columns data;
        final Evaluator evaluator = new Evaluator();
        final ConstantFitter fitter = new ConstantFitter(evaluator, 200);

        State(Columns data) { this.data = data; }

        double loss(Expr e) {
            double l = evaluator.loss(Program.compile(e), data, Loss.MSE);
            return Double.isNaN(l) ? Double.POSITIVE_INFINITY : l;
        }

        /** Whether {@code e} takes more than one value on the rows (a factor fitted to 0 makes it constant). */
        boolean varies(Expr e) {
            double[] v = evaluator.predict(Program.compile(e), data);
            for (int i = 1; i < data.rows(); i++) if (v[i] != v[0]) return true;
            return false;
        }

        double mean(Expr e) {
            double[] v = evaluator.predict(Program.compile(e), data);
            double s = 0;
            int n = 0;
            for (int i = 0; i < data.rows(); i++) if (Double.isFinite(v[i])) { s += v[i]; n++; }
            return n == 0 ? Double.NaN : s / n;
        }

        /** {@code e} with its constants not {@code fixed} refitted, or {@code e} when the fit does not lower the error. */
        Expr refit(Expr e, boolean[] fixed) {
            boolean[] free = new boolean[fixed.length];
            boolean any = false;
            for (int i = 0; i < fixed.length; i++) any |= free[i] = !fixed[i];
            if (!any) return e;
            Expr fitted = e.withConstants(fitter.fit(e, data, false, free).constants());
            return loss(fitted) <= loss(e) ? fitted : e;
        }
    }
}
