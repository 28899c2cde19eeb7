package org.distill.symbolic.algebra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IInteger;

/**
 * Decides with Symja whether two expressions are equal, or equal up to an additive or a
 * multiplicative constant, under a timeout (see {@link SymjaEngine}).
 */
public final class SymbolicEquality {
    /** Default timeout of {@link #symbolicallyEqual(Expr, Expr, List)}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private SymbolicEquality() {}

    /**
     * Whether Symja simplifies {@code a - b} to zero within {@link #DEFAULT_TIMEOUT}; false on
     * timeout. {@code vars} names the variables (both expressions must use indices below its size).
     */
    public static boolean symbolicallyEqual(Expr a, Expr b, List<String> vars) {
        return symbolicallyEqual(a, b, vars, DEFAULT_TIMEOUT);
    }

    /** As {@link #symbolicallyEqual(Expr, Expr, List)} with an explicit timeout. */
    public static boolean symbolicallyEqual(Expr a, Expr b, List<String> vars, Duration timeout) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(vars, "vars");
        SymjaEngine.checkTimeout(timeout);
        int used = Math.max(a.maxVariable(), b.maxVariable()) + 1;
        if (used > vars.size()) {
            throw new IllegalArgumentException("expressions use " + used + " variables, vars has " + vars.size() + ": " + vars);
        }
        if (a.equals(b)) return true;
        try {
            int[] c = NumericCheck.compare(a, b);
            if (c[0] > 0 && c[1] * 10 > c[0]) return false; // numerically different: no need to ask Symja
            List<Op> userOps = new ArrayList<>();
            String input = "Simplify((" + SymjaConversion.toSymja(a, userOps) + ")-("
                    + SymjaConversion.toSymja(b, userOps) + "))";
            IExpr result = SymjaEngine.evaluate(input, timeout);
            return result != null && result.isZero();
        } catch (RuntimeException | StackOverflowError ex) {
            return false;
        }
    }

    /**
     * Whether {@code a} equals {@code b} up to an additive or a multiplicative constant, decided
     * symbolically (SRBench's "symbolic solution"): Symja simplifies {@code a − b} and then
     * {@code a / b} and asks whether the result is free of every variable; when plain
     * {@code Simplify} cannot show it, {@code FullSimplify} and {@code TrigToExp} get a try within
     * the same time budget, and finally the squared ratio (for roots). With {@code positiveVariables}
     * the same forms are then tried on the {@code PowerExpand}ed expressions ({@code Sqrt(x^2) = x},
     * {@code Log(x y) = Log(x) + Log(y)}), which is right when every variable is positive. User operators with a Symja template (e.g.
     * {@code ArcSin({0})}) take part; those without one are opaque functions.
     *
     * @param variables number of variables (both expressions must use indices below it)
     * @param timeout   wall-clock budget for all attempts together
     */
    public static Relation relation(Expr a, Expr b, int variables, boolean positiveVariables, Duration timeout) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        SymjaEngine.checkTimeout(timeout);
        int used = Math.max(a.maxVariable(), b.maxVariable()) + 1;
        if (used > variables) {
            throw new IllegalArgumentException("expressions use " + used + " variables, but variables = " + variables);
        }
        if (a.equals(b)) return Relation.EQUAL;
        List<Op> userOps = new ArrayList<>();
        String sa = SymjaConversion.toSymja(a, userOps), sb = SymjaConversion.toSymja(b, userOps);
        StringBuilder vars = new StringBuilder(); // an Alternatives pattern: FreeQ(r, {v0, v1}) looks for the list
        for (int i = 0; i < Math.max(variables, 1); i++) vars.append(i == 0 ? "" : "|").append('v').append(i);
        long deadline = System.nanoTime() + timeout.toNanos();
        String[] forms = {"Simplify(%s)", "FullSimplify(%s)", "Simplify(TrigToExp(%s))", "Simplify(Together(Expand(%s)))"};
        // Without PowerExpand first: it also splits Sqrt(x (y + z)) into Sqrt(x) Sqrt(y + z), which
        // can hide an equality that the plain forms see.
        for (int attempt = 0; attempt < (positiveVariables ? 2 * forms.length : forms.length); attempt++) {
            int f = attempt % forms.length;
            boolean expand = attempt >= forms.length;
            String form = forms[f];
            for (int kind = 0; kind < 2; kind++) {
                String inner = kind == 0 ? "(" + sa + ")-(" + sb + ")" : "(" + sa + ")/(" + sb + ")";
                if (f == forms.length - 1) {
                    // Last resort for roots: a constant squared ratio means a constant ratio (up to a
                    // sign that cannot change on a connected domain where neither side is zero), and
                    // Sqrt(x y + x z) vs Sqrt(x) Sqrt(y + z) only agree once squared.
                    if (kind == 0) continue;
                    inner = "(" + sa + ")^2/(" + sb + ")^2";
                }
                if (expand) inner = "PowerExpand(" + inner + ")";
                String input = "Module({r=" + form.formatted(inner) + "}, If(FreeQ(r," + vars
                        + "), If(PossibleZeroQ(r), 0, If(PossibleZeroQ(r-1), 1, 2)), 3))";
                long left = deadline - System.nanoTime();
                if (left <= 0) return Relation.NONE;
                IExpr result;
                try {
                    result = SymjaEngine.evaluate(input, Duration.ofNanos(left));
                } catch (RuntimeException | StackOverflowError e) {
                    result = null;
                }
                if (result == null || !result.isInteger()) continue;
                int code = ((IInteger) result).toIntDefault(3);
                if (kind == 0 && code == 0) return Relation.EQUAL;
                if (kind == 0 && code <= 2) return Relation.OFFSET;
                if (kind == 1 && code == 1) return Relation.EQUAL;
                if (kind == 1 && code == 2) return Relation.SCALE;
            }
        }
        return Relation.NONE;
    }
}
