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
    /** Significant digits of {@link #numericRelation}'s arithmetic. */
    public static final int NUMERIC_DIGITS = 50;
    /** {@link #numericRelation}'s tolerance: relative spread of the difference or the ratio. */
    public static final double NUMERIC_TOLERANCE = 1e-12;
    /** {@link #numericRelation} uses at most this many points, and needs at least {@value #MIN_POINTS}. */
    public static final int MAX_POINTS = 16;
    public static final int MIN_POINTS = 8;

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
        // Fitted constants go in as symbols v<variables>, v<variables + 1>, ... (see symbolised); their
        // values come back only into the variable-free result, to tell EQUAL from OFFSET and SCALE.
        List<Double> values = new ArrayList<>();
        String sa = SymjaConversion.toSymja(symbolised(a, variables, values), userOps);
        String sb = SymjaConversion.toSymja(symbolised(b, variables, values), userOps);
        StringBuilder rules = new StringBuilder("r");
        if (!values.isEmpty()) {
            rules.append("/.{");
            for (int k = 0; k < values.size(); k++) {
                rules.append(k == 0 ? "" : ",").append('v').append(variables + k).append("->")
                        .append(SymjaConversion.number(values.get(k)));
            }
            rules.append('}');
        }
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
                String input = "Module({r=" + form.formatted(inner) + ",s}, If(FreeQ(r," + vars
                        + "), s=" + rules + "; If(PossibleZeroQ(s), 0, If(PossibleZeroQ(s-1), 1, 2)), 3))";
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

    /**
     * {@code e} with every constant that is not a small fraction (|p| ≤ 10 000, q ≤ 100; such a
     * fraction times or over π counts as one) replaced by a new variable from index {@code first} on,
     * the same value by the same variable; {@code values} collects them in order. Symja reads a fitted
     * constant such as 0.348561072878 as an exact 12-digit fraction, and inside sums the polynomial GCD
     * that {@code Together} (and {@code Simplify}, {@code FullSimplify}, {@code PossibleZeroQ} through
     * it) uses blows up on such coefficients without ever checking Symja's stop request or the thread's
     * interrupt: in a Feynman run with candidate features such evaluations ran for hours on worker
     * threads after their callers had timed out, two to four of them taking both cores.
     */
    static Expr symbolised(Expr e, int first, List<Double> values) {
        if (e.isConstant()) {
            double c = e.value();
            if (smallFraction(c) || smallFraction(c / Math.PI) || smallFraction(c * Math.PI)) return e;
            int k = values.indexOf(c);
            if (k < 0) {
                k = values.size();
                values.add(c);
            }
            return Expr.variable(first + k);
        }
        if (e.op() == null) return e;
        Expr[] args = new Expr[e.op().arity()];
        boolean changed = false;
        for (int i = 0; i < args.length; i++) {
            args[i] = symbolised(e.arg(i), first, values);
            changed |= args[i] != e.arg(i);
        }
        return changed ? Expr.of(e.op(), args) : e;
    }

    private static boolean smallFraction(double v) {
        if (!Double.isFinite(v)) return false;
        for (int q = 1; q <= 100; q++) {
            double p = Math.rint(v * q);
            if (Math.abs(p) <= 10_000 && Math.abs(v * q - p) <= 1e-9 * Math.max(1, Math.abs(p))) return true;
        }
        return false;
    }

    /**
     * The numeric check for identities Symja cannot prove (half-angle forms such as
     * {@code (1 − cos nθ)/(1 − cos θ) = sin²(nθ/2)/sin²(θ/2)}): evaluates {@code a} and {@code b}
     * with {@value #NUMERIC_DIGITS} significant digits (Apfloat, the arithmetic of Symja's
     * {@code N(expr, digits)}; see {@code PreciseEvaluator}) at up to {@value #MAX_POINTS} of the given points,
     * each number entered as the exact value of its shortest decimal and {@code p/q·π} constants as
     * π to full precision. Points where {@code b} is not a finite real are skipped; a point where
     * {@code b} is and {@code a} is not makes the answer {@link Relation#NONE}. On at least
     * {@value #MIN_POINTS} points: {@link Relation#EQUAL} when {@code a − b} is within
     * {@value #NUMERIC_TOLERANCE} of the largest {@code |b|} at every point, or {@code a / b} within
     * that of 1; {@link Relation#OFFSET} when the difference is constant to that tolerance (relative
     * to the larger of {@code |b|} and the difference); {@link Relation#SCALE} when the ratio is
     * (relative to itself). The tolerance sits far above the error of 50-digit arithmetic rounded
     * to doubles (about 1e-16) and far below what a model that is not the law leaves. Not a proof:
     * a difference that vanished at every sampled point but not elsewhere would pass; choose points
     * spread over the variables' ranges.
     *
     * @param points points {@code [point][variable]}, with at least as many variables as the expressions use
     * @throws IllegalArgumentException when a point has fewer coordinates than the expressions' variables,
     *     or a coordinate that is not finite
     */
    public static Relation numericRelation(Expr a, Expr b, double[][] points) {
        return numeric(a, b, points, new boolean[1]);
    }

    /**
     * Whether the numeric check of {@link #numericRelation} rules out every relation: it found none on at
     * least {@value #MIN_POINTS} points where {@code b} is defined (or {@code a} was undefined where
     * {@code b} is not). An identity holds at every point, so Symja need not be asked then; that
     * matters because Symja's polynomial GCD, which ignores stop requests, can run for hours on the
     * near-identities that numerically refuted models often are ({@code cos(k·v/c)} forms of
     * {@code 1/√(1 − v²/c²)}).
     *
     * @see #numericRelation
     */
    public static boolean numericallyRefuted(Expr a, Expr b, double[][] points) {
        return numericVerdict(a, b, points).equals(java.util.Optional.of(Relation.NONE));
    }

    /**
     * {@link #numericRelation} when it is conclusive (a relation, or {@link Relation#NONE} as a
     * refutation, see {@link #numericallyRefuted}); empty when too few points decide anything.
     */
    public static java.util.Optional<Relation> numericVerdict(Expr a, Expr b, double[][] points) {
        boolean[] conclusive = new boolean[1];
        Relation r = numeric(a, b, points, conclusive);
        return conclusive[0] ? java.util.Optional.of(r) : java.util.Optional.empty();
    }

    /** {@link #numericRelation}; {@code conclusive[0]} says whether a NONE is a refutation. */
    private static Relation numeric(Expr a, Expr b, double[][] points, boolean[] conclusive) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(points, "points");
        int used = Math.max(a.maxVariable(), b.maxVariable()) + 1;
        int m = Math.min(points.length, MAX_POINTS);
        for (int i = 0; i < m; i++) {
            if (points[i].length < used) {
                throw new IllegalArgumentException("point " + i + " has " + points[i].length + " coordinates, the expressions use "
                        + used + " variables");
            }
            for (int j = 0; j < used; j++) {
                if (!Double.isFinite(points[i][j])) {
                    throw new IllegalArgumentException("point " + i + ", variable " + j + ": value must be finite: " + points[i][j]);
                }
            }
        }
        if (m < MIN_POINTS) return Relation.NONE;
        PreciseEvaluator precise = new PreciseEvaluator(NUMERIC_DIGITS);
        double[] d = new double[m], q = new double[m];
        int k = 0;
        boolean ratios = true;
        double scale = 0;
        for (int i = 0; i < m; i++) {
            org.apfloat.Apfloat bv = precise.evaluate(b, points[i]);
            if (bv == null) continue; // the truth is not defined here
            org.apfloat.Apfloat av = precise.evaluate(a, points[i]);
            if (av == null) { // b is defined, a is not
                conclusive[0] = true;
                return Relation.NONE;
            }
            double bd = bv.doubleValue();
            if (!Double.isFinite(bd)) continue;
            scale = Math.max(scale, Math.abs(bd));
            d[k] = av.subtract(bv).doubleValue();
            if (bv.signum() == 0) {
                ratios = false;
            } else {
                q[k] = av.divide(bv).doubleValue();
            }
            if (!Double.isFinite(d[k]) || (ratios && !Double.isFinite(q[k]))) return Relation.NONE;
            k++;
        }
        if (k < MIN_POINTS) return Relation.NONE;
        conclusive[0] = true;
        double dMax = 0, dSpread = 0, qSpread = 0;
        for (int i = 0; i < k; i++) {
            dMax = Math.max(dMax, Math.abs(d[i]));
            dSpread = Math.max(dSpread, Math.abs(d[i] - d[0]));
            if (ratios) qSpread = Math.max(qSpread, Math.abs(q[i] - q[0]));
        }
        if (dMax <= NUMERIC_TOLERANCE * scale) return Relation.EQUAL;
        if (ratios && Math.abs(q[0] - 1) <= NUMERIC_TOLERANCE && qSpread <= NUMERIC_TOLERANCE) return Relation.EQUAL;
        if (dSpread <= NUMERIC_TOLERANCE * Math.max(scale, Math.abs(d[0]))) return Relation.OFFSET;
        if (ratios && q[0] != 0 && qSpread <= NUMERIC_TOLERANCE * Math.abs(q[0])) return Relation.SCALE;
        return Relation.NONE;
    }
}
