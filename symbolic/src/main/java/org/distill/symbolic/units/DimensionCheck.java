package org.distill.symbolic.units;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;

/**
 * Dimensional analysis of an expression over variables of known dimensions: infers each node's
 * dimension bottom-up and counts the nodes that break a rule.
 *
 * <ul>
 *   <li>{@code +} and {@code −} need equal dimensions;</li>
 *   <li>{@code exp log sin cos tan asin acos atan sinh cosh tanh} (and user-defined unary operators)
 *       need a dimensionless argument and give a dimensionless result; user-defined binary
 *       operators need dimensionless arguments;</li>
 *   <li>{@code ×}, {@code ÷}, {@code inv}, {@code square}, {@code cube}, {@code sqrt} combine
 *       exponents; {@code x^c} with a constant exponent scales them by the nearest fraction p/q
 *       (q ≤ 6, within 0.01 of c), and a dimensional base with any other exponent is a violation;
 *       the exponent itself must be dimensionless;</li>
 *   <li>constants are dimensionless, or <em>free</em>: a free constant takes whatever dimension makes
 *       its node consistent (PySR's {@code dimensionless_constants_only = false}), so that
 *       {@code c·x} may have any dimension;</li>
 *   <li>the result must have the target's dimension (when it is known).</li>
 * </ul>
 * After a violation the node counts as free, so that one mistake is counted once. With
 * {@code scaled}, the expression is scored as {@code a + b·e} (linear scaling): the offset
 * {@code a} has the target's dimension, and the factor {@code b} is a constant like the others
 * (free, or dimensionless); an explicit offset at the root ({@code e + c}), and a constant
 * expression alone (the best constant), are treated the same way.
 *
 * <p>Immutable and thread-safe.
 */
public final class DimensionCheck {
    private final Dimension[] variables;
    private final Dimension target;
    private final boolean dimensionlessConstants;

    private DimensionCheck(Dimension[] variables, Dimension target, boolean dimensionlessConstants) {
        this.variables = variables;
        this.target = target;
        this.dimensionlessConstants = dimensionlessConstants;
    }

    /**
     * A check for expressions over variables of these dimensions (in column order; a null entry
     * is an unknown dimension, treated as free).
     *
     * @param target                 the result's dimension, or null for any
     * @param dimensionlessConstants constants are pure numbers (true) or free (false)
     */
    public static DimensionCheck of(List<Dimension> variables, Dimension target, boolean dimensionlessConstants) {
        Objects.requireNonNull(variables, "variables");
        return new DimensionCheck(variables.toArray(new Dimension[0]), target, dimensionlessConstants);
    }

    /** The number of rule violations of {@code e} (0: dimensionally consistent). */
    public int violations(Expr e) {
        return violations(e, false);
    }

    /**
     * The number of rule violations of {@code e}; {@code scaled}: {@code e} stands for
     * {@code a + b·e} with fitted {@code a} and {@code b} (see the class comment).
     */
    public int violations(Expr e, boolean scaled) {
        int[] count = {0};
        Expr body = e;
        if (scaled && e.isConstantTree()) return 0; // the offset alone: the best constant
        if (scaled) body = withoutOffset(body);
        Dimension d = infer(body, count);
        if (scaled && !dimensionlessConstants) d = null; // the free factor b takes any dimension
        if (target != null && d != null && !d.equals(target)) count[0]++;
        return count[0];
    }

    /** Whether {@code e} has no violation. */
    public boolean consistent(Expr e) {
        return violations(e) == 0;
    }

    /**
     * The inferred dimension of {@code e}, or null when it is free (decided by a free constant) or
     * broken by a violation.
     */
    public Dimension dimension(Expr e) {
        return infer(e, new int[1]);
    }

    private static Expr withoutOffset(Expr e) {
        if (e.isLeaf() || e.arity() != 2) return e;
        Op.Kind k = e.op().kind();
        if (k == Op.Kind.ADD && e.arg(1).isConstantTree()) return e.arg(0);
        if (k == Op.Kind.ADD && e.arg(0).isConstantTree()) return e.arg(1);
        if (k == Op.Kind.SUB && e.arg(1).isConstantTree()) return e.arg(0);
        return e;
    }

    /** The node's dimension; null: free (or already counted as broken). */
    private Dimension infer(Expr e, int[] count) {
        if (e.isVariable()) {
            int i = e.variable();
            return i < variables.length ? variables[i] : null;
        }
        if (e.isConstant()) return dimensionlessConstants ? Dimension.NONE : null;
        Op op = e.op();
        if (op.arity() == 2) {
            Dimension a = infer(e.arg(0), count);
            if (op.kind() == Op.Kind.POW) return power(a, e.arg(1), count);
            Dimension b = infer(e.arg(1), count);
            switch (op.kind()) {
                case ADD, SUB -> {
                    if (a == null) return b;
                    if (b == null || a.equals(b)) return a;
                    count[0]++;
                    return null;
                }
                case MUL -> { return a == null || b == null ? null : a.times(b); }
                case DIV -> { return a == null || b == null ? null : a.divide(b); }
                default -> { // user binary operators: dimensionless in, dimensionless out
                    if (!dimensionless(a)) count[0]++;
                    if (!dimensionless(b)) count[0]++;
                    return Dimension.NONE;
                }
            }
        }
        Dimension a = infer(e.arg(0), count);
        return switch (op.kind()) {
            case NEG, ABS -> a;
            case SQUARE -> a == null ? null : a.pow(2, 1);
            case CUBE -> a == null ? null : a.pow(3, 1);
            case SQRT -> a == null ? null : a.pow(1, 2);
            case INV -> a == null ? null : a.pow(-1, 1);
            default -> { // exp, log, trigonometric and hyperbolic functions, user operators
                if (!dimensionless(a)) count[0]++;
                yield Dimension.NONE;
            }
        };
    }

    private Dimension power(Dimension base, Expr exponent, int[] count) {
        Dimension ed = infer(exponent, count);
        if (!dimensionless(ed)) {
            count[0]++;
            return null;
        }
        if (base == null || base.isDimensionless()) return base;
        if (!exponent.isConstantTree()) {
            count[0]++; // a dimensional base to a variable power
            return null;
        }
        double v = exponent.evaluate(new double[0]);
        long[] pq = fraction(v);
        if (pq == null) {
            count[0]++;
            return null;
        }
        return base.pow(pq[0], pq[1]);
    }

    private static boolean dimensionless(Dimension d) {
        return d == null || d.isDimensionless();
    }

    /** The fraction p/q (q ≤ 6) nearest to v when within 0.01 of it; null otherwise. */
    static long[] fraction(double v) {
        if (!Double.isFinite(v) || Math.abs(v) > 1000) return null;
        long[] best = null;
        double bestErr = 0.01;
        for (long q = 1; q <= 6; q++) {
            long p = Math.round(v * q);
            double err = Math.abs(v - (double) p / q);
            if (err <= bestErr && (best == null || err < bestErr - 1e-12)) {
                best = new long[] {p, q};
                bestErr = err;
            }
        }
        return best;
    }

    @Override public String toString() {
        return "DimensionCheck[variables " + Arrays.toString(variables) + ", target " + (target == null ? "any" : target)
                + ", constants " + (dimensionlessConstants ? "dimensionless" : "free") + "]";
    }
}
